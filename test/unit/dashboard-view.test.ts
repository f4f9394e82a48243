// The dashboard's first view (lib/dashboard-view.ts), read before its first
// render, is what the live views would read: the same settings, plan list,
// plan shown, entries (deleted ones left out) and history. And the live hook's
// equality (hooks/live.ts), which keeps a value when a query answers the same.
import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { loadFirstView, readHistory, shownPlanId } from '../../lib/dashboard-view.ts';
import { deleteEntry, getSettings, listPlans, liveEntriesOf, planRecord, savePlan, setTracked } from '../../lib/store.ts';
import type { PlanMeterDB } from '../../lib/db.ts';
import { sameData } from '../../hooks/live.ts';
import { NOW, seededDb } from '../fixtures/db-tools.ts';

const opened: PlanMeterDB[] = [];
afterEach(() => {
  for (const db of opened.splice(0)) db.close();
});

describe('loadFirstView', () => {
  it('reads the plan named in the address with its live entries, as the views would', async () => {
    const { db, plan } = await seededDb();
    opened.push(db);
    await deleteEntry(db, 'local-1');
    const first = await loadFirstView(db, plan.id);
    expect(first.planId).toBe(plan.id);
    expect(first.record).toEqual(await db.plans.get(plan.id));
    expect(first.entries).toEqual(await liveEntriesOf(db, plan.id));
    expect(first.entries.map((e) => e.id)).not.toContain('local-1');
    expect(first.entries).toHaveLength(3);
    expect(first.plans).toEqual(await listPlans(db));
    expect(first.settings).toEqual(await getSettings(db));
    expect(first.history).toEqual(await readHistory(db));
  });

  it('without ?plan= shows the first tracked plan, and nothing when none is tracked', async () => {
    const { db, plan } = await seededDb();
    opened.push(db);
    const other = { ...plan, id: 'p-untracked', fingerprint: 'f-untracked', title: '另一方案' };
    await savePlan(db, planRecord(other, 'import', 'x', false, NOW));
    expect((await loadFirstView(db, null)).planId).toBe(plan.id);
    await setTracked(db, plan.id, false);
    const none = await loadFirstView(db, null);
    expect(none.planId).toBeNull();
    expect(none.record).toBeUndefined();
    expect(none.entries).toEqual([]);
    expect(none.plans.map((p) => p.id).sort()).toEqual([plan.id, 'p-untracked'].sort());
  });

  it('a plan the address names that is not stored reads as no record', async () => {
    const { db } = await seededDb();
    opened.push(db);
    const first = await loadFirstView(db, 'no-such-plan');
    expect(first.planId).toBe('no-such-plan');
    expect(first.record).toBeUndefined();
    expect(first.entries).toEqual([]);
  });
});

describe('shownPlanId', () => {
  const row = (id: string, tracked: 0 | 1) => ({ id, title: id, tracked, origin: 'import' as const, source: '', measures: 1 });
  it('prefers the address, then the first tracked plan, never an untracked one', () => {
    expect(shownPlanId('b', [row('a', 1)])).toBe('b');
    expect(shownPlanId(null, [row('a', 0), row('b', 1), row('c', 1)])).toBe('b');
    expect(shownPlanId(null, [row('a', 0)])).toBeNull();
  });
});

describe('sameData', () => {
  it('compares rows by value, keys in any order', () => {
    expect(sameData({ a: 1, b: [1, { c: 'x' }] }, { b: [1, { c: 'x' }], a: 1 })).toBe(true);
    expect(sameData([], [])).toBe(true);
    expect(sameData(undefined, undefined)).toBe(true);
  });
  it('tells apart any changed value, length, key or type', () => {
    expect(sameData({ a: 1 }, { a: 2 })).toBe(false);
    expect(sameData({ a: 1 }, { a: 1, b: undefined })).toBe(false);
    expect(sameData({ a: undefined }, { b: undefined })).toBe(false);
    expect(sameData([1, 2], [1, 2, 3])).toBe(false);
    expect(sameData([1], { 0: 1 })).toBe(false);
    expect(sameData({ v: '1' }, { v: 1 })).toBe(false);
    expect(sameData(null, {})).toBe(false);
    expect(sameData(undefined, [])).toBe(false);
    // Not plain data: equal only when the same object.
    expect(sameData(new Date(0), new Date(0))).toBe(false);
  });
});
