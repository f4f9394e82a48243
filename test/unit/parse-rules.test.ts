// The parser's general rules on small hand-written pages (not taken from the seeds).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parsePage, parseText } from '../../engine/parse/index.ts';
import { htmlToText } from '../../engine/text/html.ts';
import { titleLength } from '../../engine/parse/measures.ts';
import { findOwnerNote } from '../../engine/parse/owners.ts';
import type { ParseResult } from '../../engine/types.ts';

function onlyPlan(result: ParseResult) {
  expect(result.plans).toHaveLength(1);
  return result.plans[0]!;
}

function expectSpansHold(text: string, result: ParseResult) {
  for (const plan of result.plans) {
    for (const m of plan.measures) {
      expect(text.slice(m.span.start, m.span.start + m.quote.length)).toBe(m.quote);
      expect(m.quote.length).toBeGreaterThan(0);
      expect(m.quote.length).toBeLessThanOrEqual(40);
      for (const t of m.targets) expect(text.slice(t.span.start, t.span.end)).toBe(t.quote);
    }
  }
}

describe('numbered measures', () => {
  const page = [
    '某县2026年数字政府建设工作要点',
    '',
    '一、夯实基础',
    '１．建设统一身份认证平台。年内完成市县两级对接。（牵头单位：县数据局；配合单位：县公安局、县财政局）',
    '２、推进电子证照互认。实现高频证照“免提交”不少于50项。（责任单位：县数据局）',
    '３，完善政务云资源调度机制。（责任单位：县数据局，县工信局）',
    '二、强化应用',
    '４.打造智慧停车服务体系依托城市级停车平台，实现全县停车场“一网统管”。（责任单位：县城管局）',
  ].join('\n');

  it('reads full-width digits with any mark, lead phrase titles, units with roles, deadlines', () => {
    const result = parseText(page);
    const plan = onlyPlan(result);
    expect(plan.title).toBe('某县2026年数字政府建设工作要点');
    expect(plan.period).toEqual({ start: 2026, end: 2026 });
    expect(plan.sections.map((s) => `${s.number}、${s.title}`)).toEqual(['一、夯实基础', '二、强化应用']);
    expect(plan.measures.map((m) => m.number)).toEqual(['1', '2', '3', '4']);
    expect(plan.measures.map((m) => m.title)).toEqual(['建设统一身份认证平台', '推进电子证照互认', '完善政务云资源调度机制', '打造智慧停车服务体系']);
    const first = plan.measures[0]!;
    expect(first.units).toEqual(['县数据局', '县公安局', '县财政局']);
    expect(first.unitRoles).toEqual([
      { name: '县数据局', role: 'lead' },
      { name: '县公安局', role: 'support' },
      { name: '县财政局', role: 'support' },
    ]);
    expect(first.deadline).toContain('年内');
    expect(first.deadlineDate).toBe('2026-12-31');
    // The note is not part of the measure text; the text keeps the page's own script and width.
    expect(first.text).toBe('建设统一身份认证平台。年内完成市县两级对接。');
    expect(plan.measures[2]!.units).toEqual(['县数据局', '县工信局']);
    expect(plan.sections[1]!.measureIds).toEqual([plan.measures[3]!.id]);
    expectSpansHold(page, result);
  });

  it('keeps a measure that runs over several paragraphs together with its owner note', () => {
    const text = [
      '某区2026年政务服务改革工作方案',
      '1.推行“高效办成一件事”。梳理企业和个人全生命周期重点事项，',
      '分批推出套餐式服务，年内上线不少于20个主题事项。',
      '（牵头单位：区数据局；配合单位：区各有关单位）',
      '2.优化帮办代办服务。在区政务服务中心设立帮办代办窗口。（责任单位：区数据局）',
      '3.推进政务服务向基层延伸。（责任单位：各街道）',
    ].join('\n');
    const plan = onlyPlan(parseText(text));
    const first = plan.measures[0]!;
    expect(first.units).toEqual(['区数据局', '区各有关单位']);
    expect(first.text).toContain('分批推出套餐式服务');
    expect(first.text).not.toContain('牵头单位');
    expect(plan.measures.map((m) => m.number)).toEqual(['1', '2', '3']);
  });

  it('lets measures inherit owners named on their heading; a 完成时限 in the note is the deadline', () => {
    const text = [
      '某市2026年招商引资工作要点',
      '一、强化招商机制',
      '（一）完善招商工作体系（牵头单位：市投资促进局；配合单位：各区）',
      '1.建立重点产业链招商专班。',
      '2.编制产业链招商图谱。',
      '（二）优化招商服务',
      '3.推行项目全程代办。（责任单位：市政务服务数据管理局；完成时限：2026年6月底前）',
    ].join('\n');
    const plan = onlyPlan(parseText(text));
    expect(plan.sections[0]!.subsections[0]!.title).toBe('完善招商工作体系');
    expect(plan.measures[0]!.unitRoles).toEqual([
      { name: '市投资促进局', role: 'lead' },
      { name: '各区', role: 'support' },
    ]);
    expect(plan.measures[1]!.units).toEqual(['市投资促进局', '各区']);
    // Own note wins; the time limit is not an owner, it is the deadline; the name folds through the alias rewrites.
    expect(plan.measures[2]!.units).toEqual(['市政务服务和数据管理局']);
    expect(plan.measures[2]!.deadline).toBe('2026年6月底前');
    expect(plan.measures[2]!.deadlineDate).toBe('2026-06-30');
  });

  it('cuts a title run together with its body at the second clause opener', () => {
    expect(titleLength('建立跨部门数据共享机制依托市级平台汇聚数据')).toBe('建立跨部门数据共享机制'.length);
    expect(titleLength('优化纳税服务。推行电子发票。')).toBe(6);
    // No opener within reach: capped at 30 characters.
    expect(titleLength('甲'.repeat(50))).toBe(30);
  });
});

describe('(一)-numbered measures', () => {
  const page = [
    '某区优化营商环境行动方案',
    '一、重点任务',
    '（一）推行企业开办一日办结。压缩开办环节至3个以内，全程网上办理。（区市场监管局牵头，区数据局、区税务局配合）',
    '（二）深化工程建设项目审批改革。推行告知承诺制，实现拿地即开工。（区住建局负责）',
    '（三）建立惠企政策直达机制。推行政策“免申即享”，做到应享尽享。（区发改局牵头，各街道配合）',
    '二、保障措施',
    '（一）加强组织领导。各单位要高度重视，主要负责同志牵头抓总，确保各项任务落到实处。',
  ].join('\n');

  it('takes (一) paragraphs as measures when no deeper level exists; owners without a label word', () => {
    const plan = onlyPlan(parseText(page));
    // The closing 保障措施 section's (一) paragraph is a measure too: the genre numbers its
    // organisation and supervision duties as work items (corpus documents 02, 04, 08).
    expect(plan.measures.map((m) => m.number)).toEqual(['（一）', '（二）', '（三）', '（一）']);
    expect(plan.measures[0]!.units).toEqual(['区市场监管局', '区数据局', '区税务局']);
    expect(plan.measures[0]!.unitRoles.map((u) => u.role)).toEqual(['lead', 'support', 'support']);
    expect(plan.measures[1]!.unitRoles).toEqual([{ name: '区住房建设局', role: 'responsible' }]);
    // Spellings fold through seeds/owner-aliases.json; 各街道 stays as written.
    expect(plan.measures[2]!.units).toEqual(['区发展改革局', '各街道']);
    const guarantee = plan.sections[1]!;
    expect(guarantee.title).toBe('保障措施');
    expect(guarantee.measureIds).toEqual([plan.measures[3]!.id]);
    expect(guarantee.subsections).toEqual([]);
  });

  it('ignores 牵头/负责 in ordinary prose', () => {
    expect(findOwnerNote('区营商办牵头编制《任务清单》，推行“首办负责”制度。')).toBeNull();
    expect(findOwnerNote('推行“首办负责”制度(首办负责)')).toBeNull();
    expect(findOwnerNote('完善机制(区司法局牵头,各执法单位配合)')!.owners.map((u) => u.name)).toEqual(['区司法局', '各执法单位']);
    expect(findOwnerNote('完善机制。\n责任单位:区司法局、区财政局')!.owners.map((u) => u.name)).toEqual(['区司法局', '区财政局']);
  });
});

describe('documents that are not plans', () => {
  it('a regulation (第N条 articles) yields no plan and no measures', () => {
    const articles = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十'].map(
      (n) => `第${n}条 为了规范某项管理活动，根据有关法律法规，结合本市实际，制定本条例。`,
    );
    const result = parseText(['某市数据条例', '第一章 总则', ...articles].join('\n'));
    expect(result.plans).toEqual([]);
    expect(result.kind).toBe('other');
  });

  it('a news list is never read as plan measures', () => {
    const page = [
      '产业周报',
      '1、国有产业用地最新一周供应情况',
      '全市新增公告6宗，合计供应10.6万平方米。',
      '1、甲区出让0宗，新增公告0宗。',
      '2、乙区出让1宗，新增公告2宗。',
      '3、丙区出让2宗，新增公告4宗。',
      '2、集体产业用房租赁成交情况',
      '成交6宗，平均租金为25元/平方米·月。',
      '3、产业融资周报',
      '共12家企业新获股权投资。',
    ].join('\n');
    const result = parseText(page);
    expect(result.plans).toEqual([]);
  });

  it('a guidance text (意见) whose (一) paragraphs are tasks is a plan even when it names no owner', () => {
    const page = [
      '关于促进某产业发展的指导意见',
      '一、总体要求',
      '坚持市场主导、政府引导。',
      '二、主要举措',
      '（一）培育市场主体。支持企业做大做强，引导中小企业专精特新发展。',
      '（二）拓宽融资渠道。鼓励金融机构加大信贷投放，发展股权融资。',
      '（三）优化发展环境。完善配套政策，营造良好氛围和发展环境。',
    ].join('\n');
    const plans = parseText(page).plans;
    expect(plans.map((p) => p.measures.map((m) => m.title))).toEqual([['培育市场主体', '拓宽融资渠道', '优化发展环境']]);
  });

  it('numbered questions of a 解读 page, and numbered news items, are not plans (the warning names the rule)', () => {
    const qa = parseText(
      ['积分入户政策13问', '1.什么是积分制入户？', '答：按规定条件积分。', '2.申请人需要满足哪些条件？', '答：年龄不超过45周岁。', '3.积分如何计算？', '答：按指标累计。'].join('\n'),
    );
    expect(qa.plans).toEqual([]);
    expect(qa.warnings.join(' ')).toContain('[questions-and-answers]');
    const news = parseText(
      ['财经早报', '1、国有产业用地出让金额同比下降三成。', '2、某银行发布上半年业绩报告，净利润增长5%。', '3、沪指收涨0.5%，成交额放大。', '4、多家券商调整两融利率。'].join('\n'),
    );
    expect(news.plans).toEqual([]);
    expect(news.warnings.join(' ')).toContain('[not-tasks]');
  });
});

describe('several plans on one page', () => {
  const page = [
    '要闻速递',
    '1、某市召开数据工作会议。',
    '5月8日，某市数据局印发《某市2026年数据要素工作方案》（简称“数据方案”）。',
    '《数据方案》重要内容如下：',
    '一、主要任务',
    '1.建设数据交易平台。（责任单位：市数据局）',
    '2.开展数据资产入表试点。（责任单位：市财政局）',
    '3.培育数据服务商20家以上。（责任单位：市数据局、市工信局）',
    '2、某区召开招商大会。',
    '大会签约项目12个。',
  ].join('\n');

  it('splits a quoted plan off a digest, names it from the digest prose and stops at the next news item', () => {
    const result = parseText(page);
    const plan = onlyPlan(result);
    expect(plan.title).toBe('某市2026年数据要素工作方案');
    expect(plan.issuer).toBe('某市数据局');
    expect(plan.date).toBe('2026-05-08');
    expect(plan.measures.map((m) => m.title)).toEqual(['建设数据交易平台', '开展数据资产入表试点', '培育数据服务商20家以上']);
    expect(plan.measures[2]!.units).toEqual(['市数据局', '市工业和信息化局']);
    expect(page.slice(plan.span.start, plan.span.end)).not.toContain('招商大会');
    expectSpansHold(page, result);
  });
});

describe('a plan appended under its own title line', () => {
  const page = [
    '首页',
    '政务公开',
    '发展规划',
    '关于印发某区2026年优化营商环境工作方案的通知',
    '各街道、区直各单位：',
    '现将《某区2026年优化营商环境工作方案》印发给你们，请认真贯彻执行。',
    '某区人民政府办公室',
    '2026年3月2日',
    '附件：某区2026年优化营商环境工作方案',
    '为持续优化营商环境，激发市场活力，制定本方案。',
    '一、重点任务',
    '1.推行惠企政策免申即享。梳理可免申政策清单，年内上线。',
    '2.压缩工程建设审批时限。全流程审批时间压缩至60个工作日以内。',
    '3.提升企业开办便利度。实现企业开办1个工作日内办结。',
    '二、保障措施',
    '（一）加强组织领导。各单位要落实主体责任，确保各项任务落到实处。',
  ].join('\n');

  it('splits the plan off the covering notice, titles it from its own line, keeps the notice\'s title for the page', () => {
    const result = parseText(page);
    const plan = onlyPlan(result);
    expect(result.title).toBe('关于印发某区2026年优化营商环境工作方案的通知');
    expect(plan.title).toBe('某区2026年优化营商环境工作方案');
    expect(plan.period).toEqual({ start: 2026, end: 2026 });
    // No owners named, but the plan calls itself one (制定本方案) under its own title.
    expect(plan.measures.map((m) => m.title)).toEqual(['推行惠企政策免申即享', '压缩工程建设审批时限', '提升企业开办便利度']);
    expect(plan.measures[0]!.deadline).toContain('年内');
    expect(page.slice(plan.span.start, plan.span.end)).not.toContain('请认真贯彻执行');
  });

  it('names the plan, not the covering notice, when the notice page holds the plan itself', () => {
    const notice = ['某区人民政府办公室关于印发《某区2026年营商环境改革方案》的通知', '1.推行惠企政策免申即享。（责任单位：区发改局）', '2.压缩审批时限。（责任单位：区住建局）', '3.提升开办便利度。（责任单位：区市场监管局）'];
    const plan = parseText(notice.join('\n')).plans[0]!;
    expect(plan.title).toBe('某区2026年营商环境改革方案');
    expect(plan.issuer).toBe('某区人民政府办公室');
    expect(plan.period).toEqual({ start: 2026, end: 2026 });
  });

  it('takes the longest title-like line over a menu item, or the one the browser tab names', () => {
    const menu = ['发展规划', '某区2026年优化营商环境工作方案', '1.推行惠企政策免申即享。（责任单位：区发改局）', '2.压缩审批时限。（责任单位：区住建局）', '3.提升开办便利度。（责任单位：区市场监管局）'];
    expect(parseText(menu.join('\n')).plans[0]!.title).toBe('某区2026年优化营商环境工作方案');
    expect(parseText(menu.join('\n'), { title: '发展规划 - 某区政府' }).plans[0]!.title).toBe('发展规划');
  });
});

describe('tables of contents', () => {
  it('skips contents entries with leaders, tabs or a plain space before the page number', () => {
    const page = [
      '某区2026年科技创新工作方案',
      '目录',
      '一、总体要求 1',
      '二、重点任务 2',
      '（一）创新平台 2',
      '一、总体要求',
      '坚持创新驱动。',
      '二、重点任务',
      '1.建设概念验证中心。（责任单位：区科技局）',
      '2.建设中试基地。（责任单位：区工信局）',
      '3.设立科技创新基金。（责任单位：区财政局）',
    ].join('\n');
    const plan = onlyPlan(parseText(page));
    expect(plan.sections.map((s) => s.title)).toEqual(['总体要求', '重点任务']);
    expect(plan.sections[1]!.subsections).toEqual([]);
    expect(plan.measures).toHaveLength(3);
  });
});

describe('unnumbered lead-phrase measures', () => {
  const page = [
    '某区“十五五”数字经济发展规划',
    '一、发展基础',
    '产业规模持续扩大。2025年全区数字经济核心产业增加值达到120亿元，年均增长10%。',
    '二、重点任务',
    '（一）壮大核心产业',
    '培育龙头企业梯队。支持骨干企业兼并重组，引进一批总部型企业和研发中心。',
    '建设算力基础设施。推进智算中心建设，到2030年算力规模达到5000P以上。',
    '（二）完善产业生态',
    '发展数据服务业。鼓励第三方机构提供数据标注、评估等专业服务。',
    '专栏1 重点项目',
    '——数据产业园。建设数据产业园，引进数据企业。',
    '三、保障措施',
    '（一）加强组织领导',
    '建立联席会议制度，统筹推进规划实施，定期研究解决重大问题。',
  ].join('\n');

  it('takes lead-phrase paragraphs outside the preamble; boxes and 保障措施 are not measures', () => {
    const plan = onlyPlan(parseText(page));
    expect(plan.period).toEqual({ start: 2026, end: 2030 });
    expect(plan.measures.map((m) => m.title)).toEqual(['培育龙头企业梯队', '建设算力基础设施', '发展数据服务业']);
    expect(plan.measures.every((m) => m.number === '')).toBe(true);
    expect(plan.sections.map((s) => s.subsections.length)).toEqual([0, 2, 1]);
    expect(plan.sections[1]!.subsections[0]!.measureIds).toHaveLength(2);
  });
});

describe('HTML pages', () => {
  const html = `<!DOCTYPE html><html><head><meta charset="utf-8"><title>某区2026年营商环境改革方案_某区政府网</title>
<script>var s = "1.不是措施（责任单位：区某局）";</script><style>.a{}</style></head>
<body><div class="nav">首页 &gt; 政务公开</div>
<h1>某区2026年营商环境改革方案</h1>
<p>一、政务服务</p>
<p>1.推进&ldquo;一网通办&rdquo;。扩大全程网办事项范围。（责任单位：区数据局）<br>2.压缩审批时限。审批时限由5个工作日压缩至2个工作日。（责任单位：区行政审批局）<br/>3.建设24小时自助服务区。在各街道布设自助终端。（责任单位：区数据局、各街道）</p>
<p>二、重点项目</p>
<table border="1"><tr><th>序号</th><th>工作任务</th><th>责任单位</th><th>完成时限</th></tr>
<tr><td>1</td><td>建成企业综合服务中心</td><td>区工信局、区商务局</td><td>2026年6月底</td></tr>
<tr><td>2</td><td>上线惠企政策计算器</td><td>区发改局</td><td>2026年9月底</td></tr>
<tr><td>3</td><td>开展营商环境第三方评估</td><td>区发改局</td><td>2026年12月底</td></tr>
</table></body></html>`;

  it('reads <br>-separated measures and a <table> of measures', async () => {
    const text = htmlToText(html);
    expect(text).not.toContain('不是措施');
    const result = await parsePage(text);
    const plan = onlyPlan(result);
    expect(plan.title).toBe('某区2026年营商环境改革方案');
    expect(plan.measures).toHaveLength(6);
    expect(plan.measures.slice(0, 3).map((m) => m.title)).toEqual(['推进“一网通办”', '压缩审批时限', '建设24小时自助服务区']);
    const row = plan.measures[3]!;
    expect(row.number).toBe('1');
    expect(row.title).toBe('建成企业综合服务中心');
    expect(row.units).toEqual(['区工业和信息化局', '区商务局']);
    expect(row.deadline).toBe('2026年6月底');
    expect(row.deadlineDate).toBe('2026-06-30');
    expect(plan.sections[1]!.measureIds).toHaveLength(3);
    expectSpansHold(text, result);
  });
});

describe('robustness', () => {
  const FRAGMENTS = [
    '1.', '2、', '12,', '（一）', '(二)', '一、', '二、', '第一条', '(责任单位:', '（牵头单位：', '；配合单位：', ')', '）', '。', '，', '\n', '\n\n', '\t',
    '区发改局', '市市场监督管理局', '各街道', '牵头', '负责', '《', '》', '》重要内容如下:', '(简称“', '”)', '[bookmark: _Toc1]', '環(huán)境', '營商',
    '2025年', '十四五', '不少于', '200个', '由8个工作日压缩至4个工作日', '年内完成', '专栏1', '——', '为深入贯彻，制定本方案。', '名称:', '发布机构:', '𠀋', '\r\n',
  ];
  const page = fc.array(fc.oneof(fc.constantFrom(...FRAGMENTS), fc.string({ maxLength: 6 })), { maxLength: 80 }).map((parts) => parts.join(''));

  it('never throws on random plan-like pages, and every span lies inside the text', () => {
    fc.assert(
      fc.property(page, (text) => {
        const result = parseText(text);
        for (const plan of result.plans) {
          expect(plan.span.start).toBeGreaterThanOrEqual(0);
          expect(plan.span.end).toBeLessThanOrEqual(text.length);
          for (const m of plan.measures) {
            expect(m.span.start).toBeGreaterThanOrEqual(0);
            expect(m.span.end).toBeLessThanOrEqual(text.length);
            expect(text.slice(m.span.start, m.span.start + m.quote.length)).toBe(m.quote);
            for (const t of m.targets) expect(text.slice(t.span.start, t.span.end)).toBe(t.quote);
          }
        }
      }),
      { numRuns: 400 },
    );
  });

  it('parses hostile input in linear time without throwing', () => {
    const numbered = Array.from({ length: 20_000 }, (_, i) => `${(i % 999) + 1}.推进工作`).join('\n');
    const inputs = ['', '\n\n\n', '1'.repeat(100_000), '（'.repeat(50_000), '一、'.repeat(30_000), numbered, '(责任单位:'.repeat(20_000), '《'.repeat(10_000) + '重要内容如下:'];
    for (const input of inputs) {
      const result = parseText(input);
      expect(Array.isArray(result.plans)).toBe(true);
    }
  });
});
