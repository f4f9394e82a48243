import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildRelatedIndex, buildRelatedIndexAsync, findRelatedPairs, queryRelated, similarity, matchingRuns, DEFAULT_RELATED_THRESHOLD, type RelatedIndex } from '../../engine/related/index.ts';
import { parseText, loadSimplifier } from '../../engine/parse/index.ts';
import type { Plan } from '../../engine/types.ts';
import { makePlan } from './fixtures/plan.ts';

describe('normalisation for matching', () => {
  it('drops digits, Latin, punctuation, unit notes and pinyin readings; simplifies', async () => {
    const simplify = await loadSimplifier();
    expect(matchingRuns('營商環(huán)境，全年實際利用外資500億元以上（責任單位：市發展改革委）', simplify)).toEqual(['营商环境', '全年实际利用外资', '亿元以上']);
  });
});

describe('related index on small plans', () => {
  const district = makePlan({
    id: 'district',
    measures: [
      { title: '提升外资企业服务保障水平', text: '提升外资企业服务保障水平。完善外企驿站功能，向外资企业精准推送优惠政策，全年实际利用外资50亿元以上。' },
      { title: '推进教育国际化发展', text: '推进教育国际化发展。支持优质国际教育资源布局，鼓励国际化学校加大招生力度。' },
      { title: '优化用水报装服务', text: '优化用水报装服务。压缩用水报装时间至3个工作日。' },
    ],
  });
  const city = makePlan({
    id: 'city',
    script: 'traditional',
    measures: [
      { title: '推進教育國際化發展', text: '推進教育國際化發展。打造高質量的外籍子女國際學校，支持國際化學校招生。' },
      { title: '提升外資企業服務保障水平', text: '提升外資企業服務保障水平。完善「外企驛站」功能，向外資企業精準推送優惠政策，全年實際利用外資500億元以上。' },
      { title: '加强生态环境保护', text: '加强生态环境保护。推进污染防治攻坚。' },
    ],
  });
  let index: RelatedIndex;
  beforeAll(async () => {
    index = buildRelatedIndex([district, city], { simplify: await loadSimplifier() });
  });

  it('finds the same measure across scripts, and ranks it first', () => {
    const hits = queryRelated(index, 'district-m1');
    expect(hits[0]).toMatchObject({ planId: 'city', measureId: 'city-m2' });
    expect(hits[0]!.score).toBeGreaterThan(0.6);
    expect(queryRelated(index, 'district-m2')[0]!.measureId).toBe('city-m1');
  });

  it('does not pair unrelated measures, nor measures of the same plan', () => {
    expect(queryRelated(index, 'district-m3')).toEqual([]);
    expect(queryRelated(index, 'city-m3')).toEqual([]);
    expect(queryRelated(index, 'district-m1').every((h) => h.planId !== 'district')).toBe(true);
  });

  it('findRelatedPairs lists each pair once with MeasureRefs', () => {
    const pairs = findRelatedPairs(index);
    expect(pairs.map((p) => [p.a.measureId, p.b.measureId]).sort()).toEqual([
      ['district-m1', 'city-m2'],
      ['district-m2', 'city-m1'],
    ]);
    expect(pairs[0]!.a).toMatchObject({ planId: 'district', planTitle: district.title, number: expect.any(String), title: expect.any(String) });
  });

  it('without a simplifier, traditional text scores lower (shows the simplifier matters)', () => {
    const plain = buildRelatedIndex([district, city]);
    expect(similarity(plain, 'district-m1', 'city-m2')).toBeLessThan(similarity(index, 'district-m1', 'city-m2'));
  });

  it('buildRelatedIndexAsync loads the simplifier itself', async () => {
    const auto = await buildRelatedIndexAsync([district, city]);
    expect(similarity(auto, 'district-m1', 'city-m2')).toBe(similarity(index, 'district-m1', 'city-m2'));
  });

  it('unknown ids give no matches', () => {
    expect(queryRelated(index, 'nope')).toEqual([]);
  });
});

describe('related measures across the seeded plans', () => {
  let plans: Plan[];
  let index: RelatedIndex;
  let pairs: ReturnType<typeof findRelatedPairs>;
  const seeds = join(import.meta.dirname, '..', '..', 'seeds');

  beforeAll(async () => {
    const simplify = await loadSimplifier();
    plans = readdirSync(seeds)
      .filter((f) => /^\d{3}_.*\.txt$/u.test(f))
      .sort()
      .flatMap((f) => parseText(readFileSync(join(seeds, f), 'utf8'), { simplify }).plans);
    index = buildRelatedIndex(plans, { simplify });
    pairs = findRelatedPairs(index);
  });

  const plan = (pattern: RegExp) => {
    const found = plans.find((p) => pattern.test(p.title) || (pattern.source === 'traditional' && p.script === 'traditional'));
    if (!found) throw new Error(`no plan ${pattern}`);
    return found;
  };
  const measure = (p: Plan, number: string) => p.measures.find((m) => m.number === number)!.id;
  const paired = (pa: Plan, na: string, pb: Plan, nb: string) =>
    pairs.find((x) => (x.a.measureId === measure(pa, na) && x.b.measureId === measure(pb, nb)) || (x.b.measureId === measure(pa, na) && x.a.measureId === measure(pb, nb)));

  it('finds the known pairs (district 2025 ↔ city 2025 traditional ↔ city 2024 plans)', () => {
    const district = plan(/光明区2025年/u);
    const cityTraditional = plan(/traditional/u);
    const intl2024 = plan(/2024年优化国际化/u);
    const law2024 = plan(/2024年优化法治化/u);
    expect(paired(district, '40', cityTraditional, '2')?.score).toBeGreaterThan(0.5);
    expect(paired(district, '48', cityTraditional, '16')).toBeDefined();
    expect(paired(cityTraditional, '16', intl2024, '22')).toBeDefined();
    expect(paired(district, '48', intl2024, '22')).toBeDefined();
    expect(paired(district, '27', law2024, '2')).toBeDefined();
  });

  it('does not pair unrelated measures', () => {
    const cityTraditional = plan(/traditional/u);
    const intl2024 = plan(/2024年优化国际化/u);
    const market2024 = plan(/2024年优化市场化/u);
    const law2024 = plan(/2024年优化法治化/u);
    // 國際交通 (transport) vs "走出去" services share only 综合服务能力.
    expect(paired(cityTraditional, '11', intl2024, '6')).toBeUndefined();
    // 商事登记跨境办 vs 商事调解: one shared word.
    expect(paired(market2024, '2', law2024, '26')).toBeUndefined();
    // Every pair is across plans and above the threshold; no measure pairs twice with one plan.
    const seen = new Set<string>();
    for (const p of pairs) {
      expect(p.a.planId).not.toBe(p.b.planId);
      expect(p.score).toBeGreaterThanOrEqual(DEFAULT_RELATED_THRESHOLD);
      for (const key of [`${p.a.measureId}>${p.b.planId}`, `${p.b.measureId}>${p.a.planId}`]) {
        expect(seen.has(key)).toBe(false);
        seen.add(key);
      }
    }
  });

  it('keeps noise out: a measure about AI government services finds no partner in the industrial five-year plan', () => {
    const district = plan(/光明区2025年/u);
    const fiveYear = plan(/十四五/u);
    const hits = queryRelated(index, measure(district, '1'), { planId: district.id });
    expect(hits.filter((h) => h.planId === fiveYear.id)).toEqual([]);
  });
});
