// Progress dated after today, and edit times from a clock running ahead.
// A progress date may be at most one day ahead (time zones); an edit time
// more than a day ahead of the clock never beats a real one — not in the
// database, not on import, not in a merge — so a deleted entry stays deleted.
import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import type { PlanMeterDB } from '../../lib/db.ts';
import { putEntry, deleteEntry, StoreError } from '../../lib/store.ts';
import { exportSnapshotJson, importSnapshotJson } from '../../lib/backup.ts';
import { futureDateProblem, isCalendarDate, isFutureEdit, latestAllowedDate } from '../../engine/progress/dates.ts';
import { createSnapshot, mergeSnapshots, parseSnapshot } from '../../engine/snapshot/index.ts';
import { scorePlan } from '../../engine/score/index.ts';
import type { ProgressEntry } from '../../engine/progress/schema.ts';
import { backgroundOn, NOW, seededDb } from '../fixtures/db-tools.ts';

const opened: PlanMeterDB[] = [];
afterEach(() => {
  for (const db of opened.splice(0)) db.close();
});

const DAY = 86_400_000;

describe('the limits themselves', () => {
  it('a progress date may be tomorrow, not the day after', () => {
    const now = new Date('2025-09-01T08:00:00.000Z');
    expect(latestAllowedDate(now)).toBe('2025-09-02');
    expect(futureDateProblem('2025-09-02', now)).toBeNull();
    expect(futureDateProblem('2025-09-03', now)).toMatch(/^date 2025-09-03 is in the future \(today is 2025-09-01\)/u);
  });

  it('a progress date is a real calendar day written YYYY-MM-DD, nothing around it', () => {
    for (const ok of ['2025-09-01', '2024-02-29', '2025-12-31', '0100-01-01']) expect(isCalendarDate(ok), ok).toBe(true);
    // Days and months that roll over (Date.UTC would quietly move them), a non-leap 29 February.
    for (const bad of ['2025-02-29', '2025-02-30', '2025-04-31', '2025-13-01', '2025-00-10', '2025-01-00']) expect(isCalendarDate(bad), bad).toBe(false);
    // Years below 100, which Date.UTC reads as 19xx (0050-01-01 would become 1950-01-01).
    expect(isCalendarDate('0050-01-01')).toBe(false);
    // Other shapes, and text before or after the date.
    for (const bad of ['2025-9-1', '25-09-01', '2025/09/01', 'x2025-09-01', '2025-09-01x', '2025-09-01T00:00', '']) expect(isCalendarDate(bad), bad).toBe(false);
  });

  it('an edit time may be a day ahead (clock drift), not more', () => {
    const now = new Date('2025-09-01T08:00:00.000Z');
    expect(isFutureEdit(new Date(now.getTime() + DAY).toISOString(), now)).toBe(false);
    expect(isFutureEdit(new Date(now.getTime() + DAY + 1).toISOString(), now)).toBe(true);
  });
});

describe('the database refuses entries from the future', () => {
  it('refuses a date after tomorrow and an edit time ahead of the clock, naming the field', async () => {
    const { db, plan } = await seededDb();
    opened.push(db);
    const m = plan.measures[2]!;
    const base = { id: 'f1', planId: plan.id, measureId: m.id, kind: 'status', percent: 40, updatedAt: NOW.toISOString() };
    const refused = await putEntry(db, { ...base, date: '2999-12-31' }, NOW).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(StoreError);
    expect((refused as StoreError).path).toBe('date');
    expect((refused as StoreError).message).toContain('2999-12-31 is in the future');
    expect(await db.entries.get('f1')).toBeUndefined();
    // Tomorrow (time zones) is fine.
    expect((await putEntry(db, { ...base, date: '2025-09-02' }, NOW)).date).toBe('2025-09-02');
    const edit = await putEntry(db, { ...base, id: 'f2', date: '2025-08-30', updatedAt: '2026-09-01T08:00:00.000Z' }, NOW).catch((e: unknown) => e);
    expect((edit as StoreError).path).toBe('updatedAt');
  });

  it('an entry with a future edit time (from an old database) is deleted for good: a re-import does not bring it back', async () => {
    const { db, plan } = await seededDb();
    opened.push(db);
    const m = plan.measures[2]!;
    const ahead: ProgressEntry = { id: 'ghost', planId: plan.id, measureId: m.id, kind: 'status', percent: 70, date: '2025-08-01', updatedAt: '2026-08-01T00:00:00.000Z' };
    await db.entries.put(ahead); // written before this rule, or by an older version
    const exported = (await exportSnapshotJson(db, [plan.id], NOW)).json;
    const { send } = backgroundOn(db);
    expect((await send('entry.delete', { id: 'ghost' })).ok).toBe(true);
    expect(await db.entries.get('ghost')).toMatchObject({ deleted: true });
    // The user re-imports an older export that still holds the future-dated version.
    const result = await importSnapshotJson(db, exported, false, NOW);
    expect(result.problems).toEqual([]);
    expect(await db.entries.get('ghost')).toMatchObject({ deleted: true });
    // And a view still holding the future version cannot put it back either.
    expect((await send('entry.put', { entry: ahead })).code).toBe('invalid');
    expect(await db.entries.get('ghost')).toMatchObject({ deleted: true });
    // A real edit of an entry whose stored version is stamped ahead replaces it.
    await db.entries.put({ ...ahead, id: 'ghost-2' });
    const real = { ...ahead, id: 'ghost-2', percent: 75, updatedAt: NOW.toISOString() };
    expect((await send('entry.put', { entry: real })).ok).toBe(true);
    expect(await db.entries.get('ghost-2')).toEqual(real);
    // And an ordinary later edit still replaces an earlier one (the rule's direction).
    await deleteEntry(db, 'local-0', new Date(NOW.getTime() + 1000));
    expect(await db.entries.get('local-0')).toMatchObject({ deleted: true });
  });

  it('an import refuses entries dated after tomorrow, entry by entry', async () => {
    const { db, plan } = await seededDb();
    opened.push(db);
    const m = plan.measures[2]!;
    const snapshot = createSnapshot({ plans: [plan], entries: [{ id: 'late', planId: plan.id, measureId: m.id, kind: 'status', percent: 99, date: '2999-12-31', updatedAt: '2025-08-01T00:00:00.000Z' }], asOf: '2025-09-01', appVersion: '0.1.0', createdAt: NOW.toISOString() });
    const result = await importSnapshotJson(db, JSON.stringify(snapshot), false, NOW);
    expect(result.rejected).toBe(1);
    expect(result.problems[0]).toEqual({ path: 'entries[0]', message: expect.stringContaining('2999-12-31 is in the future') });
    expect(await db.entries.get('late')).toBeUndefined();
  });
});

describe('merge against a clock running a year fast', () => {
  const plan = { id: 'plan_x' };
  const ref = { id: plan.id, fingerprint: 'fp_x', title: 'X' };
  const at = (updatedAt: string, extra: Partial<ProgressEntry> = {}) =>
    ({ id: 'e1', planId: plan.id, measureId: 'm1', kind: 'status', percent: 50, date: '2025-08-01', updatedAt, ...extra }) as ProgressEntry;
  const snap = (entries: ProgressEntry[]) => ({ format: 'planmeter.snapshot', version: 1, appVersion: '0.1.0', createdAt: '2025-09-01T00:00:00.000Z', asOf: '2025-09-01', plans: [ref], entries, scores: [] }) as never;
  const now = new Date('2025-09-01T12:00:00.000Z');

  it('the later real edit wins, in both orders (the direction, not only the symmetry)', () => {
    const older = at('2025-08-01T10:00:00.000Z', { percent: 10 });
    const newer = at('2025-08-02T10:00:00.000Z', { percent: 20 });
    for (const order of [[older, newer], [newer, older]]) {
      const { snapshot, conflicts } = mergeSnapshots(order.map((e) => snap([e])), { now });
      expect(snapshot.entries).toEqual([newer]);
      expect(conflicts).toMatchObject([{ id: 'e1', reason: 'later-edit', kept: newer, discarded: [older] }]);
    }
  });

  it('a deletion made today is not undone by a colleague\'s version stamped a year ahead', () => {
    const deleted = at('2025-09-01T09:00:00.000Z', { deleted: true });
    const ahead = at('2026-09-01T09:00:00.000Z', { percent: 90 });
    for (const order of [[deleted, ahead], [ahead, deleted]]) {
      const { snapshot, conflicts } = mergeSnapshots(order.map((e) => snap([e])), { now });
      expect(snapshot.entries).toEqual([deleted]);
      expect(conflicts).toMatchObject([{ id: 'e1', reason: 'future-edit', kept: deleted, discarded: [ahead] }]);
    }
    // Once that time has come, it is an ordinary later edit.
    expect(mergeSnapshots([snap([deleted]), snap([ahead])], { now: new Date('2026-09-01T10:00:00.000Z') }).snapshot.entries).toEqual([ahead]);
  });
});

describe('scores', () => {
  it('an entry dated years ahead does not count as the latest reading', async () => {
    const { plan } = await seededDb();
    const m = plan.measures[2]!;
    const real: ProgressEntry = { id: 'a', planId: plan.id, measureId: m.id, kind: 'status', percent: 40, date: '2025-08-01', updatedAt: '2025-08-01T00:00:00.000Z' };
    const ahead: ProgressEntry = { ...real, id: 'b', percent: 100, date: '2999-12-31' };
    const tomorrow: ProgressEntry = { ...real, id: 'c', percent: 60, date: '2025-09-02' };
    const asOf = '2025-09-01';
    expect(scorePlan(plan, [real, ahead], { asOf }).measures[m.id]!.completion).toBe(40);
    expect(scorePlan(plan, [real, tomorrow], { asOf }).measures[m.id]!.completion).toBe(60);
    // parseSnapshot still reads such a file: the entry is kept, only not counted.
    expect(parseSnapshot(JSON.stringify(createSnapshot({ plans: [plan], entries: [real, ahead], asOf, appVersion: '0.1.0', createdAt: NOW.toISOString() }))).ok).toBe(true);
  });
});
