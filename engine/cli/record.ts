// `planmeter record SNAPSHOT.json (--target ID --value N [--unit U] | --measure ID --status PCT|MILESTONE)
//   [--date YYYY-MM-DD] [--note TEXT] [--evidence URL] [--author NAME] [--plan FILE]…`
// Appends one progress entry to a snapshot file, creating it when missing.
// Target and measure ids come from `planmeter parse --json`; the plan they
// belong to is found among the bundled seeds and any --plan FILE given.
// The file is replaced atomically (a crash leaves the old file or the new one)
// under a lock held from reading the file to replacing it, so parallel
// `record` runs all land (engine/cli/files.ts explains the choice).
import { randomUUID } from 'node:crypto';
import { access } from 'node:fs/promises';
import { withFileLock, writeSnapshotFile } from './files.ts';
import { MILESTONES, ProgressEntry, type Milestone } from '../progress/schema.ts';
import type { Measure, Plan, Target } from '../types.ts';
import { scorePlans, formatNumber, formatPercent } from '../score/index.ts';
import { compactScore, createSnapshot, formatProblems, type Snapshot } from '../snapshot/index.ts';
import { checkPlausibility, numberProblemMessage, parseUserNumber, plausibilityQuestion } from '../progress/user-number.ts';
import { cliLocale, futureDateMessage } from './locale.ts';
import { parseArgs } from './args.ts';
import { CliError } from './errors.ts';
import { appVersion, checkDate, loadPlansFromFile, loadSnapshot, seedPaths, today } from './score.ts';

const USAGE =
  'usage: planmeter record SNAPSHOT.json (--target ID --value N [--unit U] | --measure ID --status PCT|MILESTONE) [--date YYYY-MM-DD] [--note TEXT] [--evidence URL] [--author NAME] [--source-url URL] [--source-title T] [--quote TEXT] [--doc-number 文号] [--reporter 填报人] [--plan FILE]… [--yes]';

/** Pulls every `--plan FILE` out of the arguments (the flag may repeat). */
export function takePlanFlags(args: string[]): { rest: string[]; planFiles: string[] } {
  const rest: string[] = [];
  const planFiles: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (arg === '--plan') {
      const value = args[++i];
      if (value === undefined) throw new CliError('--plan needs a value');
      planFiles.push(value);
    } else if (arg.startsWith('--plan=')) planFiles.push(arg.slice('--plan='.length));
    else rest.push(arg);
  }
  return { rest, planFiles };
}

interface Found {
  plan: Plan;
  measure: Measure;
  target?: Target;
}

function findId(plans: Plan[], id: string, kind: 'target' | 'measure'): Found | null {
  for (const plan of plans) {
    for (const measure of plan.measures) {
      if (kind === 'measure' && measure.id === id) return { plan, measure };
      if (kind === 'target') {
        const target = measure.targets.find((t) => t.id === id);
        if (target) return { plan, measure, target };
      }
    }
  }
  return null;
}

function parseStatus(text: string): { percent?: number; milestone?: Milestone } {
  if (text in MILESTONES) return { milestone: text as Milestone };
  const n = Number(text.replace(/%$/u, ''));
  if (text.trim() !== '' && Number.isFinite(n) && n >= 0 && n <= 100) return { percent: n };
  throw new CliError(`--status must be a percentage 0–100 or one of ${Object.keys(MILESTONES).join(' / ')}, got "${text}"`);
}

async function exists(path: string): Promise<boolean> {
  return access(path).then(
    () => true,
    () => false,
  );
}

/** --source-url/--source-title/--quote/--doc-number → the entry's source (omitted when none is given). */
function sourceFlags(flags: Map<string, unknown>): { source?: Record<string, string> } {
  const pairs = [['source-url', 'url'], ['source-title', 'title'], ['quote', 'quote'], ['doc-number', 'docNumber']] as const;
  const source = Object.fromEntries(pairs.filter(([flag]) => flags.has(flag)).map(([flag, key]) => [key, String(flags.get(flag))]));
  return Object.keys(source).length ? { source } : {};
}

export async function run(args: string[]): Promise<void> {
  const { rest, planFiles } = takePlanFlags(args);
  const { positional, flags } = parseArgs(rest, ['yes'], ['target', 'value', 'unit', 'measure', 'status', 'date', 'note', 'evidence', 'author', 'source-url', 'source-title', 'quote', 'doc-number', 'reporter']);
  if (positional.length !== 1) throw new CliError(`${USAGE}\n(give exactly one snapshot file)`);
  const path = positional[0]!;
  const byTarget = flags.has('target');
  const byMeasure = flags.has('measure');
  if (byTarget === byMeasure) throw new CliError(`${USAGE}\n(give either --target with --value, or --measure with --status)`);
  if (byTarget && !flags.has('value')) throw new CliError('--target needs --value N');
  if (byTarget && flags.has('status')) throw new CliError('--status goes with --measure, not --target');
  if (byMeasure && !flags.has('status')) throw new CliError('--measure needs --status PCT|MILESTONE');
  if (byMeasure && (flags.has('value') || flags.has('unit'))) throw new CliError('--value and --unit go with --target, not --measure');

  // Check everything the user typed before reading any plan or file.
  const locale = cliLocale();
  const date = flags.has('date') ? checkDate(String(flags.get('date')), 'date') : today();
  const ahead = futureDateMessage(date, new Date(), locale);
  if (ahead) throw new CliError(locale === 'zh-CN' ? `--date：${ahead}；请填写数值属实的那一天（YYYY-MM-DD）` : `--date: ${ahead}; give the day the number was true (YYYY-MM-DD)`);
  const colon = locale === 'zh-CN' ? '：' : ': ';
  const notANumber = locale === 'zh-CN' ? '--value：' : '--value must be a number: ';
  const rawValue = byTarget ? String(flags.get('value')) : '';
  if (byTarget) {
    // The same reading of typed numbers as the extension's forms (engine/progress/user-number.ts);
    // the unit is checked against the target once the target is found.
    const syntax = parseUserNumber(rawValue);
    if (!syntax.ok) throw new CliError(`${notANumber}${numberProblemMessage(syntax.problem, locale)}`);
  }
  const status = byMeasure ? parseStatus(String(flags.get('status'))) : undefined;

  const existing = (await exists(path)) ? await loadSnapshot(path) : null;
  const id = String(flags.get(byTarget ? 'target' : 'measure'));
  // Read plan files first, then the seeds one at a time, and stop once the id
  // and every plan the snapshot already refers to are found (parsing is the slow part).
  const plans: Plan[] = [];
  const wanted = new Set(existing?.plans.map((p) => p.id) ?? []);
  let found: Found | null = null;
  for (const source of [...planFiles, ...(await seedPaths())]) {
    const isSeed = !planFiles.includes(source);
    let loaded: Plan[];
    try {
      loaded = await loadPlansFromFile(source, existing?.corrections ?? []);
    } catch (error) {
      if (isSeed && error instanceof CliError) continue; // a seed that holds no plan (a results report)
      throw error;
    }
    plans.push(...loaded);
    for (const p of loaded) wanted.delete(p.id);
    found ??= findId(loaded, id, byTarget ? 'target' : 'measure');
    if (found && wanted.size === 0) break;
  }
  if (!found) {
    const where = planFiles.length ? `the bundled seeds or ${planFiles.join(', ')}` : 'the bundled seeds (add --plan FILE for another plan)';
    throw new CliError(`unknown ${byTarget ? 'target' : 'measure'} id "${id}": not in ${where}; ids come from "planmeter parse FILE --json"`);
  }

  let value: number | undefined;
  const typedUnit = flags.has('unit') ? String(flags.get('unit')) : undefined;
  if (byTarget) {
    const target = found.target!;
    // A unit given with --unit is typed after the number; either way the value is stored in the target's unit.
    const parsed = parseUserNumber(typedUnit !== undefined ? `${rawValue}${typedUnit}` : rawValue, { targetUnit: target.unit });
    if (!parsed.ok) throw new CliError(`${notANumber}${numberProblemMessage(parsed.problem, locale)}`);
    value = parsed.value; // in the target's unit: the entry carries no unit of its own
    const previous = existing?.entries
      .filter((e) => !e.deleted && e.kind === 'value' && e.targetId === target.id && (e.unit === undefined || e.unit === target.unit))
      .sort((a, b) => (a.date + a.updatedAt).localeCompare(b.date + b.updatedAt))
      .at(-1);
    const check = checkPlausibility(value, target, previous?.kind === 'value' ? previous.value : undefined);
    if (check.verdict === 'refuse') throw new CliError(`--value${colon}${numberProblemMessage(check.problem, locale)}`);
    if (check.verdict === 'ask' && !flags.has('yes')) {
      throw new CliError(`--value${colon}${check.reasons.map((q) => plausibilityQuestion(q, locale, formatNumber)).join(' ')} ${locale === 'zh-CN' ? '确认无误请加 --yes 再次执行。' : 'Add --yes to record it anyway.'}`);
    }
  }

  const now = new Date().toISOString();
  const candidate = {
    id: `entry_${randomUUID()}`,
    planId: found.plan.id,
    measureId: found.measure.id,
    date,
    updatedAt: now,
    ...(flags.has('note') ? { note: String(flags.get('note')) } : {}),
    ...(flags.has('evidence') ? { evidence: String(flags.get('evidence')) } : {}),
    ...(flags.has('author') ? { author: String(flags.get('author')) } : {}),
    ...(flags.has('reporter') ? { reporter: String(flags.get('reporter')) } : {}),
    ...sourceFlags(flags),
    ...(byTarget
      ? { kind: 'value' as const, targetId: found.target!.id, value: value! }
      : { kind: 'status' as const, ...status }),
  };
  const checked = ProgressEntry.safeParse(candidate);
  if (!checked.success) throw new CliError(`the entry is not valid:\n${formatProblems(checked.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })))}`);
  const entry = checked.data;

  const version = await appVersion();
  // Read the file again under the lock: another record may have added entries
  // since it was read above (that read only chose which plans to load).
  const snapshot = await withFileLock(path, async () => {
    const current = (await exists(path)) ? await loadSnapshot(path) : null;
    // Tests widen the window between this read and the write below, to show that
    // parallel runs would lose entries without the lock (test/unit/cli-files.test.ts).
    const widen = Number(process.env.PLANMETER_TEST_WRITE_DELAY_MS ?? 0);
    if (widen > 0) await new Promise((r) => setTimeout(r, widen));
    const asOf = current && current.asOf > today() ? current.asOf : today();
    let next: Snapshot;
    if (!current) {
      next = createSnapshot({ plans: [found.plan], entries: [entry], asOf, appVersion: version, createdAt: now });
    } else {
      const planRefs = current.plans.some((p) => p.id === found.plan.id) ? current.plans : [...current.plans, { id: found.plan.id, fingerprint: found.plan.fingerprint, title: found.plan.title }];
      const entries = [...current.entries, entry];
      // Recompute scores of the plans we know; keep the stored score of any we do not.
      const known = planRefs.map((ref) => plans.find((p) => p.id === ref.id)).filter((p): p is Plan => !!p);
      const fresh = new Map(scorePlans(known, entries, { asOf }).map((s, i) => [s.planId, compactScore(s, known[i]!)]));
      const scores = planRefs.map((ref) => fresh.get(ref.id) ?? current.scores.find((s) => s.planId === ref.id)).filter((s): s is NonNullable<typeof s> => !!s);
      next = { ...current, appVersion: version, createdAt: now, asOf, plans: planRefs, entries, scores };
    }
    await writeSnapshotFile(path, next);
    return next;
  });
  const asOf = snapshot.asOf;

  const score = scorePlans([found.plan], snapshot.entries, { asOf }).at(0)!;
  const ms = score.measures[found.measure.id]!;
  const what = found.target
    ? `${found.target.label || found.measure.title}: ${ms.targets[found.measure.targets.indexOf(found.target)]!.explanation}`
    : `${found.measure.title}: ${ms.explanation}`;
  process.stdout.write(`recorded ${entry.id} in ${path}\n  ${what}\n  measure ${found.measure.number ? `${found.measure.number}. ` : ''}${found.measure.title}: ${formatPercent(ms.completion)} (${ms.status}); plan score ${formatPercent(score.score)}\n`);
}
