// The merge preview (engine/snapshot/preview.ts): accepting every item gives
// exactly today's merge (mergeSnapshots), each item's "after" applied to the
// local entries gives that merge's entries, rejecting every item leaves the
// local entries as they were, and a colleague's deletion of my entry is
// listed (and called out) rather than applied unseen.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { applyMergeChoices, canonicalJson, createSnapshot, mergeSnapshots, previewMerge, serializeSnapshot, type Snapshot } from '../../engine/snapshot/index.ts';
import type { ProgressEntry } from '../../engine/progress/schema.ts';
import { entriesArb, isoDay, isoTime, planArb } from '../fixtures/arbitraries.ts';

/** What a colleague does to a copy of my file: edits, deletions, new entries. */
const colleagueArb = fc.record({
  edits: fc.array(fc.record({ index: fc.nat(), updatedAt: isoTime, value: fc.integer({ min: 0, max: 1000 }), delete: fc.boolean(), author: fc.constantFrom('李四', '张三') }), { maxLength: 8 }),
  createdAt: isoTime,
});

function colleagueCopy(entries: ProgressEntry[], edits: { index: number; updatedAt: string; value: number; delete: boolean; author: string }[]): ProgressEntry[] {
  const out = entries.map((e) => ({ ...e }));
  for (const edit of edits) {
    if (!out.length) break;
    const i = edit.index % out.length;
    const e = out[i]!;
    out[i] = edit.delete ? { ...e, deleted: true, updatedAt: edit.updatedAt, author: edit.author } : e.kind === 'value' ? { ...e, value: edit.value, updatedAt: edit.updatedAt, author: edit.author } : { ...e, note: String(edit.value), updatedAt: edit.updatedAt, author: edit.author };
  }
  return out;
}

const caseArb = fc.tuple(planArb('pa'), planArb('pb')).chain(([a, b]) =>
  fc.record({
    plans: fc.constant([a, b]),
    mine: fc.tuple(entriesArb(a, 'm'), entriesArb(b, 'n')).map(([x, y]) => [...x, ...y]),
    theirsNew: entriesArb(a, 'c', 4),
    colleague: colleagueArb,
    asOf: isoDay,
    createdAt: isoTime,
  }),
);


type Case = typeof caseArb extends fc.Arbitrary<infer C> ? C : never;

function snapshots(c: Case): { local: Snapshot; incoming: Snapshot } {
  const local = createSnapshot({ plans: c.plans, entries: c.mine, asOf: c.asOf, appVersion: '0.1.0', createdAt: c.createdAt });
  const incoming = createSnapshot({ plans: c.plans, entries: [...colleagueCopy(c.mine, c.colleague.edits), ...c.theirsNew], asOf: c.asOf, appVersion: '0.1.0', createdAt: c.colleague.createdAt });
  return { local, incoming };
}

const byId = (list: ProgressEntry[]) => [...list].sort((x, y) => (x.id < y.id ? -1 : 1)).map(canonicalJson);

describe('merge preview', () => {
  it('accept-all equals mergeSnapshots exactly, and the items are exactly what changes', () => {
    fc.assert(
      fc.property(caseArb, (c) => {
        const { local, incoming } = snapshots(c);
        const merged = mergeSnapshots([local, incoming], { plans: c.plans });
        const preview = previewMerge(local, [incoming], { plans: c.plans });
        expect(serializeSnapshot(preview.acceptAll)).toBe(serializeSnapshot(merged.snapshot));
        expect(serializeSnapshot(applyMergeChoices(local, [incoming], new Set(), { plans: c.plans }))).toBe(serializeSnapshot(merged.snapshot));
        // Applying each item's "after" to my entries gives the merged entries: nothing changes unlisted.
        const mine = new Map(local.entries.map((e) => [e.id, e]));
        for (const item of preview.items) if (item.changesLocal) mine.set(item.id, item.after);
        expect(byId([...mine.values()])).toEqual(byId(merged.snapshot.entries));
        // Every listed change really changes something; deletions are of live local entries.
        for (const item of preview.items) {
          if (item.kind === 'new') expect(local.entries.some((e) => e.id === item.id)).toBe(false);
          if (item.kind === 'deleted') expect(item.before?.deleted).not.toBe(true);
          if (item.changesLocal && item.before) expect(canonicalJson(item.before)).not.toBe(canonicalJson(item.after));
        }
      }),
      { numRuns: 200 },
    );
  });

  it('rejecting every item leaves my entries exactly as they were', () => {
    fc.assert(
      fc.property(caseArb, (c) => {
        const { local, incoming } = snapshots(c);
        const preview = previewMerge(local, [incoming], { plans: c.plans });
        const kept = applyMergeChoices(local, [incoming], new Set(preview.items.map((i) => i.id)), { plans: c.plans });
        expect(byId(kept.entries)).toEqual(byId(local.entries));
      }),
      { numRuns: 150 },
    );
  });

  it("the issue's scenario: a colleague deletes one of my entries; the preview lists it as my entry deleted by them, and rejecting it keeps it", () => {
    const plan = fc.sample(planArb('p'), { numRuns: 1, seed: 7 })[0]!;
    const measure = plan.measures[0]!;
    const mine: ProgressEntry[] = Array.from({ length: 9 }, (_, i) => ({ id: `e${i}`, kind: 'status', planId: plan.id, measureId: measure.id, date: `2025-0${1 + (i % 9)}-01`, percent: 10 * i, updatedAt: `2025-06-0${1 + (i % 9)}T08:00:00.000Z` }));
    const local = createSnapshot({ plans: [plan], entries: mine, asOf: '2025-07-01', appVersion: '0.1.0', createdAt: '2025-07-01T08:00:00.000Z' });
    const theirs = mine.map((e) => (e.id === 'e8' ? { ...e, deleted: true, author: '李四', updatedAt: '2025-07-02T09:30:00.000Z' } : e));
    const incoming = createSnapshot({ plans: [plan], entries: theirs, asOf: '2025-07-02', appVersion: '0.1.0', createdAt: '2025-07-02T09:31:00.000Z' });
    const preview = previewMerge(local, [incoming], { plans: [plan] });
    expect(preview.items).toHaveLength(1);
    expect(preview.items[0]).toMatchObject({ id: 'e8', kind: 'deleted', mine: true, later: 'incoming', after: { author: '李四', updatedAt: '2025-07-02T09:30:00.000Z', deleted: true } });
    expect(preview.counts).toMatchObject({ deleted: 1, mineDeleted: 1, new: 0, changed: 0 });
    const kept = applyMergeChoices(local, [incoming], new Set(['e8']), { plans: [plan] });
    expect(kept.entries.find((e) => e.id === 'e8')?.deleted).toBeUndefined();
    const accepted = applyMergeChoices(local, [incoming], new Set(), { plans: [plan] });
    expect(accepted.entries.find((e) => e.id === 'e8')?.deleted).toBe(true);
  });
});
