// Undo for imports, merges and deletions. Before a write changes entries, the
// exact rows it replaces (or their absence) are kept in an undo record; undo
// puts those rows back byte for byte, removes the history point the import
// added, and removes the undo record itself, so every table is as it was.
// An undo is refused when an entry changed again after the write (undoing
// would silently drop that later edit); the UI then says so.
import { canonicalJson } from '../engine/snapshot/index.ts';
import type { PlanMeterDB, EntryRecord } from './db.ts';
import type { CorrectionRecord } from '../engine/corrections/schema.ts';
import { guardQuota, StoreError } from './store.ts';

export const UNDO_PREFIX = 'undo:';

export interface UndoRecord {
  id: string;
  kind: 'import' | 'delete';
  at: string;
  /** What the user sees in the history list (file name, or the deleted entry). */
  label: string;
  /** The history point the write added (removed again on undo). */
  historyId?: string;
  /** Entry id → the row before the write (null: there was none). */
  before: Record<string, EntryRecord | null>;
  /** Entry id → the row the write left. */
  after: Record<string, EntryRecord>;
  /** Plan-text corrections the write changed (an import carries them too), the same way. */
  corrections?: { before: Record<string, CorrectionRecord | null>; after: Record<string, CorrectionRecord> };
}

export interface UndoSummary {
  id: string;
  kind: UndoRecord['kind'];
  at: string;
  label: string;
  entries: number;
}

/** Keeps an undo record (call inside the write's transaction, which must include db.settings). */
export async function keepUndo(db: PlanMeterDB, record: UndoRecord): Promise<void> {
  await db.settings.put({ key: `${UNDO_PREFIX}${record.id}`, value: record });
}

export async function listUndo(db: PlanMeterDB): Promise<UndoSummary[]> {
  const rows = await db.settings.where('key').startsWith(UNDO_PREFIX).toArray();
  return rows
    .map((r) => r.value as UndoRecord)
    .map((u) => ({ id: u.id, kind: u.kind, at: u.at, label: u.label, entries: Object.keys(u.after).length }))
    .sort((a, b) => (a.at < b.at ? 1 : a.at > b.at ? -1 : 0));
}

/** Undoes one import or deletion; returns the ids of the entries restored. */
export async function applyUndo(db: PlanMeterDB, id: string): Promise<{ restored: string[] }> {
  return guardQuota(() =>
    db.transaction('rw', [db.entries, db.corrections, db.settings, db.snapshots, db.history], async () => {
      const row = await db.settings.get(`${UNDO_PREFIX}${id}`);
      if (!row) throw new StoreError('not_found', `nothing to undo with id ${id}`, 'id');
      const undo = row.value as UndoRecord;
      const ids = Object.keys(undo.after);
      const now = await db.entries.bulkGet(ids);
      const cids = Object.keys(undo.corrections?.after ?? {});
      const cnow = cids.length ? await db.corrections.bulkGet(cids) : [];
      const changed = [
        ...ids.filter((eid, i) => !now[i] || canonicalJson(now[i]) !== canonicalJson(undo.after[eid])),
        ...cids.filter((cid, i) => !cnow[i] || canonicalJson(cnow[i]) !== canonicalJson(undo.corrections!.after[cid])),
      ];
      if (changed.length) throw new StoreError('invalid', `cannot undo: ${changed.length} entries were edited after it (${changed.slice(0, 3).join(', ')})`, 'id');
      for (const eid of ids) {
        const old = undo.before[eid];
        if (old) await db.entries.put(old);
        else await db.entries.delete(eid);
      }
      for (const cid of cids) {
        const old = undo.corrections!.before[cid];
        if (old) await db.corrections.put(old);
        else await db.corrections.delete(cid);
      }
      if (undo.historyId) {
        await db.snapshots.delete(undo.historyId);
        await db.history.delete(undo.historyId);
      }
      await db.settings.delete(row.key);
      return { restored: ids };
    }),
  );
}
