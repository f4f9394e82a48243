// Two views (popup, dashboard, overlay) saving the same entry at once: the
// background keeps the later edit (updatedAt), whatever order the messages
// arrive in — the same rule as a snapshot merge — and never two rows.
import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import type { PlanMeterDB } from '../../lib/db.ts';
import { backgroundOn, seededDb } from '../fixtures/db-tools.ts';

const opened: PlanMeterDB[] = [];
afterEach(() => {
  for (const db of opened.splice(0)) db.close();
});

describe('concurrent edits of one entry', () => {
  it('a stale edit arriving last does not overwrite a later one', async () => {
    const { db, plan } = await seededDb();
    opened.push(db);
    const { send } = backgroundOn(db);
    const m = plan.measures[3]!;
    const edit = (percent: number, updatedAt: string) => ({ id: 'shared', planId: plan.id, measureId: m.id, kind: 'status', percent, date: '2025-08-01', updatedAt });
    const newer = edit(10, '2025-08-01T10:00:05.000Z');
    const older = edit(15, '2025-08-01T10:00:03.000Z');
    expect((await send('entry.put', { entry: newer })).ok).toBe(true);
    const reply = await send('entry.put', { entry: older });
    expect(reply.ok).toBe(true);
    // The reply tells the stale view what is stored.
    expect((reply.data as { entry: unknown }).entry).toMatchObject({ percent: 10 });
    expect(await db.entries.where('id').equals('shared').toArray()).toEqual([newer]);
    // In the other order, the later edit also wins.
    await send('entry.put', { entry: { ...older, id: 'shared-2' } });
    await send('entry.put', { entry: { ...newer, id: 'shared-2' } });
    expect(await db.entries.get('shared-2')).toMatchObject({ percent: 10 });
  });

  it('a deletion made later is not undone by an older edit arriving after it', async () => {
    const { db, plan } = await seededDb();
    opened.push(db);
    const { send } = backgroundOn(db, () => new Date('2025-08-02T00:00:00.000Z'));
    const m = plan.measures[3]!;
    const entry = { id: 'gone', planId: plan.id, measureId: m.id, kind: 'status', percent: 40, date: '2025-08-01', updatedAt: '2025-08-01T10:00:00.000Z' };
    await send('entry.put', { entry });
    expect((await send('entry.delete', { id: 'gone' })).ok).toBe(true);
    await send('entry.put', { entry: { ...entry, percent: 45, updatedAt: '2025-08-01T11:00:00.000Z' } });
    expect(await db.entries.get('gone')).toMatchObject({ deleted: true });
  });
});
