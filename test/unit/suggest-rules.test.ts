// The suggestion matcher's rules, one at a time: what it proposes and what it
// never proposes (inconvertible units, figures from before the plan period,
// goals, other jurisdictions, figures not newer than the latest entry).
import { describe, expect, it } from 'vitest';
import { entryFromSuggestion, expectedGoalsPlan, pageFigures, suggestProgress } from '../../engine/suggest/index.ts';
import { canonicalise } from '../../engine/suggest/lexicon.ts';
import { loadSimplifier } from '../../engine/text/simplify.ts';
import { ProgressEntry } from '../../engine/progress/schema.ts';
import { parseText } from '../../engine/parse/index.ts';
import { readFileSync } from 'node:fs';
import { makePlan, valueEntry } from './fixtures/plan.ts';

const plan = makePlan({
  id: 'gm2025',
  title: '光明区2025年优化营商环境改革工作方案',
  period: { start: 2025, end: 2025 },
  measures: [
    { title: '打造知识产权保护服务样板', targets: [{ label: '知识产权服务包', value: 200, unit: '个', quote: '知识产权服务包不少于200个' }] },
    { title: '精准服务企业', targets: [{ label: '精准服务企业', value: 100, unit: '家', quote: '精准服务企业不少于100家' }] },
    { title: '扩大政府采购', targets: [{ label: '中小企业采购金额', value: 5000, unit: '万元', quote: '中小企业采购金额5000万元' }] },
    { title: '压缩开办时间', targets: [{ label: '企业开办时间', value: 1, unit: '个工作日', comparator: '<=', direction: 'decrease', quote: '企业开办时间压缩至1个工作日' }] },
  ],
});
const [m6] = plan.measures;
const ipTarget = m6!.targets[0]!;

const page = (body: string) => `光明区2025年上半年优化营商环境工作成效\n${body}`;

describe('suggestions: what is proposed', () => {
  it('proposes a figure for the same thing counted, with its quote, score and reasons', () => {
    const s = suggestProgress(page('2025年，光明区已发放知识产权服务包200个，服务企业超过300家次。'), [plan], { asOf: '2025-07-01' });
    expect(s).toHaveLength(1);
    expect(s[0]).toMatchObject({ targetId: ipTarget.id, planId: plan.id, measureNumber: '1', value: 200, unit: '个', completion: 100, year: 2025, date: '2025-07-01' });
    expect(s[0]!.quote).toContain('知识产权服务包200个');
    expect(s[0]!.targetQuote).toBe('知识产权服务包不少于200个');
    expect(s[0]!.score).toBeGreaterThan(0.8);
    expect(s[0]!.reasons.join(' ')).toMatch(/same unit/u);
    expect(s[0]!.why.map((w) => w.code)).toEqual(['label', 'unit-same', 'year-in-period', 'place-same']);
  });

  it('matches a shorter wording of the label (服务包 ↔ 知识产权服务包) and converts units (0.6亿元 → 6000万元)', () => {
    const s = suggestProgress(page('2025年，光明区累计发放服务包150个。2025年，中小企业采购金额达0.6亿元。'), [plan], { asOf: '2025-07-01' });
    const ip = s.find((x) => x.targetId === ipTarget.id)!;
    expect(ip.value).toBe(150);
    expect(ip.completion).toBe(75);
    const money = s.find((x) => x.targetLabel === '中小企业采购金额')!;
    expect(money).toMatchObject({ value: 0.6, unit: '亿元', targetValue: 6000, targetUnit: '万元', completion: 100 });
    expect(money.reasons.join(' ')).toMatch(/亿元 → 万元/u);
  });

  it('reads traditional-script pages against simplified plans', async () => {
    const simplify = await loadSimplifier();
    const s = suggestProgress('光明區2025年工作成效\n2025年，光明區已發放知識產權服務包180個。', [plan], { simplify, asOf: '2025-07-01' });
    expect(s.map((x) => [x.targetId, x.value])).toEqual([[ipTarget.id, 180]]);
    expect(s[0]!.quote).toContain('知識產權服務包180個');
  });

  it('ranks best first, one figure per target and one target per figure', () => {
    const s = suggestProgress(page('2025年，知识产权服务包已发放120个；新增服务包30个。2025年，精准服务企业120家。'), [plan], { asOf: '2025-07-01' });
    expect(new Set(s.map((x) => x.targetId)).size).toBe(s.length);
    for (let i = 1; i < s.length; i++) expect(s[i - 1]!.score).toBeGreaterThanOrEqual(s[i]!.score);
    expect(s.find((x) => x.targetId === ipTarget.id)!.value).toBe(120);
  });
});

describe('suggestions: what is never proposed', () => {
  it('never an inconvertible unit (家 for 个, 元 for 个工作日, 天 for 个工作日)', () => {
    const s = suggestProgress(page('2025年，光明区知识产权服务包覆盖企业200家。2025年，企业开办时间压缩至2天。2025年，精准服务企业120个。'), [plan], { asOf: '2025-07-01' });
    expect(s).toEqual([]);
  });

  it('never a figure from before the plan period (a 2021 report for a 2025 plan), nor from after it', () => {
    expect(suggestProgress(page('2021年，光明区发放知识产权服务包200个。'), [plan], { asOf: '2025-07-01' })).toEqual([]);
    expect(suggestProgress(page('2024年，光明区发放知识产权服务包200个。'), [plan], { asOf: '2025-07-01' })).toEqual([]);
    expect(suggestProgress(page('2026年，光明区发放知识产权服务包200个。'), [plan], { asOf: '2026-07-01' })).toEqual([]);
    // the real seeds: 2021年光明区优化营商环境改革工作成效 proposes nothing for the 2025 plan
    const seedPlan = parseText(readFileSync('seeds/000_5c7a958c132072e2.txt', 'utf8')).plans[0]!;
    const report = readFileSync('seeds/002_92a4fd714a6d6f65.txt', 'utf8');
    expect(pageFigures(report).length).toBeGreaterThan(20);
    expect(suggestProgress(report, [seedPlan], { asOf: '2025-07-01', threshold: 0.01 })).toEqual([]);
  });

  it('never a goal stated on the page (预期目标, 力争, a goals section)', () => {
    expect(suggestProgress(page('2025年主要预期目标是：知识产权服务包200个。'), [plan], { asOf: '2025-07-01' })).toEqual([]);
    expect(suggestProgress(page('2025年，力争发放知识产权服务包300个。'), [plan], { asOf: '2025-07-01' })).toEqual([]);
    expect(suggestProgress(page('二、2025年工作安排\n2025年，知识产权服务包300个。'), [plan], { asOf: '2025-07-01' })).toEqual([]);
  });

  it('never another jurisdiction (a page about 湖北 for a 广东 plan)', () => {
    const gd = makePlan({ id: 'gd', title: '广东省2025年经济社会发展主要预期目标', measures: [{ targets: [{ label: '城镇新增就业', value: 1_100_000, unit: '人', quote: '城镇新增就业110万人以上' }] }] });
    expect(suggestProgress('湖北省2025年工作报告\n2025年，城镇新增就业75万人。', [gd], { asOf: '2026-02-01' })).toEqual([]);
    expect(suggestProgress('广东省2025年工作报告\n2025年，城镇新增就业140万人。', [gd], { asOf: '2026-02-01' })).toHaveLength(1);
  });

  it('never a figure not newer than the latest entry, nor one already recorded', () => {
    const body = page('2025年，光明区已发放知识产权服务包200个。');
    const later = valueEntry(plan, ipTarget.id, 150, '2025-08-01');
    expect(suggestProgress(body, [plan], { asOf: '2025-07-01', entries: [later] })).toEqual([]);
    const same = valueEntry(plan, ipTarget.id, 200, '2025-05-01');
    expect(suggestProgress(body, [plan], { asOf: '2025-07-01', entries: [same] })).toEqual([]);
    const earlier = valueEntry(plan, ipTarget.id, 120, '2025-05-01');
    const s = suggestProgress(body, [plan], { asOf: '2025-07-01', entries: [earlier] });
    expect(s).toHaveLength(1);
    expect(s[0]!.reasons.join(' ')).toMatch(/newer than the latest entry \(2025-05-01\)/u);
  });

  it('never a 年均 or a share figure for a one-year target', () => {
    const gdp = makePlan({ id: 'cn', title: '政府工作报告', period: { start: 2025, end: 2025 }, measures: [{ targets: [{ label: '国内生产总值增长', value: 5, unit: '%', comparator: 'approx', quote: '国内生产总值增长5%左右' }] }] });
    expect(suggestProgress('一、2025年工作回顾\n国内生产总值年均增长5.4%\n对全球经济增长贡献率保持在30%左右', [gdp], { asOf: '2026-03-05' })).toEqual([]);
    expect(suggestProgress('一、2025年工作回顾\n国内生产总值增长5%', [gdp], { asOf: '2026-03-05' })).toHaveLength(1);
  });
});

describe('work reports and accepted suggestions', () => {
  it('reads 主要预期目标 as targets, with the year from the page', () => {
    const text = '广东省政府工作报告\n今年(2024年)经济社会发展的主要预期目标是：地区生产总值增长5%；城镇新增就业110万人以上；粮食产量1270万吨。';
    const goals = expectedGoalsPlan(text)!;
    expect(goals.period).toEqual({ start: 2024, end: 2024 });
    expect(goals.measures[0]!.targets.map((t) => [t.label, t.value, t.unit])).toEqual([
      ['地区生产总值增长', 5, '%'],
      ['城镇新增就业', 1_100_000, '人'],
      ['粮食产量', 1270, '万吨'],
    ]);
    expect(goals.measures[0]!.targets.every((t) => text.slice(t.span.start, t.span.end) === t.quote)).toBe(true);
    expect(expectedGoalsPlan('2024年工作总结\n全年完成投资50亿元。')).toBeNull();
  });

  it('canonical words: 经济增长 = GDP增长 = 国内生产总值增长; 涨幅 = 上涨', () => {
    expect(canonicalise('经济增长')).toBe(canonicalise('国内生产总值增长'));
    expect(canonicalise('GDP增长')).toBe(canonicalise('地区生产总值增长'));
    expect(canonicalise('居民消费价格涨幅')).toBe(canonicalise('居民消费价格上涨'));
  });

  it('an accepted suggestion becomes a valid entry carrying the page as its source', () => {
    const [s] = suggestProgress(page('2025年，光明区已发放知识产权服务包200个。'), [plan], { asOf: '2025-07-01' });
    const entry = entryFromSuggestion(s!, { url: 'https://www.szgm.gov.cn/a.html', title: '工作成效' }, { id: 'e-1', updatedAt: '2025-07-01T08:00:00.000Z', reporter: '王五' });
    const parsed = ProgressEntry.parse(entry);
    expect(parsed).toMatchObject({ kind: 'value', targetId: ipTarget.id, value: 200, unit: '个', date: '2025-07-01', reporter: '王五' });
    expect(parsed.source).toEqual({ url: 'https://www.szgm.gov.cn/a.html', title: '工作成效', quote: '2025年，光明区已发放知识产权服务包200个' });
  });
});
