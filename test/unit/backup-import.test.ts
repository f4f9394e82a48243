// Bad snapshot files against the real import path (lib/backup.ts through the
// background's message dispatch, on fake-indexeddb). Each file is refused, or
// partially accepted, exactly as the returned result says — with a reason and
// a field path for every problem — and a refused file leaves the database
// byte-for-byte as it was (a SHA-256 digest of all tables before and after).
import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { createSnapshot, serializeSnapshot } from '../../engine/snapshot/index.ts';
import { importSnapshotJson, type ImportResult } from '../../lib/backup.ts';
import type { PlanMeterDB } from '../../lib/db.ts';
import { backgroundOn, digestDb, dumpDb, NOW, seededDb } from '../fixtures/db-tools.ts';
import type { Plan } from '../../engine/types.ts';

const opened: PlanMeterDB[] = [];
afterEach(() => {
  for (const db of opened.splice(0)) db.close();
});

async function setup() {
  const { db, plan } = await seededDb();
  opened.push(db);
  return { db, plan, ...backgroundOn(db) };
}

/** A valid snapshot (as another PlanMeter would export it) with entries on `plan`. */
function validSnapshotData(plan: Plan, extraPlans: { id: string; fingerprint: string; title: string }[] = []) {
  const withTarget = plan.measures.filter((m) => m.targets.length > 0);
  const entries = [
    { id: 'imp-1', planId: plan.id, measureId: withTarget[0]!.id, kind: 'value' as const, targetId: withTarget[0]!.targets[0]!.id, value: 150, date: '2025-07-01', updatedAt: '2025-07-01T10:00:00.000Z', author: '李四' },
    { id: 'imp-2', planId: plan.id, measureId: withTarget[1]!.id, kind: 'value' as const, targetId: withTarget[1]!.targets[0]!.id, value: 3, date: '2025-07-02', updatedAt: '2025-07-02T10:00:00.000Z' },
    { id: 'imp-3', planId: plan.id, measureId: plan.measures[2]!.id, kind: 'status' as const, percent: 40, date: '2025-07-03', updatedAt: '2025-07-03T10:00:00.000Z', note: '已召开推进会' },
  ];
  const snapshot = createSnapshot({ plans: [plan], entries, asOf: '2025-07-05', appVersion: '0.1.0', createdAt: '2025-07-05T08:00:00.000Z' });
  const data = JSON.parse(serializeSnapshot(snapshot)) as Record<string, unknown> & { entries: Record<string, unknown>[]; plans: Record<string, unknown>[] };
  data.plans.push(...extraPlans);
  return data;
}

/** Imports through the background's message handler, as the dashboard does. */
async function importViaMessage(send: ReturnType<typeof backgroundOn>['send'], json: string, dryRun?: boolean): Promise<ImportResult> {
  const reply = await send('snapshot.import', dryRun === undefined ? { json } : { json, dryRun });
  if (!reply.ok) throw new Error(`import message failed: ${reply.code} ${reply.message}`);
  return reply.data as ImportResult;
}

/** A file that must be refused whole: nothing accepted, every problem with a path and reason, the database unchanged. */
async function expectRefused(json: string, expectPath: RegExp, expectMessage?: RegExp) {
  const { db, send } = await setup();
  const before = await digestDb(db);
  const result = await importViaMessage(send, json);
  expect(result.accepted).toBe(0);
  expect(result.problems.length).toBeGreaterThan(0);
  for (const p of result.problems) {
    expect(p.path).toBeTruthy();
    expect(p.message).toBeTruthy();
  }
  const hit = result.problems.find((p) => expectPath.test(p.path) && (!expectMessage || expectMessage.test(p.message)));
  expect(hit, `no problem at ${expectPath} ${expectMessage ?? ''} in ${JSON.stringify(result.problems.slice(0, 5))}`).toBeDefined();
  expect(await digestDb(db)).toBe(before);
  return result;
}

export const BAD_FILE_CASES: string[] = [];
function badFile(name: string, fn: () => Promise<void>, timeout?: number) {
  BAD_FILE_CASES.push(name);
  it(name, fn, timeout);
}

describe('refused snapshot files leave the database unchanged', () => {
  badFile('truncated JSON (an export cut in half)', async () => {
    const { plan } = await setup();
    const full = JSON.stringify(validSnapshotData(plan), null, 2);
    await expectRefused(full.slice(0, Math.floor(full.length / 2)), /^\(file\)$/u, /not valid JSON/u);
    await expectRefused(full.slice(0, full.length - 2), /^\(file\)$/u, /not valid JSON/u);
  });

  badFile('not JSON at all: CSV, empty, a bare BOM, binary bytes', async () => {
    await expectRefused('方案,措施,日期\r\n光明区,1,2025-01-01\r\n', /^\(file\)$/u, /JSON/u);
    await expectRefused('', /^\(file\)$/u);
    await expectRefused('\uFEFF', /^\(file\)$/u);
    const bytes = Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 131 + 7) % 256));
    await expectRefused(bytes.toString('latin1'), /^\(file\)$/u);
  });

  badFile('JSON that is not a snapshot object: null, an array, a number, a string, another format', async () => {
    for (const text of ['null', '[]', '42', '"planmeter.snapshot"', 'true']) await expectRefused(text, /^\(file\)$/u, /object/u);
    await expectRefused(JSON.stringify({ format: 'something.else', version: 1 }), /^format$/u, /not a PlanMeter snapshot/u);
  });

  badFile('a future version (written by a newer PlanMeter)', async () => {
    const { plan } = await setup();
    const data = validSnapshotData(plan);
    await expectRefused(JSON.stringify({ ...data, version: 2 }), /^version$/u, /newer/u);
    await expectRefused(JSON.stringify({ ...data, version: 99, entries: 'a new layout' }), /^version$/u, /newer/u);
  });

  badFile('an unknown past version (0, "1" as a string, missing)', async () => {
    const { plan } = await setup();
    const data = validSnapshotData(plan);
    await expectRefused(JSON.stringify({ ...data, version: 0 }), /^version$/u, /unsupported version 0/u);
    await expectRefused(JSON.stringify({ ...data, version: '1' }), /^version$/u);
    const { version: _v, ...noVersion } = data;
    await expectRefused(JSON.stringify(noVersion), /^version$/u);
  });

  badFile('values out of range, each named by its field path', async () => {
    const { plan } = await setup();
    const cases: [string, (d: ReturnType<typeof validSnapshotData>) => void, RegExp][] = [
      ['percent 150', (d) => void (d.entries.find((e) => e.kind === 'status')!.percent = 150), /^entries\[\d+\]\.percent$/u],
      ['percent -1', (d) => void (d.entries.find((e) => e.kind === 'status')!.percent = -1), /^entries\[\d+\]\.percent$/u],
      ['value as text', (d) => void (d.entries[0]!.value = '150个'), /^entries\[0\]\.value$/u],
      ['value null (what JSON makes of Infinity)', (d) => void (d.entries[0]!.value = null), /^entries\[0\]\.value$/u],
      ['date 2025-02-30', (d) => void (d.entries[0]!.date = '2025-02-30'), /^entries\[0\]\.date$/u],
      ['date in another format', (d) => void (d.entries[1]!.date = '2025/7/2'), /^entries\[1\]\.date$/u],
      ['updatedAt not a time', (d) => void (d.entries[1]!.updatedAt = 'yesterday'), /^entries\[1\]\.updatedAt$/u],
      ['unknown kind', (d) => void (d.entries[1]!.kind = 'guess'), /^entries\[1\]\.kind$/u],
      ['empty id', (d) => void (d.entries[1]!.id = ''), /^entries\[1\]\.id$/u],
      ['note of 20,000 characters', (d) => void (d.entries[0]!.note = '很'.repeat(20_000)), /^entries\[0\]\.note$/u],
      ['status with neither milestone nor percent', (d) => void delete d.entries.find((e) => e.kind === 'status')!.percent, /^entries\[\d+\]\.percent$/u],
      ['score above 100', (d) => void ((d.scores as { score: number }[])[0]!.score = 101), /^scores\[0\]\.score$/u],
      ['asOf not a date', (d) => void (d.asOf = '1 July'), /^asOf$/u],
      ['entries not a list', (d) => void ((d as Record<string, unknown>).entries = { 0: {} }), /^entries$/u],
    ];
    for (const [, edit, path] of cases) {
      const data = validSnapshotData(plan);
      edit(data);
      await expectRefused(JSON.stringify(data), path);
    }
    // A number too large for a double (1e400) parses to Infinity and is refused as not finite.
    const text = JSON.stringify(validSnapshotData(plan)).replace('"value":150', '"value":1e400');
    expect(text).toContain('1e400');
    await expectRefused(text, /^entries\[0\]\.value$/u);
  });

  badFile('an entry naming a plan the file does not list, and repeated entry ids', async () => {
    const { plan } = await setup();
    const stray = validSnapshotData(plan);
    stray.entries[1]!.planId = 'plan_nowhere';
    await expectRefused(JSON.stringify(stray), /^entries\[1\]\.planId$/u, /not among the snapshot's plans/u);
    const twice = validSnapshotData(plan);
    twice.entries[2]!.id = twice.entries[0]!.id as string;
    await expectRefused(JSON.stringify(twice), /^entries\[2\]\.id$/u, /repeats/u);
  });

  badFile('10^6 entries: refused, quickly and within memory, with the reason', async () => {
    const { plan } = await setup();
    const measure = plan.measures[0]!.id;
    const parts: string[] = [];
    for (let i = 0; i < 1_000_000; i++) parts.push(`{"id":"big-${i}","planId":"${plan.id}","measureId":"${measure}","kind":"status","percent":50,"date":"2025-01-01","updatedAt":"2025-01-01T00:00:00Z"}`);
    const data = validSnapshotData(plan);
    const json = JSON.stringify({ ...data, entries: [] }).replace('"entries":[]', `"entries":[${parts.join(',')}]`);
    parts.length = 0;
    expect(json.length).toBeGreaterThan(100_000_000);
    // Over the character limit, so refused by size before it is even parsed (exactly that reason).
    const result = await expectRefused(json, /^\(file\)$/u, /^file too large: \d+ characters, at most 50000000;/u);
    expect(result.problems).toHaveLength(1);
  }, 60_000);

  badFile('250,000 entries in a file under the size limit: refused by count, path "entries"', async () => {
    const { plan } = await setup();
    const parts: string[] = [];
    for (let i = 0; i < 250_000; i++) parts.push(`{"id":"${i}","planId":"${plan.id}","measureId":"m","kind":"status","percent":5,"date":"2025-01-01","updatedAt":"2025-01-01T00:00:00Z"}`);
    const data = validSnapshotData(plan);
    const json = JSON.stringify({ ...data, entries: [] }).replace('"entries":[]', `"entries":[${parts.join(',')}]`);
    await expectRefused(json, /^entries$/u, /too many entries/u);
  }, 60_000);

  badFile('a forged message: wrong sender, unknown type, payload of the wrong shape', async () => {
    const { db, plan, send } = await setup();
    const before = await digestDb(db);
    const json = JSON.stringify(validSnapshotData(plan));
    const forged = await send('snapshot.import', { json }, { id: 'some-other-extension' });
    expect(forged).toMatchObject({ ok: false, code: 'forbidden' });
    const noSender = await send('snapshot.import', { json }, {});
    expect(noSender).toMatchObject({ ok: false, code: 'forbidden' });
    expect(await send('snapshot.import', { json: 42 })).toMatchObject({ ok: false, code: 'invalid', path: 'json' });
    expect(await send('__proto__', { json })).toMatchObject({ ok: false, code: 'invalid', path: 'type' });
    expect(await send('constructor', { json })).toMatchObject({ ok: false, code: 'invalid', path: 'type' });
    expect(await send('entry.put', { entry: { ...validSnapshotData(plan).entries[0], value: 'x' } })).toMatchObject({ ok: false, code: 'invalid' });
    expect(await digestDb(db)).toBe(before);
  });
});

describe('partially accepted files: exactly what the result says', () => {
  badFile('entries whose plan, measure or target this browser does not have are refused one by one', async () => {
    const { db, plan, send } = await setup();
    const data = validSnapshotData(plan, [{ id: 'plan_not_here', fingerprint: 'fp_not_here', title: '别处的方案' }]);
    const base = data.entries[0]!;
    data.entries.push(
      { ...base, id: 'imp-unknown-plan', planId: 'plan_not_here' },
      { ...base, id: 'imp-unknown-measure', measureId: 'm_nowhere' },
      { ...base, id: 'imp-unknown-target', targetId: 't_nowhere' },
    );
    const before = await dumpDb(db);
    const result = await importViaMessage(send, JSON.stringify(data));
    expect(result.accepted).toBe(3);
    expect(result.rejected).toBe(3);
    expect(result.problems.map((p) => p.path).sort()).toEqual(['entries[3]', 'entries[4]', 'entries[5]']);
    expect(result.problems.find((p) => p.path === 'entries[3]')!.message).toMatch(/plan_not_here is not in this browser/u);
    expect(result.problems.find((p) => p.path === 'entries[4]')!.message).toMatch(/no measure m_nowhere/u);
    expect(result.problems.find((p) => p.path === 'entries[5]')!.message).toMatch(/no target t_nowhere/u);
    const ids = (await db.entries.toArray()).map((e) => e.id).sort();
    const expected = [...(before.entries as { id: string }[]).map((e) => e.id), 'imp-1', 'imp-2', 'imp-3'].sort();
    expect(ids).toEqual(expected);
    // The plans table is untouched: an import never invents plans.
    expect(await db.plans.toArray()).toEqual(before.plans);
  });

  badFile('prototype keys (__proto__, constructor, prototype) are removed, reported, never stored, and pollute nothing', async () => {
    const { db, plan, send } = await setup();
    const data = validSnapshotData(plan);
    const text = JSON.stringify(data)
      .replace('{"appVersion"', '{"__proto__":{"polluted":"yes","isAdmin":true},"constructor":{"prototype":{"polluted":"yes"}},"appVersion"')
      .replace('"author":"李四"', '"author":"李四","__proto__":{"polluted":"yes"},"prototype":{"polluted":"yes"}');
    expect(text.match(/__proto__/gu)).toHaveLength(2);
    const result = await importViaMessage(send, text);
    expect(result.problems).toEqual([]);
    expect(result.accepted).toBe(3);
    expect(result.warnings.some((w) => /^__proto__: key "__proto__" is not allowed/u.test(w))).toBe(true);
    expect(result.warnings.some((w) => /^constructor: /u.test(w))).toBe(true);
    expect(result.warnings.some((w) => /^entries\[0\]\.__proto__: /u.test(w))).toBe(true);
    expect(result.warnings.some((w) => /^entries\[0\]\.prototype: /u.test(w))).toBe(true);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(({} as Record<string, unknown>).isAdmin).toBeUndefined();
    expect(Object.prototype.hasOwnProperty.call(Object.prototype, 'polluted')).toBe(false);
    for (const row of [...(await db.entries.toArray()), ...(await db.snapshots.toArray())]) {
      expect(Object.getPrototypeOf(row)).toBe(Object.prototype);
      expect(Object.keys(row)).not.toContain('__proto__');
      expect(Object.keys(row)).not.toContain('prototype');
      expect((row as Record<string, unknown>).polluted).toBeUndefined();
    }
    expect(JSON.stringify(await dumpDb(db))).not.toContain('polluted');
  });

  badFile('an older local edit loses to the file, a newer local edit wins; a second import changes nothing', async () => {
    const { db, plan, send } = await setup();
    const local = (await db.entries.get('local-0'))!;
    const data = validSnapshotData(plan);
    data.entries.push({ ...local, value: 999, updatedAt: '2020-01-01T00:00:00.000Z' } as unknown as Record<string, unknown>);
    data.entries.push({ ...(await db.entries.get('local-1'))!, value: 777, updatedAt: '2025-08-31T00:00:00.000Z' } as unknown as Record<string, unknown>);
    // (An edit time after the import's clock would be a wrong clock's and lose: test/unit/future-dates.test.ts.)
    const json = JSON.stringify(data);
    const first = await importViaMessage(send, json);
    expect(first).toMatchObject({ accepted: 5, rejected: 0, problems: [] });
    expect(await db.entries.get('local-0')).toEqual(local); // the local edit is newer
    expect((await db.entries.get('local-1'))).toMatchObject({ value: 777 }); // the file's edit is newer
    const entriesAfterFirst = await db.entries.toArray();
    const second = await importViaMessage(send, json);
    expect(second.problems).toEqual([]);
    expect(await db.entries.toArray()).toEqual(entriesAfterFirst);
  });

  badFile('a dry run reports what would happen and writes nothing', async () => {
    const { db, plan, send } = await setup();
    const before = await digestDb(db);
    const data = validSnapshotData(plan);
    data.entries.push({ ...data.entries[0]!, id: 'imp-x', measureId: 'm_nowhere' });
    const result = await importViaMessage(send, JSON.stringify(data), true);
    expect(result).toMatchObject({ accepted: 3, rejected: 1 });
    expect(await digestDb(db)).toBe(before);
  });
});

describe('the digest itself', () => {
  it('changes when any single row of any table changes (so "unchanged" means unchanged)', async () => {
    const { db } = await setup();
    const before = await digestDb(db);
    await db.settings.put({ key: 'x', value: 1 });
    const afterSetting = await digestDb(db);
    expect(afterSetting).not.toBe(before);
    await db.settings.delete('x');
    expect(await digestDb(db)).toBe(before);
    const entry = (await db.entries.get('local-0'))!;
    await db.entries.put({ ...entry, note: 'x' });
    expect(await digestDb(db)).not.toBe(before);
  });

  it('a valid import through the same path is accepted and changes the database', async () => {
    const { db, plan } = await setup();
    const before = await digestDb(db);
    const result = await importSnapshotJson(db, JSON.stringify(validSnapshotData(plan)), false, NOW);
    expect(result).toMatchObject({ accepted: 3, rejected: 0, problems: [] });
    expect(await digestDb(db)).not.toBe(before);
  });
});
