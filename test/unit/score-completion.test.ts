import { describe, expect, it } from 'vitest';
import { DEFAULT_SCORE_CONFIG, expectedShare, scorePlan, targetCompletion, computeTrend, resolveConfig } from '../../engine/score/index.ts';
import { makePlan, makeTarget, statusEntry, valueEntry } from './fixtures/plan.ts';

const cfg = DEFAULT_SCORE_CONFIG;

describe('targetCompletion — worked examples', () => {
  it('≥ target from 0 (新增 count): 150 of 200 个 = 75%', () => {
    const r = targetCompletion(makeTarget('t', { value: 200, unit: '个' }), 150, cfg)!;
    expect(r.completion).toBe(75);
    expect(r.raw).toBe(75);
    expect(r.explanation).toBe('150 of 200 个 (75%)');
  });

  it('≥ target with a stated baseline: (V−B)/(T−B) — from 60 toward 100, at 90 = 75%', () => {
    const r = targetCompletion(makeTarget('t', { value: 100, baseline: 60, unit: '%' }), 90, cfg)!;
    expect(r.completion).toBe(75);
    expect(r.explanation).toContain('from 60');
  });

  it('exceeded: 260 of 200 → completion capped at 100, raw 130 visible', () => {
    const r = targetCompletion(makeTarget('t', { value: 200 }), 260, cfg)!;
    expect(r.completion).toBe(100);
    expect(r.raw).toBe(130);
    expect(r.explanation).toContain('130%, exceeded');
  });

  it('reduction 由8个工作日压缩至4个工作日: value 6 → (8−6)/(8−4) = 50%', () => {
    const t = makeTarget('t', { value: 4, baseline: 8, unit: '个工作日', comparator: '<=', direction: 'decrease' });
    expect(targetCompletion(t, 6, cfg)!.completion).toBe(50);
    expect(targetCompletion(t, 4, cfg)!.completion).toBe(100);
    expect(targetCompletion(t, 8, cfg)!.completion).toBe(0);
    // Worse than the baseline: raw goes negative, completion floors at 0.
    const worse = targetCompletion(t, 10, cfg)!;
    expect(worse.raw).toBe(-50);
    expect(worse.completion).toBe(0);
    // Better than the target: 2 days → 150% raw.
    expect(targetCompletion(t, 2, cfg)!.raw).toBe(150);
  });

  it('reduction without a baseline: T/V (at most 4, at 8 → 50%; at 3 → met)', () => {
    const t = makeTarget('t', { value: 4, unit: '天', comparator: '<=', direction: 'decrease' });
    expect(targetCompletion(t, 8, cfg)!.completion).toBe(50);
    expect(targetCompletion(t, 3, cfg)!.completion).toBe(100);
  });

  it('ranges are met at the lower bound (3-5家: 3 → 100%, 2 → 66.7%); decreasing bands at the upper', () => {
    const t = makeTarget('t', { min: 3, max: 5, unit: '家', comparator: 'range' });
    expect(targetCompletion(t, 3, cfg)!.completion).toBe(100);
    expect(targetCompletion(t, 2, cfg)!.completion).toBe(66.7);
    expect(targetCompletion(t, 2, cfg)!.explanation).toBe('2 of 3–5 家 (66.7%)');
    const d = makeTarget('t', { min: 3, max: 5, baseline: 10, unit: '天', comparator: 'range', direction: 'decrease' });
    expect(targetCompletion(d, 5, cfg)!.completion).toBe(100);
    expect(targetCompletion(d, 7.5, cfg)!.completion).toBe(50);
  });

  it('approx (左右) is met within the tolerance from the config', () => {
    const t = makeTarget('t', { value: 100, comparator: 'approx' });
    expect(targetCompletion(t, 96, cfg)!.completion).toBe(100); // within ±5%
    expect(targetCompletion(t, 90, cfg)!.completion).toBe(90); // outside: plain ratio
    expect(targetCompletion(t, 90, { approxTolerance: 0.1 })!.completion).toBe(100);
  });

  it('a target without a number has no completion', () => {
    expect(targetCompletion(makeTarget('t', {}), 5, cfg)).toBeNull();
  });
});

describe('expectedShare — linear over the plan period', () => {
  const p2025 = { start: 2025, end: 2025 };
  it('runs from 1 January to 31 December', () => {
    expect(expectedShare(p2025, '2024-12-31')).toBe(0);
    expect(expectedShare(p2025, '2025-01-01')).toBeCloseTo(1 / 365, 6);
    expect(expectedShare(p2025, '2025-07-02')).toBeCloseTo(183 / 365, 6);
    expect(expectedShare(p2025, '2025-12-31')).toBe(1);
    expect(expectedShare(p2025, '2026-03-01')).toBe(1);
  });
  it('spans several years for a five-year plan, and is 0 without a period', () => {
    expect(expectedShare({ start: 2021, end: 2025 }, '2023-07-02')).toBeCloseTo((365 * 2 + 183) / 1826, 6);
    expect(expectedShare(null, '2025-06-30')).toBe(0);
  });
});

describe('scorePlan on targets', () => {
  const plan = makePlan({
    measures: [
      { title: '资金', targets: [{ value: 5000, unit: '万元' }] },
      { title: '企业', targets: [{ value: 12000, unit: '家' }] },
      { title: '压缩时限', targets: [{ value: 4, baseline: 8, unit: '个工作日', comparator: '<=', direction: 'decrease', deadlineDate: '2025-06-30' }] },
    ],
  });
  const [m1, m2, m3] = plan.measures;

  it('converts entry units: 0.5亿元 against a 万元 target, 1.2万家 = 12000家', () => {
    const s = scorePlan(plan, [valueEntry(plan, m1!.targets[0]!.id, 0.25, '2025-05-01', { unit: '亿元' }), valueEntry(plan, m2!.targets[0]!.id, 1.2, '2025-05-01', { unit: '万家' })], { asOf: '2025-05-01' });
    expect(s.measures[m1!.id]!.targets[0]!.latest).toBe(2500);
    expect(s.measures[m1!.id]!.completion).toBe(50);
    expect(s.measures[m2!.id]!.completion).toBe(100);
    expect(s.measures[m2!.id]!.status).toBe('done');
  });

  it('refuses to mix unconvertible units and says so', () => {
    const s = scorePlan(plan, [valueEntry(plan, m2!.targets[0]!.id, 3, '2025-05-01', { unit: '吨' })], { asOf: '2025-05-01' });
    expect(s.measures[m2!.id]!.completion).toBeNull();
    expect(s.warnings.join('\n')).toMatch(/吨.*家/u);
  });

  it('the latest entry by date counts; a same-day tie goes to the later updatedAt', () => {
    const t = m2!.targets[0]!.id;
    const s = scorePlan(
      plan,
      [
        valueEntry(plan, t, 9000, '2025-06-01', { updatedAt: '2025-06-01T09:00:00Z' }),
        valueEntry(plan, t, 6000, '2025-06-01', { updatedAt: '2025-06-02T09:00:00Z' }),
        valueEntry(plan, t, 3000, '2025-03-01'),
      ],
      { asOf: '2025-06-30' },
    );
    expect(s.measures[m2!.id]!.targets[0]!.latest).toBe(6000);
    expect(s.measures[m2!.id]!.completion).toBe(50);
  });

  it('entries after the deadline still count; not done by the deadline → overdue', () => {
    const t = m3!.targets[0]!.id;
    const late = scorePlan(plan, [valueEntry(plan, t, 6, '2025-08-01')], { asOf: '2025-08-15' });
    expect(late.measures[m3!.id]!.completion).toBe(50);
    expect(late.measures[m3!.id]!.status).toBe('overdue');
    const lateDone = scorePlan(plan, [valueEntry(plan, t, 4, '2025-08-01')], { asOf: '2025-08-15' });
    expect(lateDone.measures[m3!.id]!.status).toBe('done');
    expect(lateDone.measures[m3!.id]!.targets[0]!.explanation).toContain('after the deadline');
  });

  it('deleted entries (tombstones) and other plans\' entries are ignored', () => {
    const t = m2!.targets[0]!.id;
    const s = scorePlan(plan, [valueEntry(plan, t, 12000, '2025-06-01', { deleted: true }), { ...valueEntry(plan, t, 12000, '2025-06-01'), planId: 'other' }], { asOf: '2025-06-30' });
    expect(s.measures[m2!.id]!.status).toBe('not_started');
  });
});

describe('status against time', () => {
  const plan = makePlan({ measures: [{ targets: [{ value: 100 }] }] });
  const t = plan.measures[0]!.targets[0]!.id;
  const statusAt = (value: number, asOf: string) => scorePlan(plan, [valueEntry(plan, t, value, asOf)], { asOf }).measures[plan.measures[0]!.id]!.status;
  // 2025-07-02: 50.1% expected.
  it('on track within 10 points, at risk within 25, off track beyond (defaults)', () => {
    expect(statusAt(45, '2025-07-02')).toBe('on_track');
    expect(statusAt(30, '2025-07-02')).toBe('at_risk');
    expect(statusAt(20, '2025-07-02')).toBe('off_track');
    expect(statusAt(100, '2025-07-02')).toBe('done');
  });
  it('thresholds come from the config object', () => {
    const s = scorePlan(plan, [valueEntry(plan, t, 30, '2025-07-02')], { asOf: '2025-07-02', config: { thresholds: { onTrackGap: 25 } } });
    expect(s.measures[plan.measures[0]!.id]!.status).toBe('on_track');
    expect(resolveConfig({ thresholds: { onTrackGap: 25 } }).thresholds.atRiskGap).toBe(25);
  });
  it('no entries → not_started, even late in the year', () => {
    const s = scorePlan(plan, [], { asOf: '2025-11-30' });
    expect(s.measures[plan.measures[0]!.id]!.status).toBe('not_started');
    expect(s.measures[plan.measures[0]!.id]!.completion).toBeNull();
  });
});

describe('a plan with no period and no date', () => {
  const plan = makePlan({ period: null, measures: [{ targets: [{ value: 100 }] }, { targets: [{ value: 10, deadlineDate: '2025-06-30' }] }] });
  const [m1, m2] = plan.measures;
  it('has no schedule: nothing is expected, started work is on track, only explicit deadlines make it overdue', () => {
    const s = scorePlan(plan, [valueEntry(plan, m1!.targets[0]!.id, 10, '2025-11-30'), valueEntry(plan, m2!.targets[0]!.id, 5, '2025-11-30')], { asOf: '2025-11-30' });
    expect(s.expected).toBe(0);
    expect(s.measures[m1!.id]!.status).toBe('on_track');
    expect(s.measures[m2!.id]!.status).toBe('overdue');
    expect(s.lagging).toEqual([m2!.id]);
  });
});

describe('trend (Open SDG / Statistics Canada ratio)', () => {
  const th = DEFAULT_SCORE_CONFIG.thresholds;
  // Day 0 → 360 deadline, goal 100 from 10: required 90/360 = 0.25 per day.
  it('R = observed rate / required rate, with a projected value at the deadline', () => {
    const tr = computeTrend([{ day: 0, value: 10 }, { day: 120, value: 40 }], 100, 'increase', 360, th)!;
    expect(tr.ratio).toBe(1); // 30/120 = 0.25 per day
    expect(tr.label).toBe('on_track');
    expect(tr.projected).toBe(100); // 40 + 0.25 × 240
  });
  it('labels: acceleration needed, limited progress, deterioration', () => {
    expect(computeTrend([{ day: 0, value: 10 }, { day: 120, value: 31 }], 100, 'increase', 360, th)!.label).toBe('acceleration_needed'); // R = 0.7
    expect(computeTrend([{ day: 0, value: 10 }, { day: 120, value: 19 }], 100, 'increase', 360, th)!.label).toBe('limited_progress'); // R = 0.3
    expect(computeTrend([{ day: 0, value: 10 }, { day: 120, value: 5 }], 100, 'increase', 360, th)!.label).toBe('deterioration');
  });
  it('works for reduction targets (8 → 4 days)', () => {
    const tr = computeTrend([{ day: 0, value: 8 }, { day: 100, value: 7 }], 4, 'decrease', 400, th)!;
    expect(tr.ratio).toBe(1);
    expect(tr.projected).toBe(4);
  });
  it('needs two distinct days', () => {
    expect(computeTrend([{ day: 5, value: 1 }], 10, 'increase', 100, th)).toBeNull();
  });
  it('appears on a target score with two dated entries', () => {
    const plan = makePlan({ measures: [{ targets: [{ value: 100 }] }] });
    const t = plan.measures[0]!.targets[0]!.id;
    const s = scorePlan(plan, [valueEntry(plan, t, 0, '2025-01-01'), valueEntry(plan, t, 20, '2025-03-01')], { asOf: '2025-03-01' });
    const trend = s.measures[plan.measures[0]!.id]!.targets[0]!.trend!;
    expect(trend.label).toBe('on_track'); // 20 in 59 days vs 100 in 364 days
    expect(trend.projected).toBeGreaterThan(100);
  });
});

describe('milestones and percentages', () => {
  const plan = makePlan({ measures: [{ title: '无数字措施' }, { title: '有数字措施', targets: [{ value: 10 }] }] });
  const [m1, m2] = plan.measures;
  it('map 未启动 0 / 推进中 50 / 基本完成 90 / 已完成 100, or a percent', () => {
    for (const [milestone, pct] of [['未启动', 0], ['推进中', 50], ['基本完成', 90], ['已完成', 100]] as const) {
      const s = scorePlan(plan, [statusEntry(plan, m1!.id, { milestone }, '2025-06-01')], { asOf: '2025-06-01' });
      expect(s.measures[m1!.id]!.completion).toBe(pct);
    }
    const s = scorePlan(plan, [statusEntry(plan, m1!.id, { percent: 35 }, '2025-06-01')], { asOf: '2025-06-01' });
    expect(s.measures[m1!.id]!.completion).toBe(35);
  });
  it('a measure with targets: the milestone counts until a number is entered, then the numbers decide', () => {
    const only = scorePlan(plan, [statusEntry(plan, m2!.id, { milestone: '基本完成' }, '2025-06-01')], { asOf: '2025-06-01' });
    expect(only.measures[m2!.id]!.completion).toBe(90);
    expect(only.measures[m2!.id]!.basis).toBe('status');
    const both = scorePlan(plan, [statusEntry(plan, m2!.id, { milestone: '基本完成' }, '2025-06-01'), valueEntry(plan, m2!.targets[0]!.id, 3, '2025-05-01')], { asOf: '2025-06-01' });
    expect(both.measures[m2!.id]!.completion).toBe(30);
    expect(both.measures[m2!.id]!.basis).toBe('targets');
  });
});
