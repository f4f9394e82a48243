// The genre's forms, one test each (issue: "fix the kind, not the document"):
// task tables, owners in every form, numbering styles. Pages are short
// imitations of real ones; the real ones are in the corpus tests.
import { describe, expect, it } from 'vitest';
import { parseText } from '../../engine/parse/index.ts';
import { findOwnerNote } from '../../engine/parse/owners.ts';
import { htmlToText } from '../../engine/text/html.ts';
import type { Plan } from '../../engine/types.ts';

function onlyPlan(text: string): Plan {
  const result = parseText(text);
  expect(result.plans).toHaveLength(1);
  return result.plans[0]!;
}

const title = '某市2026年优化营商环境改革工作方案';

describe('task tables (任务分工表)', () => {
  const html = `<html><body><p>${title}</p><p>为持续优化营商环境，制定本方案。</p><p>附件</p><p>重点任务分工表</p>
<table border="1">
<tr><th>序号</th><th>工作任务</th><th>具体措施</th><th>牵头单位</th><th>配合单位</th><th>完成时限</th></tr>
<tr><td colspan="6">一、政务服务方面（共3项）</td></tr>
<tr><td rowspan="2">1</td><td rowspan="2">深化“一网通办”</td><td>推行企业开办全程网办，开办时间压缩至1个工作日以内</td><td rowspan="2">市政务服务数据管理局</td><td>市市场监管局</td><td>2026年6月底前</td></tr>
<tr><td>推广电子证照应用，高频证照全部实现电子化</td><td>市公安局、市人力资源社会保障局</td><td>2026年12月底前</td></tr>
<tr><td>2</td><td>优化纳税服务</td><td>推行非接触式办税，网上办税率达到95%以上</td><td>市税务局</td><td>市财政局</td><td>2026年9月底前</td></tr>
<tr><th>序号</th><th>工作任务</th><th>具体措施</th><th>牵头单位</th><th>配合单位</th><th>完成时限</th></tr>
<tr><td colspan="6">二、市场监管方面（共2项）</td></tr>
<tr><td>3</td><td>推行信用监管</td><td>建立经营主体信用风险分类管理机制</td><td>市市场监管局</td><td>市发展改革委</td><td>2026年10月底前</td></tr>
<tr><td>4</td><td>规范涉企检查</td><td>推行“综合查一次”，涉企检查频次下降20%</td><td>市司法局</td><td>各区人民政府</td><td>长期坚持</td></tr>
</table></body></html>`;

  it('reads each row as a measure with its owners (lead first) and deadline, merged cells carried down, group rows and repeated headers skipped', () => {
    const plan = onlyPlan(htmlToText(html));
    expect(plan.measures.map((m) => m.text)).toEqual([
      '推行企业开办全程网办，开办时间压缩至1个工作日以内',
      '推广电子证照应用，高频证照全部实现电子化',
      '推行非接触式办税，网上办税率达到95%以上',
      '建立经营主体信用风险分类管理机制',
      '推行“综合查一次”，涉企检查频次下降20%',
    ]);
    // The rowspan lead unit is carried down to the second row of task 1.
    expect(plan.measures[1]!.unitRoles).toEqual([
      { name: '市政务服务和数据管理局', role: 'lead' }, // spelling folded through seeds/owner-aliases.json
      { name: '市公安局', role: 'support' },
      { name: '市人力资源社会保障局', role: 'support' },
    ]);
    expect(plan.measures.map((m) => m.number)).toEqual(['1', '1', '2', '3', '4']);
    expect(plan.measures[2]!.deadline).toBe('2026年9月底前');
    expect(plan.measures[2]!.targets.map((t) => [t.comparator, t.value, t.unit])).toEqual([['>=', 95, '%']]);
  });

  it('does not read an indicator table (指标 / 目标值) or a coordinate table as measures', () => {
    const indicators = `<p>${title}</p><table><tr><td>序号</td><td>指标</td><td>单位</td><td>目标值</td></tr>` +
      '<tr><td>1</td><td>企业开办时间</td><td>工作日</td><td>1</td></tr><tr><td>2</td><td>网上办税率</td><td>%</td><td>95</td></tr><tr><td>3</td><td>经营主体数量</td><td>万户</td><td>120</td></tr></table>';
    expect(parseText(htmlToText(indicators)).plans.flatMap((p) => p.measures)).toEqual([]);
    const coordinates = '<p>关于某港口岸线范围的批复</p><table><tr><td>编号</td><td>X坐标</td><td>Y坐标</td><td>说明</td></tr>' +
      '<tr><td>1</td><td>2494820.500</td><td>496512.310</td><td>起点</td></tr><tr><td>2</td><td>2494850.100</td><td>496530.700</td><td>拐点</td></tr><tr><td>3</td><td>2494900.800</td><td>496600.200</td><td>终点</td></tr></table>';
    expect(parseText(htmlToText(coordinates)).plans).toEqual([]);
  });
});

describe('owners in every form', () => {
  const cases: [string, string, [string, string][]][] = [
    ['deadline and owner in one note', '推进数据共享（6月底前完成，牵头考核单位：市数据局）', [['市数据局', 'lead']]],
    ['负责部门 with another label after it', '推广跨境结算（负责部门：市商务局、市税务局；适用范围：自贸片区）', [['市商务局', 'responsible'], ['市税务局', 'responsible']]],
    ['bare X牵头，Y配合', '建设服务专区（市发展改革委牵头，市财政局、市自然资源局配合）', [['市发展改革委', 'lead'], ['市财政局', 'support'], ['市自然资源局', 'support']]],
    ['X、Y负责', '清理隐性壁垒（市市场监管局、市司法局负责）', [['市市场监管局', 'responsible'], ['市司法局', 'responsible']]],
    ['X等负责', '开展专项整治（市住房城乡建设局等负责）', [['市住房城乡建设局', 'responsible']]],
    ['X会同Y负责', '完善补偿机制（市财政局会同市农业农村局负责）', [['市财政局', 'lead'], ['市农业农村局', 'support']]],
    ['X指导', '规范行业协会收费（市民政局指导）', [['市民政局', 'responsible']]],
    ['X牵头，Y参与', '建立联席会议（市政府办公室牵头，各区人民政府参与）', [['市政府办公室', 'lead'], ['各区人民政府', 'support']]],
    ['X牵头负责', '编制改革清单（市委改革办牵头负责）', [['市委改革办', 'lead']]],
    ['责任处室 and 责任领导 labels', '优化审批流程（责任处室：行政审批处）', [['行政审批处', 'responsible']]],
  ];
  it.each(cases)('%s', (_name, text, owners) => {
    // The parser reads notes after NFKC (full-width colons and brackets folded).
    expect(findOwnerNote(text.normalize('NFKC'))?.owners.map((u) => [u.name, u.role])).toEqual(owners);
  });

  it('owners opening a duty paragraph, 由X牵头 in prose, and no owner for a prose actor (各区要…)', () => {
    const plan = onlyPlan(
      [
        title,
        '一、工作职责',
        '（一）市工信局：负责统筹推进整治工作，牵头制定工作方案，定期通报进展情况。',
        '（二）市城市管理局：负责违规广告牌的整治，协调处置整治过程中的相关问题。',
        '二、工作安排',
        '（三）摸底排查（2026年5月底前）。由市供电公司牵头，会同各通信运营商摸清搭挂底数。',
        '（四）集中整治。各区要按照属地管理原则，加快推进整治，确保按期完成任务。',
      ].join('\n'),
    );
    // 市工信局 folds to its full name through seeds/owner-aliases.json.
    expect(plan.measures.map((m) => m.units)).toEqual([['市工业和信息化局'], ['市城市管理局'], ['市供电公司'], []]);
  });
});

describe('numbering', () => {
  const plan = (lines: string[]) => onlyPlan([title, '一、重点任务', ...lines].join('\n'));

  it('reads 1． 1﹒ and 1、 alike', () => {
    expect(plan(['1．推进企业开办便利化。', '2﹒优化纳税服务流程。', '3、深化工程建设项目审批改革。']).measures.map((m) => m.title)).toEqual([
      '推进企业开办便利化', '优化纳税服务流程', '深化工程建设项目审批改革',
    ]);
  });

  it('takes (1) or ① points as measures when nothing at the 1. level is numbered', () => {
    expect(plan(['（1）推进企业开办便利化。', '（2）优化纳税服务流程。', '（3）深化工程审批改革。']).measures).toHaveLength(3);
    const circled = plan(['①推进企业开办便利化。', '②优化纳税服务流程。', '③深化工程审批改革。']);
    expect(circled.measures.map((m) => m.number)).toEqual(['①', '②', '③']);
  });

  it('keeps (1) points inside their 1. measure', () => {
    const p = plan(['1.推进企业开办便利化。', '（1）推行全程网办。', '（2）压缩开办时间。', '2.优化纳税服务。', '3.深化工程审批改革。']);
    expect(p.measures.map((m) => m.number)).toEqual(['1', '2', '3']);
    expect(p.measures[0]!.text).toContain('压缩开办时间');
  });

  it('reads a number glued to a decimal-looking word as the next measure, and never drops the rest after a gap or a repeat', () => {
    const p = plan(['5.推进千兆光网建设。', '6.建设数据中心。', '7.5G基站建设工程。新建5G基站500个。', '9.推进算力调度平台建设。', '9.完善工业互联网标识解析体系。', '10.培育数字化转型服务商。']);
    expect(p.measures.map((m) => m.number)).toEqual(['5', '6', '7', '9', '9', '10']);
  });

  it('reads Markdown lists where every item is 1.', () => {
    const p = onlyPlan(['# ' + title, '## 重点任务', '1. 推进企业开办便利化。', '1. 优化纳税服务流程。', '1. 深化工程建设项目审批改革。'].join('\n'));
    expect(p.measures).toHaveLength(3);
  });

  it('reads 一、 items as measures (and no sections) when every one is a paragraph and nothing is numbered below', () => {
    const p = onlyPlan(['关于某新区总体规划的批复', '一、严格保护生态空间。划定生态保护红线，蓝绿空间占比稳定在70%。', '二、优化城乡空间布局。坚持组团式发展，严控开发强度。', '三、完善交通基础设施。构建便捷高效的交通网络，加快轨道交通建设。'].join('\n'));
    expect(p.sections).toEqual([]);
    expect(p.measures.map((m) => m.number)).toEqual(['一、', '二、', '三、']);
  });
});

describe('outline ids', () => {
  it('two subsections with the same heading under one section each keep their own measures', () => {
    const plan = onlyPlan(
      [
        title,
        '一、重点任务',
        '（一）加强组织领导',
        '1.建立工作专班。（责任单位：区发展改革局）',
        '2.完善议事规则。（责任单位：区发展改革局）',
        '（一）加强组织领导',
        '3.健全督办机制。（责任单位：区政府办公室）',
        '4.开展专项督查。（责任单位：区政府办公室）',
      ].join('\n'),
    );
    const [first, second] = plan.sections[0]!.subsections;
    expect(first!.id).not.toBe(second!.id);
    expect(first!.measureIds).toEqual([plan.measures[0]!.id, plan.measures[1]!.id]);
    expect(second!.measureIds).toEqual([plan.measures[2]!.id, plan.measures[3]!.id]);
    expect(plan.measures.map((m) => m.subsectionId)).toEqual([first!.id, first!.id, second!.id, second!.id]);
  });
});

describe('a work report', () => {
  it('gives its dated forward section as that year\'s plan, and outcomes only from the review', () => {
    const result = parseText(
      [
        '2025年某市政府工作报告',
        '一、2024年工作回顾',
        '过去一年，全市地区生产总值增长5.2%，新增经营主体3.2万户。',
        '二、2025年经济社会发展总体要求和主要目标任务',
        '（一）着力扩大有效需求。推进重大项目建设，完成固定资产投资1200亿元以上。',
        '（二）着力优化营商环境。深化“一网通办”改革，企业开办时间压缩至1个工作日以内。',
        '（三）着力保障改善民生。新增城镇就业5万人以上，新建改建学校20所。',
        '三、全面加强政府自身建设',
        '坚持依法行政。',
      ].join('\n'),
    );
    expect(result.plans.map((p) => [p.title, p.measures.length])).toEqual([['二、2025年经济社会发展总体要求和主要目标任务', 3]]);
    expect(result.outcomes.map((o) => o.value)).toEqual([5.2, 32000]);
  });
});
