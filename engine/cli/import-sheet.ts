// `planmeter import-sheet S.json SHEET.xlsx|SHEET.csv [--dry-run] [--date D] [--overwrite-newer] [--lang zh-CN|en] [--plan FILE]…`
// Bulk entry from a 台账: prints what every row would do (new / changed /
// unchanged / unmatched / malformed, with the reason), then writes the
// accepted rows into the snapshot (atomically), or nothing with --dry-run.
// Rows over a stored entry edited after the sheet was exported are written
// only with --overwrite-newer. The plans are those the snapshot refers to,
// found among the bundled seeds and any --plan FILE.
import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import type { Plan } from '../types.ts';
import { scorePlans } from '../score/index.ts';
import { compactScore, serializeSnapshot } from '../snapshot/index.ts';
import { applyImport, previewImport } from '../report/import.ts';
import { readSheetFile, SheetError } from '../report/sheet.ts';
import { parseArgs } from './args.ts';
import { CliError } from './errors.ts';
import { takePlanFlags } from './record.ts';
import { cliWords } from './report.ts';
import { appVersion, checkDate, loadPlansFromFile, loadSnapshot, seedPaths, today, writeFileAtomic } from './score.ts';

const USAGE = 'usage: planmeter import-sheet S.json SHEET.xlsx|SHEET.csv [--dry-run] [--date YYYY-MM-DD] [--overwrite-newer] [--lang zh-CN|en] [--plan FILE]…';

export async function run(args: string[]): Promise<void> {
  const { rest, planFiles } = takePlanFlags(args);
  const { positional, flags } = parseArgs(rest, ['dry-run', 'overwrite-newer'], ['date', 'lang']);
  if (positional.length !== 2) throw new CliError(`${USAGE}\n(give the snapshot and the sheet)`);
  const [snapshotPath, sheetPath] = positional as [string, string];
  const date = flags.has('date') ? checkDate(String(flags.get('date')), 'date') : today();
  const words = await cliWords(String(flags.get('lang') ?? 'zh-CN'));
  const snapshot = await loadSnapshot(snapshotPath);
  let bytes: Uint8Array;
  try {
    bytes = new Uint8Array(await readFile(sheetPath));
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new CliError(code === 'ENOENT' ? `${sheetPath}: no such file` : `${sheetPath}: cannot read (${code ?? 'unknown error'})`);
  }
  let sheets;
  try {
    sheets = await readSheetFile(sheetPath, bytes);
  } catch (error) {
    if (error instanceof SheetError) throw new CliError(`${sheetPath}: ${words.t('import.badFile', { message: error.message })}`);
    throw error;
  }

  // The plans the snapshot refers to.
  const wanted = new Set(snapshot.plans.map((p) => p.id));
  const plans: Plan[] = [];
  for (const source of [...planFiles, ...(await seedPaths())]) {
    if (wanted.size === 0) break;
    let loaded: Plan[];
    try {
      loaded = await loadPlansFromFile(source);
    } catch (error) {
      if (!planFiles.includes(source) && error instanceof CliError) continue;
      throw error;
    }
    for (const p of loaded) if (wanted.delete(p.id)) plans.push(p);
  }
  if (plans.length === 0) throw new CliError(`${snapshotPath}: none of its plans is among the bundled seeds${planFiles.length ? ` or ${planFiles.join(', ')}` : ''} (add --plan FILE)`);
  for (const id of wanted) process.stderr.write(`planmeter: plan ${id} of the snapshot not found (add --plan FILE): its rows will be unmatched\n`);

  const preview = previewImport(sheets, plans, snapshot.entries, { words, date, now: new Date().toISOString(), newId: () => `entry_${randomUUID()}` });
  if (preview.rows.length === 0) throw new CliError(`${sheetPath}: ${words.t('import.noHeader')}`);
  const overwrite = flags.has('overwrite-newer');
  const out: string[] = [];
  for (const r of preview.rows) out.push(`${r.sheet}!${r.row}\t${words.t(`import.kind.${r.kind}`)}${r.newer ? (overwrite ? ' (!)' : ' (×)') : ''}\t${r.key}\t${r.reason}`);
  out.push('', words.t('import.preview', { ...preview.counts }));
  for (const name of preview.skippedSheets) out.push(`(${name}: ${words.t('import.noHeader')})`);
  const chosen = applyImport(preview, overwrite ? (r) => r.accepted || !!r.newer : undefined);
  if (flags.has('dry-run')) {
    out.push(`--dry-run: ${chosen.length} entries would be written; ${snapshotPath} unchanged`);
    process.stdout.write(`${out.join('\n')}\n`);
    return;
  }
  if (chosen.length > 0) {
    const byId = new Map(snapshot.entries.map((e) => [e.id, e]));
    for (const e of chosen) byId.set(e.id, e);
    const entries = [...byId.values()];
    const asOf = snapshot.asOf > today() ? snapshot.asOf : today();
    const fresh = new Map(scorePlans(plans, entries, { asOf }).map((s, i) => [s.planId, compactScore(s, plans[i]!)]));
    const scores = snapshot.plans.map((ref) => fresh.get(ref.id) ?? snapshot.scores.find((s) => s.planId === ref.id)).filter((s): s is NonNullable<typeof s> => !!s);
    await writeFileAtomic(snapshotPath, serializeSnapshot({ ...snapshot, appVersion: await appVersion(), createdAt: new Date().toISOString(), asOf, entries, scores }));
  }
  out.push(words.t('import.done', { n: chosen.length }) + ` → ${snapshotPath}`);
  process.stdout.write(`${out.join('\n')}\n`);
}
