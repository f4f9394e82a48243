// `planmeter merge A.json B.json… -o OUT.json`: merge colleagues' snapshots.
// Entries by id, the later edit wins, conflicts listed. Scores are
// recomputed for the plans among the bundled seeds and any --plan FILE.
import { mergeSnapshots, serializeSnapshot, type MergeConflict } from '../snapshot/index.ts';
import type { Plan } from '../types.ts';
import { parseArgs } from './args.ts';
import { CliError } from './errors.ts';
import { mergeCorrectionRecords } from '../corrections/index.ts';
import { appVersion, loadPlans, loadPlansFromFile, loadSnapshot, writeFileAtomic } from './score.ts';

function describe(c: MergeConflict): string {
  if (c.kind === 'plan') return `plan ${c.id}: two different texts share this id; kept "${(c.kept as { title: string }).title}" (fingerprint ${(c.kept as { fingerprint: string }).fingerprint})`;
  const kept = c.kept as { updatedAt: string; author?: string };
  const why = c.reason === 'later-edit' ? 'the later edit' : 'same edit time: kept deterministically';
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
  const { positional } = parseArgs(rest, [], []);
  if (!out) throw new CliError('usage: planmeter merge A.json B.json… -o OUT.json   (-o is required)');
  if (positional.length < 1) throw new CliError('usage: planmeter merge A.json B.json… -o OUT.json   (give the snapshots to merge)');
  // Read and validate every input before writing anything.
  const snapshots = [];
  for (const path of positional) snapshots.push(await loadSnapshot(path));
  const corrections = mergeCorrectionRecords(...snapshots.map((s) => s.corrections ?? []));
  const plans: Plan[] = [...(await loadPlans([], corrections)), ...(await Promise.all(planFiles.map((p) => loadPlansFromFile(p, corrections)))).flat()];
  const { snapshot, conflicts } = mergeSnapshots(snapshots, { plans, createdAt: new Date().toISOString(), appVersion: await appVersion() });
  await writeFileAtomic(out, serializeSnapshot(snapshot));
  const lines = [`merged ${positional.length} snapshots into ${out}: ${snapshot.entries.length} entries, ${snapshot.plans.length} plans, ${conflicts.length} conflicts`];
  for (const c of conflicts) lines.push(`  conflict: ${describe(c)}`);
  process.stdout.write(`${lines.join('\n')}\n`);
}
