// What an import or a merge will change, entry by entry, before anything is
// written: new entries, changed ones (old → new, whose edit is later),
// deletions (by whom, when) and conflicts (two versions of one entry where the
// local one is kept, or a tie). Deletions of entries the local user wrote are
// called out. Accepting everything gives exactly mergeSnapshots' result;
// rejecting an item keeps the local version of that entry.
import type { ProgressEntry } from '../progress/schema.ts';
import { canonicalJson } from './io.ts';
import { mergeSnapshots, type MergeOptions } from './merge.ts';
import type { Snapshot } from './schema.ts';

export type PreviewKind = 'new' | 'changed' | 'deleted' | 'restored' | 'conflict';

export interface PreviewItem {
  id: string;
  kind: PreviewKind;
  planId: string;
  measureId: string;
  /** The local version (absent for new entries). */
  before?: ProgressEntry;
  /** The version the merge keeps when this item is accepted (for a conflict: the local one). */
  after: ProgressEntry;
  /** Versions the merge sets aside (the other side's, for a conflict). */
  setAside: ProgressEntry[];
  /** Fields that differ between before and after, sorted. */
  fields: string[];
  /** Whose edit is later: the incoming file's, the local one's, or neither (same time). */
  later: 'incoming' | 'local' | 'same-time';
  /** The local user wrote the local version (their author name, or no author on an entry made here). */
  mine: boolean;
  /** Accepting it writes something (false for conflicts the local version wins). */
  changesLocal: boolean;
}

export interface MergePreview {
  items: PreviewItem[];
  counts: Record<PreviewKind, number> & { mineDeleted: number };
  /** The result of accepting every item (mergeSnapshots of local and incoming). */
  acceptAll: Snapshot;
}

export interface PreviewOptions extends MergeOptions {
  /** The local user's author name; entries carrying it (or no author at all, in the local file) are theirs. */
  localAuthor?: string;
}

function differingFields(a: ProgressEntry, b: ProgressEntry): string[] {
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  return [...keys]
    .filter((k) => canonicalJson((a as Record<string, unknown>)[k] ?? null) !== canonicalJson((b as Record<string, unknown>)[k] ?? null))
    .sort();
}

function isMine(entry: ProgressEntry, localAuthor: string | undefined): boolean {
  return entry.author === undefined || entry.author === '' || (localAuthor !== undefined && entry.author === localAuthor);
}

/**
 * The changes merging `incoming` into `local` makes to `local`, one item per
 * entry whose stored version would change or that two sides hold differently.
 */
export function previewMerge(local: Snapshot, incoming: readonly Snapshot[], options: PreviewOptions = {}): MergePreview {
  const { localAuthor, ...mergeOptions } = options;
  const { snapshot: acceptAll, conflicts } = mergeSnapshots([local, ...incoming], mergeOptions);
  const localById = new Map(local.entries.map((e) => [e.id, e]));
  const conflictById = new Map(conflicts.filter((c) => c.kind === 'entry').map((c) => [c.id, c]));
  const items: PreviewItem[] = [];
  for (const after of acceptAll.entries) {
    const before = localById.get(after.id);
    const conflict = conflictById.get(after.id);
    const setAside = (conflict?.discarded ?? []) as ProgressEntry[];
    const base = { id: after.id, planId: after.planId, measureId: after.measureId, after, setAside };
    if (!before) {
      items.push({ ...base, kind: 'new', fields: [], later: 'incoming', mine: false, changesLocal: true });
      continue;
    }
    const same = canonicalJson(before) === canonicalJson(after);
    if (same) {
      // Local kept: a conflict only when another side holds a different version.
      if (setAside.length === 0) continue;
      const tie = conflict?.reason === 'same-time';
      items.push({ ...base, before, kind: 'conflict', fields: differingFields(before, setAside[0]!), later: tie ? 'same-time' : 'local', mine: isMine(before, localAuthor), changesLocal: false });
      continue;
    }
    const tie = Date.parse(before.updatedAt) === Date.parse(after.updatedAt);
    const kind: PreviewKind = tie ? 'conflict' : after.deleted && !before.deleted ? 'deleted' : before.deleted && !after.deleted ? 'restored' : 'changed';
    items.push({ ...base, before, kind, fields: differingFields(before, after), later: tie ? 'same-time' : 'incoming', mine: isMine(before, localAuthor), changesLocal: true });
  }
  const counts = { new: 0, changed: 0, deleted: 0, restored: 0, conflict: 0, mineDeleted: 0 };
  for (const item of items) {
    counts[item.kind]++;
    if (item.kind === 'deleted' && item.mine) counts.mineDeleted++;
  }
  return { items, counts, acceptAll };
}

/**
 * The merge with some items rejected: a rejected entry keeps its local version
 * (a new one stays out). Rejecting nothing gives exactly mergeSnapshots' result.
 */
export function applyMergeChoices(local: Snapshot, incoming: readonly Snapshot[], rejected: ReadonlySet<string>, options: MergeOptions = {}): Snapshot {
  if (rejected.size === 0) return mergeSnapshots([local, ...incoming], options).snapshot;
  const filtered = incoming.map((s) => ({ ...s, entries: s.entries.filter((e) => !rejected.has(e.id)) }));
  return mergeSnapshots([local, ...filtered], options).snapshot;
}
