// Property tests over scoring: for any plan and any entries a user or an
// imported file can supply (any finite number, any unit, any date), every
// score is a finite number within 0–100 after capping, every status is one
// of the six, and the status counts add up. A NaN or 130 in a roll-up would
// print in a meeting's report.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { scorePlan, scorePlans, targetCompletion, STATUSES, DEFAULT_SCORE_CONFIG, type PlanScore } from '../../engine/score/index.ts';
import { parseText } from '../../engine/parse/index.ts';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Plan, Target } from '../../engine/types.ts';
import { anyFinite, entriesArb, isoDay, planArb } from '../fixtures/arbitraries.ts';

function inPercent(x: unknown): boolean {
  return typeof x === 'number' && Number.isFinite(x) && x >= 0 && x <= 100;
}

/** Every broken promise of a PlanScore (empty when it keeps them all). */
export function scoreProblems(plan: Plan, score: PlanScore): string[] {
  const problems: string[] = [];
  for (const key of ['score', 'coverage', 'expected'] as const) if (!inPercent(score[key])) problems.push(`${key} = ${score[key]}`);
  const counted = Object.values(score.statusCounts).reduce((a, b) => a + b, 0);
  if (counted !== plan.measures.length) problems.push(`status counts add to ${counted}, plan has ${plan.measures.length} measures`);
  for (const m of plan.measures) {
    const ms = score.measures[m.id];
    if (!ms) {
      problems.push(`measure ${m.id} missing`);
      continue;
    }
    if (ms.completion !== null && !inPercent(ms.completion)) problems.push(`measure ${m.id} completion ${ms.completion}`);
    if (!inPercent(ms.expected)) problems.push(`measure ${m.id} expected ${ms.expected}`);
    if (!STATUSES.includes(ms.status)) problems.push(`measure ${m.id} status ${ms.status}`);
    if (ms.targets.length !== m.targets.length) problems.push(`measure ${m.id}: ${ms.targets.length} target scores for ${m.targets.length} targets`);
    for (const t of ms.targets) {
      if (t.completion !== null && !inPercent(t.completion)) problems.push(`target ${t.id} completion ${t.completion}`);
      if (t.raw !== null && !Number.isFinite(t.raw)) problems.push(`target ${t.id} raw ${t.raw}`);
      if (t.latest !== undefined && !Number.isFinite(t.latest)) problems.push(`target ${t.id} latest ${t.latest}`);
      if (!STATUSES.includes(t.status)) problems.push(`target ${t.id} status ${t.status}`);
      if (t.trend && (!Number.isFinite(t.trend.ratio) || !Number.isFinite(t.trend.projected))) problems.push(`target ${t.id} trend ${JSON.stringify(t.trend)}`);
      if (typeof t.explanation !== 'string' || /NaN|Infinity/u.test(t.explanation)) problems.push(`target ${t.id} explanation ${t.explanation}`);
    }
  }
  for (const s of score.sections) {
    if (!inPercent(s.score)) problems.push(`section ${s.id} score ${s.score}`);
    for (const sub of s.subsections) if (!inPercent(sub.score)) problems.push(`subsection ${sub.id} score ${sub.score}`);
  }
  for (const u of score.units) if (!inPercent(u.score)) problems.push(`unit ${u.unit} score ${u.score}`);
  return problems;
}

const weightsArb = fc.option(
  fc.record({
    measures: fc.dictionary(fc.constantFrom('p-m0', 'p-m1', 'p-m2', 'p-m3'), fc.double({ min: 0, max: 100, noNaN: true })),
    sections: fc.dictionary(fc.constantFrom('p-s1', 'p-s2'), fc.double({ min: 0, max: 100, noNaN: true })),
  }),
  { nil: undefined },
);

const scoringCase = planArb('p').chain((plan) => fc.record({ plan: fc.constant(plan), entries: entriesArb(plan), asOf: isoDay, weights: weightsArb }));

describe('scores for any plan and any entries', () => {
  it('are finite and within 0–100 (capped), statuses valid, counts add up', () => {
    fc.assert(
      fc.property(scoringCase, ({ plan, entries, asOf, weights }) => {
        const score = scorePlan(plan, entries, { asOf, ...(weights ? { config: { weights } } : {}) });
        const problems = scoreProblems(plan, score);
        if (problems.length) throw new Error(problems.slice(0, 5).join('; '));
      }),
      { numRuns: 1500 },
    );
  });

  it('target completion is in 0–100 and raw is finite for any target and value', () => {
    const target = fc.record({
      comparator: fc.constantFrom('>=', '<=', '=', 'range', 'approx' as const),
      direction: fc.constantFrom('increase', 'decrease' as const),
      value: fc.option(anyFinite, { nil: undefined }),
      min: fc.option(anyFinite, { nil: undefined }),
      max: fc.option(anyFinite, { nil: undefined }),
      baseline: fc.option(anyFinite, { nil: undefined }),
    });
    fc.assert(
      fc.property(target, anyFinite, fc.double({ min: 0, max: 1, noNaN: true }), (t, value, tolerance) => {
        const full = { id: 't', label: 'x', unit: '个', quote: '', span: { start: 0, end: 0 }, ...Object.fromEntries(Object.entries(t).filter(([, v]) => v !== undefined)) } as Target;
        const r = targetCompletion(full, value, { approxTolerance: tolerance });
        if (r === null) return;
        if (!inPercent(r.completion)) throw new Error(`completion ${r.completion} for ${JSON.stringify(full)} at ${value}`);
        if (!Number.isFinite(r.raw)) throw new Error(`raw ${r.raw} for ${JSON.stringify(full)} at ${value}`);
      }),
      { numRuns: 5000 },
    );
  });

  it('keeps the same promises on the parsed seed plans with random entries', () => {
    const seeds = ['000_5c7a958c132072e2.txt', '003_a85699c24c36714f.txt', '004_e9acea2c6d31d80c.txt'].map((f) => readFileSync(join(import.meta.dirname, '../../seeds', f), 'utf8'));
    const plans = seeds.flatMap((s) => parseText(s).plans);
    expect(plans.length).toBeGreaterThanOrEqual(3);
    const cases = fc.constantFrom(...plans).chain((plan) => fc.record({ plan: fc.constant(plan), entries: entriesArb(plan, 'e', 40), asOf: isoDay }));
    fc.assert(
      fc.property(cases, ({ plan, entries, asOf }) => {
        const [score] = scorePlans([plan], entries, { asOf });
        const problems = scoreProblems(plan, score!);
        if (problems.length) throw new Error(problems.slice(0, 5).join('; '));
      }),
      { numRuns: 200 },
    );
  });

  it('the checker catches an out-of-range or non-finite score', () => {
    const plan = fc.sample(planArb('p'), { numRuns: 1, seed: 7 })[0]!;
    const good = scorePlan(plan, [], { asOf: '2025-06-30', config: { thresholds: { ...DEFAULT_SCORE_CONFIG.thresholds } } });
    expect(scoreProblems(plan, good)).toEqual([]);
    expect(scoreProblems(plan, { ...good, score: 130 })).not.toEqual([]);
    expect(scoreProblems(plan, { ...good, coverage: Number.NaN })).not.toEqual([]);
    const id = plan.measures[0]!.id;
    expect(scoreProblems(plan, { ...good, measures: { ...good.measures, [id]: { ...good.measures[id]!, completion: -1 } } })).not.toEqual([]);
  });
});
