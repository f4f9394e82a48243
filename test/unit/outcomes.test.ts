import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { extractOutcomes } from '../../engine/parse/outcomes.ts';

const text = readFileSync(new URL('../../seeds/002_92a4fd714a6d6f65.txt', import.meta.url), 'utf8').normalize('NFKC');
const outcomes = extractOutcomes(text);
const row = (o: (typeof outcomes)[number]) => [o.label, o.value, o.unit, o.qualifier ?? ''];

describe('seed 002: 2021 results report', () => {
  it('finds every reported figure, in order, and nothing else', () => {
    // Enumerated by hand from the report (sections 一 and its five parts).
    expect(outcomes.map(row)).toEqual([
      ['改革任务', 76, '项', ''],
      ['优质用房企业', 200, '家', '余'],
      ['新开办企业和个体工商户', 18000, '家', ''],
      ['减少执法检查频次', 2799, '次', ''],
      ['改革任务', 76, '项', ''],
      ['任务', 58, '项', ''],
      ['长期推进任务', 18, '项', ''],
      ['区领导带头协调解决企业问题', 250, '项', '余'],
      ['功能模块', 18, '个', ''],
      ['办结企业诉求', 700, '条', '多'],
      ['受理企业资助申请', 10000, '项', '超'],
      ['提供“保姆式”用工服务', 3000, '次', '近'],
      ['缺工企业精准输送', 10000, '人', '超'],
      ['优质企业', 5, '家', ''],
      ['国家', 42, '个', ''],
      ['招商推荐会', 41, '场', ''],
      ['用房项目', 200, '个', '超'],
      ['光明招商大会签约产业项目', 42, '个', ''],
      ['计划投资总额', 900, '亿元', '超'],
      ['产业链、供应链上下游企业', 19, '家', ''],
      ['新开办企业和个体工商户', 18000, '家', '近'],
      ['新开办企业和个体工商户同比增长', 17.4, '%', ''],
      ['无固定经营场所企业', 80, '家', '余'],
      ['企业', 1000, '家', '多'],
      ['“秒证”服务', 5, '项', ''],
      ['“秒报”', 180, '项', ''],
      ['“秒批”', 110, '项', ''],
      ['“秒报秒批一体化”', 85, '项', ''],
      ['“一件事”导办', 212, '项', ''],
      ['“一件事一次办”', 200, '项', ''],
      ['市人社业务', 190, '项', ''],
      ['免证办事项', 432, '项', ''],
      ['电子证照发证累计总量', 90000, '张', '超'],
      ['原产地证书全天候“秒签”', 16, '类', ''],
      ['通关业务办理时长平均压缩', 50, '%', ''],
      ['科学城人才信用办服务', 283, '项', ''],
      ['服务地点信息', 550, '个', ''],
      ['自动分拨准确率', 85.7, '%', ''],
      ['制定轻微行政违法行为从轻、减轻、不予处罚“三张清单”', 724, '项', ''],
      ['联合预约监督检查', 2763, '次', ''],
      ['减少检查频次', 2799, '次', ''],
      ['排查化解劳资法律风险及纠纷隐患', 260, '个', '近'],
      ['科创及中小微企业法律顾问挂点联系服务企业', 319, '家', ''],
      ['群众、企业提供法律服务', 6853, '人(件)次', ''],
      ['立案', 27, '宗', ''],
      ['罚没金额', 1.5, '万元', ''],
      ['涉案货值', 2.36, '万元', ''],
      ['企业岗位', 55000, '个', ''],
      ['求职者', 11000, '名', ''],
      ['银行和深圳梅岭高能股权投资管理有限公司', 4, '家', ''],
      ['政银企对接会', 7, '场', ''],
      ['支出科创资金', 2.42, '亿元', ''],
      ['扶持企事业单位', 1300, '家', '多'],
      ['筹建高标准产业保障房', 512, '万平方米', ''],
      ['完成全年任务', 147, '%', ''],
      ['认定科技创新产业园', 15, '家', ''],
      ['筹集回收创新型产业用房项目', 28, '个', ''],
      ['筹集面积', 40, '万平方米', '约'],
      ['区级及以上众创空间', 19, '家', ''],
      ['孵化器', 5, '家', ''],
      ['提供创新创业空间', 24.5, '万平方米', '约'],
    ]);
  });

  it('spans quote the figure in the given text', () => {
    const quote = (i: number) => text.slice(outcomes[i]!.span.start, outcomes[i]!.span.end);
    expect(quote(0)).toBe('76项改革任务');
    expect(quote(2)).toBe('新开办企业和个体工商户1.8万家');
    expect(quote(3)).toBe('减少执法检查频次2799次');
    for (const o of outcomes) expect(text.slice(o.span.start, o.span.end)).toContain(o.label.replace(/^.*(?=同比增长)/, ''));
  });

  it('skips dates, names with numerals, formulas and the next-steps section', () => {
    const labels = outcomes.map((o) => o.label).join('|');
    expect(labels).not.toMatch(/三位一体|十大|三级|1\+5|1\+1\+5\+1|一千万/);
    const values = outcomes.map((o) => o.value);
    expect(values).not.toContain(2021);
    expect(values).not.toContain(2022);
    const nextSteps = text.indexOf('二、下一步工作计划');
    expect(nextSteps).toBeGreaterThan(0);
    expect(outcomes.every((o) => o.span.end < nextSteps)).toBe(true);
  });
});

describe('outcome rules', () => {
  it('takes the noun after the measure word, or the phrase before the number', () => {
    expect(extractOutcomes('全年实施76项改革任务。').map(row)).toEqual([['改革任务', 76, '项', '']]);
    expect(extractOutcomes('新开办企业和个体工商户1.8万家。').map(row)).toEqual([['新开办企业和个体工商户', 18000, '家', '']]);
    expect(extractOutcomes('其中限期年内完成的58项任务基本完成。').map(row)).toEqual([['任务', 58, '项', '']]);
  });

  it('keeps 超/近/约/余/多 qualifiers', () => {
    expect(extractOutcomes('服务企业超300家，培训近50场，覆盖人口约2万人，办理1000余件。').map(row)).toEqual([
      ['服务企业', 300, '家', '超'],
      ['培训', 50, '场', '近'],
      ['覆盖人口', 20000, '人', '约'],
      ['办理', 1000, '件', '余'],
    ]);
  });

  it('needs a label: a bare verb and a number is not a figure', () => {
    expect(extractOutcomes('新增约2万人。')).toEqual([]);
  });

  it('does not report plans inside a report', () => {
    expect(extractOutcomes('力争明年新增企业500家。')).toEqual([]);
  });
});

describe('robustness', () => {
  it('never throws and keeps spans inside the text', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom(...'0123456789.万亿千家个项次%超近余多，。、“”的第一二三下一步工作计划\n'.split('')), maxLength: 80 }), (s) => {
        for (const o of extractOutcomes(s)) {
          expect(o.span.start).toBeGreaterThanOrEqual(0);
          expect(o.span.end).toBeLessThanOrEqual(s.length);
          expect(Number.isFinite(o.value)).toBe(true);
        }
      }),
      { numRuns: 400 },
    );
  });
});
