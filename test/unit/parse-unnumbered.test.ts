// Pages the parser had not seen: official documents whose numbering was lost
// (unnumbered measure paragraphs), 一、 items beside preamble items, numbered
// sentences in runs that restart under lost headings, letters, and owner
// clauses left mid-paragraph. One test per rule; the pages imitate real ones
// (test/corpus 40, 41, 42, 45, 46, 47 are the real ones).
import { describe, expect, it } from 'vitest';
import { parseText, type ParseTrace } from '../../engine/parse/index.ts';
import { findProseOwner } from '../../engine/parse/owners.ts';
import { declaredGenre, isAddresseeLine, PARAGRAPH_RULES } from '../../engine/parse/paragraphs.ts';
import { htmlToText } from '../../engine/text/html.ts';
import { extractTargets } from '../../engine/parse/targets.ts';

/** parseText with the per-line rule names collected (what planmeter parse --explain prints). */
function explain(text: string): { result: ReturnType<typeof parseText>; rules: Map<string, string>; plans: string[] } {
  const rules = new Map<string, string>();
  const plans: string[] = [];
  const trace: ParseTrace = {
    line: (line, readAs, rule) => rules.set(line.text, `${readAs} [${rule}]`),
    plan: (_title, isPlan, rule) => plans.push(`${isPlan ? 'plan' : 'not'} ${rule}`),
  };
  return { result: parseText(text, { trace }), rules, plans };
}

const opinions = [
  '各市、县（区）人民政府，省政府各部门：',
  '为贯彻落实《国务院办公厅关于加快发展流通促进商业消费的意见》，经省政府同意，现提出以下实施意见：',
  '坚持以习近平新时代中国特色社会主义思想为指导，全面贯彻新发展理念，推动流通高质量发展。',
  '坚持市场主导。发挥市场在资源配置中的决定性作用，更好发挥政府作用。',
  '到2022年，全省社会消费品零售总额年均增长8%以上，流通现代化水平明显提升。',
  '推动商旅文体等跨界融合、线上线下互动融合。',
  '开展实体零售创新转型示范创建，支持线下经营实体加快新理念、新技术改造提升，培育一批数字商务企业。',
  '探索培育专业化经营管理主体。',
  '重点支持8条左右省级商业街区改造提升，打造一批高品位步行街和特色商业街。（省商务厅负责）',
  '局、省交通运输厅、省发展改革委、省自然资源厅按职责分',
  '简化品牌连锁便利店企业开设和分支机构登记手续，试行“一照多址”登记。',
  '各地、各有关部门要充分认识促进商业消费的重要意义，落实责任，加强协作，确保各项措施落到实处。',
  '江西省人民政府办公厅',
  '2020年2月28日',
  '（此件主动公开）',
].join('\n');

describe('official documents whose measures are unnumbered paragraphs (unnumbered-task-paragraphs)', () => {
  it('reads each task paragraph after the declaration as a measure, skipping guidance, principles, goals, fragments and the closing word', () => {
    const { result, rules, plans } = explain(opinions);
    expect(result.plans).toHaveLength(1);
    const plan = result.plans[0]!;
    expect(plan.measures.map((m) => m.text.slice(0, 8))).toEqual(['推动商旅文体等跨', '开展实体零售创新', '探索培育专业化经', '重点支持8条左右', '简化品牌连锁便利']);
    expect(plans).toEqual(['plan policy-document-of-tasks']);
    const ruleOf = (start: string) => [...rules].find(([k]) => k.startsWith(start))?.[1];
    expect(ruleOf('为贯彻落实')).toBe('text [declaration]');
    expect(ruleOf('坚持以习近平')).toBe('text [guiding-ideology]');
    expect(ruleOf('坚持市场主导')).toBe('text [principle]');
    expect(ruleOf('到2022年')).toBe('text [goal]');
    expect(ruleOf('局、省交通运输厅')).toBe('text [fragment]');
    expect(ruleOf('各地、各有关部门')).toBe('text [closing-exhortation]');
    expect(ruleOf('2020年2月28日')).toBe('text [end-of-body]');
    expect(ruleOf('推动商旅文体')).toBe('measure (lead phrase) [unnumbered-task-paragraphs]');
    // Targets and owners are read from the paragraphs as from any measure.
    const street = plan.measures[3]!;
    expect(street.units).toEqual(['省商务厅']);
    expect(street.targets.map((t) => [t.comparator, t.value, t.unit])).toEqual([['approx', 8, '条']]);
  });

  it('does not read the same paragraphs as a plan without the frame of an official document (a news item)', () => {
    const news = opinions.split('\n').slice(2).join('\n');
    expect(parseText(news).plans).toEqual([]);
  });

  it('takes the frame and the genre from a transmittal (现将《…若干措施》印发给你们) when no declaration survives', () => {
    const measures = [
      '各',
      '《关于完善政府性融资担保体系切实支持小微企业发展的若干措施》已经省政府同意，现印发给你们，请认真贯彻执行。',
      '2020年3月16日',
      '支持通过重组、增资、整合等方式，加快培育市级政府性融资担保机构。',
      '省融资担保公司要积极与国家融资担保基金加强业务合作，构建四级融资担保体系。',
      '银担合作各方要协商确定融资担保业务风险分担比例，原则上银行业金融机构承担的比例不低于20%。',
      '各级人民政府要建立对政府性融资担保机构的资金补充机制，落实资本金持续补充。',
    ].join('\n');
    const { result, plans } = explain(measures);
    expect(result.plans[0]?.measures).toHaveLength(4);
    expect(plans).toEqual(['plan policy-document-of-tasks']);
  });

  it('word lists: addressee lines and declarations', () => {
    expect(isAddresseeLine('各市、县(区)人民政府,省政府各部门:')).toBe(true);
    expect(isAddresseeLine('各省辖市人民政府,济源示范区、航空港区管委会,省人民政府有关部门:')).toBe(true);
    expect(isAddresseeLine('联系人:')).toBe(false);
    expect(declaredGenre('经省政府同意,现就新时代推进普通高中育人方式改革提出如下实施意见。')).toBe('实施意见');
    expect(declaredGenre('现提出如下措施。')).toBe('措施');
    expect(declaredGenre('经研究,现批复如下:')).toBe('');
    expect(PARAGRAPH_RULES.map((r) => r.name)).toEqual(['too-short', 'fragment', 'guiding-ideology', 'principle', 'goal', 'task-paragraph']);
  });
});

describe('一、 items as measures beside preamble items (top-level-paragraphs)', () => {
  it('does not let 一、指导思想 and 三、主要目标 count against the run-in 一、 measures', () => {
    const text = [
      '某省优化营商环境创新示范实施方案',
      '为持续优化营商环境，制定本方案。',
      '一、指导思想。以习近平新时代中国特色社会主义思想为指导，全面贯彻党的二十大精神，以制度创新为核心。',
      '二、示范任务和范围。结合我省实际，在有条件的市开展营商环境创新示范，复制推广国家改革事项。',
      '三、主要目标。经过三年的创新示范，我省创新示范市营商环境竞争力跃居国内前列。',
      '四、加强组织领导和统筹协调。省优化营商环境工作领导小组办公室要统筹推进创新示范工作。',
      '五、做好滚动示范和评估推广。建立改革事项动态更新机制，分批次研究制定改革事项清单。',
    ].join('\n');
    const plan = parseText(text).plans[0]!;
    expect(plan.measures.map((m) => m.number)).toEqual(['二、', '四、', '五、']);
  });
});

describe('numbered sentences in runs that restart', () => {
  it('reads a (一) line that is one whole sentence as a measure, not as the heading of the next line', () => {
    const text = [
      '关于做好日常疫情防控工作的实施意见',
      '（一）所有确诊病例、疑似病例应当在定点医疗机构隔离治疗至符合出院标准。',
      '（二）病患密切接触者应当实行集中隔离医学观察，医学观察时间为14天。',
      '（三）所有发热患者必须留观，在未确诊前不允许流动。',
      '（一）教育引导居民养成“戴口罩、勤洗手、常通风、不聚集”的生活方式。',
      '（二）积极应用个人健康码等信息平台，居民通过网络平台申领电子健康码。',
      '（三）强化宣传引导。',
      '各地要切实加强宣传引导，及时发布权威信息，回应社会关切。',
    ].join('\n');
    const plan = parseText(text).plans[0]!;
    expect(plan.measures.map((m) => m.number)).toEqual(['（一）', '（二）', '（三）', '（一）', '（二）', '（三）']);
    // A short heading ending in 。 keeps the paragraph after it as its body.
    expect(plan.measures[5]!.text).toContain('各地要切实加强宣传引导');
  });
});

describe('letters are not plans (office-speaks-of-itself)', () => {
  it('turns down numbered items in which the writing office speaks of itself', () => {
    const letter = [
      '各有关单位：',
      '为提升农贸市场规范化管理水平，我局拟紧急启动《农贸市场经营管理规范》地方标准制定工作。',
      '（一）我局已委托省标准化研究院草拟《农贸市场经营管理规范（大纲）》，计划成立标准起草组。',
      '（二）请于2月7日前，将是否同意该标准立项的意见反馈至我局。',
      '（三）由于此次标准制定工作时间紧，我局现面向全省征集相关领域的专家参与标准编制工作。',
      '联系人：张三',
    ].join('\n');
    const { result, plans } = explain(letter);
    expect(result.plans).toEqual([]);
    expect(plans).toEqual(['not office-speaks-of-itself']);
  });
});

describe('owner clauses left mid-paragraph', () => {
  it('reads (X负责) closing a sentence inside a paragraph, and keeps 和 inside one name', () => {
    expect(findProseOwner('扩大汽车销量。(省工业和信息化厅负责)在场地条件具备的车辆管理所开辟绿色通道')).toEqual([{ name: '省工业和信息化厅', role: 'responsible' }]);
    expect(findProseOwner('市工信局和市发改局牵头组织推进')).toEqual([
      { name: '市工业和信息化局', role: 'lead' },
      { name: '市发改局', role: 'lead' },
    ]);
  });
});

describe('rules added after the held-out documents (test/corpus 49–51)', () => {
  it('ends the body before a last paragraph addressed to 各地、各部门 at once (the closing word)', () => {
    const text = opinions.replace('各地、各有关部门要充分认识促进商业消费的重要意义，落实责任，加强协作，确保各项措施落到实处。', '各地、各部门要切实扛起责任，跟上节奏，落细落实工作举措。');
    const { result, rules } = explain(text);
    expect(result.plans[0]!.measures).toHaveLength(5);
    expect([...rules].find(([k]) => k.startsWith('各地、各部门'))?.[1]).toBe('text [closing-exhortation]');
  });

  it('reads 万只 as a unit, a 确保 sentence with 较上年度 as a commitment, and not a quoted policy name or the State\'s quota', () => {
    const plan = onlyPlan([
      '某省金融支持稳定经济增长工作方案',
      '1.支持企业扩大口罩生产能力，确保2020年3月初全省口罩日产能达到1000万只。',
      '2.着力压降小微企业综合融资成本，确保普惠型小微企业贷款综合融资成本较上年度再降0.5个百分点。',
      '3.推动我省“金融15条”等政策落地，用好用足国家新增5000亿元再贷款再贴现额度。',
    ].join('\n'));
    expect(plan.measures.map((m) => m.targets.map((t) => [t.value, t.unit]))).toEqual([[[10_000_000, '只']], [[0.5, '个百分点']], []]);
  });

  it('does not read 由各级复工复产牵头部门 (a lead department, a noun) as an owner clause', () => {
    expect(findProseOwner('对收集到的问题，由各级复工复产牵头部门限期整改落实。')).toEqual([]);
    expect(findProseOwner('由市发展改革委牵头，各区配合。')).toEqual([{ name: '市发展改革委', role: 'lead' }]);
  });
});

function onlyPlan(text: string) {
  const result = parseText(text);
  expect(result.plans).toHaveLength(1);
  return result.plans[0]!;
}

describe('rules added after the held-out page from a second source (test/corpus 52)', () => {
  const page = `<html><body><div>关于开展政策措施落实情况自查的通知</div><div>各市（州）、县（市、区）人民政府，省政府各部门：
现将督查通知转发你们，请立即开展自查，确保政策措施落实到位。现就有关工作通知如下。
<b>一、各地自查</b>
各市（州）、县（市、区）要按照督查的内容和重点，对本地区贯彻实施情况开展逐项自查。对落实进展缓慢的，要逐一查明原因，于6月20日前报送自查报告。
<b>二、部门自查</b>
省级部门要按照职责分工，从行业主管部门的角度进行深入自查，梳理发现执行中存在的问题。由省级主管部门牵头完成自查报告，其他相关部门配合。
<b>三、重点抽查</b>
省政府将对重点部门、重点地区政策措施落实情况开展抽查，了解掌握具体情况，及时发现具有倾向性、苗头性、典型性的问题。<br />
特此通知。</div></body></html>`;

  it('cuts a block that HTML folded into one line at 一、 and 二、 opening sentences, and reads 自查/抽查 as task verbs', () => {
    const text = htmlToText(page);
    expect(text.split('\n').filter((l) => l.includes('一、各地自查'))).toHaveLength(1);
    const { result, plans } = explain(text);
    expect(result.plans[0]?.measures.map((m) => m.number)).toEqual(['一、', '二、', '三、']);
    expect(plans).toEqual(['plan policy-document-of-tasks']);
  });

  it('leaves a short line that only mentions 一、 once as it is', () => {
    const line = '各地要把握以下要点：一、坚持问题导向，抓好整改落实，确保各项政策措施落实到位，取得实效，让群众满意，让企业放心，切实提高政府公信力和执行力，持续优化营商环境。';
    const text = `某区工作要点\n${line.repeat(3)}`;
    expect(parseText(text).plans).toEqual([]);
  });
});

describe('a comparator verb with its object before 至/到 (held-out 50)', () => {
  it('reads 提高X至N as >= and 压缩X至N as <=, and leaves 3至5 a range', () => {
    const read = (text: string) => extractTargets(text, {}).map((t) => [t.comparator, t.value, t.unit]);
    expect(read('并提高代偿容忍度至10%。')).toEqual([['>=', 10, '%']]);
    expect(read('压缩企业开办时间至1个工作日。')).toEqual([['<=', 1, '个工作日']]);
    expect(extractTargets('新建公共充电桩3至5个。', {}).map((t) => t.comparator)).toEqual(['range']);
  });
});
