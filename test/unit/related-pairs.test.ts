// Related measures on hand-matched cross-plan pairs among the seeds
// (test/related/pairs.json): recall of the same measure at the overlay's
// threshold (what a card lists: queryRelated with DEFAULT_RELATED_THRESHOLD),
// and look-alike pairs that must not be linked.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildRelatedIndex, queryRelated, DEFAULT_RELATED_THRESHOLD, type RelatedIndex } from '../../engine/related/index.ts';
import { loadSimplifier, parsePage } from '../../engine/parse/index.ts';
import { seedParseOptions } from '../../engine/seed-meta.ts';
import type { Plan } from '../../engine/types.ts';

const ROOT = join(import.meta.dirname, '..', '..');
type Side = [string, string];
const gold = JSON.parse(readFileSync(join(ROOT, 'test/related/pairs.json'), 'utf8')) as { same: [Side, Side][]; lookalike: [Side, Side][] };

let plans: Plan[] = [];
let index: RelatedIndex;
beforeAll(async () => {
  for (const f of ['000_5c7a958c132072e2.txt', '001_21d7cb096258acbb.txt', '003_a85699c24c36714f.txt', '004_e9acea2c6d31d80c.txt']) {
    plans.push(...(await parsePage(readFileSync(join(ROOT, 'seeds', f), 'utf8'), seedParseOptions(f))).plans);
  }
  index = buildRelatedIndex(plans, { simplify: await loadSimplifier() });
});

function find([planPart, measure]: Side): { planId: string; measureId: string } {
  const plan = plans.filter((p) => p.title.includes(planPart));
  if (plan.length !== 1) throw new Error(`pairs.json: "${planPart}" names ${plan.length} plans`);
  const m = plan[0]!.measures.find((x) => x.number === measure) ?? plan[0]!.measures.find((x) => x.title === measure);
  if (!m) throw new Error(`pairs.json: no measure ${measure} in ${plan[0]!.title}`);
  return { planId: plan[0]!.id, measureId: m.id };
}

function linked(a: Side, b: Side): boolean {
  const x = find(a);
  const y = find(b);
  const hits = (from: typeof x, to: typeof y) => queryRelated(index, from.measureId, { planId: from.planId, threshold: DEFAULT_RELATED_THRESHOLD, limit: 5 }).some((h) => h.planId === to.planId && h.measureId === to.measureId);
  return hits(x, y) || hits(y, x);
}

describe('related measures on hand-matched seed pairs', () => {
  it('has at least 20 same-measure pairs and 10 look-alikes, all naming real measures', () => {
    expect(gold.same.length).toBeGreaterThanOrEqual(20);
    expect(gold.lookalike.length).toBeGreaterThanOrEqual(10);
    for (const [a, b] of [...gold.same, ...gold.lookalike]) expect(() => [find(a), find(b)]).not.toThrow();
  });

  it('prints recall at the overlay threshold; no look-alike is linked', () => {
    const found = gold.same.filter(([a, b]) => linked(a, b));
    const missed = gold.same.filter(([a, b]) => !linked(a, b));
    const wrong = gold.lookalike.filter(([a, b]) => linked(a, b));
    const recall = found.length / gold.same.length;
    console.log(
      `related measures at threshold ${DEFAULT_RELATED_THRESHOLD}: recall ${(recall * 100).toFixed(1)}% (${found.length}/${gold.same.length}), look-alikes linked ${wrong.length}/${gold.lookalike.length}` +
        missed.map(([a, b]) => `\n  missed ${a.join(' #')} ↔ ${b.join(' #')}`).join('') +
        wrong.map(([a, b]) => `\n  linked look-alike ${a.join(' #')} ↔ ${b.join(' #')}`).join(''),
    );
    expect(wrong).toEqual([]);
    expect(recall).toBeGreaterThanOrEqual(0.85);
  });
});
