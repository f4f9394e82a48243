// `planmeter suggest PAGE --plans P1 [P2…] [--progress S.json] [--as-of DATE] [--json]`:
// the figures a results page reports, proposed as progress on the targets of
// the given plans, best first. A plan file may be a plan page, the JSON of
// `planmeter parse --json`, or a work report whose 主要预期目标 are the targets.
// Nothing is written: `planmeter record` records an accepted suggestion.
import { parsePage, loadSimplifier, needsSimplification } from '../parse/index.ts';
import { expectedGoalsPlan, suggestProgress, type Suggestion } from '../suggest/index.ts';
import { formatNumber } from '../score/format.ts';
import type { Plan } from '../types.ts';
import { CliError } from './errors.ts';
import { pageParseOptions, pageText, readTextFile } from './parse.ts';
import { checkDate, loadPlansFromFile, loadSnapshot, today } from './score.ts';

const USAGE = 'usage: planmeter suggest PAGE --plans P1 [P2…] [--progress S.json] [--as-of YYYY-MM-DD] [--threshold X] [--json]';

interface Args {
  page: string;
  plans: string[];
  progress?: string;
  asOf?: string;
  threshold?: number;
  json: boolean;
}

function readArgs(args: string[]): Args {
  const out: Args = { page: '', plans: [], json: false };
  const positional: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    const [name, inline] = a.startsWith('--') ? (a.includes('=') ? [a.slice(2, a.indexOf('=')), a.slice(a.indexOf('=') + 1)] : [a.slice(2), undefined]) : [null, undefined];
    if (name === null) positional.push(a);
    else if (name === 'json') out.json = true;
    else if (name === 'plans') {
      if (inline !== undefined) out.plans.push(...inline.split(',').filter(Boolean));
      while (i + 1 < args.length && !args[i + 1]!.startsWith('--')) out.plans.push(args[++i]!);
    } else if (name === 'progress' || name === 'as-of' || name === 'threshold') {
      const value = inline ?? args[++i];
      if (value === undefined || value.startsWith('--')) throw new CliError(`--${name} needs a value\n${USAGE}`);
      if (name === 'progress') out.progress = value;
      else if (name === 'as-of') out.asOf = checkDate(value, 'as-of');
      else {
        const n = Number(value);
        if (!Number.isFinite(n) || n <= 0 || n > 1) throw new CliError(`--threshold must be a number in (0, 1], got "${value}"`);
        out.threshold = n;
      }
    } else throw new CliError(`unknown option --${name}\n${USAGE}`);
  }
  if (positional.length !== 1) throw new CliError(`${USAGE}\n(give exactly one PAGE)`);
  if (out.plans.length === 0) throw new CliError(`${USAGE}\n(give the tracked plans with --plans)`);
  out.page = positional[0]!;
  return out;
}

/** The plans of a file; a page with no numbered plan may still state 主要预期目标. */
async function plansOf(path: string): Promise<Plan[]> {
  try {
    return await loadPlansFromFile(path);
  } catch (error) {
    if (!(error instanceof CliError) || path.toLowerCase().endsWith('.json')) throw error;
    const { text, title } = pageText(path, await readTextFile(path));
    const simplify = needsSimplification(text) ? await loadSimplifier() : undefined;
    const goals = expectedGoalsPlan(text, { ...(simplify ? { simplify } : {}), title: pageParseOptions(path, title).title ?? title });
    if (!goals) throw new CliError(`${path}: not a plan — no numbered measures and no 主要预期目标 found`);
    return [goals];
  }
}

function line(s: Suggestion): string {
  const where = s.measureNumber ? `第${s.measureNumber}项` : '目标';
  const done = s.completion === null ? '' : ` → 完成度 ${formatNumber(s.completion)}%`;
  return `${s.score.toFixed(3)}  可作为《${s.planTitle}》${where}的进展: ${formatNumber(s.value)}${s.unit}${done}\n       page:   ${s.quote}\n       target: ${s.targetQuote}\n       ${s.reasons.join('; ')}`;
}

export async function run(args: string[]): Promise<void> {
  const a = readArgs(args);
  const plans = (await Promise.all(a.plans.map(plansOf))).flat();
  const entries = a.progress ? (await loadSnapshot(a.progress)).entries : [];
  const { text, title } = pageText(a.page, await readTextFile(a.page));
  const traditional = needsSimplification(text) || plans.some((p) => p.script === 'traditional');
  const simplify = traditional ? await loadSimplifier() : undefined;
  const parsed = await parsePage(text, pageParseOptions(a.page, title));
  const suggestions = suggestProgress(text, plans, {
    entries,
    asOf: a.asOf ?? today(),
    pageTitle: parsed.title || title,
    ...(simplify ? { simplify } : {}),
    ...(a.threshold !== undefined ? { threshold: a.threshold } : {}),
  });
  if (a.json) {
    process.stdout.write(`${JSON.stringify(suggestions, null, 2)}\n`);
    return;
  }
  if (suggestions.length === 0) {
    process.stdout.write(`no suggestions: no figure on ${a.page} matches a target of ${plans.map((p) => `《${p.title}》`).join('')}\n`);
    return;
  }
  process.stdout.write(`${suggestions.length} suggestions, best first\n\n${suggestions.map(line).join('\n')}\n`);
}
