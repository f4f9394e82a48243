// The indicator tagger against the hand tagging (test/indicators/hand-tags.json,
// codebook in README). The held-out third is never used to tune the lexicon;
// this test prints its per-indicator and micro precision/recall.
import { beforeAll, describe, expect, it } from 'vitest';
import type { Plan } from '../../engine/types.ts';
import { dimensionShares, evaluate, formatEvaluation, handTags, seedPlans } from '../indicators/evaluate.ts';

describe('indicator tagging against the hand tagging', () => {
  let plans: Plan[];
  let simplify: (s: string) => string;
  beforeAll(async () => {
    ({ plans, simplify } = await seedPlans());
  });

  it('the hand tagging has at least 150 measures, a third held out, each with a reason', () => {
    const tags = handTags();
    expect(tags.length).toBeGreaterThanOrEqual(150);
    const held = tags.filter((t) => t.split === 'held-out').length;
    expect(held).toBe(Math.floor(tags.length / 3));
    // Deterministic split: every third measure in file order.
    tags.forEach((t, i) => expect(t.split).toBe(i % 3 === 2 ? 'held-out' : 'tuning'));
  });

  it('held-out: micro precision ≥ 0.85 and recall ≥ 0.85 on the national indicators', () => {
    const e = evaluate(handTags().filter((t) => t.split === 'held-out'), plans, simplify, 'indicators');
    console.log(formatEvaluation('national indicators, held-out', e));
    expect(e.micro.precision).toBeGreaterThanOrEqual(0.85);
    expect(e.micro.recall).toBeGreaterThanOrEqual(0.85);
  });

  it('held-out: the dimensions, printed and held to the same bar', () => {
    const e = evaluate(handTags().filter((t) => t.split === 'held-out'), plans, simplify, 'dimensions');
    console.log(formatEvaluation('dimensions, held-out', e));
    expect(e.micro.precision).toBeGreaterThanOrEqual(0.85);
    expect(e.micro.recall).toBeGreaterThanOrEqual(0.85);
  });

  it('each Shenzhen 2024 plan carries its own dimension on ≥ 85% of its measures, the other two on ≤ 25%', () => {
    const own: [RegExp, string][] = [
      [/2024年优化市场化/u, 'market'],
      [/2024年优化法治化/u, 'rule_of_law'],
      [/2024年优化国际化/u, 'international'],
    ];
    for (const [title, dim] of own) {
      const plan = plans.find((p) => title.test(p.title))!;
      const shares = dimensionShares(plan, simplify);
      console.log(`${plan.title}: ${Object.entries(shares).map(([d, v]) => `${d} ${(v * 100).toFixed(0)}%`).join(' · ')}`);
      for (const [d, share] of Object.entries(shares)) {
        if (d === dim) expect(share, `${plan.title} ${d}`).toBeGreaterThanOrEqual(0.85);
        else expect(share, `${plan.title} ${d}`).toBeLessThanOrEqual(0.25);
      }
    }
  });
});
