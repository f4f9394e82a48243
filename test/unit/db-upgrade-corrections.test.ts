// Version 4 adds the `corrections` table. A version-3 database (tables as
// released) must open under it with every row of every table intact, and the
// new table must take and find corrections by fingerprint and by URL.
import 'fake-indexeddb/auto';
import Dexie from 'dexie';
import { describe, expect, it } from 'vitest';
import { CURRENT_VERSION, PlanMeterDB, SCHEMA_V3 } from '../../lib/db.ts';
import { CorrectionRecordSchema } from '../../engine/corrections/index.ts';

describe('database upgrade to version 4 (corrections)', () => {
  it('opens a version-3 database with every row intact and an empty, working corrections table', async () => {
    const name = `upgrade-v3-${Math.random()}`;
    const old = new Dexie(name);
    old.version(3).stores(SCHEMA_V3);
    await old.open();
    const rows: Record<string, unknown[]> = {
      plans: [{ id: 'plan_a', fingerprint: 'fp_a', title: '方案', tracked: 1, origin: 'page', source: 'https://x.gov.cn/a.html', plan: { id: 'plan_a', measures: [] }, measureKeys: ['k1'], addedAt: '2025-01-01T00:00:00.000Z' }],
      entries: Array.from({ length: 50 }, (_, i) => ({ id: `e${i}`, planId: 'plan_a', measureId: `m${i % 5}`, kind: 'status', percent: i, date: '2025-03-01', updatedAt: '2025-03-01T00:00:00.000Z' })),
      settings: [{ key: 'settings', value: { language: 'zh-CN' } }],
      snapshots: [{ id: 's1', createdAt: '2025-09-01T00:00:00.000Z', reason: 'auto', scores: { plan_a: 40 }, json: '{}' }],
      planIndex: [{ id: 'plan_a', title: '方案', tracked: 1, origin: 'page', source: 'https://x.gov.cn/a.html', measures: 0 }],
      history: [{ id: 's1', createdAt: '2025-09-01T00:00:00.000Z', day: '2025-09-01', reason: 'auto', scores: { plan_a: 40 } }],
    };
    for (const [table, list] of Object.entries(rows)) await old.table(table).bulkPut(list);
    old.close();

    const db = new PlanMeterDB(name);
    await db.open();
    expect(db.verno).toBe(CURRENT_VERSION);
    expect(CURRENT_VERSION).toBeGreaterThanOrEqual(4);
    for (const [table, list] of Object.entries(rows)) {
      const after = await db.table(table).toArray();
      const key = (r: unknown) => String((r as { id?: string; key?: string }).id ?? (r as { key: string }).key);
      expect(after, table).toEqual([...list].sort((a, b) => (key(a) < key(b) ? -1 : 1)));
    }
    expect(await db.corrections.count()).toBe(0);
    const record = CorrectionRecordSchema.parse({
      id: 'c1',
      fingerprint: 'fp_a',
      url: 'https://x.gov.cn/a.html',
      createdAt: '2025-03-01T00:00:00.000Z',
      updatedAt: '2025-03-01T00:00:00.000Z',
      correction: { op: 'read-as-plan', title: '某区2025年重点任务清单' },
    });
    await db.corrections.put(record);
    expect(await db.corrections.where('url').equals('https://x.gov.cn/a.html').toArray()).toEqual([record]);
    expect(await db.corrections.where('fingerprint').equals('fp_a').count()).toBe(1);
    db.close();
  });
});
