// `planmeter related FILE… [--json] [--threshold X]`: the same measure across
// plans (city ↔ district, 2024 ↔ 2025, traditional ↔ simplified script).
// With no FILE, the bundled seeds.
import { loadSimplifier } from '../parse/index.ts';
import { buildRelatedIndex, findRelatedPairs, DEFAULT_RELATED_THRESHOLD } from '../related/index.ts';
import { parseArgs } from './args.ts';
import { CliError } from './errors.ts';
import { loadPlans } from './score.ts';

export async function run(args: string[]): Promise<void> {
  const { positional, flags } = parseArgs(args, ['json'], ['threshold']);
  let threshold = DEFAULT_RELATED_THRESHOLD;
  if (flags.has('threshold')) {
    threshold = Number(flags.get('threshold'));
    if (!Number.isFinite(threshold) || threshold <= 0 || threshold > 1) throw new CliError(`--threshold must be a number in (0, 1], got "${String(flags.get('threshold'))}"`);
  }
  const plans = await loadPlans(positional);
  if (plans.length < 2) throw new CliError(`related needs at least two plans; found ${plans.length} in ${positional.length ? positional.join(', ') : 'the bundled seeds'}`);
  const simplify = plans.some((p) => p.script === 'traditional') ? await loadSimplifier() : undefined;
  const index = buildRelatedIndex(plans, simplify ? { simplify } : {});
  const pairs = findRelatedPairs(index, { threshold });
  if (flags.has('json')) {
    process.stdout.write(`${JSON.stringify(pairs, null, 2)}\n`);
    return;
  }
  if (pairs.length === 0) {
    process.stdout.write(`no related measures at similarity ≥ ${threshold}\n`);
    return;
  }
  const label = (r: (typeof pairs)[number]['a']) => `${r.planTitle} ${r.number ? `#${r.number} ` : ''}${r.title}`;
  const lines = pairs.map((p) => `${p.score.toFixed(3)}  ${label(p.a)}\n       ↔ ${label(p.b)}`);
  process.stdout.write(`${pairs.length} related pairs (similarity ≥ ${threshold})\n\n${lines.join('\n')}\n`);
}
