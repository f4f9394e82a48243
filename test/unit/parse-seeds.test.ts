// Golden tests: what the parser reads from each of the five seed pages.
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadSimplifier, parsePage, parseText } from '../../engine/parse/index.ts';
import type { ParseResult, Plan } from '../../engine/types.ts';
import { reflow } from '../fixtures/reflow.ts';

const SEEDS = {
  district: 'seeds/000_5c7a958c132072e2.txt',
  traditional: 'seeds/001_21d7cb096258acbb.txt',
  report: 'seeds/002_92a4fd714a6d6f65.txt',
  digest: 'seeds/003_a85699c24c36714f.txt',
  fiveYear: 'seeds/004_e9acea2c6d31d80c.txt',
} as const;

const texts = Object.fromEntries(Object.entries(SEEDS).map(([k, path]) => [k, readFileSync(path, 'utf8')])) as Record<keyof typeof SEEDS, string>;
const results = {} as Record<keyof typeof SEEDS, ParseResult>;

beforeAll(async () => {
  for (const key of Object.keys(SEEDS) as (keyof typeof SEEDS)[]) results[key] = await parsePage(texts[key]);
});

function counts(plan: Plan) {
  return {
    sections: plan.sections.length,
    subsections: plan.sections.reduce((n, s) => n + s.subsections.length, 0),
    measures: plan.measures.length,
    units: new Set(plan.measures.flatMap((m) => m.units)).size,
  };
}

function measure(plan: Plan, index: number) {
  const m = plan.measures[index - 1]!;
  return { number: m.number, title: m.title, units: m.units };
}

/** Every id a result carries, in order. */
function allIds(result: ParseResult): string[] {
  return result.plans.flatMap((p) => [
    p.id,
    p.fingerprint,
    ...p.sections.flatMap((s) => [s.id, ...s.subsections.map((ss) => ss.id)]),
    ...p.measures.flatMap((m) => [m.id, ...m.targets.map((t) => t.id)]),
    ...p.indicators.map((i) => i.id),
  ]);
}

describe('000 光明区2025年优化营商环境改革工作方案 (district plan, page chrome)', () => {
  it('reads metadata from the page chrome', () => {
    const r = results.district;
    expect(r.kind).toBe('plan');
    const plan = r.plans[0]!;
    expect(plan.title).toBe('光明区2025年优化营商环境改革工作方案');
    expect(plan.issuer).toBe('深圳市光明区发展和改革局');
    expect(plan.date).toBe('2025-08-18');
    expect(plan.indexNumber).toBe('11440300MB2D29255A/2025-00041');
    expect(plan.docNumber).toBeUndefined();
    expect(plan.period).toEqual({ start: 2025, end: 2025 });
    expect(plan.script).toBe('simplified');
  });

  it('finds 3 sections, 12 subsections, 53 measures, 37 units', () => {
    expect(results.district.plans).toHaveLength(1);
    expect(counts(results.district.plans[0]!)).toEqual({ sections: 3, subsections: 12, measures: 53, units: 37 });
  });

  it('reads measure numbers, titles (also run-together ones) and units', () => {
    const plan = results.district.plans[0]!;
    expect(measure(plan, 1)).toEqual({ number: '1', title: '推进AI赋能政务服务', units: ['区政务服务和数据管理局'] });
    expect(measure(plan, 6)).toEqual({ number: '6', title: '打造知识产权保护服务样板', units: ['市市场监管局光明监管局'] });
    expect(measure(plan, 7).units).toEqual(['市市场监管局光明监管局', '区各执法单位']);
    expect(measure(plan, 8).title).toBe('建立区级市政公用服务综合性政企协同改革工作机制');
    expect(measure(plan, 8).units).toHaveLength(9);
    expect(measure(plan, 12)).toEqual({ number: '12', title: '促进民营经济良好发展', units: ['区委统战部', '区发展改革局', '区工业和信息化局', '区商务局'] });
    expect(measure(plan, 29).units).toEqual(['区司法局', '区工业和信息化局', '各街道']);
    expect(measure(plan, 53).title).toBe('畅通国际交流渠道');
    expect(plan.sections[0]!.subsections[0]!.title).toBe('提升政务服务效能');
    expect(plan.sections[0]!.subsections[0]!.measureIds).toHaveLength(12);
  });
});

describe('001 深圳 2025 国际化 plan (traditional script, pinyin noise, no title)', () => {
  it('finds 6 sections, 26 measures; units simplified and alias-normalised', () => {
    const r = results.traditional;
    expect(r.plans).toHaveLength(1);
    const plan = r.plans[0]!;
    expect(plan.script).toBe('traditional');
    expect(plan.title).toBe('(无标题)');
    expect(r.warnings.join(' ')).toContain('no title');
    expect(counts(plan)).toEqual({ sections: 6, subsections: 0, measures: 26, units: 36 });
    expect(plan.sections[0]!.title).toBe('打造寬松便利的吸引外資高地');
    // Display keeps the page's script; units are simplified for roll-ups.
    expect(measure(plan, 1).title).toBe('全面落實外資準入政策措施');
    expect(measure(plan, 1).units.slice(0, 3)).toEqual(['市发展改革委', '市投资促进局', '市工业和信息化局']);
    expect(measure(plan, 2).units).toEqual(['市发展改革委', '市贸促委', '市投资促进局', '市市场监管局']);
    expect(measure(plan, 17)).toEqual({ number: '17', title: '便利國際人才出入境', units: ['河套发展署', '市公安局', '深圳边检总站'] });
    // Pinyin annotations are gone from display text, still present in the quote (as written).
    expect(plan.measures[0]!.text).toContain('服務業擴大開放');
    expect(plan.measures[0]!.quote).toContain('業(yè)');
  });

  it('gives the traditional and the simplified copy the same ids', async () => {
    const simplify = await loadSimplifier();
    const simplified = await parsePage(simplify(texts.traditional));
    expect(simplified.plans[0]!.script).toBe('simplified');
    const trad = results.traditional.plans[0]!;
    const simp = simplified.plans[0]!;
    expect(simp.fingerprint).toBe(trad.fingerprint);
    expect(simp.id).toBe(trad.id);
    expect(simp.measures.map((m) => m.id)).toEqual(trad.measures.map((m) => m.id));
  });

  it('parseText without a converter still finds the structure', () => {
    const plan = parseText(texts.traditional).plans[0]!;
    expect(plan.measures).toHaveLength(26);
  });
});

describe('002 2021年光明区优化营商环境改革工作成效 (results report)', () => {
  it('is a report with outcome figures and no plan', () => {
    const r = results.report;
    expect(r.kind).toBe('report');
    expect(r.plans).toEqual([]);
    expect(r.title).toBe('2021年光明区优化营商环境改革工作成效');
    expect(r.outcomes.length).toBeGreaterThan(10);
    expect(r.outcomes.some((o) => o.value === 76 && o.unit === '项')).toBe(true);
    for (const o of r.outcomes) expect(texts.report.slice(o.span.start, o.span.end)).toBe(o.quote);
    expect(new Set(r.outcomes.map((o) => o.id)).size).toBe(r.outcomes.length);
  });
});

describe('003 news digest (three Shenzhen 2024 plans among news)', () => {
  it('finds exactly three plans of 44, 31 and 30 measures, titled from the digest prose', () => {
    const r = results.digest;
    expect(r.kind).toBe('plans');
    expect(r.plans.map((p) => p.measures.length)).toEqual([44, 31, 30]);
    expect(r.plans.map((p) => p.title)).toEqual([
      '深圳市2024年优化市场化营商环境工作方案',
      '深圳市2024年优化法治化营商环境工作方案',
      '深圳市2024年优化国际化营商环境工作方案',
    ]);
    for (const plan of r.plans) {
      expect(plan.period).toEqual({ start: 2024, end: 2024 });
      expect(plan.date).toBe('2024-06-21');
    }
    expect(r.plans.map(counts)).toEqual([
      { sections: 3, subsections: 8, measures: 44, units: 22 },
      { sections: 3, subsections: 7, measures: 31, units: 12 },
      { sections: 3, subsections: 9, measures: 30, units: 39 },
    ]);
  });

  it('does not read the State Council policy, the truncated 口岸 plan or news lists as plans', () => {
    const r = results.digest;
    const quotes = r.plans.flatMap((p) => p.measures.map((m) => m.quote));
    expect(quotes.some((q) => q.includes('创业投资'))).toBe(false);
    expect(quotes.some((q) => q.includes('国有产业用地'))).toBe(false);
    expect(quotes.some((q) => q.includes('口岸“净、畅、宁、美”'))).toBe(false);
    expect(r.warnings.join('\n')).toContain('《政策措施》');
    expect(r.warnings.join('\n')).toContain('《行动方案》');
    // The 国际化 plan ends before the next news item.
    const last = r.plans[2]!;
    expect(texts.digest.slice(last.span.start, last.span.end)).not.toContain('5方面15条举措');
  });

  it('reads measures with their units in each plan', () => {
    const [market, law, intl] = results.digest.plans as [Plan, Plan, Plan];
    expect(measure(market, 33)).toEqual({ number: '33', title: '优化工程建设项目审批', units: ['市规划和自然资源局', '市住房建设局', '市文化广电旅游体育局'] });
    expect(measure(market, 44).title).toBe('积极推动城市公园绿地及文体设施开放共享');
    // 国家金融监督管理总局深圳监管局 folds to 深圳金融监管局 (seeds/owner-aliases.json).
    expect(measure(law, 15)).toEqual({ number: '15', title: '提高金融纠纷防范化解质效', units: ['市中级法院', '市委金融办', '深圳金融监管局'] });
    expect(measure(intl, 2)).toEqual({ number: '2', title: '持续优化外商投资服务', units: ['市投资促进局', '中国人民银行深圳市分行', '市贸促委'] });
    expect(market.sections.map((s) => s.title)).toEqual(['总体要求', '主要任务', '保障措施']);
    expect(market.sections[2]!.measureIds).toEqual([]);
    expect(market.sections[2]!.subsections.map((s) => s.title)).toEqual(['加强组织领导', '强化协同推进', '做好宣传推广']);
  });
});

describe('004 光明区“十四五”战略性新兴产业发展规划 (Word export)', () => {
  it('reads the cover: title broken over two lines, issuer, Chinese-numeral date, 十四五 period', () => {
    const plan = results.fiveYear.plans[0]!;
    expect(results.fiveYear.plans).toHaveLength(1);
    expect(plan.title).toBe('光明区“十四五”战略性新兴产业发展规划');
    expect(plan.issuer).toBe('深圳市光明区工业和信息化局');
    expect(plan.date).toBe('2021-04-01');
    expect(plan.period).toEqual({ start: 2021, end: 2025 });
  });

  it('skips the table of contents and bookmarks; 5 sections, 20 subsections, 40 lead-phrase measures', () => {
    const plan = results.fiveYear.plans[0]!;
    expect(counts(plan)).toEqual({ sections: 5, subsections: 20, measures: 40, units: 0 });
    expect(plan.sections.map((s) => s.title)).toEqual(['发展基础与环境', '总体要求', '重点产业', '重点任务', '保障措施']);
    expect(measure(plan, 1)).toEqual({ number: '', title: '5G移动通信', units: [] });
    expect(measure(plan, 16).title).toBe('壮大创新型企业队伍');
    expect(measure(plan, 40).title).toBe('加大国际间交流合作');
    // Preamble sections (发展基础, 总体要求) and boxes (专栏, ——) hold no measures.
    const titles = plan.measures.map((m) => m.title);
    expect(titles).not.toContain('新兴产业支柱主导地位基本形成');
    expect(titles.some((t) => t.startsWith('——') || t.startsWith('专栏'))).toBe(false);
    expect(plan.sections[0]!.subsections.every((s) => s.measureIds.length === 0)).toBe(true);
    expect(plan.sections[4]!.subsections.every((s) => s.measureIds.length === 0)).toBe(true);
    // The span starts after the bookmark tags.
    expect(texts.fiveYear.slice(plan.measures[15]!.span.start).startsWith('壮大创新型企业队伍')).toBe(true);
  });

  it('hands the indicator table (9 rows) and the goals prose to the extractors', () => {
    const plan = results.fiveYear.plans[0]!;
    expect(plan.indicators).toHaveLength(9);
    expect(plan.narrativeTargets.some((t) => t.value === 600 && t.baseline === 500.97)).toBe(true);
  });
});

describe('seeds/manifest.json', () => {
  const manifest = JSON.parse(readFileSync('seeds/manifest.json', 'utf8')) as {
    seeds: { file: string; title: string; issuer: string; date: string; kind: string; script: string; plans?: { title: string; date: string; measures: number }[] }[];
  };

  it('lists every seed with what the parser reads from it', () => {
    const byFile = new Map(Object.entries(SEEDS).map(([key, path]) => [path.replace('seeds/', ''), key as keyof typeof SEEDS]));
    expect(manifest.seeds.map((s) => s.file).sort()).toEqual([...byFile.keys()].sort());
    for (const seed of manifest.seeds) {
      const result = results[byFile.get(seed.file)!];
      expect(result.kind).toBe(seed.kind);
      if (seed.kind === 'plan') {
        const plan = result.plans[0]!;
        expect(plan.script).toBe(seed.script);
        if (plan.title !== '(无标题)') expect(plan.title).toBe(seed.title);
        if (seed.issuer) expect(plan.issuer).toBe(seed.issuer);
        if (seed.date) expect(plan.date).toBe(seed.date);
      }
      if (seed.kind === 'report') expect(result.title).toBe(seed.title);
      if (seed.plans) expect(result.plans.map((p) => ({ title: p.title, date: p.date, measures: p.measures.length }))).toEqual(seed.plans);
    }
  });
});

describe('all seeds', () => {
  it('spans point into the text given: quotes, targets, sections', () => {
    for (const key of Object.keys(SEEDS) as (keyof typeof SEEDS)[]) {
      const text = texts[key];
      for (const plan of results[key].plans) {
        for (const m of plan.measures) {
          expect(m.quote.length).toBeGreaterThan(0);
          expect(m.quote.length).toBeLessThanOrEqual(40);
          expect(text.slice(m.span.start, m.span.start + m.quote.length)).toBe(m.quote);
          expect(m.span.end).toBeGreaterThan(m.span.start);
          for (const t of m.targets) expect(text.slice(t.span.start, t.span.end)).toBe(t.quote);
        }
        for (const t of plan.narrativeTargets) expect(text.slice(t.span.start, t.span.end)).toBe(t.quote);
        for (const s of plan.sections) expect(s.span.end).toBeGreaterThan(s.span.start);
      }
    }
  });

  it('ids are unique within a plan and do not move when the white space is re-flowed', async () => {
    for (const key of Object.keys(SEEDS) as (keyof typeof SEEDS)[]) {
      const ids = allIds(results[key]);
      for (const plan of results[key].plans) {
        const measureIds = plan.measures.map((m) => m.id);
        expect(new Set(measureIds).size).toBe(measureIds.length);
      }
      const reflowed = await parsePage(reflow(texts[key]));
      expect(allIds(reflowed)).toEqual(ids);
    }
  });

  it('an edited measure gets a new id; the plan and its other measures keep theirs', async () => {
    const edited = texts.district.replace('制定知识产权服务包不少于200个', '制定知识产权服务包不少于300个');
    const before = results.district.plans[0]!;
    const after = (await parsePage(edited)).plans[0]!;
    expect(after.fingerprint).not.toBe(before.fingerprint);
    expect(after.measures[5]!.id).not.toBe(before.measures[5]!.id);
    // Progress recorded against the other measures must stay attached.
    expect(after.id).toBe(before.id);
    expect(after.measures[4]!.id).toBe(before.measures[4]!.id);
  });
});
