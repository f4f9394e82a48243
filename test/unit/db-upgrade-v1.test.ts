// Upgrades: a database written by schema version 1 (the rows in
// fixtures/db-v1-app0.1.0.json, as app 0.1.0 wrote them) opens under the
// current schema with every row intact and the app working on it (scores,
// new entries, export); a snapshot file written by app 0.1.0
// (test/fixtures/snapshot-v1-app0.1.0.json) still imports, entry for entry.
import 'fake-indexeddb/auto';
import Dexie from 'dexie';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { CURRENT_VERSION, PlanMeterDB, SCHEMA_V1 } from '../../lib/db.ts';
import { importSnapshotJson } from '../../lib/backup.ts';
import { liveEntriesOf, planRecord } from '../../lib/store.ts';
import { parseSnapshot } from '../../engine/snapshot/index.ts';
import { scorePlan } from '../../engine/score/index.ts';
import type { Plan } from '../../engine/types.ts';
import { backgroundOn, digestDb } from '../fixtures/db-tools.ts';

interface V1Rows {
  stores: Record<string, string>;
  plans: { id: string; plan: Plan; [k: string]: unknown }[];
  entries: { id: string; planId: string; measureId: string; deleted?: boolean; [k: string]: unknown }[];
  settings: { key: string; value: unknown }[];
  snapshots: { id: string; [k: string]: unknown }[];
}
const V1: V1Rows = JSON.parse(readFileSync(join(import.meta.dirname, 'fixtures/db-v1-app0.1.0.json'), 'utf8'));
const OLD_SNAPSHOT = readFileSync(join(import.meta.dirname, '../fixtures/snapshot-v1-app0.1.0.json'), 'utf8');

const opened: Dexie[] = [];
afterEach(() => {
  for (const db of opened.splice(0)) db.close();
});

/** Writes the fixture rows through Dexie opened with the version-1 stores only, as app 0.1.0 did. */
async function writeV1Database(name: string): Promise<void> {
  const old = new Dexie(name);
  old.version(1).stores(V1.stores);
  await old.open();
  expect(old.verno).toBe(1);
  await old.transaction('rw', old.tables, async () => {
    await old.table('plans').bulkPut(V1.plans);
    await old.table('entries').bulkPut(V1.entries);
    await old.table('settings').bulkPut(V1.settings);
    await old.table('snapshots').bulkPut(V1.snapshots);
  });
  old.close();
}

describe('a version-1 database upgrades in place', () => {
  it('the fixture is described by the version-1 stores the app still declares', () => {
    expect(V1.stores).toEqual({ ...SCHEMA_V1 });
    expect(V1.entries.length).toBeGreaterThan(50);
  });

  it('every row of every table is intact under the current schema', async () => {
    const name = `v1-${Math.random()}`;
    await writeV1Database(name);
    const db = new PlanMeterDB(name);
    opened.push(db);
    await db.open();
    expect(db.verno).toBe(CURRENT_VERSION);
    const byId = <T extends { id: string }>(rows: T[]) => [...rows].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    expect(byId(await db.entries.toArray())).toEqual(byId(V1.entries as never));
    expect(await db.plans.toArray()).toEqual(V1.plans);
    expect(await db.settings.orderBy('key').toArray()).toEqual([...V1.settings].sort((a, b) => (a.key < b.key ? -1 : 1)));
    expect(await db.snapshots.toArray()).toEqual(V1.snapshots);
    // The indexes added since version 1 cover the old rows.
    const plan = V1.plans[0]!.plan;
    const m = plan.measures.find((x) => x.targets.length > 0)!;
    expect(await db.entries.where('[planId+measureId]').equals([plan.id, m.id]).count()).toBe(V1.entries.filter((e) => e.planId === plan.id && e.measureId === m.id).length);
    expect(await db.entries.where('targetId').equals(m.targets[0]!.id).count()).toBe(V1.entries.filter((e) => e.targetId === m.targets[0]!.id).length);
  });

  it('the app works on the upgraded rows: same scores, new entries, export holds every entry', async () => {
    const name = `v1-${Math.random()}`;
    await writeV1Database(name);
    const db = new PlanMeterDB(name);
    opened.push(db);
    const { send } = backgroundOn(db, () => new Date('2025-09-01T08:00:00.000Z'));
    const plan = V1.plans[0]!.plan;
    const live = await liveEntriesOf(db, plan.id);
    expect(live.length).toBe(V1.entries.filter((e) => !e.deleted).length);
    const reply = await send('score.get', { planId: plan.id });
    expect(reply.ok).toBe(true);
    const direct = scorePlan(plan, V1.entries as never, { asOf: '2025-09-01', config: { thresholds: { onTrackGap: 15 } } });
    expect((reply.data as { score: { score: number } }).score.score).toBe(direct.score);
    expect(direct.score).toBeGreaterThan(0);
    const m = plan.measures[0]!;
    expect(await send('entry.put', { entry: { id: 'after-upgrade', planId: plan.id, measureId: m.id, kind: 'status', percent: 95, date: '2025-09-01', updatedAt: '2025-09-01T08:00:00.000Z' } })).toMatchObject({ ok: true });
    const exported = await send('snapshot.export', {});
    expect(exported.ok).toBe(true);
    const parsed = parseSnapshot((exported.data as { json: string }).json);
    expect(parsed.ok).toBe(true);
    if (parsed.ok) expect(parsed.snapshot.entries.map((e) => e.id).sort()).toEqual([...V1.entries.map((e) => e.id), 'after-upgrade'].sort());
  });
});

describe('a snapshot written by app 0.1.0 still imports', () => {
  it('is read by the current parser without problems', () => {
    const parsed = parseSnapshot(OLD_SNAPSHOT);
    expect(parsed.ok ? [] : parsed.problems).toEqual([]);
    if (parsed.ok) {
      expect(parsed.snapshot.appVersion).toBe('0.1.0');
      expect(parsed.snapshot.entries.length).toBe(V1.entries.length);
    }
  });

  it('imports into a fresh browser that has the plan: every entry, same scores', async () => {
    const db = new PlanMeterDB(`fresh-${Math.random()}`);
    opened.push(db);
    const plan = V1.plans[0]!.plan;
    await db.plans.put(planRecord(plan, 'seed', 'x', true, new Date('2025-09-01T00:00:00Z')));
    const result = await importSnapshotJson(db, OLD_SNAPSHOT, false, new Date('2025-09-01T00:00:00Z'));
    expect(result).toMatchObject({ accepted: V1.entries.length, rejected: 0, problems: [] });
    const byId = <T extends { id: string }>(rows: T[]) => [...rows].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    expect(byId(await db.entries.toArray())).toEqual(byId(V1.entries as never));
    const parsed = parseSnapshot(OLD_SNAPSHOT);
    if (!parsed.ok) throw new Error('fixture');
    expect(scorePlan(plan, await db.entries.toArray(), { asOf: parsed.snapshot.asOf }).score).toBe(parsed.snapshot.scores[0]!.score);
  });

  it('imports into the upgraded version-1 database it came from without changing a row (nothing newer in it)', async () => {
    const name = `v1-${Math.random()}`;
    await writeV1Database(name);
    const db = new PlanMeterDB(name);
    opened.push(db);
    await db.open();
    const entriesBefore = await db.entries.toArray();
    const tablesBefore = await digestDb(db, ['snapshots', 'history']);
    const result = await importSnapshotJson(db, OLD_SNAPSHOT, false, new Date('2025-09-01T00:00:00Z'));
    expect(result).toMatchObject({ accepted: V1.entries.length, rejected: 0 });
    expect(await db.entries.toArray()).toEqual(entriesBefore);
    // Every table but the import's own history record is byte-identical.
    expect(await digestDb(db, ['snapshots', 'history'])).toBe(tablesBefore);
  });
});
