import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, beforeAll } from 'vitest';
import { businessEnvironmentReport, distanceToFrontier, explainMeasure, tagMeasure, defaultLexicon, parseLexicon } from '../../engine/indicators/index.ts';
import { scorePlan, scorePlans } from '../../engine/score/index.ts';
import { parseText, loadSimplifier } from '../../engine/parse/index.ts';
import type { Plan } from '../../engine/types.ts';
import { makePlan, statusEntry, valueEntry } from './fixtures/plan.ts';

describe('lexicon', () => {
  it('has the 18 national indicators, the 10 B-READY topics and 3 dimensions', () => {
    const lex = defaultLexicon();
    expect(lex.national.map((n) => n.name)).toEqual(['开办企业', '劳动力市场监管', '办理建筑许可', '政府采购', '招标投标', '获得电力', '获得用水用气', '登记财产', '获得信贷', '保护中小投资者', '知识产权创造、保护和运用', '跨境贸易', '纳税', '执行合同', '办理破产', '市场监管', '政务服务', '包容普惠创新']);
    expect(lex.bready.map((b) => b.name)).toEqual(['Business Entry', 'Business Location', 'Utility Services', 'Labor', 'Financial Services', 'International Trade', 'Taxation', 'Dispute Resolution', 'Market Competition', 'Business Insolvency']);
    expect(lex.dimensions.map((d) => d.name)).toEqual(['市场化', '法治化', '国际化']);
  });
  it('a malformed lexicon is refused with the path of the problem', () => {
    const bad = structuredClone(defaultLexicon());
    bad.national[3]!.phrases = [];
    expect(() => parseLexicon(bad)).toThrow(/national\.3\.phrases/u);
  });
});

describe('tagMeasure', () => {
  const plan = makePlan({
    measures: [
      { title: '提升企业开办便利度', text: '提升企业开办便利度。上线“个转企”直接变更登记功能。' },
      { title: '优化用电营商环境', text: '优化用电营商环境。压缩供电报装时间。' },
      { title: '推动执行难源头治理', text: '推动执行难源头治理。加大对恶意规避执行行为的惩戒力度，法院优化执行权运行机制。' },
      { title: '做好春节慰问', text: '做好春节慰问。走访困难群众。' },
    ],
  });
  const [startup, power, enforce, none] = plan.measures;

  it('tags by phrase: indicators, B-READY topics and dimensions', () => {
    expect(tagMeasure(startup!)).toMatchObject({ indicators: ['starting_business'], breadyTopics: ['business_entry'], dimensions: ['market'] });
    expect(tagMeasure(power!).indicators).toContain('electricity');
    expect(tagMeasure(power!).breadyTopics).toContain('utility_services');
    const e = tagMeasure(enforce!);
    expect(e.indicators).toContain('enforcing_contracts');
    expect(e.breadyTopics).toContain('dispute_resolution');
    expect(e.dimensions).toContain('rule_of_law');
  });

  it('leaves unrelated measures untagged', () => {
    expect(tagMeasure(none!)).toEqual({ indicators: [], breadyTopics: [], dimensions: [] });
  });

  it('tags traditional text, with or without the simplifier', async () => {
    const trad = makePlan({ script: 'traditional', measures: [{ title: '提升企業開辦便利度', text: '提升企業開辦便利度。推行商事登記全程網上辦。' }] });
    const plain = tagMeasure(trad.measures[0]!);
    const simplified = tagMeasure(trad.measures[0]!, { simplify: await loadSimplifier() });
    expect(plain.indicators).toContain('starting_business');
    expect(simplified).toEqual(plain);
  });
});

describe('distanceToFrontier', () => {
  it('is (worst − y)/(worst − best) × 100, clamped', () => {
    expect(distanceToFrontier(6, 8, 4)).toBe(50); // 8 → 4 days, at 6
    expect(distanceToFrontier(4, 8, 4)).toBe(100);
    expect(distanceToFrontier(2, 8, 4)).toBe(100); // beyond the frontier
    expect(distanceToFrontier(10, 8, 4)).toBe(0); // worse than the worst
    expect(distanceToFrontier(75, 50, 100)).toBe(50); // works for "more is better" too
  });
});

describe('businessEnvironmentReport', () => {
  const plan = makePlan({
    measures: [
      { title: '提升企业开办便利度', text: '提升企业开办便利度。企业开办时间压缩至1个工作日。', units: ['区市场监管局'], targets: [{ value: 1, baseline: 3, unit: '个工作日', comparator: '<=', direction: 'decrease' }] },
      { title: '优化用电营商环境', text: '优化用电营商环境。压缩供电报装时间。', units: ['光明供电局', '区发展改革局'] },
      { title: '推动执行难源头治理', text: '推动执行难源头治理，法院优化执行权运行机制。', units: ['区法院'] },
      { title: '做好春节慰问', text: '做好春节慰问。走访困难群众。' },
    ],
  });
  const [m1, m2, m3] = plan.measures;
  const entries = [valueEntry(plan, m1!.targets[0]!.id, 2, '2025-06-30'), statusEntry(plan, m2!.id, { percent: 100 }, '2025-06-30'), statusEntry(plan, m3!.id, { percent: 20 }, '2025-06-30')];
  const report = businessEnvironmentReport([plan], [scorePlan(plan, entries, { asOf: '2025-06-30' })]);
  const ind = (id: string) => report.indicators.find((i) => i.id === id)!;

  it('coverage per indicator, uncovered indicators and untagged measures', () => {
    expect(ind('starting_business').measureCount).toBe(1);
    expect(ind('electricity').measureCount).toBe(1);
    expect(report.uncovered.indicators).toContain('resolving_insolvency');
    expect(report.uncovered.indicators).not.toContain('starting_business');
    expect(report.untagged.map((u) => u.title)).toEqual(['做好春节慰问']);
  });

  it('quantification rate: share of measures with a measurable target', () => {
    expect(report.quantificationRate).toBe(25);
    expect(ind('starting_business').quantificationRate).toBe(100);
    expect(ind('electricity').quantificationRate).toBe(0);
  });

  it('completion per indicator from the scores (3 → 1 days, at 2 = 50%)', () => {
    expect(ind('starting_business').completion).toBe(50);
    expect(ind('electricity').completion).toBe(100);
    expect(ind('enforcing_contracts').completion).toBe(20);
  });

  it('composite: equal-weight mean over covered indicators, alternatives beside it', () => {
    const covered = report.indicators.filter((i) => i.measureCount > 0);
    const expected = Math.round((covered.reduce((s, i) => s + i.completion, 0) / covered.length) * 10) / 10;
    expect(report.composite.value).toBe(expected);
    expect(report.composite.coveredIndicators).toBe(covered.length);
    expect(report.composite.alternatives.map((a) => a.name)).toEqual(['measure-weighted', 'B-READY topics, equal weights', 'dimension-balanced']);
    expect(report.composite.spread).toBeGreaterThanOrEqual(0);
  });

  it('accountability load: measures per unit, units per measure, unassigned', () => {
    expect(report.accountability.unitsPerMeasure).toBe(1.3); // 4 links / 3 measures naming units
    expect(report.accountability.unassigned).toBe(1);
    expect(report.accountability.units.find((u) => u.unit === '区发展改革局')).toEqual({ unit: '区发展改革局', measures: 1, lead: 0 });
  });

  it('distance to frontier for time targets: baseline worst, target best', () => {
    expect(report.frontier).toEqual([expect.objectContaining({ measureId: m1!.id, baseline: 3, best: 1, latest: 2, dtf: 50 })]);
  });
});

describe('indicators on the seeded plans', () => {
  let plans: Plan[];
  let simplify: (s: string) => string;
  beforeAll(async () => {
    simplify = await loadSimplifier();
    const seeds = join(import.meta.dirname, '..', '..', 'seeds');
    plans = readdirSync(seeds).filter((f) => /^\d{3}_.*\.txt$/u.test(f)).sort().flatMap((f) => parseText(readFileSync(join(seeds, f), 'utf8'), { simplify }).plans);
  });

  it('tags the 2024 国际化 plan mostly 国际化 and the 法治化 plan mostly 法治化', () => {
    const share = (title: RegExp, dim: string) => {
      const p = plans.find((x) => title.test(x.title))!;
      return p.measures.filter((m) => tagMeasure(m).dimensions.includes(dim)).length / p.measures.length;
    };
    expect(share(/2024年优化国际化/u, 'international')).toBeGreaterThan(0.7);
    expect(share(/2024年优化法治化/u, 'rule_of_law')).toBeGreaterThan(0.6);
  });

  it('the district plan covers 开办企业, 获得电力 and 执行合同', () => {
    const p = plans.find((x) => /光明区2025年/u.test(x.title))!;
    const r = businessEnvironmentReport([p], scorePlans([p], [], { asOf: '2025-06-30' }), { simplify });
    for (const id of ['starting_business', 'electricity', 'enforcing_contracts']) expect(r.indicators.find((i) => i.id === id)!.measureCount).toBeGreaterThan(0);
    expect(r.composite.value).toBe(0); // nothing entered yet
  });
});

describe('tagMeasure reads like an expert (issue 16)', () => {
  const tags = (title: string, text: string, units: string[] = []) => explainMeasure(makePlan({ measures: [{ title, text: `${title}。${text}`, units }] }).measures[0]!);

  it('word-level matching: 立法 is not in 独立法人, 法规 not in 管理办法规范', () => {
    const a = tags('支持跨境电商发展', '支持企业设立具有独立法人资格的电商公司。');
    expect(a.evidence.rule_of_law ?? []).toEqual([]);
    const b = tags('完善产业空间保障', '出台管理办法规范创新型产业用房管理。');
    expect(b.dimensions).not.toContain('rule_of_law');
  });

  it('owner names and quoted titles never tag', () => {
    const owner = tags('做好春节慰问', '走访困难群众。', ['市市场监管局']);
    expect(owner.indicators).toEqual([]);
    const office = tags('做好春节慰问', '会同市场监管局走访困难群众。');
    expect(office.indicators).not.toContain('market_supervision');
    const quoted = tags('推进重点工作', '实施《关于切实解决执行难的职责清单》。');
    expect(quoted.indicators).not.toContain('enforcing_contracts');
  });

  it('an example in a list weighs less than the measure\'s own verbs', () => {
    const t = tags('完善跨境金融服务', '创新跨境保险产品，鼓励保险机构开发保险产品，如跨境电商退货险、知识产权侵权险等。');
    expect(t.indicators).toContain('getting_credit');
    expect(t.indicators).not.toContain('intellectual_property');
  });

  it('one generic word is not enough: 人才 in a list of services does not tag 包容普惠创新', () => {
    const t = tags('推动AI赋能企业服务', '在找政策、办政务、找空间、找人才、找资金等领域提升咨询精确性。');
    expect(t.indicators).not.toContain('inclusive_innovation');
  });

  it('court enforcement is 执行合同: 执行质效, 执行攻坚, 财产保全, 执破融合', () => {
    expect(tags('强化企业胜诉权益保护', '进一步提高执行质效，深入开展执行攻坚专项行动。').indicators).toEqual(['enforcing_contracts']);
    expect(tags('规范财产保全工作', '完善保全预评估机制，有效推进执破融合。').indicators).toContain('enforcing_contracts');
  });

  it('监管 can be 法治化: an enforcement-standards measure is not 市场化 by default', () => {
    const t = tags('完善行政执法监督体系', '研究起草行政执法监督条例，组织开展行政裁量权基准清理工作，开展罚款实施专项执法监督。');
    expect(t.indicators).toContain('market_supervision');
    expect(t.dimensions).toEqual(['rule_of_law']);
  });

  it('every tag carries its evidence: the phrase and where it stands', () => {
    const t = tags('优化用电营商环境', '压缩供电报装时间。');
    expect(t.evidence.electricity![0]).toMatchObject({ phrase: '用电', zone: 'title' });
  });
});

describe('an index that compares (issue 16)', () => {
  const plan = makePlan({
    measures: [
      { title: '提升企业开办便利度', text: '提升企业开办便利度。推行商事登记全程网上办。' },
      { title: '优化用电和办税服务', text: '优化用电和办税服务。压缩供电报装时间，推行智慧税务。' },
      { title: '做好春节慰问', text: '做好春节慰问。走访困难群众。' },
    ],
  });
  const [m1, m2, m3] = plan.measures;
  const entries = [statusEntry(plan, m1!.id, { percent: 100 }, '2025-06-30'), statusEntry(plan, m2!.id, { percent: 50 }, '2025-06-30')];
  const score = scorePlan(plan, entries, { asOf: '2025-06-30' });
  const report = businessEnvironmentReport([plan], [score]);
  const ind = (id: string) => report.indicators.find((i) => i.id === id)!;

  it('a measure with two tags gives each half its credit', () => {
    expect(report.tags[m2!.id]!.indicators.sort()).toEqual(['electricity', 'paying_taxes']);
    expect(ind('electricity')).toMatchObject({ measureCount: 1, credit: 0.5, completion: 50 });
    expect(ind('starting_business')).toMatchObject({ measureCount: 1, credit: 1, completion: 100 });
    // measure-weighted: each tagged measure once — (100·1 + 50·½ + 50·½) / 2
    expect(report.composite.alternatives.find((a) => a.name === 'measure-weighted')!.value).toBe(75);
  });

  it('all 18 indicators are listed; the composite is given over covered ones and over all 18, with coverage', () => {
    expect(report.indicators).toHaveLength(18);
    expect(report.uncovered.indicators).toHaveLength(15);
    expect(report.composite).toMatchObject({ name: "progress on the plan's measures by indicator", value: 66.7, coveredIndicators: 3, indicatorCount: 18, coverage: 16.7 });
    expect(report.composite.overAll.value).toBe(11.1); // (100 + 50 + 50) / 18
    expect(report.composite.overAll.formula).toMatch(/uncovered indicators counted 0/u);
  });

  it('warns where one or two measures carry an indicator', () => {
    expect(ind('electricity').warning).toMatch(/one or two measures/u);
    expect(ind('resolving_insolvency').warning).toBeUndefined(); // uncovered: a gap, not a thin indicator
    expect(report.composite.thin.map((t) => t.id).sort()).toEqual(['electricity', 'paying_taxes', 'starting_business']);
  });

  it('the user adds and removes tags (by id or by name); an added tag shows the user as its evidence', () => {
    const r = businessEnvironmentReport([plan], [score], {
      tagOverrides: [
        { op: 'add-tag', measure: m3!.id, tag: '执行合同' },
        { op: 'remove-tag', measure: m2!.id, tag: 'paying_taxes' },
        { op: 'add-tag', measure: m3!.id, tag: 'no_such_tag' },
      ],
    });
    expect(r.tags[m3!.id]!.indicators).toEqual(['enforcing_contracts']);
    expect(r.tags[m3!.id]!.evidence!.enforcing_contracts).toEqual([{ phrase: '', zone: 'user', score: 0 }]);
    expect(r.tags[m2!.id]!.indicators).toEqual(['electricity']);
    expect(r.indicators.find((i) => i.id === 'electricity')).toMatchObject({ credit: 1, completion: 50 });
    expect(r.untagged.map((u) => u.measureId)).toEqual([]);
  });

  it('honours the tag operations engine/corrections stored on a measure (tagsAdded / tagsRemoved)', () => {
    const corrected = { ...plan, measures: [m1!, { ...m2!, tagsRemoved: ['electricity'] }, { ...m3!, tagsAdded: ['legal_no_such', 'rule_of_law', '办理破产'] }] };
    const r = businessEnvironmentReport([corrected], [score]);
    expect(r.tags[m2!.id]!.indicators).toEqual(['paying_taxes']);
    expect(r.tags[m3!.id]).toMatchObject({ indicators: ['resolving_insolvency'], dimensions: ['rule_of_law'] });
  });
});
