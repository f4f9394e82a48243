// Reads and writes of the extension database. Every write is one Dexie
// transaction and every record is validated before it is written, so a bad
// message or file can be refused without leaving anything half-written.
import '../engine/zod-english.ts';
import { measureKey } from './keys.ts';
import { ProgressEntry } from '../engine/progress/schema.ts';
import { Settings } from './settings-schema.ts';
import type { StoreErrorCode } from './error-codes.ts';
import { futureDateProblem, isFutureEdit } from '../engine/progress/dates.ts';
import type { Plan } from '../engine/types.ts';
import { indexRowOf, isQuotaError, type PlanMeterDB, type PlanRecord, type EntryRecord, type PlanIndexRecord } from './db.ts';

export { measureKey };

export function measureKeysOf(plan: Plan): string[] {
  return [...new Set(plan.measures.map((m) => measureKey(m.text)))];
}

export class StoreError extends Error {
  constructor(
    readonly code: StoreErrorCode,
    message: string,
    readonly path = '',
  ) {
    super(message);
    this.name = 'StoreError';
  }
}

/**
 * The stored plan that is the same as a plan read on a page: same fingerprint,
 * or at least half of the page plan's measures found in it (pages re-flow,
 * drop or add a measure; the URL is not used: plans are reposted elsewhere).
 */
export async function findStoredPlan(db: PlanMeterDB, plan: Pick<Plan, 'fingerprint'>, keys: string[]): Promise<{ record: PlanRecord; overlap: number } | null> {
  const exact = await db.plans.where('fingerprint').equals(plan.fingerprint).first();
  if (exact) return { record: exact, overlap: 1 };
  if (keys.length === 0) return null;
  const hits = new Map<string, number>();
  const candidates = await db.plans.where('measureKeys').anyOf(keys).primaryKeys();
  for (const id of candidates) hits.set(id, (hits.get(id) ?? 0) + 1);
  // anyOf on a multiEntry index returns each record once per matching key only
  // in some engines, so count overlap from the records themselves.
  let best: { record: PlanRecord; overlap: number } | null = null;
  const wanted = new Set(keys);
  for (const id of hits.keys()) {
    const record = await db.plans.get(id);
    if (!record) continue;
    const shared = record.measureKeys.filter((k) => wanted.has(k)).length;
    const overlap = shared / Math.max(1, Math.min(keys.length, record.measureKeys.length));
    if (overlap >= 0.5 && (!best || overlap > best.overlap)) best = { record, overlap };
  }
  return best;
}

export function planRecord(plan: Plan, origin: PlanRecord['origin'], source: string, tracked: boolean, now = new Date()): PlanRecord {
  return {
    id: plan.id,
    fingerprint: plan.fingerprint,
    title: plan.title,
    tracked: tracked ? 1 : 0,
    origin,
    source,
    plan,
    measureKeys: measureKeysOf(plan),
    addedAt: now.toISOString(),
  };
}

/** The id a new edition of a plan gets when its own id (from its title) already names a different text. */
export function editionId(plan: Pick<Plan, 'id' | 'fingerprint'>): string {
  return `${plan.id}~${plan.fingerprint.replace(/^[^_]*_/u, '').slice(0, 12)}`;
}

/**
 * Stores a plan. A stored plan is never replaced by a different one: plan ids
 * come from titles, and a revised edition, a news page quoting the plan or a
 * hostile page can carry the same title over another list of measures. Such
 * a plan is stored beside the old one as a new edition (`editionId`), and the
 * old plan keeps its measures and every entry made against them. The same
 * text again (same fingerprint) updates the record and keeps its addedAt.
 */
export async function savePlan(db: PlanMeterDB, record: PlanRecord): Promise<PlanRecord> {
  return guardQuota(() =>
    db.transaction('rw', db.plans, db.planIndex, async () => {
      let incoming = record;
      let old = await db.plans.get(incoming.id);
      if (old && old.fingerprint !== incoming.fingerprint) {
        const id = editionId(incoming);
        incoming = { ...incoming, id, plan: { ...incoming.plan, id } };
        old = await db.plans.get(id);
        if (old && old.fingerprint !== incoming.fingerprint) throw new StoreError('invalid', `plan ${record.id}: an edition ${id} with another text is already stored; nothing was changed`, 'planId');
      }
      const next = old ? { ...incoming, addedAt: old.addedAt } : incoming;
      await db.plans.put(next);
      await db.planIndex.put(indexRowOf(next));
      return next;
    }),
  );
}

export async function setTracked(db: PlanMeterDB, planId: string, tracked: boolean): Promise<void> {
  await guardQuota(() =>
    db.transaction('rw', db.plans, db.planIndex, async () => {
      const record = await db.plans.get(planId);
      if (!record) throw new StoreError('unknown_plan', `no plan with id ${planId}`, 'planId');
      const next = { ...record, tracked: tracked ? (1 as const) : (0 as const) };
      await db.plans.put(next);
      await db.planIndex.put(indexRowOf(next));
    }),
  );
}

/** Issues of a zod error as "path: message" lines. */
export function describeIssues(error: { issues: readonly { path: readonly PropertyKey[]; message: string }[] }): { path: string; message: string }[] {
  return error.issues.map((i) => ({ path: i.path.map(String).join('.'), message: i.message }));
}

/**
 * Adds or replaces one entry. It must validate, name a stored plan and one of
 * its measures (and targets, for values); otherwise nothing is written.
 */
export async function putEntry(db: PlanMeterDB, input: unknown, now = new Date()): Promise<EntryRecord> {
  const parsed = ProgressEntry.safeParse(input);
  if (!parsed.success) {
    const first = describeIssues(parsed.error)[0];
    throw new StoreError('invalid', `entry ${first?.path || ''}: ${first?.message ?? 'invalid'}`.trim(), first?.path ?? '');
  }
  const entry = parsed.data;
  // A progress date after tomorrow, or an edit time ahead of this computer's
  // clock, is refused (engine/progress/dates.ts): either would win over real
  // entries for ever.
  const ahead = entry.deleted ? null : futureDateProblem(entry.date, now);
  if (ahead) throw new StoreError('invalid', `entry date: ${ahead}`, 'date');
  if (isFutureEdit(entry.updatedAt, now)) throw new StoreError('invalid', `entry updatedAt: edit time ${entry.updatedAt} is ahead of this computer's clock (${now.toISOString()}); check the clock`, 'updatedAt');
  return guardQuota(() =>
    db.transaction('rw', db.plans, db.entries, async () => {
      const record = await db.plans.get(entry.planId);
      if (!record) throw new StoreError('unknown_plan', `no plan with id ${entry.planId}`, 'planId');
      const measure = record.plan.measures.find((m) => m.id === entry.measureId);
      if (!measure) throw new StoreError('unknown_measure', `plan ${entry.planId} has no measure ${entry.measureId}`, 'measureId');
      if (entry.kind === 'value' && !measure.targets.some((t) => t.id === entry.targetId)) {
        throw new StoreError('unknown_measure', `measure ${entry.measureId} has no target ${entry.targetId}`, 'targetId');
      }
      // Two views saving one entry at once: the later edit wins, whichever
      // message arrives last (the merge rule), so a stale view cannot undo a
      // newer edit or a deletion. The reply carries what is kept.
      const old = await db.entries.get(entry.id);
      // A stored version with an edit time from a clock running ahead never wins over a real edit.
      if (old && Date.parse(old.updatedAt) > Date.parse(entry.updatedAt) && !isFutureEdit(old.updatedAt, now)) return old;
      await db.entries.put(entry);
      return entry;
    }),
  );
}

/**
 * The plan list, from the light index (read-only: usable inside a liveQuery).
 * Plans written around lib/store.ts (a raw import, an older version) are
 * noticed by count and listed from the full records until reindexPlans runs.
 */
export async function listPlans(db: PlanMeterDB): Promise<PlanIndexRecord[]> {
  const [rows, count] = await Promise.all([db.planIndex.toArray(), db.plans.count()]);
  if (rows.length === count) return rows;
  const all: PlanIndexRecord[] = [];
  await db.plans.each((r) => void all.push(indexRowOf(r)));
  return all;
}

/** Rebuilds the plan index when it does not match the plans table. */
export async function reindexPlans(db: PlanMeterDB): Promise<void> {
  if ((await db.planIndex.count()) === (await db.plans.count())) return;
  await guardQuota(() =>
    db.transaction('rw', db.plans, db.planIndex, async () => {
      const rows: PlanIndexRecord[] = [];
      await db.plans.each((r) => void rows.push(indexRowOf(r)));
      await db.planIndex.clear();
      await db.planIndex.bulkPut(rows);
    }),
  );
}

/** Marks an entry deleted (a tombstone, so a merge does not bring it back). */
export async function deleteEntry(db: PlanMeterDB, id: string, now = new Date()): Promise<void> {
  await guardQuota(() =>
    db.transaction('rw', db.entries, async () => {
      const old = await db.entries.get(id);
      if (!old) throw new StoreError('not_found', `no entry with id ${id}`, 'id');
      await db.entries.put({ ...old, deleted: true, updatedAt: now.toISOString() });
    }),
  );
}

/** Entries of a plan that are not deleted, oldest first. */
export async function liveEntriesOf(db: PlanMeterDB, planId: string): Promise<EntryRecord[]> {
  const all = await db.entries.where('planId').equals(planId).toArray();
  return all.filter((e) => !e.deleted).sort((a, b) => (a.date + a.updatedAt).localeCompare(b.date + b.updatedAt));
}

// ---- settings ----

export { Settings };

export async function getSettings(db: PlanMeterDB): Promise<Settings> {
  const row = await db.settings.get('settings');
  const parsed = Settings.safeParse(row?.value ?? {});
  return parsed.success ? parsed.data : Settings.parse({});
}

export async function saveSettings(db: PlanMeterDB, input: unknown): Promise<Settings> {
  const parsed = Settings.safeParse(input);
  if (!parsed.success) {
    const first = describeIssues(parsed.error)[0];
    throw new StoreError('invalid', `settings ${first?.path}: ${first?.message}`, first?.path ?? '');
  }
  await guardQuota(() => db.transaction('rw', db.settings, () => db.settings.put({ key: 'settings', value: parsed.data })));
  return parsed.data;
}

/** Runs a write; a full disk becomes a StoreError('quota') the UI can show with an export button. */
export async function guardQuota<T>(write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (error) {
    if (isQuotaError(error)) throw new StoreError('quota', 'storage is full: export a snapshot, then free space');
    throw error;
  }
}
