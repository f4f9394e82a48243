import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { Converter } from 'opencc-js';
import { explainTargets, extractNarrativeTargets, extractTargets, labelSimilarity, REJECT_RULES, resolveDeadline, type RawTarget } from '../../engine/parse/targets.ts';

// The parser gives these functions NFKC-normalised, simplified-script text
// without pinyin noise; the tests prepare seed text the same simple way.
const toSimplified = Converter({ from: 'hk', to: 'cn' });
function seed(name: string, traditional = false): string {
  let s = readFileSync(new URL(`../../seeds/${name}`, import.meta.url), 'utf8').normalize('NFKC');
  s = s.replace(/\[bookmark:[^\]]*\]/g, '');
  if (traditional) s = toSimplified(s.replace(/\([a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]+\)/g, ''));
  return s;
}

/** Numbered measures "12.…" of a plan, by number. */
function measures(text: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const m of text.matchAll(/^\s*(\d{1,2})\.(.*)$/gm)) out.set(m[1]!, m[2]!);
  return out;
}

type Expect = [label: string, comparator: string, value: number | [number, number], unit: string, extra?: Partial<RawTarget>];

function summary(t: RawTarget): Expect {
  return [t.label, t.comparator, t.comparator === 'range' ? [t.min!, t.max!] : t.value!, t.unit];
}

function check(text: string, expected: Expect[]) {
  const found = extractTargets(text);
  expect(found.map(summary)).toEqual(expected.map(([l, c, v, u]) => [l, c, v, u]));
  expected.forEach(([, , , , extra], i) => {
    if (extra) expect(found[i]).toMatchObject(extra);
  });
  for (const t of found) {
    // the span quotes the target: it contains the number as written
    const quote = text.slice(t.span.start, t.span.end);
    expect(quote.length).toBeGreaterThan(0);
    if (t.labelSpan) expect(text.slice(t.labelSpan.start, t.labelSpan.end)).toBe(t.label);
  }
  return found;
}

describe('comparators, one rule at a time', () => {
  it('>= for 不少于 / 以上 / 超过 / 超 / 达到 / 达 / 突破 / 至少', () => {
    check('制定知识产权服务包不少于200个', [['知识产权服务包', '>=', 200, '个']]);
    check('全年实际利用外资500亿元以上', [['实际利用外资', '>=', 500, '亿元', { deadline: '全年' }]]);
    check('引进首店、旗舰店超1000家', [['首店、旗舰店', '>=', 1000, '家']]);
    check('开行数量达到180列以上', [['开行数量', '>=', 180, '列']]);
    check('服务贸易进出口额达1500亿美元', [['服务贸易进出口额', '>=', 1500, '亿美元']]);
    check('游客人数突破1000万人次', [['游客人数', '>=', 1000, '万人次']]);
    check('培训企业至少50家', [['培训企业', '>=', 50, '家']]);
    check('受理量超过300件', [['受理量', '>=', 300, '件']]);
  });

  it('<= and decrease for 以内 / 不超过 / 压缩至 / 缩短至 / 控制在…以内 / 降至', () => {
    check('备案审核时限缩短至5个工作日内', [['备案审核时限', '<=', 5, '个工作日', { direction: 'decrease' }]]);
    check('审批时间压缩至3个工作日', [['审批时间', '<=', 3, '个工作日', { direction: 'decrease' }]]);
    check('办理时限控制在2小时以内', [['办理时限', '<=', 2, '小时', { direction: 'decrease' }]]);
    check('检查次数不超过2次', [['检查次数', '<=', 2, '次', { direction: 'decrease' }]]);
    check('平均停电时间降至1小时', [['平均停电时间', '<=', 1, '小时', { direction: 'decrease' }]]);
  });

  it('range for 3-5家 / 4-5个 / 5—7家', () => {
    check('力争再引进培育3-5家百亿企业', [['百亿企业', 'range', [3, 5], '家']]);
    check('国家单项冠军企业达到4-5个', [['国家单项冠军企业', 'range', [4, 5], '个']]);
    check('专精特新企业达到5—7家', [['专精特新企业', 'range', [5, 7], '家']]);
    const [t] = extractTargets('引进3-5家企业');
    expect(t).toMatchObject({ min: 3, max: 5, comparator: 'range' });
    expect(t!.value).toBeUndefined();
  });

  it('>= for 余 / 多 between the number and the unit', () => {
    check('开展培训20余场', [['培训', '>=', 20, '场']]);
    check('新增企业100多家', [['企业', '>=', 100, '家']]);
  });

  it('approx for 左右 / 约', () => {
    check('培育新增3个左右学科', [['学科', 'approx', 3, '个']]);
    check('建设用地约20公顷', [['建设用地', 'approx', 20, '公顷']]);
  });

  it('= for plain counts after a verb of making', () => {
    check('新增2家医疗机构', [['医疗机构', '=', 2, '家']]);
    check('引进落地2家与深圳医疗优势互补的外商独资医院', [['外商独资医院', '=', 2, '家']]);
    check('面向全球引进20名核心人工智能人才及20名半导体领域高端人才', [
      ['核心人工智能人才', '=', 20, '名'],
      ['半导体领域高端人才', '=', 20, '名'],
    ]);
    check('打造特色步道20条', [['特色步道', '=', 20, '条']]);
  });

  it('from→to gives a baseline: 由7天增加到15天, 由8个工作日压缩至4个工作日', () => {
    check('最长免费居住期由7天增加到15天', [['最长免费居住期', '>=', 15, '天', { baseline: 7, direction: 'increase' }]]);
    check('办理时限由8个工作日压缩至4个工作日', [['办理时限', '<=', 4, '个工作日', { baseline: 8, direction: 'decrease' }]]);
    check('平均办理时限从几天压减到几分钟', []);
  });

  it('a change by an amount is at least that change', () => {
    check('留学生在校生人数增加800人', [['留学生在校生人数增加', '>=', 800, '人']]);
    check('审批时间压减50%', [['审批时间压减', '>=', 50, '%']]);
  });

  it('a share compared with a whole: X不低于Y的60%', () => {
    const text = '确保工业用地面积不低于区块线内总用地面积的60%';
    const [t] = check(text, [['工业用地面积占区块线内总用地面积比例', '>=', 60, '%']]);
    expect(text.slice(t!.span.start, t!.span.end)).toBe('工业用地面积不低于区块线内总用地面积的60%');
  });
});

describe('labels', () => {
  it('takes the noun phrase before the number, dropping verbs and time words', () => {
    check('新增外商投资电信企业10家以上', [['外商投资电信企业', '>=', 10, '家']]);
    check('货邮吞吐量190万吨以上', [['货邮吞吐量', '>=', 190, '万吨']]);
    check('全年新建成碧道150公里', [['碧道', '=', 150, '公里']]);
    check('跨境电商海运快线保持在30条以上', [['跨境电商海运快线', '>=', 30, '条']]);
  });

  it('drops dates and deadlines at the front but not words that only start like them', () => {
    check('6月18日前新增企业3家', [['企业', '=', 3, '家', { deadline: '6月18日前' }]]);
    check('到访游客人数达到500万人次', [['到访游客人数', '>=', 500, '万人次']]);
    check('年产值/营收≥25.6亿元', [['年产值/营收', '>=', 25.6, '亿元']]);
  });

  it('takes the head noun after the measure word, cut at the next verb', () => {
    check('累计推动不少于800家企业开展专利快速预审主体备案', [['企业', '>=', 800, '家']]);
    check('新增不少于80家风投创投、私募证券投资等机构入驻', [['风投创投、私募证券投资等机构', '>=', 80, '家']]);
    check('舉办10场具有全球影响力的首发活动'.replace('舉', '举'), [['首发活动', '=', 10, '场']]);
  });

  it('a share after a figure takes the figure as its subject', () => {
    const found = check('到2025年，战略性新兴产业增加值达到600亿元以上，占地区生产总值比重达45%以上', [
      ['战略性新兴产业增加值', '>=', 600, '亿元'],
      ['战略性新兴产业增加值占地区生产总值比重', '>=', 45, '%'],
    ]);
    expect(found.every((t) => t.deadline === '到2025年')).toBe(true);
    expect(found.map((t) => '到2025年，战略性新兴产业增加值达到600亿元以上，占地区生产总值比重达45%以上'.slice(t.span.start, t.span.end))).toEqual([
      '战略性新兴产业增加值达到600亿元以上',
      '占地区生产总值比重达45%以上',
    ]);
  });
});

describe('deadlines in the clause or the measure', () => {
  it.each([
    ['全年新增海外仓面积20万平方米以上', '全年'],
    ['年内建成示范园区3个', '年内'],
    ['到2025年，引进3-5个集成电路关键企业', '到2025年'],
    ['2025年底前建成充电桩500个', '2025年底前'],
    ['6月底前，新增企业20家', '6月底前'],
    ['“十四五”期间，争取6家企业承担工业强基工程', '“十四五”期间'],
  ])('%s', (text, deadline) => {
    const [t] = extractTargets(text);
    expect(t?.deadline).toBe(deadline);
  });

  it('a year that names an event is not a deadline', () => {
    const [t] = extractTargets('高质量筹办2025年ESG可持续发展大会，新增会员企业30家');
    expect(t?.deadline).toBeUndefined();
  });
});

describe('numbers that are not targets', () => {
  it.each([
    '为企业和群众提供7×24小时专业精准的政策咨询',
    '聚焦“20+8”产业集群，构建“1+5”行政执法制度体系',
    '高标准做好第十五届全运会赛事筹备保障',
    '高质量办好第二届灣区半导体产业生态博览会',
    '加快推进第11代超高清新型显示器件生产线',
    '在全市率先出台优化营商环境57条，落实知识产权保护36条等一批政策措施',
    '两个以上部门对同一监管对象实施不同行政检查且可以同时开展的，原则上通过“随信综合查”方式进行',
    '整合行政处罚、异常名录、严重失信主体名单三类失信信息修复，制定修复指引“一张图”',
    '推进信用修复“一件事”，实现“一网通办”和“一站式”服务，推行“八联办”模式',
    '用好240小时过境免签入境政策',
    '最新一周(0617-0623)，6月18日，2025年',
    '“十四五”时期是关键期',
    '培育学科ESI排名前1‰',
    '对超过400万元的政府投资工程项目',
    '办理每次在港澳停留时间最长30天的人才签注',
    '5亿元以上工业企业研发机构已经实现了全覆盖',
    '对符合条件的企业给予最高500万元奖励',
    '按照项目投资额的30%给予补贴，最高不超过1000万元',
  ])('%s', (text) => {
    expect(extractTargets(text)).toEqual([]);
  });
});

describe('sentences that report the past', () => {
  const basis = seed('004_e9acea2c6d31d80c.txt')
    .split('\n')
    .filter((l) => /^(?:新兴产业支柱主导地位基本形成|产业创新发展动能持续增强|产业发展环境持续优化)/.test(l));

  it('finds the 发展基础 paragraphs of seed 004', () => expect(basis).toHaveLength(3));

  it('holds no targets when the plan period is known', () => {
    const found = basis.flatMap((l) => extractTargets(l, { period: { start: 2021, end: 2025 } }));
    // "率先在全市推出42项业务“秒批”，300项…实现全城通办" reads like a commitment; its paragraph opened
    // with "2020年，" (before the plan period), so it still reports the past
    expect(found.map(summary)).toEqual([]);
  });

  it('recognises 年均增长 / “十三五”时期 / 截至 without the period', () => {
    expect(extractTargets('2020年，全区战略性新兴产业增加值500.97亿元，年均增长8.7%')).toEqual([]);
    expect(extractTargets('“十三五”时期，创建国家级企业创新平台5个')).toEqual([]);
    expect(extractTargets('截至2024年底，累计建成充电桩3000个')).toEqual([]);
    // a forward sentence that mentions the past is still a commitment
    check('在“十三五”基础上，到2025年新增企业100家', [['企业', '=', 100, '家']]);
  });

  it('a sentence opening with an earlier year is past only against the plan period', () => {
    const text = '2020年，协调解决企业困难501项';
    expect(extractTargets(text, { period: { start: 2021, end: 2025 } })).toEqual([]);
    expect(extractTargets('2025年，新增企业100家', { period: { start: 2025, end: 2025 } }).map(summary)).toEqual([['企业', '=', 100, '家']]);
  });
});

describe('seed 000: Guangming 2025 plan — every target', () => {
  const plan = measures(seed('000_5c7a958c132072e2.txt'));
  const expected: Record<string, Expect[]> = {
    '6': [
      ['知识产权服务包', '>=', 200, '个'],
      ['精准服务企业', '>=', 100, '家'],
      ['企业', '>=', 800, '家'],
    ],
    '17': [['最长免费居住期', '>=', 15, '天', { baseline: 7 }]],
  };
  it('has 53 measures', () => expect(plan.size).toBe(53));
  for (const [n, body] of plan) {
    it(`measure ${n}`, () => {
      check(body, expected[n] ?? []);
    });
  }
});

describe('seed 001: Shenzhen 2025 international plan (traditional script) — every target', () => {
  const plan = measures(seed('001_21d7cb096258acbb.txt', true));
  const expected: Record<string, Expect[]> = {
    '1': [
      ['外商投资电信企业', '>=', 10, '家'],
      ['外商独资医院', '=', 2, '家'],
    ],
    '2': [['实际利用外资', '>=', 500, '亿元', { deadline: '全年' }]],
    '3': [
      ['制度型开放典型案例', '>=', 20, '项', { deadline: '全年' }],
      ['创新案例', '>=', 12, '项'],
    ],
    '4': [
      ['科研空间', '>=', 10, '万平方米'],
      ['国际组织总部或分支机构', '>=', 2, '家'],
      ['高水平科研机构、顶尖企业研发中心', '>=', 10, '个'],
    ],
    '5': [['风投创投、私募证券投资、国际资管等机构', '>=', 80, '家']],
    '7': [
      ['面向国别、合规经验等领域助力民营企业出海对接活动', '>=', 10, '场'],
      ['合作意向', '>=', 100, '家次'],
    ],
    '11': [
      ['国际客货运航线', '>=', 10, '条'],
      ['货邮吞吐量', '>=', 190, '万吨'],
      ['深圳中欧精品班列开行数量', '>=', 180, '列'],
      // "航线覆盖全球六大洲12个主要航区": a coverage level the plan commits to keep; 六大洲 is a name
      ['主要航区', '=', 12, '个'],
      ['跨境电商海运快线', '>=', 30, '条'],
    ],
    '12': [['海外仓面积', '>=', 20, '万平方米', { deadline: '全年' }]],
    '13': [['服务贸易进出口额', '>=', 1500, '亿美元', { deadline: '全年' }]],
    '14': [
      ['核心人工智能人才', '=', 20, '名'],
      ['半导体领域高端人才', '=', 20, '名'],
      ['港澳专业人士', '=', 26, '类'],
    ],
    '16': [
      ['留学生在校生人数增加', '>=', 800, '人'],
      ['前沿交叉学科', '=', 10, '个'],
      // "排名前1‰" is a rank threshold of those subjects, not a second target
      ['学科', 'approx', 3, '个'],
    ],
    '17': [['备案审核时限', '<=', 5, '个工作日', { direction: 'decrease' }]],
    '18': [['离境退税“即买即退”商店', '>=', 40, '家']],
    '19': [
      ['首店、旗舰店、新概念店', '>=', 1000, '家', { deadline: '全年' }],
      ['首发活动', '=', 10, '场'],
    ],
    '21': [
      ['碧道', '=', 150, '公里', { deadline: '全年' }],
      ['远足径郊野径', '=', 100, '公里'],
      ['都市型绿道', '=', 200, '公里'],
      ['特色步道', '=', 20, '条'],
      ['休闲骑行道', '=', 230, '公里'],
      ['公园', '=', 35, '个'],
      ['公园总数', '>=', 1350, '个'],
      ['入境过夜游客人数', '>=', 1000, '万人次'],
    ],
    '22': [
      ['“港澳药械通”指定医疗机构', '=', 2, '家'],
      ['进口药械', '=', 15, '个'],
    ],
  };
  it('has 26 measures', () => expect(plan.size).toBe(26));
  for (const [n, body] of plan) {
    it(`measure ${n}`, () => {
      check(body, expected[n] ?? []);
    });
  }
});

describe('narrative targets with baselines (seed 004 five-year plan)', () => {
  const text = seed('004_e9acea2c6d31d80c.txt');
  const found = extractNarrativeTargets(text);
  const byLabel = (label: string) => found.find((t) => t.label === label);

  it('finds the 发展目标 figures with their 2020 baselines', () => {
    expect(byLabel('战略性新兴产业增加值')).toMatchObject({ comparator: '>=', value: 600, unit: '亿元', baseline: 500.97, deadline: '到2025年' });
    expect(byLabel('战略性新兴产业增加值占地区生产总值比重')).toMatchObject({ comparator: '>=', value: 45, unit: '%', baseline: 45.5 });
    expect(byLabel('规模以上战略性新兴产业制造业产值')).toMatchObject({ comparator: '>=', value: 2500, unit: '亿元', baseline: 1500 });
  });

  it('finds 力争… statements and keeps modifiers inside labels', () => {
    expect(byLabel('年产值超过10亿元的企业')).toMatchObject({ comparator: '>=', value: 60, unit: '家', deadline: '到2025年' });
    expect(byLabel('上市企业数量')).toMatchObject({ comparator: '>=', value: 50, unit: '家' });
    expect(byLabel('专精特新“小巨人”企业')).toMatchObject({ comparator: 'range', min: 5, max: 7, unit: '家', deadline: '“十四五”期间' });
    expect(byLabel('新材料产业规模')).toMatchObject({ comparator: '>=', value: 780, unit: '亿元' });
  });

  it('gives no baseline when no earlier figure has a similar label', () => {
    expect(byLabel('新材料产业规模')?.baseline).toBeUndefined();
    expect(byLabel('上市企业数量')?.baseline).toBeUndefined();
  });

  it('does not report past figures or policy article counts as targets', () => {
    const values = found.map((t) => t.value);
    expect(values).not.toContain(500.97);
    expect(values).not.toContain(501);
    expect(values).not.toContain(57);
    expect(values).not.toContain(36);
    expect(found.map((t) => t.label)).not.toContain('企业困难');
  });

  it('spans point into the given text', () => {
    for (const t of found) expect(text.slice(t.span.start, t.span.end)).toMatch(/\d/);
  });

  it('label similarity ignores place words', () => {
    expect(labelSimilarity('全区战略性新兴产业增加值', '战略性新兴产业增加值')).toBe(1);
    expect(labelSimilarity('新材料产业规模', '战略性新兴产业增加值')).toBeLessThan(0.6);
  });
});

describe('resolveDeadline', () => {
  const year = { start: 2025, end: 2025 };
  const fiveYear = { start: 2021, end: 2025 };
  it.each([
    ['全年', year, '2025-12-31'],
    ['年内', year, '2025-12-31'],
    ['到2025年', fiveYear, '2025-12-31'],
    ['2025年底前', null, '2025-12-31'],
    ['2025年6月底前', null, '2025-06-30'],
    ['6月底前', year, '2025-06-30'],
    ['2月底', year, '2025-02-28'],
    ['6月18日前', year, '2025-06-18'],
    ['上半年', year, '2025-06-30'],
    ['三季度', year, '2025-09-30'],
    ['“十四五”期间', null, '2025-12-31'],
    ['十五五期间', null, '2030-12-31'],
  ] as const)('%s', (d, period, date) => {
    expect(resolveDeadline(d, period)).toBe(date);
  });

  it('leaves month-only deadlines of multi-year plans unresolved', () => {
    expect(resolveDeadline('6月底前', fiveYear)).toBeUndefined();
    expect(resolveDeadline('全年', null)).toBeUndefined();
    expect(resolveDeadline('13月底', year)).toBeUndefined();
  });
});

describe('robustness', () => {
  it('never throws and keeps spans inside the text', () => {
    const alphabet = '0123456789.-—万亿家个项以上不少于由到压缩至，。、“”的第前新增引进年月全年'.split('');
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom(...alphabet), maxLength: 80 }), (s) => {
        for (const t of [...extractTargets(s), ...extractNarrativeTargets(s)]) {
          expect(t.span.start).toBeGreaterThanOrEqual(0);
          expect(t.span.end).toBeLessThanOrEqual(s.length);
          expect(t.label.length).toBeGreaterThan(0);
        }
      }),
      { numRuns: 400 },
    );
  });

  it('reads adversarial text (long digit runs, unclosed brackets and quotes, no punctuation) without error', () => {
    const text = `${'9'.repeat(100_000)}（“${'新增企业'.repeat(20_000)}${'三个两家'.repeat(10_000)}不少于200个`;
    const found = extractTargets(text);
    expect(found.length).toBeLessThan(5);
    for (const t of found) expect(t.label.length).toBeLessThanOrEqual(40);
    expect(extractNarrativeTargets(text)).toEqual([]);
    // the same target after the noise is still read
    expect(extractTargets(`${'9'.repeat(100_000)}（“，制定服务包不少于200个`).map(summary)).toEqual([['服务包', '>=', 200, '个']]);
  });

  it('reads long runs of the new forms in linear time (shares, lists, goal paragraphs, per-unit words)', () => {
    const n = 10_000;
    const started = Date.now();
    extractTargets('100%的 企 业 完成'.repeat(n));
    extractTargets(`分别从${'209元、'.repeat(n)}280元提高到${'217元、'.repeat(n)}290元`);
    extractTargets(`每个${'各街镇至少建立1个，'.repeat(n)}`);
    extractNarrativeTargets(`一、发展目标\n${'产业规模达到500亿元，'.repeat(n)}`);
    // ~0.3 s here; a quadratic step would take minutes at this size
    expect(Date.now() - started).toBeLessThan(5000);
  });

  it('handles a long run of numbered lines', () => {
    const text = Array.from({ length: 5000 }, (_, i) => `${i + 1}.新增企业${i + 1}家`).join('\n');
    const found = extractTargets(text);
    expect(found).toHaveLength(5000);
    expect(found[4999]).toMatchObject({ label: '企业', value: 5000, unit: '家' });
  });
});

// The forms of issue 8 §6, one rule at a time, on sentences written for the test
// (the shared corpus is scored by test/tools/targets-harness.ts and eval.py).
describe('target forms of government plans at large', () => {
  it('达到X以上 / 不低于 / 不得低于 / 超X / 超过一半 / 一半以上 / 九成', () => {
    check('确保担保业务占比达到80%以上', [['担保业务占比', '>=', 80, '%']]);
    check('合作机构担保金额的比例不得低于80%', [['合作机构担保金额的比例', '>=', 80, '%']]);
    // 万 before a plain counter folds into the value (eval.py compares magnitudes: 20万个 = 200000个)
    check('增加学位超20万个', [['增加学位', '>=', 200000, '个']]);
    check('实践性教学课时原则上占总课时一半以上', [['实践性教学课时原则上占总课时', '>=', 50, '%']]);
    check('骨干教师占专业课教师总数超过一半', [['骨干教师占专业课教师总数', '>=', 50, '%']]);
    check('到2025年，办件满意率达到九成', [['办件满意率', '>=', 90, '%']]);
    expect(extractTargets('坚持一成不变的做法，新增2个')).toHaveLength(0);
  });

  it('左右 wins over 达到; ranges 4.5%—5% and 一至两名', () => {
    check('满意度达到90%左右', [['满意度', 'approx', 90, '%']]);
    check('地区生产总值增长4.5%—5%', [['地区生产总值增长', 'range', [4.5, 5], '%']]);
    check('每年选派一至两名干部挂职', [['干部挂职', 'range', [1, 2], '名']]);
  });

  it('2万亿元 keeps its unit as written; 24万以上 has the magnitude as unit', () => {
    check('产业总规模达到2万亿元', [['产业总规模', '>=', 2, '万亿元']]);
    check('城镇年均新增就业人数24万以上', [['城镇年均新增就业人数', '>=', 24, '万']]);
  });

  it('per-capita and per-person units: 每万常住人口…4人, 每人每月2423元', () => {
    check('到2023年，力争每万常住人口家庭医生数不低于4人，到2025年不低于4.66人', [
      ['每万常住人口家庭医生数', '>=', 4, '人/万常住人口'],
      ['每万常住人口家庭医生数', '>=', 4.66, '人/万常住人口'],
    ]);
    check('每百万人口年发明专利授权量达350件', [['每百万人口年发明专利授权量', '>=', 350, '件/百万人口']]);
    const [t] = check('孤儿基本生活保障最低标准从每人每月2375元提高到2423元', [['孤儿基本生活保障最低标准', '>=', 2423, '元/人·月']]);
    expect(t).toMatchObject({ baseline: 2375, from: 2375 });
  });

  it('分别从A、B提高到C、D is one target with list values', () => {
    const text = '生活补贴、护理补贴标准分别从每人每月209元、280元提高到217元、290元';
    const [t, ...rest] = extractTargets(text);
    expect(rest).toEqual([]);
    expect(t).toMatchObject({ comparator: '>=', value: 217, values: [217, 290], from: [209, 280], min: 217, max: 290, unit: '元/人·月' });
    expect(text.slice(t!.span.start, t!.span.end)).toContain('217元、290元');
  });

  it('从15个县（市）扩大到57个县（市）: the counted noun joins the unit', () => {
    check('推动托管帮扶从15个县(市)扩大到57个县(市)', [['托管帮扶', '>=', 57, '个县(市)', { baseline: 15, from: 15 }]]);
  });

  it('a share of units: 100%的…完成, 预留30%的号源, 75%以上科技人员…', () => {
    check('100%的社区卫生服务中心完成中医馆设置', [['社区卫生服务中心', '=', 100, '%']]);
    check('推动医疗机构预留30%的号源(其中专家号源不低于30%)给家庭医生', [
      ['号源', '=', 30, '%'],
      ['专家号源', '>=', 30, '%'],
    ]);
    check('75%以上科技人员落户企业', [['科技人员', '>=', 75, '%']]);
    // a share after an ordinary verb is a modifier
    expect(extractTargets('加强15%的中医馆内涵建设')).toEqual([]);
  });

  it('counts in parallel clauses and lists', () => {
    check('建成1~2所示范院校，6~8所示范学校和10~12所省示范中职学校', [
      ['示范院校', 'range', [1, 2], '所'],
      ['示范学校', 'range', [6, 8], '所'],
      ['省示范中职学校', 'range', [10, 12], '所'],
    ]);
    check('完成全市26个市级幸福社区试点工作', [['市级幸福社区试点工作', '=', 26, '个']]);
  });

  it('a table row: the cell before the number names it', () => {
    check('15.签约高血压患者血压控制率\t≥50%\t系统随机抽。', [['签约高血压患者血压控制率', '>=', 50, '%']]);
  });

  it('a goal paragraph keeps setting goals, planned growth rates are not past', () => {
    const found = extractNarrativeTargets('具体指标:到2022年,建设50所高水平学校。推动建设300个实训基地。顶岗实习时间一般为6个月。');
    expect(found.map(summary)).toEqual([
      ['高水平学校', '=', 50, '所'],
      ['实训基地', '=', 300, '个'],
    ]);
    check('主要目标是:地区生产总值年均增长5%左右', [['地区生产总值年均增长', 'approx', 5, '%']]);
    expect(extractTargets('2020年,地区生产总值年均增长8.7%')).toEqual([]);
  });
});

describe('what is not a target, by named rule', () => {
  const rejectedBy = (text: string) => explainTargets(text).rejected.map((r) => r.rule);

  it.each([
    ['中心组集中学习时间每年不少于8天', 'requirement-per-person-or-period'],
    ['推动中小学生每天综合体育活动时间不低于2小时', 'requirement-per-person-or-period'],
    ['领导干部5年内累计参加脱产培训不少于3个月', 'requirement-per-person-or-period'],
    ['到2013年全市各街(镇)至少建立1个党员服务站', 'requirement-on-each-unit'],
    ['每个领导班子中50岁以下的成员应超过一半，其中40岁左右的成员应有一至两名', 'requirement-on-each-unit'],
    ['提供50%的租金减免，为期6个月', 'duration-or-typical-value'],
    ['顶岗实习时间一般为6个月', 'duration-or-typical-value'],
    ['预计有143万人受惠', 'estimate'],
    ['涉及库房开支达191亿元', 'estimate'],
    ['通信线对地垂直距离不得小于6.5米', 'technical-specification'],
    ['2026年1月起，生活保障标准分别提高至每人每月217元、290元', 'standard-in-force'],
    ['为学生提供每人2,500元津贴', 'per-person-benefit'],
    ['困难群众医疗救助报销比例提高至90%', 'relief-terms'],
    ['年龄在45周岁以下', 'age-threshold'],
    ['经过5年左右时间基本完成转变', 'years-without-comparator'],
    ['每年获支持企业数量最多不超过10个', 'cap-of-a-rule'],
    ['按照每千人口不少于10个托位规划建设照护服务设施', 'norm-applied'],
    ['着力打造“15分钟便民生活圈”', 'quoted-name'],
    ['各设区市建成1-2个示范性照护服务机构', 'requirement-on-each-unit'],
    ['所有县(市、区)均建成不少于1个规范化照护服务机构', 'requirement-on-each-unit'],
    ['全区派位学校由原来的5所增至7所', 'past-clause'],
    ['确诊病例应当实行集中隔离医学观察14天', 'time-requirement'],
    ['采样时间至少间隔1天', 'time-requirement'],
    ['港区岸线长600米', 'length-description'],
  ])('%s → %s', (text, rule) => {
    expect(extractTargets(text)).toEqual([]);
    expect(rejectedBy(text)).toContain(rule);
  });

  it('keeps the targets next to the traps', () => {
    check('城镇低收入家庭保障性住房轮候时间不超过5年', [['城镇低收入家庭保障性住房轮候时间', '<=', 5, '年']]);
    check('户籍居民平均期望寿命超过80岁', [['户籍居民平均期望寿命', '>=', 80, '岁']]);
    check('每年安排100名左右领导干部到境外培训', [['领导干部到境外培训', 'approx', 100, '名']]);
    check('5年内培养资助博士后研究人员不少于400名', [['培养资助博士后研究人员', '>=', 400, '名']]);
    check('年均开发2万个以上的公益性公共服务岗位', [['公益性公共服务岗位', '>=', 20000, '个']]);
    check('对单户担保金额500万元及以下的小微企业收取的担保费率原则上不超过1%', [['担保费率', '<=', 1, '%']]);
    check('力争1条列入国家级示范步行街', [['列入国家级示范步行街', '=', 1, '条']]);
    check('可先行开展的9个方面共57项改革创新事项', [['改革创新事项', '=', 57, '项']]);
    check('消除大班额，大班额比例控制在5%以内的目标推进', [['大班额比例', '<=', 5, '%']]);
    check('新建绿道步道800米', [['绿道步道', '=', 800, '米']]);
    check('推动职业院校在10个左右技术技能人才紧缺领域大力开展职业培训', [['技术技能人才紧缺领域', 'approx', 10, '个']]);
    // 13年时间 and 5—10年 are not durations the plan sets
    expect(extractTargets('用13年时间基本实现现代化，经过5—10年左右时间')).toEqual([]);
  });

  it('explainTargets names the rule of every accepted candidate, with its quote and span', () => {
    const text = '新增企业100家，每人每年培训不少于8天';
    const e = explainTargets(text);
    expect(e.accepted.map((a) => [a.rule, a.quote])).toEqual([['label-before-number', '企业100家']]);
    expect(e.rejected.map((r) => [r.rule, r.quote])).toEqual([['requirement-per-person-or-period', '不少于8天']]);
    for (const c of [...e.accepted, ...e.rejected]) expect(text.slice(c.span.start, c.span.end)).toBe(c.quote);
    expect(e.accepted[0]!.target).toMatchObject({ value: 100, unit: '家' });
  });

  it('every rule has a unique name', () => {
    const names = REJECT_RULES.map((r) => r.name);
    expect(new Set(names).size).toBe(names.length);
  });
});

describe('goal sections of plan prose', () => {
  it('every sentence under 一、发展目标 sets goals until the next section heading', () => {
    const text = '一、发展目标\n创新型企业集群发展壮大。大中型工业企业设立研发机构的比例达35%。\n75%以上科技人员落户企业。\n二、主要任务\n产业规模达到500亿元。';
    expect(extractNarrativeTargets(text).map(summary)).toEqual([
      ['大中型工业企业设立研发机构的比例', '>=', 35, '%'],
      ['科技人员', '>=', 75, '%'],
    ]);
  });
});
