// `planmeter diff A.json B.json [--json]`: what moved between two snapshots.
import { diffSnapshots } from '../snapshot/index.ts';
import type { ProgressEntry } from '../progress/schema.ts';
import { formatNumber, formatPercent, formatPercentChange } from '../score/index.ts';
import type { EntryDiffItem } from '../snapshot/index.ts';
import { parseArgs } from './args.ts';
import { CliError } from './errors.ts';
import { loadSnapshot } from './score.ts';

function entryLine(e: ProgressEntry): string {
  const what = e.kind === 'value' ? `target ${e.targetId} = ${formatNumber(e.value)}${e.unit ?? ''}` : `measure ${e.measureId}: ${e.percent !== undefined ? `${formatNumber(e.percent)}%` : e.milestone}`;
  return `${e.id} ${e.date} ${what}${e.deleted ? ' (deleted)' : ''}`;
}

function pct(n: number | null): string {
  return formatPercent(n);
}

function valueOf(e: ProgressEntry): string {
  return e.kind === 'value' ? `${formatNumber(e.value)}${e.unit ?? ''}` : e.percent !== undefined ? `${formatNumber(e.percent)}%` : (e.milestone ?? '');
}

function changeLine(c: EntryDiffItem): string {
  const who = c.by ? ` by ${c.by}` : '';
  switch (c.kind) {
    case 'added':
      return `  + ${entryLine(c.after!)}`;
    case 'removed':
      return `  - ${entryLine(c.before!)}`;
    case 'deleted':
      return `  - ${c.id} ${c.before!.date} ${valueOf(c.before!)} deleted${who} at ${c.at}`;
    case 'restored':
      return `  + ${c.id} ${c.after!.date} ${valueOf(c.after!)} restored${who} at ${c.at}`;
    case 'changed':
      return `  ~ ${c.id} ${c.after!.date} ${valueOf(c.before!)} → ${valueOf(c.after!)} (changed: ${c.fields.join(', ')}; later edit: ${c.later === 'same-time' ? 'same time' : c.later === 'after' ? 'B' : 'A'}${who} at ${c.at})`;
  }
}

export async function run(args: string[]): Promise<void> {
  const { positional, flags } = parseArgs(args, ['json'], []);
  if (positional.length !== 2) throw new CliError('usage: planmeter diff A.json B.json [--json]');
  const a = await loadSnapshot(positional[0]!);
  const b = await loadSnapshot(positional[1]!);
  const d = diffSnapshots(a, b);
  if (flags.has('json')) {
    process.stdout.write(`${JSON.stringify(d, null, 2)}\n`);
    return;
  }
  const out: string[] = [`as of ${d.asOf.before} → ${d.asOf.after}`];
  out.push(`entries: ${d.entries.added.length} added, ${d.entries.removed.length} removed, ${d.entries.changed.length} changed`);
  for (const c of d.entries.changes) out.push(changeLine(c));
  for (const p of d.plans.added) out.push(`plan added: ${p.title} (${p.id})`);
  for (const p of d.plans.removed) out.push(`plan removed: ${p.title} (${p.id})`);
  for (const s of d.scores) out.push(`plan score ${s.title}: ${pct(s.before)} → ${pct(s.after)} (${formatPercentChange(s.before, s.after)})`);
  if (d.measures.length) out.push('measures that moved:');
  for (const m of d.measures) out.push(`  ${m.measureId}: ${pct(m.before?.completion ?? null)} ${m.before?.status ?? ''} → ${pct(m.after?.completion ?? null)} ${m.after?.status ?? ''} (${formatPercentChange(m.before?.completion, m.after?.completion)})`);
  if (d.entries.added.length + d.entries.removed.length + d.entries.changed.length + d.scores.length + d.measures.length === 0) out.push('no differences');
  process.stdout.write(`${out.join('\n')}\n`);
}
