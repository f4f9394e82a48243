// Import preview and undo in the extension database (fake-indexeddb, the
// background's real handlers): the preview writes nothing and lists a
// colleague's deletion of my entry; an import applies only what was accepted;
// undoing an import or a deletion restores every table byte for byte.
import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { createSnapshot, serializeSnapshot } from '../../engine/snapshot/index.ts';
import type { ProgressEntry } from '../../engine/progress/schema.ts';
import { backgroundOn, digestDb, seededDb, NOW } from '../fixtures/db-tools.ts';
import type { PlanMeterDB } from '../../lib/db.ts';
import type { Plan } from '../../engine/types.ts';

async function colleagueFile(db: PlanMeterDB, plan: Plan, change: (entries: ProgressEntry[]) => ProgressEntry[]): Promise<string> {
  const entries = change(await db.entries.toArray());
  return serializeSnapshot(createSnapshot({ plans: [plan], entries, asOf: '2025-09-01', appVersion: '0.1.0', createdAt: '2025-09-01T10:00:00.000Z' }));
}

type Reply<T> = { ok: boolean; data?: T; message?: string };

describe('import preview, choices and undo', () => {
  it("shows a colleague's deletion of my entry without applying it; rejecting it keeps it; undo restores every table", async () => {
    const { db, plan } = await seededDb();
    const { send } = backgroundOn(db);
    const measure = plan.measures.find((m) => m.targets.length > 0)!;
    const json = await colleagueFile(db, plan, (list) => [
      ...list.map((e) => (e.id === 'local-2' ? { ...e, deleted: true, author: '李四', updatedAt: '2025-08-30T10:00:00.000Z' } : e.id === 'local-0' && e.kind === 'value' ? { ...e, value: 15, author: '李四', updatedAt: '2025-08-30T11:00:00.000Z' } : e)),
      { id: 'theirs-1', planId: plan.id, measureId: measure.id, kind: 'value', targetId: measure.targets[0]!.id, value: 44, date: '2025-08-15', updatedAt: '2025-08-20T10:00:00.000Z', author: '李四' },
    ]);
    const before = await digestDb(db);

    const preview = (await send('snapshot.preview', { json })) as Reply<{ items: { id: string; kind: string; mine: boolean; after: ProgressEntry }[]; counts: Record<string, number> }>;
    expect(preview.ok).toBe(true);
    expect(preview.data!.counts).toMatchObject({ new: 1, changed: 1, deleted: 1, mineDeleted: 1 });
    expect(preview.data!.items.find((i) => i.id === 'local-2')).toMatchObject({ kind: 'deleted', mine: true, after: { author: '李四' } });
    expect(await digestDb(db)).toBe(before); // the preview writes nothing

    const imported = (await send('snapshot.import', { json, reject: ['local-2'], label: 'colleague.json' })) as Reply<{ accepted: number; declined: number; undoId: string }>;
    expect(imported.ok).toBe(true);
    expect(imported.data!.declined).toBe(1);
    expect((await db.entries.get('local-2'))!.deleted).toBeUndefined();
    expect((await db.entries.get('local-0')) as { value: number }).toMatchObject({ value: 15 });
    expect(await db.entries.get('theirs-1')).toBeTruthy();
    expect(await digestDb(db)).not.toBe(before);

    const undoList = (await send('undo.list', {})) as Reply<{ items: { id: string; kind: string; label: string; entries: number }[] }>;
    expect(undoList.data!.items).toEqual([expect.objectContaining({ id: imported.data!.undoId, kind: 'import', label: 'colleague.json', entries: 2 })]);
    const undone = (await send('undo.apply', { id: imported.data!.undoId })) as Reply<{ restored: string[] }>;
    expect(undone.ok).toBe(true);
    expect(undone.data!.restored.sort()).toEqual(['local-0', 'theirs-1']);
    expect(await digestDb(db)).toBe(before);
  });

  it('undo of any import, whatever was rejected, restores byte-identical tables', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.record({ index: fc.nat(), value: fc.integer({ min: 0, max: 500 }), del: fc.boolean(), minutes: fc.integer({ min: -600, max: 600 }) }), { maxLength: 6 }),
        fc.array(fc.boolean(), { minLength: 8, maxLength: 8 }),
        async (edits, rejectMask) => {
          const { db, plan } = await seededDb();
          const { send } = backgroundOn(db);
          const json = await colleagueFile(db, plan, (list) => {
            const out = [...list];
            for (const ed of edits) {
              const i = ed.index % out.length;
              const e = out[i]!;
              const updatedAt = new Date(Date.parse('2025-07-01T00:00:00.000Z') + ed.minutes * 60_000).toISOString();
              out[i] = ed.del ? { ...e, deleted: true, updatedAt } : e.kind === 'value' ? { ...e, value: ed.value, updatedAt } : { ...e, note: String(ed.value), updatedAt };
            }
            return out;
          });
          const before = await digestDb(db);
          const preview = (await send('snapshot.preview', { json })) as Reply<{ items: { id: string; changesLocal: boolean }[] }>;
          const reject = preview.data!.items.filter((_, i) => rejectMask[i % 8]).map((i) => i.id);
          const imported = (await send('snapshot.import', { json, reject })) as Reply<{ undoId?: string }>;
          expect(imported.ok).toBe(true);
          const changing = preview.data!.items.filter((i) => i.changesLocal && !reject.includes(i.id));
          if (!imported.data!.undoId) {
            expect(changing).toEqual([]);
            return;
          }
          const undone = (await send('undo.apply', { id: imported.data!.undoId })) as Reply<unknown>;
          expect(undone.ok).toBe(true);
          expect(await digestDb(db)).toBe(before);
        },
      ),
      { numRuns: 20 },
    );
  }, 120_000);

  it('a deletion can be undone (the row comes back byte for byte); an undo after a later edit is refused', async () => {
    const { db } = await seededDb();
    const { send } = backgroundOn(db);
    const before = await digestDb(db);
    const del = (await send('entry.delete', { id: 'local-1' })) as Reply<{ undoId: string }>;
    expect(del.data!.undoId).toBeTruthy();
    expect((await db.entries.get('local-1'))!.deleted).toBe(true);
    expect(((await send('undo.apply', { id: del.data!.undoId })) as Reply<unknown>).ok).toBe(true);
    expect(await digestDb(db)).toBe(before);

    const again = (await send('entry.delete', { id: 'local-1' })) as Reply<{ undoId: string }>;
    const row = (await db.entries.get('local-1'))!;
    await db.entries.put({ ...row, deleted: false, note: 'edited later', updatedAt: new Date(NOW.getTime() + 60_000).toISOString() });
    const refused = (await send('undo.apply', { id: again.data!.undoId })) as Reply<unknown>;
    expect(refused.ok).toBe(false);
    expect(refused.message).toContain('edited after');
  });
});
