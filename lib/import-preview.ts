// What importing (merging) a colleague's snapshot file will change in this
// browser, entry by entry, before anything is written: the engine's
// previewMerge over the stored entries and the file's, after the same checks
// import makes (entries naming plans, measures or targets this browser does
// not have are listed as problems, not as changes).
import { parseSnapshot, previewMerge, SNAPSHOT_FORMAT, SNAPSHOT_VERSION, type PreviewItem, type Snapshot } from '../engine/snapshot/index.ts';
import type { PlanMeterDB, PlanRecord } from './db.ts';
import { correctedAwayIds, entryProblem, resolvePlans } from './backup.ts';
import { mergeCorrectionRecords } from '../engine/corrections/index.ts';

export interface ImportPreviewItem extends PreviewItem {
  planTitle: string;
  /** "6. 提升…" */
  measureLabel: string;
}

export interface ImportPreview {
  items: ImportPreviewItem[];
  counts: Record<PreviewItem['kind'], number> & { mineDeleted: number };
  problems: { path: string; message: string }[];
  warnings: string[];
}

function bare(entries: Snapshot['entries'], createdAt: string): Snapshot {
  return { format: SNAPSHOT_FORMAT, version: SNAPSHOT_VERSION, appVersion: '0', createdAt, asOf: createdAt.slice(0, 10), plans: [], entries, scores: [] };
}

export async function previewImportJson(db: PlanMeterDB, json: string, now: Date, localAuthor?: string): Promise<ImportPreview> {
  const parsed = parseSnapshot(json);
  const empty = { new: 0, changed: 0, deleted: 0, restored: 0, conflict: 0, mineDeleted: 0 };
  if (!parsed.ok) return { items: [], counts: empty, problems: parsed.problems, warnings: [] };
  const { snapshot } = parsed;
  const records = await db.plans.toArray();
  const plans = resolvePlans(snapshot, records);
  // As import does: entries on measures or targets that corrections removed are orphans to reassign, not errors.
  const away = correctedAwayIds(mergeCorrectionRecords(await db.corrections.toArray(), snapshot.corrections ?? []));
  const problems: { path: string; message: string }[] = [];
  const incoming: Snapshot['entries'] = [];
  snapshot.entries.forEach((entry, i) => {
    const local = plans.get(entry.planId);
    const problem = entryProblem({ ...entry, planId: local?.id ?? entry.planId }, local?.plan, away);
    if (problem) problems.push({ path: `entries[${i}]`, message: problem });
    else incoming.push({ ...entry, planId: local!.id });
  });
  const ids = incoming.map((e) => e.id);
  const stored = (await db.entries.bulkGet(ids)).filter((e): e is NonNullable<typeof e> => !!e);
  const preview = previewMerge(bare(stored, now.toISOString()), [bare(incoming, now.toISOString())], localAuthor !== undefined ? { localAuthor } : {});
  const byId = new Map<string, PlanRecord>(records.map((r) => [r.id, r]));
  const items = preview.items.map((item) => {
    const record = byId.get(item.planId);
    const m = record?.plan.measures.find((x) => x.id === item.measureId);
    return { ...item, planTitle: record?.title ?? item.planId, measureLabel: m ? `${m.number ? `${m.number}. ` : ''}${m.title}` : item.measureId };
  });
  return { items, counts: preview.counts, problems, warnings: parsed.warnings.map((w) => `${w.path}: ${w.message}`) };
}
