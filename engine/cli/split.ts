// `planmeter split SNAPSHOT.json --before YYYY-MM-DD [-o OLD.json] [--plan FILE]…`
// The way out of a snapshot that grew too large: entries dated before DATE
// move to OLD.json (default SNAPSHOT.before-DATE.json), the rest stay. It
// reads files up to SPLIT_READ_FACTOR × the normal limits, so a file that
// `record` or `merge` of an older version wrote past them can still be split.
// Both files are checked against the normal limits before anything is written,
// and SNAPSHOT.json is locked while it is rewritten.
import { access } from 'node:fs/promises';
import { MAX_SNAPSHOT_CHARS, MAX_SNAPSHOT_ENTRIES, formatProblems, mergeSnapshots, parseSnapshot, snapshotWriteProblem, serializeSnapshot, type Snapshot } from '../snapshot/index.ts';
import type { Plan } from '../types.ts';
import { CliError } from './errors.ts';
import { withFileLock, writeSnapshotFile } from './files.ts';
import { appVersion, checkDate, loadPlans, loadPlansFromFile, readSnapshotText } from './score.ts';

export const SPLIT_READ_FACTOR = 4;

const USAGE = 'usage: planmeter split SNAPSHOT.json --before YYYY-MM-DD [-o OLD.json] [--plan FILE]…';

export async function run(args: string[]): Promise<void> {
  const positional: string[] = [];
  const planFiles: string[] = [];
  let before: string | undefined;
  let out: string | undefined;
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    const [name, inline] = a.startsWith('--') ? (a.split(/=(.*)/su, 2) as [string, string | undefined]) : [a, undefined];
    if (name === '-o' || name === '--out' || name === '--plan' || name === '--before') {
      const v = inline ?? args[++i];
      if (v === undefined) throw new CliError(`${name} needs a value\n${USAGE}`);
      if (name === '--plan') planFiles.push(v);
      else if (name === '--before') before = checkDate(v, 'before');
      else out = v;
    } else if (a.startsWith('-')) throw new CliError(`unknown option ${name}\n${USAGE}`);
    else positional.push(a);
  }
  if (positional.length !== 1 || !before) throw new CliError(`${USAGE}\n(give one snapshot file and --before)`);
  const path = positional[0]!;
  const archive = out ?? path.replace(/(\.json)?$/iu, `.before-${before}.json`);
  if (await access(archive).then(() => true, () => false)) throw new CliError(`${archive}: already exists; give another file with -o, or move it away first`);
  const plans: Plan[] = [...(await loadPlans([])), ...(await Promise.all(planFiles.map((p) => loadPlansFromFile(p)))).flat()];
  const version = await appVersion();
  const createdAt = new Date().toISOString();

  const { kept, moved } = await withFileLock(path, async () => {
    const limits = { chars: MAX_SNAPSHOT_CHARS * SPLIT_READ_FACTOR, entries: MAX_SNAPSHOT_ENTRIES * SPLIT_READ_FACTOR };
    const parsed = parseSnapshot(await readSnapshotText(path, limits.chars), limits);
    if (!parsed.ok) throw new CliError(`${path}: not a usable snapshot:\n${formatProblems(parsed.problems).replace(/^/gmu, '  ')}`);
    const whole = parsed.snapshot;
    const part = (keep: (date: string) => boolean): Snapshot => {
      const entries = whole.entries.filter((e) => keep(e.date));
      const ids = new Set(entries.map((e) => e.planId));
      const refs = whole.plans.filter((p) => ids.has(p.id));
      const sub: Snapshot = { ...whole, plans: refs, entries, scores: whole.scores.filter((s) => ids.has(s.planId)) };
      return mergeSnapshots([sub], { plans, createdAt, appVersion: version }).snapshot;
    };
    const kept = part((d) => d >= before!);
    const moved = part((d) => d < before!);
    for (const [file, s] of [[archive, moved], [path, kept]] as const) {
      const problem = snapshotWriteProblem(s, serializeSnapshot(s));
      if (problem) throw new CliError(`${file}: ${problem.message.replace(/FILE/u, path)}; pick an earlier --before date`);
    }
    // The archive first: if writing it fails, the original is untouched.
    await writeSnapshotFile(archive, moved);
    await writeSnapshotFile(path, kept);
    return { kept, moved };
  });
  process.stdout.write(`split ${path}: ${moved.entries.length} entries dated before ${before} moved to ${archive}; ${kept.entries.length} kept\n`);
}
