// `planmeter merge A.json B.json… -o OUT.json`: merge colleagues' snapshots.
// Entries by id, the later edit wins, conflicts listed. Scores are
// recomputed for the plans among the bundled seeds and any --plan FILE.
// `--dry-run` writes nothing and lists, entry by entry, what merging B… into
// A would change in A (new, changed, deleted, restored, conflicting);
// `--json` prints that list (and the merge summary) as JSON.
import { mergeSnapshots, previewMerge, type MergeConflict, type PreviewItem } from '../snapshot/index.ts';
import type { ProgressEntry } from '../progress/schema.ts';
import { formatNumber } from '../score/index.ts';
import type { Plan } from '../types.ts';
import { parseArgs } from './args.ts';
import { CliError } from './errors.ts';
import { mergeCorrectionRecords } from '../corrections/index.ts';
import { appVersion, loadPlans, loadPlansFromFile, loadSnapshot } from './score.ts';
import { withFileLock, writeSnapshotFile } from './files.ts';
import { cliLocale, futureDateMessage, type CliLocale } from './locale.ts';
import type { Snapshot } from '../snapshot/index.ts';

/**
 * Refuses a merge that would carry progress dated after tomorrow (a wrong
 * clock, a typo, a forged file): such an entry would become the "latest"
 * reading. Nothing is written; each entry is named with its file and place.
 */
export function refuseFutureDates(snapshots: readonly Snapshot[], paths: readonly string[], now: Date, locale: CliLocale): void {
  const lines: string[] = [];
  snapshots.forEach((s, k) =>
    s.entries.forEach((e, i) => {
      const problem = e.deleted ? null : futureDateMessage(e.date, now, locale);
      if (problem) lines.push(`  ${paths[k]}: entries[${i}] (${e.id}): ${problem}`);
    }),
  );
  if (!lines.length) return;
  throw new CliError(
    locale === 'zh-CN'
      ? `未合并，未写入任何文件：${lines.length} 条进度的日期在明天之后：\n${lines.join('\n')}\n请在文件中改正这些日期（或请填报人改正）后再合并`
      : `merge refused, nothing written: ${lines.length} ${lines.length === 1 ? 'entry is' : 'entries are'} dated after tomorrow:\n${lines.join('\n')}\ncorrect the dates in those files (or ask whoever recorded them), then merge again`,
  );
}

function describe(c: MergeConflict): string {
  if (c.kind === 'plan') return `plan ${c.id}: two different texts share this id; kept "${(c.kept as { title: string }).title}" (fingerprint ${(c.kept as { fingerprint: string }).fingerprint})`;
  const kept = c.kept as { updatedAt: string; author?: string };
  const why = c.reason === 'later-edit' ? 'the later edit' : c.reason === 'future-edit' ? `a version edited "in the future" (${(c.discarded as { updatedAt: string }[]).map((d) => d.updatedAt).join(', ')}: a clock running ahead) was set aside for the latest real edit` : 'same edit time: kept deterministically';
  return `entry ${c.id}: kept the version of ${kept.updatedAt}${kept.author ? ` by ${kept.author}` : ''} (${why}); set aside ${c.discarded.length}`;
}

export async function run(args: string[]): Promise<void> {
  const rest: string[] = [];
  let out: string | undefined;
  const planFiles: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === '-o' || a === '--out' || a === '--plan') {
      const v = args[++i];
      if (v === undefined) throw new CliError(`${a} needs a value`);
      if (a === '--plan') planFiles.push(v);
      else out = v;
    } else rest.push(a);
  }
  const { positional, flags } = parseArgs(rest, ['dry-run', 'json'], ['author']);
  const dryRun = flags.has('dry-run');
  if (dryRun && out) throw new CliError('--dry-run writes nothing: leave out -o');
  if (!out && !dryRun) throw new CliError('usage: planmeter merge A.json B.json… -o OUT.json   (-o is required)');
  if (positional.length < 1) throw new CliError('usage: planmeter merge A.json B.json… -o OUT.json   (give the snapshots to merge)');
  // Read and validate every input before writing anything.
  const snapshots = [];
  for (const path of positional) snapshots.push(await loadSnapshot(path));
  const locale = cliLocale();
  refuseFutureDates(snapshots, positional, new Date(), locale);
  const corrections = mergeCorrectionRecords(...snapshots.map((s) => s.corrections ?? []));
  const plans: Plan[] = [...(await loadPlans([], corrections)), ...(await Promise.all(planFiles.map((p) => loadPlansFromFile(p, corrections)))).flat()];
  if (dryRun) {
    const localAuthor = flags.has('author') ? String(flags.get('author')) : undefined;
    const preview = previewMerge(snapshots[0]!, snapshots.slice(1), { plans, ...(localAuthor !== undefined ? { localAuthor } : {}) });
    if (flags.has('json')) {
      const { acceptAll, ...rest } = preview;
      process.stdout.write(`${JSON.stringify({ into: positional[0], from: positional.slice(1), ...rest, result: { entries: acceptAll.entries.length, plans: acceptAll.plans.length } }, null, 2)}\n`);
      return;
    }
    const c = preview.counts;
    const lines = [`dry run: merging ${positional.slice(1).join(', ') || '(nothing)'} into ${positional[0]} would change: ${c.new} new, ${c.changed} changed, ${c.deleted} deleted (${c.mineDeleted} of them written locally), ${c.restored} restored, ${c.conflict} conflicting; nothing written`];
    for (const item of preview.items) lines.push(`  ${previewLine(item)}`);
    process.stdout.write(`${lines.join('\n')}\n`);
    return;
  }
  const version = await appVersion();
  // Under the output's lock (the output may be one of the inputs, or a file a
  // parallel record is adding to): read every input again, merge, write.
  const { snapshot, conflicts } = await withFileLock(out!, async () => {
    const current = [];
    for (const path of positional) current.push(await loadSnapshot(path));
    refuseFutureDates(current, positional, new Date(), locale);
    const merged = mergeSnapshots(current, { plans, createdAt: new Date().toISOString(), appVersion: version });
    await writeSnapshotFile(out!, merged.snapshot);
    return merged;
  });
  if (flags.has('json')) {
    process.stdout.write(`${JSON.stringify({ out, snapshots: positional.length, entries: snapshot.entries.length, plans: snapshot.plans.length, conflicts }, null, 2)}\n`);
    return;
  }
  const lines = [`merged ${positional.length} snapshots into ${out}: ${snapshot.entries.length} entries, ${snapshot.plans.length} plans, ${conflicts.length} conflicts`];
  for (const c of conflicts) lines.push(`  conflict: ${describe(c)}`);
  process.stdout.write(`${lines.join('\n')}\n`);
}

function entryValue(e: ProgressEntry): string {
  if (e.deleted) return '(deleted)';
  return e.kind === 'value' ? `${formatNumber(e.value)}${e.unit ?? ''}` : e.percent !== undefined ? `${formatNumber(e.percent)}%` : e.milestone ?? '';
}

function byWhom(e: ProgressEntry): string {
  return `${e.author ? `by ${e.author} ` : ''}at ${e.updatedAt}`;
}

function previewLine(item: PreviewItem): string {
  const where = `${item.id} (measure ${item.measureId}, ${item.after.date})`;
  switch (item.kind) {
    case 'new':
      return `+ new ${where}: ${entryValue(item.after)} ${byWhom(item.after)}`;
    case 'deleted':
      return `- deleted ${where}: ${entryValue(item.before!)} deleted ${byWhom(item.after)}${item.mine ? ' — an entry written locally' : ''}`;
    case 'restored':
      return `+ restored ${where}: ${entryValue(item.after)} ${byWhom(item.after)}`;
    case 'changed':
      return `~ changed ${where}: ${entryValue(item.before!)} → ${entryValue(item.after)} (the incoming edit is later: ${byWhom(item.after)}; local ${byWhom(item.before!)})`;
    case 'conflict':
      return item.changesLocal
        ? `! conflict ${where}: ${entryValue(item.before!)} → ${entryValue(item.after)} (same edit time; kept deterministically)`
        : `! conflict ${where}: keeps local ${entryValue(item.before!)} (${item.later === 'local' ? 'the local edit is later' : 'same edit time'}); sets aside ${item.setAside.map(entryValue).join(', ')}`;
  }
}
