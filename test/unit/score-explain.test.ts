// Every kind of explanation the scorer writes carries a structured form, and
// that form words the same facts in English (exactly the engine's
// `explanation` string) and in simplified Chinese (what the UI shows).
import { describe, expect, it } from 'vitest';
import { EXPLANATION_KEYS, explainScore, formatExplanation, isExplanation, scorePlan, type Explanation, type ExplanationKey } from '../../engine/score/index.ts';
import { makePlan, statusEntry, valueEntry, type TargetInput } from './fixtures/plan.ts';

const asOf = '2025-06-30';

/** A one-measure plan scored with one value entry for its (first) target. */
function oneTarget(target: TargetInput, value: number, date = '2025-06-01', at = asOf) {
  const plan = makePlan({ measures: [{ targets: [target] }] });
  const m = plan.measures[0]!;
  const score = scorePlan(plan, [valueEntry(plan, m.targets[0]!.id, value, date)], { asOf: at });
  const ms = score.measures[m.id]!;
  return { ms, ts: ms.targets[0]! };
}

/** Both languages of a scored thing, checking English is exactly the engine's string. */
function words(s: { explain: Explanation; explanation: string }): { en: string; zh: string } {
  const en = formatExplanation(s.explain, 'en');
  expect(en).toBe(s.explanation);
  return { en, zh: formatExplanation(s.explain, 'zh-CN') };
}

const seen = new Set<ExplanationKey>();
function kind(s: { explain: Explanation }, key: ExplanationKey): void {
  expect(s.explain.key).toBe(key);
  expect(isExplanation(s.explain)).toBe(true);
  seen.add(key);
}

describe('target explanations, structured and in both languages', () => {
  it('ofTarget: 150 of 200 个', () => {
    const { ms, ts } = oneTarget({ value: 200, unit: '个' }, 150);
    kind(ts, 'ofTarget');
    expect(ts.explain).toEqual({ key: 'ofTarget', values: { latest: 150, target: 200, unit: '个', pct: 75, date: '2025-06-01' } });
    expect(words(ts)).toEqual({ en: '150 of 200 个 (75%) on 2025-06-01', zh: '2025-06-01 填报：已完成 150 / 目标 200 个（75%）' });
    // A measure with one numeric target says what its target says.
    expect(ms.explain).toEqual(ts.explain);
    expect(words(ms).zh).toBe('2025-06-01 填报：已完成 150 / 目标 200 个（75%）');
  });

  it('ofTarget with a stated baseline, and exceeded', () => {
    const { ts } = oneTarget({ value: 100, baseline: 60, unit: '%' }, 90);
    kind(ts, 'ofTarget');
    expect(ts.explain).toMatchObject({ values: { baseline: 60, latest: 90, target: 100, pct: 75 } });
    expect(words(ts)).toEqual({ en: '90 of 100 %, from 60 (75%) on 2025-06-01', zh: '2025-06-01 填报：基数 60%，现为 90% / 目标 100%（75%）' });
    const over = oneTarget({ value: 200, unit: '家' }, 260).ts;
    expect(over.explain).toMatchObject({ key: 'ofTarget', values: { pct: 130 } });
    expect(words(over)).toEqual({ en: '260 of 200 家 (130%, exceeded) on 2025-06-01', zh: '2025-06-01 填报：已完成 260 / 目标 200 家（130%，超额完成）' });
  });

  it('ofTarget for a band (3–5 家): the band as written, the lower end in the sums', () => {
    const { ts } = oneTarget({ min: 3, max: 5, unit: '家', comparator: 'range' }, 2);
    expect(ts.explain).toMatchObject({ key: 'ofTarget', values: { target: 3, band: { min: 3, max: 5 }, pct: 66.7 } });
    expect(words(ts)).toEqual({ en: '2 of 3–5 家 (66.7%) on 2025-06-01', zh: '2025-06-01 填报：已完成 2 / 目标 3–5 家（66.7%）' });
  });

  it('approxMet: 左右 within tolerance', () => {
    const { ts } = oneTarget({ value: 100, unit: '亿元', comparator: 'approx' }, 96);
    kind(ts, 'approxMet');
    expect(ts.explain).toMatchObject({ values: { latest: 96, target: 100, tolerancePct: 5, pct: 96 } });
    expect(words(ts)).toEqual({
      en: '96 of about 100 亿元 (within ±5%: met) on 2025-06-01',
      zh: '2025-06-01 填报：现为 96 / 目标 100 亿元左右（相差在 ±5% 以内，视为达标）',
    });
  });

  it('reducedFrom: 由8个工作日压缩至4个工作日, at 6', () => {
    const { ts } = oneTarget({ value: 4, baseline: 8, unit: '个工作日', comparator: '<=', direction: 'decrease' }, 6);
    kind(ts, 'reducedFrom');
    expect(ts.explain).toMatchObject({ values: { latest: 6, baseline: 8, target: 4, pct: 50 } });
    expect(words(ts)).toEqual({
      en: '6 个工作日, from 8 toward 4 个工作日 (50%) on 2025-06-01',
      zh: '2025-06-01 填报：基数 8 个工作日，现为 6 个工作日，目标压减至 4 个工作日（50%）',
    });
  });

  it('atMost: met, and not met with no baseline stated', () => {
    const met = oneTarget({ value: 4, unit: '天', comparator: '<=', direction: 'decrease' }, 3).ts;
    kind(met, 'atMost');
    expect(met.explain).toMatchObject({ values: { noBaseline: false, pct: 133.3 } });
    expect(words(met)).toEqual({ en: '3 天, target at most 4 天 (133.3%, exceeded) on 2025-06-01', zh: '2025-06-01 填报：现为 3 天，目标不超过 4 天（133.3%，超额完成）' });
    const behind = oneTarget({ value: 4, unit: '天', comparator: '<=', direction: 'decrease' }, 8).ts;
    expect(behind.explain).toMatchObject({ key: 'atMost', values: { noBaseline: true, pct: 50 } });
    expect(words(behind)).toEqual({
      en: '8 天, target at most 4 天, no baseline stated (50%) on 2025-06-01',
      zh: '2025-06-01 填报：现为 8 天，目标不超过 4 天，方案未载明基数，按目标值与现值之比计（50%）',
    });
  });

  it('done after the deadline is said in both languages', () => {
    const { ts } = oneTarget({ value: 4, baseline: 8, unit: '个工作日', comparator: '<=', direction: 'decrease', deadlineDate: '2025-06-30' }, 4, '2025-08-01', '2025-08-15');
    expect(ts.status).toBe('done');
    expect(ts.explain).toMatchObject({ key: 'reducedFrom', values: { doneLate: true, deadline: '2025-06-30' } });
    expect(words(ts)).toEqual({
      en: '4 个工作日, from 8 toward 4 个工作日 (100%) on 2025-08-01; done after the deadline 2025-06-30',
      zh: '2025-08-01 填报：基数 8 个工作日，现为 4 个工作日，目标压减至 4 个工作日（100%）；逾期完成（期限 2025-06-30）',
    });
    // Done on time: no such note.
    const onTime = oneTarget({ value: 4, baseline: 8, unit: '个工作日', comparator: '<=', direction: 'decrease', deadlineDate: '2025-06-30' }, 4, '2025-06-01', '2025-08-15').ts;
    expect(onTime.explain).not.toHaveProperty('values.doneLate');
    expect(words(onTime).zh).not.toContain('逾期');
  });

  it('noProgress and noNumber', () => {
    const plan = makePlan({ measures: [{ targets: [{ value: 10 }, { label: '推进改革' }] }] });
    const ms = scorePlan(plan, [], { asOf }).measures[plan.measures[0]!.id]!;
    const [numeric, wordy] = ms.targets;
    kind(numeric!, 'noProgress');
    expect(words(numeric!)).toEqual({ en: 'no progress entered', zh: '尚未填报进展' });
    kind(wordy!, 'noNumber');
    expect(words(wordy!)).toEqual({ en: 'target has no number to measure against', zh: '目标无量化数值，不计算完成率' });
    kind(ms, 'noProgress');
    expect(words(ms).zh).toBe('尚未填报进展');
  });
});

describe('measure explanations', () => {
  it('meanOfTargets: a target with nothing entered counts 0', () => {
    const plan = makePlan({ measures: [{ targets: [{ value: 100 }, { value: 10 }, { value: 200, unit: '家' }] }] });
    const m = plan.measures[0]!;
    const s = scorePlan(plan, [valueEntry(plan, m.targets[0]!.id, 75, '2025-06-01'), valueEntry(plan, m.targets[2]!.id, 200, '2025-06-01')], { asOf });
    const ms = s.measures[m.id]!;
    kind(ms, 'meanOfTargets');
    expect(ms.explain).toEqual({ key: 'meanOfTargets', values: { parts: [75, null, 100], mean: 58.3 } });
    expect(words(ms)).toEqual({ en: 'mean of 3 targets (75%, none yet = 0, 100%) = 58.3%', zh: '3 项目标的平均（75%、未填报按 0 计、100%）= 58.3%' });
  });

  it('statusPercent and milestone (the latest status entry decides)', () => {
    const plan = makePlan({ measures: [{ title: '无数字措施' }, { title: '另一项' }] });
    const [m1, m2] = plan.measures;
    const s = scorePlan(plan, [statusEntry(plan, m1!.id, { percent: 35 }, '2025-06-01'), statusEntry(plan, m2!.id, { milestone: '推进中' }, '2025-05-01'), statusEntry(plan, m2!.id, { milestone: '基本完成' }, '2025-06-10')], { asOf });
    const pct = s.measures[m1!.id]!;
    kind(pct, 'statusPercent');
    expect(pct.explain).toEqual({ key: 'statusPercent', values: { percent: 35, date: '2025-06-01' } });
    expect(words(pct)).toEqual({ en: '35% reported on 2025-06-01', zh: '2025-06-01 填报：完成 35%' });
    const ms = s.measures[m2!.id]!;
    kind(ms, 'milestone');
    expect(ms.explain).toEqual({ key: 'milestone', values: { milestone: '基本完成', pct: 90, date: '2025-06-10' } });
    expect(words(ms)).toEqual({ en: '基本完成 (90%) reported on 2025-06-10', zh: '2025-06-10 填报：基本完成（90%）' });
  });

  it('a milestone worth a configured share says that share', () => {
    const plan = makePlan({ measures: [{ title: '无数字措施' }] });
    const m = plan.measures[0]!;
    const ms = scorePlan(plan, [statusEntry(plan, m.id, { milestone: '推进中' }, '2025-06-01')], { asOf, config: { milestones: { 推进中: 40 } as never } }).measures[m.id]!;
    expect(ms.completion).toBe(40);
    expect(words(ms).zh).toBe('2025-06-01 填报：推进中（40%）');
  });

  it('every kind of explanation is covered above', () => {
    expect([...seen].sort()).toEqual([...EXPLANATION_KEYS].sort());
  });
});

describe('explanations that crossed a message boundary', () => {
  it('survive JSON and are recognised; anything malformed falls back to the English string', () => {
    const { ms } = oneTarget({ value: 200, unit: '个' }, 150);
    const copy = JSON.parse(JSON.stringify(ms)) as { explain: unknown; explanation: string };
    expect(explainScore(copy, 'zh-CN')).toBe('2025-06-01 填报：已完成 150 / 目标 200 个（75%）');
    expect(explainScore(copy, 'en')).toBe(ms.explanation);
    for (const bad of [{ key: 'ofTarget', values: { latest: '150', target: 200, unit: '个', pct: 75 } }, { key: 'somethingNew' }, { key: 'meanOfTargets', values: { parts: 'x', mean: 1 } }, { key: 'milestone', values: { milestone: '<b>', pct: 1, date: 'd' } }, null, 'noProgress']) {
      expect(isExplanation(bad)).toBe(false);
      expect(explainScore({ explain: bad, explanation: 'english words' }, 'zh-CN')).toBe('english words');
    }
    expect(explainScore(undefined, 'zh-CN')).toBe('');
  });

  it('every target and measure of a scored seed-like plan has a well-formed explanation in both languages', () => {
    const plan = makePlan({
      measures: [
        { targets: [{ value: 200 }, { value: 4, baseline: 8, unit: '个工作日', comparator: '<=', direction: 'decrease' }] },
        { targets: [{ value: 100, comparator: 'approx' }] },
        { title: '里程碑' },
        { targets: [{ label: '无数字' }] },
      ],
    });
    const [m1, m2, m3] = plan.measures;
    const s = scorePlan(plan, [valueEntry(plan, m1!.targets[1]!.id, 5, '2025-03-01'), valueEntry(plan, m2!.targets[0]!.id, 50, '2025-03-01'), statusEntry(plan, m3!.id, { milestone: '已完成' }, '2025-03-01')], { asOf });
    for (const ms of Object.values(s.measures)) {
      for (const x of [ms, ...ms.targets]) {
        expect(isExplanation(x.explain)).toBe(true);
        const { zh } = words(x);
        expect(zh).not.toMatch(/undefined|NaN|null|\bof\b|reported|target/u);
        expect(zh).toMatch(/[\u4e00-\u9fff]/u);
      }
    }
  });
});
