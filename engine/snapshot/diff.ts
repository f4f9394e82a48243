// What moved between two snapshots: entries added, removed (or deleted) and
// changed, plans added and removed, and plan and measure scores that moved.
import type { ProgressEntry } from '../progress/schema.ts';
import { canonicalJson } from './io.ts';
import type { PlanRef, Snapshot } from './schema.ts';

export interface EntryChange {
  id: string;
  before: ProgressEntry;
  after: ProgressEntry;
  /** Fields whose values differ, sorted. */
  fields: string[];
}

/** One entry's change between the two snapshots, for listing entry by entry. */
export interface EntryDiffItem {
  id: string;
  /** added: only in B; removed: only in A; deleted/restored: a tombstone appeared/went; changed: other fields. */
  kind: 'added' | 'removed' | 'changed' | 'deleted' | 'restored';
  planId: string;
  measureId: string;
  before: ProgressEntry | null;
  after: ProgressEntry | null;
  fields: string[];
  /** Which side's version was edited later: 'after' (B), 'before' (A) or 'same-time'. */
  later: 'before' | 'after' | 'same-time' | null;
  /** Who made the later version and when (its author and updatedAt). */
  by: string | null;
  at: string | null;
}

export interface ScoreMove {
  planId: string;
  title: string;
  before: number | null;
  after: number | null;
  delta: number;
}

export interface MeasureMove {
  planId: string;
  measureId: string;
  before: { completion: number | null; status: string } | null;
  after: { completion: number | null; status: string } | null;
  delta: number;
}

export interface SnapshotDiff {
  asOf: { before: string; after: string };
  entries: { added: ProgressEntry[]; removed: ProgressEntry[]; changed: EntryChange[]; changes: EntryDiffItem[] };
  plans: { added: PlanRef[]; removed: PlanRef[] };
  scores: ScoreMove[];
  measures: MeasureMove[];
}

function round1(n: number): number {
  return Math.round(n * 10) / 10;
}

export function diffSnapshots(a: Snapshot, b: Snapshot): SnapshotDiff {
  const entriesA = new Map(a.entries.map((e) => [e.id, e]));
  const entriesB = new Map(b.entries.map((e) => [e.id, e]));
  const added = b.entries.filter((e) => !entriesA.has(e.id));
  const removed = a.entries.filter((e) => !entriesB.has(e.id));
  const changed: EntryChange[] = [];
  for (const after of b.entries) {
    const before = entriesA.get(after.id);
    if (!before || canonicalJson(before) === canonicalJson(after)) continue;
    const keys = new Set([...Object.keys(before), ...Object.keys(after)]);
    const fields = [...keys].filter((k) => canonicalJson((before as Record<string, unknown>)[k] ?? null) !== canonicalJson((after as Record<string, unknown>)[k] ?? null)).sort();
    changed.push({ id: after.id, before, after, fields });
  }

  const changes: EntryDiffItem[] = [];
  const whoWhen = (e: ProgressEntry) => ({ by: e.author ?? null, at: e.updatedAt });
  for (const e of added) changes.push({ id: e.id, kind: 'added', planId: e.planId, measureId: e.measureId, before: null, after: e, fields: [], later: null, ...whoWhen(e) });
  for (const e of removed) changes.push({ id: e.id, kind: 'removed', planId: e.planId, measureId: e.measureId, before: e, after: null, fields: [], later: null, by: null, at: null });
  for (const c of changed) {
    const ta = Date.parse(c.before.updatedAt);
    const tb = Date.parse(c.after.updatedAt);
    const later = ta === tb ? 'same-time' : tb > ta ? 'after' : 'before';
    const kind = c.after.deleted && !c.before.deleted ? 'deleted' : c.before.deleted && !c.after.deleted ? 'restored' : 'changed';
    changes.push({ id: c.id, kind, planId: c.after.planId, measureId: c.after.measureId, before: c.before, after: c.after, fields: c.fields, later, ...whoWhen(later === 'before' ? c.before : c.after) });
  }
  changes.sort((x, y) => (x.id < y.id ? -1 : x.id > y.id ? 1 : 0));

  const plansA = new Map(a.plans.map((p) => [p.id, p]));
  const plansB = new Map(b.plans.map((p) => [p.id, p]));
  const titleOf = (id: string) => plansB.get(id)?.title ?? plansA.get(id)?.title ?? id;

  const scoresA = new Map(a.scores.map((s) => [s.planId, s]));
  const scoresB = new Map(b.scores.map((s) => [s.planId, s]));
  const planIds = [...new Set([...scoresA.keys(), ...scoresB.keys()])].sort();
  const scores: ScoreMove[] = [];
  const measures: MeasureMove[] = [];
  for (const planId of planIds) {
    const sa = scoresA.get(planId);
    const sb = scoresB.get(planId);
    const before = sa?.score ?? null;
    const after = sb?.score ?? null;
    if (before !== after) scores.push({ planId, title: titleOf(planId), before, after, delta: round1((after ?? 0) - (before ?? 0)) });
    const ma = new Map((sa?.measures ?? []).map((m) => [m.id, m]));
    const mb = new Map((sb?.measures ?? []).map((m) => [m.id, m]));
    const ids = [...(sb?.measures ?? []).map((m) => m.id), ...(sa?.measures ?? []).map((m) => m.id).filter((id) => !mb.has(id))];
    for (const measureId of ids) {
      const x = ma.get(measureId);
      const y = mb.get(measureId);
      if (x && y && x.completion === y.completion && x.status === y.status) continue;
      measures.push({
        planId,
        measureId,
        before: x ? { completion: x.completion, status: x.status } : null,
        after: y ? { completion: y.completion, status: y.status } : null,
        delta: round1((y?.completion ?? 0) - (x?.completion ?? 0)),
      });
    }
  }
  measures.sort((x, y) => Math.abs(y.delta) - Math.abs(x.delta));

  return {
    asOf: { before: a.asOf, after: b.asOf },
    entries: { added, removed, changed, changes },
    plans: { added: b.plans.filter((p) => !plansA.has(p.id)), removed: a.plans.filter((p) => !plansB.has(p.id)) },
    scores,
    measures,
  };
}
