// Entries whose measure (or target) is not in the plan they name: left by a
// plan stored before editions were kept apart (a same-titled page replaced
// it), or by an import made against another text of the plan. They are never
// dropped: the dashboard lists them and lets the user move each one to a
// measure of the plan (lib: components/OrphanEntries.tsx).
import type { Plan } from '../types.ts';
import type { ProgressEntry } from './schema.ts';

export type OrphanReason = 'measure' | 'target';

/** Live entries of `plan` that no score can count, with why: their measure, or their target, is missing. */
export function orphanEntries<E extends ProgressEntry>(plan: Plan, entries: readonly E[]): { entry: E; reason: OrphanReason }[] {
  const measures = new Map(plan.measures.map((m) => [m.id, m]));
  const out: { entry: E; reason: OrphanReason }[] = [];
  for (const entry of entries) {
    if (entry.deleted || entry.planId !== plan.id) continue;
    const measure = measures.get(entry.measureId);
    if (!measure) out.push({ entry, reason: 'measure' });
    else if (entry.kind === 'value' && !measure.targets.some((t) => t.id === entry.targetId)) out.push({ entry, reason: 'target' });
  }
  return out;
}

/**
 * The entry moved to another measure (and target, for a number): same id, so
 * it replaces the orphan; a later edit time, so it wins any merge.
 */
export function reassignEntry<E extends ProgressEntry>(entry: E, plan: Plan, measureId: string, targetId: string | undefined, now: Date): ProgressEntry {
  const measure = plan.measures.find((m) => m.id === measureId);
  if (!measure) throw new Error(`plan ${plan.id} has no measure ${measureId}`);
  const updatedAt = now.toISOString();
  if (entry.kind === 'value') {
    const target = measure.targets.find((t) => t.id === targetId);
    if (target) return { ...entry, measureId, targetId: target.id, updatedAt };
    // A number moved to a measure without numeric targets cannot be scored as a number: kept as a note on a status entry would lose it, so refuse.
    throw new Error(`measure ${measureId} has no target ${targetId ?? '(none given)'}: choose one of its targets`);
  }
  return { ...entry, measureId, updatedAt };
}
