// A database written by schema version 1 (the fixture below is v1 exactly as
// released) must open under the current schema with every record intact.
import 'fake-indexeddb/auto';
import Dexie from 'dexie';
import { describe, expect, it } from 'vitest';
import { CURRENT_VERSION, PlanMeterDB } from '../../lib/db.ts';

const V1_STORES = {
  plans: 'id, fingerprint, tracked, addedAt, *measureKeys',
  entries: 'id, planId, measureId, date, updatedAt',
  settings: 'key',
  snapshots: 'id, createdAt',
};

function v1Entries(n: number) {
  return Array.from({ length: n }, (_, i) => ({
    id: `e${i}`,
    planId: i % 2 ? 'plan_a' : 'plan_b',
    measureId: `m${i % 7}`,
    kind: i % 3 ? ('value' as const) : ('status' as const),
    ...(i % 3 ? { targetId: `t${i % 5}`, value: i * 1.5 } : { milestone: '推进中' as const }),
    date: `2025-0${(i % 9) + 1}-15`,
    updatedAt: `2025-10-01T00:00:${String(i % 60).padStart(2, '0')}.000Z`,
    note: i === 3 ? '含"引号"与<标签>' : undefined,
  }));
}

describe('database upgrade', () => {
  it('opens a version-1 database under the current schema without losing entries', async () => {
    const name = `upgrade-${Math.random()}`;
    const old = new Dexie(name);
    old.version(1).stores(V1_STORES);
    const entries = v1Entries(500);
    await old.table('entries').bulkPut(entries);
    await old.table('plans').put({ id: 'plan_a', fingerprint: 'fp', title: '方案', tracked: 1, origin: 'seed', source: 's.txt', plan: { id: 'plan_a' }, measureKeys: ['k1', 'k2'], addedAt: '2025-01-01T00:00:00.000Z' });
    await old.table('settings').put({ key: 'settings', value: { language: 'en' } });
    await old.table('snapshots').put({ id: 's1', createdAt: '2025-09-01T00:00:00.000Z', reason: 'auto', scores: { plan_a: 40 }, json: '{}' });
    old.close();

    const db = new PlanMeterDB(name);
    await db.open();
    expect(db.verno).toBe(CURRENT_VERSION);
    expect(CURRENT_VERSION).toBeGreaterThan(1);
    const after = await db.entries.orderBy('id').toArray();
    expect(after).toHaveLength(entries.length);
    const byId = new Map(after.map((e) => [e.id, e]));
    for (const e of entries) expect(byId.get(e.id)).toEqual(JSON.parse(JSON.stringify(e)));
    // The index added in version 2 works on the upgraded rows.
    expect(await db.entries.where('targetId').equals('t1').count()).toBe(entries.filter((e) => (e as { targetId?: string }).targetId === "t1").length);
    expect(await db.entries.where('[planId+measureId]').equals(['plan_a', 'm1']).count()).toBe(
      entries.filter((e) => e.planId === 'plan_a' && e.measureId === 'm1').length,
    );
    expect((await db.plans.get('plan_a'))?.title).toBe('方案');
    expect(await db.plans.where('measureKeys').equals('k2').count()).toBe(1);
    expect((await db.settings.get('settings'))?.value).toEqual({ language: 'en' });
    expect((await db.snapshots.get('s1'))?.scores).toEqual({ plan_a: 40 });
    // Version 3's light tables are filled from the old rows.
    expect(await db.planIndex.toArray()).toEqual([{ id: 'plan_a', title: '方案', tracked: 1, origin: 'seed', source: 's.txt', measures: 0 }]);
    expect((await db.history.get('s1'))).toMatchObject({ reason: 'auto', scores: { plan_a: 40 }, day: '2025-09-01' });
    db.close();
  });

  it('creates a fresh database at the current version', async () => {
    const db = new PlanMeterDB(`fresh-${Math.random()}`);
    await db.open();
    expect(db.verno).toBe(CURRENT_VERSION);
    expect(db.tables.map((t) => t.name).sort()).toEqual(['corrections', 'entries', 'history', 'planIndex', 'plans', 'settings', 'snapshots']);
    db.close();
  });
});
