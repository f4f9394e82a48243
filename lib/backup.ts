// Snapshot export and import against the database. Import is all-or-nothing
// for a file that does not validate (nothing written, every problem listed
// with its path); a valid file is merged entry by entry — the later edit wins,
// tombstones included — and entries naming a plan, measure or target this
// browser does not have are refused one by one, each with its reason.
import { futureDateProblem, isFutureEdit } from '../engine/progress/dates.ts';
import { canonicalJson, createSnapshot, parseSnapshot, serializeSnapshot } from '../engine/snapshot/index.ts';
import type { Snapshot } from '../engine/snapshot/index.ts';
import type { Plan } from '../engine/types.ts';
import pkg from '../package.json';
import { historyRowOf, type PlanMeterDB, type PlanRecord, type EntryRecord, type SnapshotRecord } from './db.ts';
import { guardQuota, StoreError } from './store.ts';
import { keepUndo } from './undo.ts';
import { mergeCorrectionRecords, type CorrectionRecord } from '../engine/corrections/index.ts';

export const APP_VERSION: string = pkg.version;

function isoDay(d: Date): string {
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

/** Builds a snapshot of the given (default: tracked, and any with entries) plans with all their entries. */
export async function buildSnapshot(db: PlanMeterDB, planIds: string[] | undefined, now: Date): Promise<Snapshot> {
  let records: PlanRecord[];
  if (planIds?.length) records = (await db.plans.bulkGet(planIds)).filter(Boolean) as PlanRecord[];
  else {
    // Plans the user tracks, and any plan holding entries (an example plan someone entered progress on).
    const withEntries = new Set((await db.entries.orderBy('planId').uniqueKeys()).map(String));
    records = (await db.plans.toArray()).filter((r) => r.tracked === 1 || withEntries.has(r.id));
  }
  const ids = records.map((r) => r.id);
  const entries = ids.length ? await db.entries.where('planId').anyOf(ids).toArray() : [];
  // The user's corrections travel with the snapshot (all of them, undos included as tombstones).
  const corrections = await db.corrections.toArray();
  return createSnapshot({ plans: records.map((r) => r.plan), entries, asOf: isoDay(now), appVersion: APP_VERSION, createdAt: now.toISOString(), corrections });
}

export async function recordHistory(db: PlanMeterDB, snapshot: Snapshot, json: string, reason: SnapshotRecord['reason'], now: Date): Promise<void> {
  const scores: Record<string, number> = {};
  for (const s of snapshot.scores) scores[s.planId] = s.score;
  const row: SnapshotRecord = { id: `${reason}-${now.toISOString()}`, createdAt: now.toISOString(), reason, scores, json };
  await guardQuota(() =>
    db.transaction('rw', db.snapshots, db.history, async () => {
      await db.snapshots.put(row);
      await db.history.put(historyRowOf(row));
    }),
  );
}

export async function exportSnapshotJson(db: PlanMeterDB, planIds: string[] | undefined, now: Date): Promise<{ json: string; filename: string }> {
  const snapshot = await buildSnapshot(db, planIds, now);
  const json = serializeSnapshot(snapshot);
  // Export is the way out of a full disk: a history point that cannot be
  // saved must not stop the file from reaching the user.
  await recordHistory(db, snapshot, json, 'export', now).catch((error: unknown) => {
    if (!(error instanceof StoreError && error.code === 'quota')) throw error;
  });
  return { json, filename: `planmeter-snapshot-${isoDay(now)}.json` };
}

/**
 * Keeps one automatic history point per day (the score-over-time chart): the
 * day's point is replaced by the newer state. The background debounces calls.
 */
export async function maybeAutoSnapshot(db: PlanMeterDB, now: Date): Promise<void> {
  const snapshot = await buildSnapshot(db, undefined, now);
  const json = serializeSnapshot(snapshot);
  const today = isoDay(now);
  await guardQuota(() =>
    db.transaction('rw', db.snapshots, db.history, async () => {
      const todays = await db.history.where('day').equals(today).toArray();
      for (const h of todays) {
        if (h.reason !== 'auto') continue;
        await db.history.delete(h.id);
        await db.snapshots.delete(h.id);
      }
      // Files of automatic points are kept for two weeks (diffs); their scores stay in history for good.
      const cutoff = new Date(now.getTime() - AUTO_FILE_DAYS * 86_400_000).toISOString();
      const old = await db.snapshots.where('createdAt').below(cutoff).primaryKeys();
      await db.snapshots.bulkDelete(old.filter((id) => String(id).startsWith('auto-')));
    }),
  );
  await recordHistory(db, snapshot, json, 'auto', now);
}

/** Days an automatic snapshot file is kept. */
export const AUTO_FILE_DAYS = 14;

export interface ImportResult {
  accepted: number;
  rejected: number;
  plansAdded: number;
  warnings: string[];
  problems: { path: string; message: string }[];
  /** Entries the user chose not to take (from the preview). */
  declined?: number;
  /** The undo record of this import, when it changed anything. */
  undoId?: string;
}

export interface ImportOptions {
  /** Entry ids the user rejected in the preview: their local version stays. */
  reject?: readonly string[];
  /** What the history list calls this import (the file name). */
  label?: string;
}

/** Which local plan a snapshot's plan reference means: same id, else same fingerprint. */
export function resolvePlans(snapshot: Snapshot, local: PlanRecord[]): Map<string, PlanRecord> {
  const byId = new Map(local.map((r) => [r.id, r]));
  const byFp = new Map(local.map((r) => [r.fingerprint, r]));
  const out = new Map<string, PlanRecord>();
  for (const ref of snapshot.plans) {
    const hit = byId.get(ref.id) ?? (ref.fingerprint ? byFp.get(ref.fingerprint) : undefined);
    if (hit) out.set(ref.id, hit);
  }
  return out;
}

export function entryProblem(entry: EntryRecord, plan: Plan | undefined, correctedAway: ReadonlySet<string> = new Set()): string | null {
  if (!plan) return `plan ${entry.planId} is not in this browser (open the plan's page and track it, then import again)`;
  const measure = plan.measures.find((m) => m.id === entry.measureId);
  // An entry whose measure or target the user's corrections took away is kept (listed for reassignment), never refused.
  if (!measure) return correctedAway.has(entry.measureId) ? null : `plan ${plan.id} has no measure ${entry.measureId}`;
  if (entry.kind === 'value' && !measure.targets.some((t) => t.id === entry.targetId)) return correctedAway.has(entry.targetId) ? null : `measure ${entry.measureId} has no target ${entry.targetId}`;
  return null;
}

/** Measure and target ids that live corrections removed or merged away: entries on them are orphans to reassign, not errors. */
export function correctedAwayIds(records: readonly CorrectionRecord[]): Set<string> {
  const ids = new Set<string>();
  for (const r of records) {
    if (r.deleted) continue;
    const c = r.correction;
    if (c.op === 'remove-measure') ids.add(c.measure);
    else if (c.op === 'merge-measures') c.measures.forEach((id) => ids.add(id));
    else if (c.op === 'remove-target') ids.add(c.target);
  }
  return ids;
}

export async function importSnapshotJson(db: PlanMeterDB, json: string, dryRun: boolean, now: Date, options: ImportOptions = {}): Promise<ImportResult> {

  const parsed = parseSnapshot(json);
  if (!parsed.ok) return { accepted: 0, rejected: 0, plansAdded: 0, warnings: [], problems: parsed.problems };
  const { snapshot } = parsed;
  const warnings = parsed.warnings.map((w) => `${w.path}: ${w.message}`);
  const problems: { path: string; message: string }[] = [];
  let accepted = 0;
  let declined = 0;
  let undoId: string | undefined;
  const reject = new Set(options.reject ?? []);
  const historyId = `import-${now.toISOString()}`;
  const write = async () => {
    const plans = resolvePlans(snapshot, await db.plans.toArray());
    const away = correctedAwayIds(mergeCorrectionRecords(await db.corrections.toArray(), snapshot.corrections ?? []));
    const toPut: EntryRecord[] = [];
    const ids = snapshot.entries.map((e) => e.id);
    const existing = new Map((await db.entries.bulkGet(ids)).filter((e): e is EntryRecord => !!e).map((e) => [e.id, e]));
    snapshot.entries.forEach((entry, i) => {
      const local = plans.get(entry.planId);
      const problem = entryProblem({ ...entry, planId: local?.id ?? entry.planId }, local?.plan, away) ?? (entry.deleted ? null : futureDateProblem(entry.date, now));
      if (problem) {
        problems.push({ path: `entries[${i}]`, message: problem });
        return;
      }
      const mapped = { ...entry, planId: local!.id };
      const old = existing.get(entry.id);
      if (reject.has(entry.id)) {
        declined++;
        return;
      }
      accepted++;
      // Merge as engine/snapshot mergeSnapshots does: the later edit wins; a tie
      // goes to the larger canonical text, so the order of imports does not matter.
      // An edit time from a clock running ahead ranks below every real one (engine/progress/dates.ts).
      if (old) {
        const a = Date.parse(old.updatedAt) - (isFutureEdit(old.updatedAt, now) ? 1e15 : 0);
        const b = Date.parse(entry.updatedAt) - (isFutureEdit(entry.updatedAt, now) ? 1e15 : 0);
        if (a > b || (a === b && canonicalJson(old) >= canonicalJson(mapped))) return;
      }
      toPut.push(mapped);
    });
    if (!dryRun && toPut.length) await db.entries.bulkPut(toPut);
    // Corrections merge like entries: by id, the later edit wins, undo tombstones included.
    const incoming = snapshot.corrections ?? [];
    let correctionsBefore: Record<string, CorrectionRecord | null> = {};
    let correctionsAfter: Record<string, CorrectionRecord> = {};
    if (incoming.length) {
      const local = new Map((await db.corrections.bulkGet(incoming.map((c) => c.id))).filter((c): c is CorrectionRecord => !!c).map((c) => [c.id, c]));
      const merged = mergeCorrectionRecords([...local.values()], incoming).filter((c) => canonicalJson(c) !== canonicalJson(local.get(c.id) ?? null));
      if (!dryRun && merged.length) await db.corrections.bulkPut(merged);
      correctionsBefore = Object.fromEntries(merged.map((c) => [c.id, local.get(c.id) ?? null]));
      correctionsAfter = Object.fromEntries(merged.map((c) => [c.id, c]));
    }
    if (!dryRun && (toPut.length || Object.keys(correctionsAfter).length)) {
      // Every import can be undone from the history: the rows it replaced, byte for byte.
      undoId = historyId;
      await keepUndo(db, {
        id: undoId,
        kind: 'import',
        at: now.toISOString(),
        label: options.label ?? '',
        historyId,
        before: Object.fromEntries(toPut.map((e) => [e.id, existing.get(e.id) ?? null])),
        after: Object.fromEntries(toPut.map((e) => [e.id, e])),
        ...(Object.keys(correctionsAfter).length ? { corrections: { before: correctionsBefore, after: correctionsAfter } } : {}),
      });
    }
  };
  if (dryRun) await write();
  else await guardQuota(() => db.transaction('rw', [db.plans, db.entries, db.corrections, db.settings], write));
  const result: ImportResult = { accepted, rejected: problems.length, plansAdded: 0, warnings, problems, ...(declined ? { declined } : {}), ...(undoId ? { undoId } : {}) };
  if (!dryRun && accepted > 0) {
    const merged = await buildSnapshot(db, undefined, now);
    await recordHistory(db, merged, serializeSnapshot(merged), 'import', now);
  }
  return result;
}
