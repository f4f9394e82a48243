// Scores the tagger against the hand tagging (test/indicators/hand-tags.json):
// per tag and micro precision/recall over a split. Used by the evaluation test
// and by `npx tsx test/indicators/evaluate.ts [tuning|held-out]` while editing the lexicon.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { parsePage, loadSimplifier } from '../../engine/parse/index.ts';
import { pageParseOptions } from '../../engine/cli/parse.ts';
import { explainMeasure, defaultLexicon } from '../../engine/indicators/index.ts';
import type { Measure, Plan } from '../../engine/types.ts';

const HandTag = z.object({
  id: z.string(),
  seed: z.string(),
  plan: z.string(),
  number: z.string(),
  title: z.string(),
  indicators: z.array(z.string()),
  dimensions: z.array(z.string()),
  reason: z.string().min(1),
  split: z.enum(['tuning', 'held-out']),
});
export type HandTag = z.infer<typeof HandTag>;
const HandTags = z.object({ about: z.string(), version: z.number(), measures: z.array(HandTag).min(150) });

const root = join(import.meta.dirname, '..', '..');

export function handTags(): HandTag[] {
  return HandTags.parse(JSON.parse(readFileSync(join(root, 'test', 'indicators', 'hand-tags.json'), 'utf8'))).measures;
}

export async function seedPlans(): Promise<{ plans: Plan[]; simplify: (s: string) => string }> {
  const simplify = await loadSimplifier();
  const plans: Plan[] = [];
  for (const seed of ['000', '001', '003']) {
    const file = readFileSync(join(root, 'seeds', 'manifest.json'), 'utf8');
    const name = (JSON.parse(file) as { seeds: { file: string }[] }).seeds.find((s) => s.file.startsWith(seed))!.file;
    const path = join(root, 'seeds', name);
    plans.push(...(await parsePage(readFileSync(path, 'utf8'), pageParseOptions(path))).plans);
  }
  return { plans, simplify };
}

export interface Counts {
  tp: number;
  fp: number;
  fn: number;
}
export interface Evaluation {
  measures: number;
  micro: Counts & { precision: number; recall: number };
  perTag: Record<string, Counts & { precision: number; recall: number }>;
  errors: { id: string; title: string; missed: string[]; extra: string[] }[];
}

const ratio = (a: number, b: number) => (b === 0 ? 1 : a / b);

export function evaluate(tags: HandTag[], plans: Plan[], simplify: (s: string) => string, kind: 'indicators' | 'dimensions'): Evaluation {
  const byId = new Map<string, { measure: Measure; plan: Plan }>();
  for (const plan of plans) for (const measure of plan.measures) byId.set(measure.id, { measure, plan });
  const perTag: Record<string, Counts> = {};
  const bump = (tag: string, k: keyof Counts) => ((perTag[tag] ??= { tp: 0, fp: 0, fn: 0 })[k] += 1);
  const errors: Evaluation['errors'] = [];
  for (const h of tags) {
    const found = byId.get(h.id);
    if (!found) throw new Error(`hand tag ${h.id} (${h.plan} #${h.number} ${h.title}): no such measure in the parsed seeds`);
    const got = explainMeasure(found.measure, { simplify: found.plan.script === 'traditional' ? simplify : undefined })[kind];
    const want = h[kind];
    for (const t of got) bump(t, want.includes(t) ? 'tp' : 'fp');
    for (const t of want) if (!got.includes(t)) bump(t, 'fn');
    const missed = want.filter((t) => !got.includes(t));
    const extra = got.filter((t) => !want.includes(t));
    if (missed.length || extra.length) errors.push({ id: h.id, title: `${h.plan.slice(0, 12)} #${h.number} ${h.title}`, missed, extra });
  }
  const all = Object.values(perTag).reduce((s, c) => ({ tp: s.tp + c.tp, fp: s.fp + c.fp, fn: s.fn + c.fn }), { tp: 0, fp: 0, fn: 0 });
  const withPr = (c: Counts) => ({ ...c, precision: ratio(c.tp, c.tp + c.fp), recall: ratio(c.tp, c.tp + c.fn) });
  return {
    measures: tags.length,
    micro: withPr(all),
    perTag: Object.fromEntries(Object.entries(perTag).map(([k, c]) => [k, withPr(c)])),
    errors,
  };
}

export function formatEvaluation(title: string, e: Evaluation): string {
  const names = new Map<string, string>([...defaultLexicon().national, ...defaultLexicon().dimensions].map((g) => [g.id, g.name]));
  const pct = (x: number) => (x * 100).toFixed(0).padStart(4);
  const lines = [`${title}: ${e.measures} measures · micro precision ${pct(e.micro.precision)}% recall ${pct(e.micro.recall)}% (tp ${e.micro.tp}, fp ${e.micro.fp}, fn ${e.micro.fn})`];
  for (const [id, c] of Object.entries(e.perTag).sort()) lines.push(`  ${pct(c.precision)}% P ${pct(c.recall)}% R  tp ${c.tp} fp ${c.fp} fn ${c.fn}  ${names.get(id) ?? id}`);
  return lines.join('\n');
}

if (process.argv[1]?.endsWith('evaluate.ts')) {
  const split = process.argv[2] ?? 'tuning';
  const { plans, simplify } = await seedPlans();
  const tags = handTags().filter((t) => split === 'all' || t.split === split);
  for (const kind of ['indicators', 'dimensions'] as const) {
    const e = evaluate(tags, plans, simplify, kind);
    console.log(formatEvaluation(`${kind} on ${split}`, e));
    if (process.argv.includes('-v')) for (const err of e.errors) console.log(`    ${err.title}  missed ${err.missed.join(',')}  extra ${err.extra.join(',')}`);
  }
}

/** Share of a plan's measures carrying each dimension (the Shenzhen 2024 plans: their own dimension should dominate). */
export function dimensionShares(plan: Plan, simplify?: (s: string) => string): Record<string, number> {
  const counts: Record<string, number> = { market: 0, rule_of_law: 0, international: 0 };
  for (const m of plan.measures) for (const d of explainMeasure(m, { simplify: plan.script === 'traditional' ? simplify : undefined }).dimensions) counts[d] = (counts[d] ?? 0) + 1;
  return Object.fromEntries(Object.entries(counts).map(([d, n]) => [d, n / plan.measures.length]));
}

if (process.argv[1]?.endsWith('evaluate.ts')) {
  const { plans, simplify } = await seedPlans();
  for (const p of plans.filter((x) => /2024年优化/u.test(x.title))) {
    const s = dimensionShares(p, simplify);
    console.log(`${p.title}: ${Object.entries(s).map(([d, v]) => `${d} ${(v * 100).toFixed(0)}%`).join(' · ')}`);
  }
}
