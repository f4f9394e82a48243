// Snapshot import into the extension database: a file that does not validate
// changes nothing (digest of all tables before and after); a valid one is
// merged — later edit wins, ties broken the same way whatever the order —
// and entries naming unknown plans, measures or targets are refused one by one.
import 'fake-indexeddb/auto';
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { PlanMeterDB } from '../../lib/db.ts';
import { exportSnapshotJson, importSnapshotJson, maybeAutoSnapshot } from '../../lib/backup.ts';
import { guardQuota, listPlans, planRecord, putEntry, reindexPlans, setTracked, StoreError } from '../../lib/store.ts';
import { ensureSeeds } from '../../lib/bg-handlers.ts';
import { parsePage } from '../../engine/parse/index.ts';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Plan } from '../../engine/types.ts';

const SEED = join(import.meta.dirname, '../../seeds/000_5c7a958c132072e2.txt');
let seedPlan: Plan | null = null;
async function plan(): Promise<Plan> {
  seedPlan ??= (await parsePage(readFileSync(SEED, 'utf8'))).plans[0]!;
  return seedPlan;
}

async function freshDb(): Promise<PlanMeterDB> {
  const db = new PlanMeterDB(`backup-${Math.random()}`);
  await db.plans.put(planRecord(await plan(), 'seed', 'seed.txt', true));
  return db;
}

async function digest(db: PlanMeterDB): Promise<string> {
  const h = createHash('sha256');
  for (const table of db.tables) h.update(`${table.name}:${JSON.stringify(await table.orderBy(':id').toArray())}`);
  return h.digest('hex');
}

async function valueEntry(id: string, value: number, updatedAt: string) {
  const p = await plan();
  const m = p.measures.find((x) => x.targets.length > 0)!;
  return { id, planId: p.id, measureId: m.id, kind: 'value' as const, targetId: m.targets[0]!.id, value, date: '2025-09-01', updatedAt };
}

describe('snapshot import into the database', () => {
  it('changes nothing when the file is refused, and says where it is wrong', async () => {
    const db = await freshDb();
    await putEntry(db, await valueEntry('a', 5, '2025-09-01T00:00:00.000Z'));
    const before = await digest(db);
    const { json } = await exportSnapshotJson(db, undefined, new Date('2025-09-02T00:00:00Z'));
    const afterExport = await digest(db); // export adds a history point
    const cases = [
      json.slice(0, json.length / 2),
      'not json',
      JSON.stringify({ ...JSON.parse(json), version: 2 }),
      JSON.stringify({ ...JSON.parse(json), entries: [{ ...JSON.parse(json).entries[0], value: 'x' }] }),
    ];
    for (const bad of cases) {
      const r = await importSnapshotJson(db, bad, false, new Date());
      expect(r.accepted).toBe(0);
      expect(r.problems.length).toBeGreaterThan(0);
      expect(r.problems[0]!.path).toBeTruthy();
      expect(await digest(db)).toBe(afterExport);
    }
    expect(before).not.toBe(afterExport);
  });

  it('accepts the entries it can place and refuses the others with the reason', async () => {
    const db = await freshDb();
    const p = await plan();
    const good = await valueEntry('g', 10, '2025-09-01T00:00:00.000Z');
    const snapshot = {
      format: 'planmeter.snapshot',
      version: 1,
      appVersion: '0.1.0',
      createdAt: '2025-09-02T00:00:00.000Z',
      asOf: '2025-09-02',
      plans: [
        { id: p.id, fingerprint: p.fingerprint, title: p.title },
        { id: 'plan_elsewhere', fingerprint: 'fp_x', title: '别处的方案' },
      ],
      entries: [good, { ...good, id: 'u1', measureId: 'm_nope' }, { ...good, id: 'u2', planId: 'plan_elsewhere' }],
      scores: [],
    };
    const dry = await importSnapshotJson(db, JSON.stringify(snapshot), true, new Date());
    expect(dry).toMatchObject({ accepted: 1, rejected: 2 });
    expect(await db.entries.count()).toBe(0);
    const r = await importSnapshotJson(db, JSON.stringify(snapshot), false, new Date());
    expect(r).toMatchObject({ accepted: 1, rejected: 2 });
    expect(r.problems.map((x) => x.path)).toEqual(['entries[1]', 'entries[2]']);
    expect(r.problems[0]!.message).toContain('m_nope');
    expect(r.problems[1]!.message).toContain('plan_elsewhere');
    expect((await db.entries.toArray()).map((e) => e.id)).toEqual(['g']);
  });

  it('merges: the later edit wins, a tie ends the same whichever file comes first, tombstones carry over', async () => {
    const make = async (entries: unknown[]) => {
      const p = await plan();
      return JSON.stringify({ format: 'planmeter.snapshot', version: 1, appVersion: '0.1.0', createdAt: '2025-09-02T00:00:00.000Z', asOf: '2025-09-02', plans: [{ id: p.id, fingerprint: p.fingerprint, title: p.title }], entries, scores: [] });
    };
    const old = await valueEntry('e', 1, '2025-09-01T00:00:00.000Z');
    const newer = { ...old, value: 2, updatedAt: '2025-09-03T00:00:00.000Z' };
    const tieA = { ...old, value: 7, updatedAt: '2025-09-05T00:00:00.000Z' };
    const tieB = { ...old, value: 8, updatedAt: '2025-09-05T00:00:00.000Z' };
    const results: number[] = [];
    for (const order of [
      [tieA, tieB],
      [tieB, tieA],
    ]) {
      const db = await freshDb();
      await importSnapshotJson(db, await make([newer]), false, new Date());
      await importSnapshotJson(db, await make([old]), false, new Date());
      expect((await db.entries.get('e'))!.kind === 'value' && (await db.entries.get('e'))).toMatchObject({ value: 2 });
      for (const e of order) await importSnapshotJson(db, await make([e]), false, new Date());
      results.push(((await db.entries.get('e')) as { value: number }).value);
      const tomb = { ...tieA, value: 7, deleted: true, updatedAt: '2025-09-06T00:00:00.000Z' };
      await importSnapshotJson(db, await make([tomb]), false, new Date());
      expect((await db.entries.get('e'))!.deleted).toBe(true);
    }
    expect(results[0]).toBe(results[1]);
  });

  it('round-trips: export, import into a fresh database, export again gives the same entries and scores', async () => {
    const a = await freshDb();
    await putEntry(a, await valueEntry('r1', 50, '2025-09-01T00:00:00.000Z'));
    const p = await plan();
    const m = p.measures.find((x) => x.targets.length === 0)!;
    await putEntry(a, { id: 'r2', planId: p.id, measureId: m.id, kind: 'status', milestone: '推进中', date: '2025-08-01', updatedAt: '2025-08-01T00:00:00.000Z' });
    const at = new Date('2025-09-10T00:00:00Z');
    const first = (await exportSnapshotJson(a, undefined, at)).json;
    const b = await freshDb();
    const r = await importSnapshotJson(b, first, false, at);
    expect(r).toMatchObject({ accepted: 2, rejected: 0 });
    expect((await exportSnapshotJson(b, undefined, at)).json).toBe(first);
  });

  it('reports a full disk as a quota error the UI can act on', async () => {
    const full = Object.assign(new Error('disk full'), { name: 'QuotaExceededError' });
    await expect(guardQuota(() => Promise.reject(full))).rejects.toMatchObject({ code: 'quota' });
    const wrapped = Object.assign(new Error('AbortError'), { name: 'AbortError', inner: full });
    await expect(guardQuota(() => Promise.reject(wrapped))).rejects.toBeInstanceOf(StoreError);
    await expect(guardQuota(() => Promise.reject(new Error('other')))).rejects.toThrow('other');
  });

  it('keeps one automatic history point per day', async () => {
    const db = await freshDb();
    await maybeAutoSnapshot(db, new Date('2025-09-01T08:00:00'));
    await maybeAutoSnapshot(db, new Date('2025-09-01T09:00:00'));
    await maybeAutoSnapshot(db, new Date('2025-09-02T09:00:00'));
    const points = await db.history.orderBy('createdAt').toArray();
    expect(points.map((s) => s.createdAt.slice(0, 13))).toEqual([new Date('2025-09-01T09:00:00').toISOString().slice(0, 13), new Date('2025-09-02T09:00:00').toISOString().slice(0, 13)]);
    expect(points.map((p) => p.day)).toEqual(['2025-09-01', '2025-09-02']);
    // Files of automatic points older than two weeks go; their scores stay.
    await maybeAutoSnapshot(db, new Date('2025-09-30T09:00:00'));
    expect((await db.snapshots.toCollection().primaryKeys()).length).toBe(1);
    expect(await db.history.count()).toBe(3);
  });

  it('parses the seeds into the database once', async () => {
    const db = new PlanMeterDB(`seeds-${Math.random()}`);
    const seeds = { '../seeds/000.txt': readFileSync(SEED, 'utf8') };
    expect(await ensureSeeds(db, seeds, (text) => parsePage(text))).toBeGreaterThan(0);
    expect(await ensureSeeds(db, seeds, (text) => parsePage(text))).toBe(0);
    expect((await db.plans.toArray()).map((r) => r.id)).toEqual([(await plan()).id]);
    expect((await listPlans(db)).map((r) => [r.id, r.measures])).toEqual([[(await plan()).id, (await plan()).measures.length]]);
  });

  it('lists plans from the index, and from the records when plans were written around it', async () => {
    const db = await freshDb(); // planRecord written directly: not indexed
    expect((await listPlans(db)).map((r) => r.id)).toEqual([(await plan()).id]);
    expect(await db.planIndex.count()).toBe(0);
    await reindexPlans(db);
    expect(await db.planIndex.count()).toBe(1);
    await setTracked(db, (await plan()).id, false);
    expect((await listPlans(db))[0]!.tracked).toBe(0);
  });
});
