// Merging colleagues' snapshots into one.
//
// Entries are keyed by id. Of the versions of one entry, the one edited last
// (updatedAt) wins; deletions are tombstones and win the same way, so a merge
// never brings a deleted entry back. When two different versions carry the
// same updatedAt, the larger canonical JSON wins: an arbitrary rule, but the
// same whatever order the snapshots come in, so merge is commutative and
// associative, and merging a snapshot with itself changes nothing.
// Every entry that existed in more than one differing version is listed as a
// conflict, with the version kept and the ones set aside.
// An edit time more than a day ahead of the merge's clock (a colleague's
// clock a year fast) never beats a real one: such versions rank below every
// version with a possible time, and the conflict says so ('future-edit').
import type { Plan } from '../types.ts';
import type { ProgressEntry } from '../progress/schema.ts';
import { isFutureEdit } from '../progress/dates.ts';
import { scorePlans } from '../score/index.ts';
import { canonicalJson, compactScore } from './io.ts';
import { mergeCorrectionRecords } from '../corrections/io.ts';
import { SNAPSHOT_FORMAT, SNAPSHOT_VERSION, type PlanRef, type Snapshot, type SnapshotPlanScore } from './schema.ts';

export interface MergeConflict {
  kind: 'entry' | 'plan';
  id: string;
  /** 'later-edit': the kept version has the latest updatedAt; 'same-time': a tie broken deterministically; 'fingerprint': one plan id, different texts; 'future-edit': a version edited "in the future" (a wrong clock) was set aside for a real one. */
  reason: 'later-edit' | 'same-time' | 'fingerprint' | 'future-edit';
  kept: ProgressEntry | PlanRef;
  discarded: (ProgressEntry | PlanRef)[];
}

export interface MergeOptions {
  /** When given, scores are recomputed from the merged entries for these plans. */
  plans?: readonly Plan[];
  createdAt?: string;
  appVersion?: string;
  /** The merge's clock (default: now): edit times more than a day after it are a wrong clock's. */
  now?: Date;
}

/** Edit time for ranking: a time from a clock running ahead ranks below every possible one (and still by itself among such times). */
function time(entry: ProgressEntry, now: Date): number {
  const t = Date.parse(entry.updatedAt);
  return isFutureEdit(entry.updatedAt, now) ? t - FUTURE_PENALTY : t;
}
/** Larger than any span of real edit times, so a future time minus it is below all of them. */
const FUTURE_PENALTY = 1e15;

/** Total order on versions: later edit first, then larger canonical text. */
function newer<T>(a: { value: T; key: string; time: number }, b: { value: T; key: string; time: number }): boolean {
  // Stryker disable next-line EqualityOperator: the times differ where > is read, and equal keys are equal texts (the same version)
  return a.time !== b.time ? a.time > b.time : a.key > b.key;
}

function pickVersions<T>(versions: { value: T; key: string; time: number }[]): { kept: T; discarded: T[]; tie: boolean } {
  const distinct = new Map<string, { value: T; key: string; time: number }>();
  for (const v of versions) distinct.set(v.key, v);
  const list = [...distinct.values()];
  let best = list[0]!;
  for (const v of list) if (newer(v, best)) best = v;
  // Stryker disable next-line EqualityOperator: the keys are distinct (one version per key above)
  const discarded = list.filter((v) => v !== best).sort((a, b) => (a.key < b.key ? -1 : 1));
  return { kept: best.value, discarded: discarded.map((v) => v.value), tie: discarded.some((v) => v.time === best.time) };
}

function latestSnapshot(snapshots: readonly Snapshot[]): Snapshot {
  const keyed = snapshots.map((s) => ({ value: s, key: canonicalJson(s), time: Date.parse(s.createdAt) }));
  let best = keyed[0]!;
  for (const k of keyed) if (newer(k, best)) best = k;
  return best.value;
}

export function mergeSnapshots(snapshots: readonly Snapshot[], options: MergeOptions = {}): { snapshot: Snapshot; conflicts: MergeConflict[] } {
  if (snapshots.length === 0) throw new Error('mergeSnapshots needs at least one snapshot');
  const conflicts: MergeConflict[] = [];
  const now = options.now ?? new Date();

  const entryVersions = new Map<string, { value: ProgressEntry; key: string; time: number }[]>();
  for (const s of snapshots) {
    for (const e of s.entries) {
      const list = entryVersions.get(e.id) ?? [];
      list.push({ value: e, key: canonicalJson(e), time: time(e, now) });
      entryVersions.set(e.id, list);
    }
  }
  const entries: ProgressEntry[] = [];
  for (const id of [...entryVersions.keys()].sort()) {
    const { kept, discarded, tie } = pickVersions(entryVersions.get(id)!);
    entries.push(kept);
    const future = discarded.some((d) => isFutureEdit(d.updatedAt, now) && Date.parse(d.updatedAt) > Date.parse(kept.updatedAt));
    if (discarded.length) conflicts.push({ kind: 'entry', id, reason: future ? 'future-edit' : tie ? 'same-time' : 'later-edit', kept, discarded });
  }

  // Plans: a later snapshot's reference wins when one id has two fingerprints.
  const planVersions = new Map<string, { value: PlanRef; key: string; time: number }[]>();
  for (const s of snapshots) {
    for (const p of s.plans) {
      const list = planVersions.get(p.id) ?? [];
      list.push({ value: p, key: canonicalJson(p), time: Date.parse(s.createdAt) });
      planVersions.set(p.id, list);
    }
  }
  const plans: PlanRef[] = [];
  for (const id of [...planVersions.keys()].sort()) {
    const { kept, discarded } = pickVersions(planVersions.get(id)!);
    plans.push(kept);
    const differing = discarded.filter((d) => d.fingerprint !== kept.fingerprint);
    if (differing.length) conflicts.push({ kind: 'plan', id, reason: 'fingerprint', kept, discarded: differing });
  }

  const latest = latestSnapshot(snapshots);
  const asOf = snapshots.map((s) => s.asOf).sort().at(-1)!;
  let scores: SnapshotPlanScore[];
  const known = options.plans?.filter((p) => planVersions.has(p.id)).sort((a, b) => (a.id < b.id ? -1 : 1));
  if (known && known.length) {
    scores = scorePlans(known, entries, { asOf }).map((s, i) => compactScore(s, known[i]!));
  } else {
    // Without the plans nothing can be recomputed. A plan's score is kept only
    // when every snapshot listing the plan carries the very same score (then
    // it is still true of the merged entries); otherwise it would be stale and
    // is left out, for a PlanMeter that knows the plan to recompute.
    const byPlan = new Map<string, { key: string; score: SnapshotPlanScore } | null>();
    for (const s of snapshots) {
      const own = new Map(s.scores.map((sc) => [sc.planId, sc]));
      for (const p of s.plans) {
        const sc = own.get(p.id);
        const key = sc ? canonicalJson(sc) : '';
        const seen = byPlan.get(p.id);
        if (!sc || seen === null || (seen && seen.key !== key)) byPlan.set(p.id, null);
        else if (!seen) byPlan.set(p.id, { key, score: sc });
      }
    }
    scores = [...byPlan.values()].filter((v): v is { key: string; score: SnapshotPlanScore } => v !== null).map((v) => v.score).sort((a, b) => (a.planId < b.planId ? -1 : 1));
  }

  return {
    snapshot: {
      format: SNAPSHOT_FORMAT,
      version: SNAPSHOT_VERSION,
      appVersion: options.appVersion ?? latest.appVersion,
      createdAt: options.createdAt ?? latest.createdAt,
      asOf,
      plans,
      entries,
      scores,
      // Corrections merge like entries (by id, the later edit wins, undo is a tombstone).
      ...(snapshots.some((s) => s.corrections) ? { corrections: mergeCorrectionRecords(...snapshots.map((s) => s.corrections ?? [])) } : {}),
    },
    conflicts,
  };
}
