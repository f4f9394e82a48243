// Tracking a page whose title matches a stored plan but whose measures do not
// (a revised edition, a news page quoting four measures, a hostile page) must
// never replace the stored plan: it becomes a new edition beside it, and the
// stored plan keeps every measure and every entry's score. Entries whose
// measure is missing (a database from before this rule) stay listed and can
// be moved to a measure.
import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import type { PlanMeterDB } from '../../lib/db.ts';
import { editionId, liveEntriesOf } from '../../lib/store.ts';
import { orphanEntries, reassignEntry } from '../../engine/progress/orphans.ts';
import { scorePlan } from '../../engine/score/index.ts';
import type { Plan } from '../../engine/types.ts';
import { backgroundOn, NOW, seededDb } from '../fixtures/db-tools.ts';

const opened: PlanMeterDB[] = [];
afterEach(() => {
  for (const db of opened.splice(0)) db.close();
});

/** A page with the seed plan's title over four other measures (same id, different fingerprint). */
function sameTitleOtherList(plan: Plan): Plan {
  const measures = plan.measures.slice(0, 4).map((m, i) => ({ ...m, id: `m_other${i}`, text: `另一份清单第${i + 1}项`, title: `另一份清单第${i + 1}项`, targets: [] }));
  return { ...plan, fingerprint: 'fp_otherlist01', measures, sections: [] };
}

describe('plan.track with a same-titled page', () => {
  it('stores the other list as a new edition and leaves the stored plan and its scores alone', async () => {
    const { db, plan } = await seededDb();
    opened.push(db);
    const { send } = backgroundOn(db);
    const before = await db.plans.get(plan.id);
    const entries = await liveEntriesOf(db, plan.id);
    const scoreBefore = scorePlan(plan, entries, { asOf: '2025-09-01' }).score;
    expect(scoreBefore).toBeGreaterThan(0);
    const other = sameTitleOtherList(plan);
    expect(other.id).toBe(plan.id);

    const reply = await send('plan.track', { plan: other, url: 'https://news.example.gov.cn/quote.html' });
    expect(reply.ok).toBe(true);
    const newId = (reply.data as { planId: string }).planId;
    expect(newId).toBe(editionId(other));
    expect(newId).not.toBe(plan.id);

    // The stored plan is byte-for-byte what it was: 53 measures, its entries scored as before.
    expect(await db.plans.get(plan.id)).toEqual(before);
    expect((await db.plans.get(plan.id))!.plan.measures).toHaveLength(plan.measures.length);
    const view = (await send('score.get', { planId: plan.id })).data as { score: { score: number } };
    expect(view.score.score).toBe(scoreBefore);
    // The new edition is stored under its own id, with its own measures.
    const edition = (await db.plans.get(newId))!;
    expect(edition.plan.measures.map((m) => m.id)).toEqual(other.measures.map((m) => m.id));
    expect(edition.plan.id).toBe(newId);
    expect(await db.plans.count()).toBe(2);
    // Tracking the same page again finds that edition, and adds nothing.
    expect(((await send('plan.track', { plan: other, url: 'https://news.example.gov.cn/quote.html' })).data as { planId: string }).planId).toBe(newId);
    expect(await db.plans.count()).toBe(2);
    // And the original page still resolves to the original plan.
    expect(((await send('plan.track', { plan, url: 'x' })).data as { planId: string }).planId).toBe(plan.id);
  });
});

describe('entries whose measure is gone', () => {
  it('are listed, not dropped, and can be moved to a measure of the plan', async () => {
    const { db, plan } = await seededDb();
    opened.push(db);
    // A database from before editions: the plan record was overwritten by a four-measure list.
    const other = sameTitleOtherList(plan);
    await db.plans.update(plan.id, { plan: other, fingerprint: other.fingerprint });
    const entries = await liveEntriesOf(db, plan.id);
    const orphans = orphanEntries(other, entries);
    expect(orphans.map((o) => o.entry.id).sort()).toEqual(entries.map((e) => e.id).sort());
    expect(orphans.every((o) => o.reason === 'measure')).toBe(true);
    // Deleted entries and other plans' entries are not orphans of this plan.
    expect(orphanEntries(other, [{ ...entries[0]!, deleted: true }, { ...entries[0]!, planId: 'plan_else' }])).toEqual([]);
    // A number whose target is gone from a measure that is still there is an orphan too.
    const valueEntry = entries.find((e) => e.kind === 'value')!;
    expect(orphanEntries(plan, [{ ...valueEntry, targetId: 't_gone' } as never])).toEqual([{ entry: { ...valueEntry, targetId: 't_gone' }, reason: 'target' }]);

    // The user moves one (a status entry) to the plan's first measure.
    const { send } = backgroundOn(db);
    const status = entries.find((e) => e.kind === 'status')!;
    const moved = reassignEntry(status, other, other.measures[1]!.id, undefined, new Date(NOW.getTime() + 1000));
    expect((await send('entry.put', { entry: moved })).ok).toBe(true);
    const after = await liveEntriesOf(db, plan.id);
    expect(after.find((e) => e.id === status.id)!.measureId).toBe(other.measures[1]!.id);
    expect(orphanEntries(other, after).map((o) => o.entry.id)).not.toContain(status.id);
    expect(orphanEntries(other, after)).toHaveLength(entries.length - 1);
    // A number cannot be moved onto a measure that has no such target.
    expect(() => reassignEntry(valueEntry, other, other.measures[0]!.id, 't_none', NOW)).toThrow(/has no target t_none: choose one of its targets/u);
  });
});
