import { describe, expect, it } from 'vitest';
import { scorePlan, scorePlans } from '../../engine/score/index.ts';
import { makePlan, statusEntry, valueEntry } from './fixtures/plan.ts';

// Four measures: two in section A (one in a subsection), two in section B.
const plan = makePlan({
  sections: [
    { title: 'A', measures: [0], subsections: [{ title: 'A1', measures: [1] }] },
    { title: 'B', measures: [2, 3] },
  ],
  measures: [
    { units: ['区发展改革局', '区财政局'], targets: [{ value: 100 }, { value: 10 }] },
    { units: ['区财政局'] },
    { units: ['区发展改革局'] },
    { units: ['区水务局', '区发展改革局'] },
  ],
});
const [m1, m2, m3, m4] = plan.measures;
const entries = [
  valueEntry(plan, m1!.targets[0]!.id, 80, '2025-06-30'), // 80%
  // second target of m1 has no entry → counts 0: m1 = (80 + 0)/2 = 40
  statusEntry(plan, m2!.id, { milestone: '已完成' }, '2025-06-30'), // 100
  statusEntry(plan, m3!.id, { percent: 20 }, '2025-06-30'), // 20
  // m4 has nothing → 0, not_started
];
const asOf = '2025-06-30';

describe('roll-ups', () => {
  const s = scorePlan(plan, entries, { asOf });

  it('measure = mean of its targets; missing targets count 0', () => {
    expect(s.measures[m1!.id]!.completion).toBe(40);
    expect(s.measures[m1!.id]!.explanation).toContain('mean of 2 targets');
  });

  it('plan score counts unentered measures as 0; coverage beside it', () => {
    expect(s.score).toBe(40); // (40 + 100 + 20 + 0) / 4
    expect(s.coverage).toBe(75);
    expect(s.measures[m4!.id]!.status).toBe('not_started');
    expect(s.expected).toBeCloseTo(49.6, 1); // 181 / 365
  });

  it('subsection → section scores', () => {
    const [a, b] = s.sections;
    expect(a!.score).toBe(70); // (40 + 100) / 2
    expect(a!.measureCount).toBe(2);
    expect(a!.subsections[0]!.score).toBe(100);
    expect(b!.score).toBe(10); // (20 + 0) / 2
  });

  it('weights are configurable (sections and measures)', () => {
    const weighted = scorePlan(plan, entries, { asOf, config: { weights: { sections: { [plan.sections[0]!.id]: 3 } } } });
    expect(weighted.score).toBe(55); // (3·40 + 3·100 + 20 + 0) / 8
    const byMeasure = scorePlan(plan, entries, { asOf, config: { weights: { measures: { [m2!.id]: 2 } } } });
    expect(byMeasure.score).toBe(52); // (40 + 200 + 20 + 0) / 5
    expect(byMeasure.sections[0]!.score).toBe(80); // (40 + 200) / 3
  });

  it('status counts add up to the measure count', () => {
    expect(s.statusCounts.done).toBe(1);
    expect(s.statusCounts.not_started).toBe(1);
    expect(Object.values(s.statusCounts).reduce((a, b) => a + b, 0)).toBe(4);
  });

  it('by responsible unit: a measure counts for each of its units; lead counts', () => {
    const fgj = s.units.find((u) => u.unit === '区发展改革局')!;
    expect(fgj.measureCount).toBe(3);
    expect(fgj.leadCount).toBe(2);
    expect(fgj.score).toBe(20); // (40 + 20 + 0) / 3
    expect(s.units[0]!.unit).toBe('区发展改革局'); // most lead measures first
    const water = s.units.find((u) => u.unit === '区水务局')!;
    expect(water.statusCounts.not_started).toBe(1);
  });

  it('lagging: measures behind schedule, furthest behind first; done ones excluded', () => {
    expect(s.lagging).toEqual([m4!.id, m3!.id]); // m1 at 40 of 49.6 expected is on track (within 10 points)
    expect(s.measures[m1!.id]!.status).toBe('on_track');
  });

  it('scorePlans groups entries by plan', () => {
    const other = makePlan({ id: 'p2', measures: [{}] });
    const both = scorePlans([plan, other], [...entries, statusEntry(other, other.measures[0]!.id, { percent: 60 }, asOf)], { asOf });
    expect(both[0]!.score).toBe(40);
    expect(both[1]!.score).toBe(60);
  });

  it('an empty plan scores 0 with no division by zero', () => {
    const empty = scorePlan(makePlan({ measures: [] }), [], { asOf });
    expect(empty.score).toBe(0);
    expect(empty.coverage).toBe(0);
  });
});
