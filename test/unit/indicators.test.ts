import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { extractIndicatorTables, parseTargetCell } from '../../engine/parse/indicators.ts';

function seed(name: string): string {
  return readFileSync(new URL(`../../seeds/${name}`, import.meta.url), 'utf8').normalize('NFKC').replace(/\[bookmark:[^\]]*\]/g, '');
}

describe('seed 004: the Word-exported indicator table', () => {
  const text = seed('004_e9acea2c6d31d80c.txt');
  const rows = extractIndicatorTables(text);

  it('has exactly the 9 rows with name, unit, target, comparator, attribute, category and year', () => {
    expect(rows.map((r) => [r.category, r.name, r.unit, r.target, r.comparator, r.attribute, r.year])).toEqual([
      ['产业规模', '战略性新兴产业增加值占GDP比重', '%', '45', '>=', '预期性', 2025],
      ['产业规模', '智能产业规模', '亿元', '1400', '>=', '预期性', 2025],
      ['产业规模', '新材料产业规模', '亿元', '780', '>=', '预期性', 2025],
      ['产业规模', '生命科学产业规模', '亿元', '500', '>=', '预期性', 2025],
      ['产业规模', '年产值超过百亿的企业数量', '家', '10', '>=', '预期性', 2025],
      ['产业质量', '市级以上“专精特新”中小企业数量', '家', '33', '>=', '预期性', 2025],
      ['产业质量', '制造业单项冠军企业(产品)数量', '家', '4-5', 'range', '预期性', 2025],
      ['产业空间', '存量纳管的产业空间面积', '万平方米', '≧1000', '>=', '预期性', 2025],
      ['产业空间', '新建改造的高标准产业空间面积', '万平方米', '≧1000', '>=', '预期性', 2025],
    ]);
  });

  it('reads values and ranges', () => {
    expect(rows.map((r) => r.value ?? [r.min, r.max])).toEqual([45, 1400, 780, 500, 10, 33, [4, 5], 1000, 1000]);
    expect(rows[6]!.value).toBeUndefined();
  });

  it('spans cover each row in the given text', () => {
    for (const r of rows) expect(text.slice(r.span.start, r.span.end)).toContain(r.target);
    expect(text.slice(rows[0]!.span.start, rows[0]!.span.end)).toContain('战略性新兴产业增加值占GDP\n比重');
  });

  it('does not take the 专栏 boxes (tab-led lines without a header) for tables', () => {
    expect(rows.some((r) => r.name.includes('专栏'))).toBe(false);
  });
});

describe('Word-exported tables after a white-space reflow', () => {
  const text = seed('004_e9acea2c6d31d80c.txt');
  const rowsOf = (t: string) => extractIndicatorTables(t).map((r) => [r.category, r.name, r.unit, r.target, r.comparator, r.attribute]);

  it.each([
    ['every line break doubled', (t: string) => t.replace(/\n/g, '\n\n')],
    ['every line break tripled', (t: string) => t.replace(/\n/g, '\n\n\n')],
    ['doubled with CRLF', (t: string) => t.replace(/\n/g, '\r\n\r\n')],
    ['doubled with spaces on the empty lines', (t: string) => t.replace(/\n/g, '\n  \n')],
    ['only the blank lines between rows doubled', (t: string) => t.replace(/\n\n/g, '\n\n\n')],
  ])('keeps the 9 rows of seed 004 when %s', (_name, reflow) => {
    const rows = rowsOf(reflow(text));
    expect(rows).toHaveLength(9);
    expect(rows).toEqual(rowsOf(text));
  });

  it('reads a small double-spaced table row by row, not as one long row', () => {
    const table = ['\t指标', '\t单位', '\t2025年目标值', '\t属性', '', '\t新增企业', '\t家', '\t100', '\t预期性', '', '\t研发投入', '\t亿元', '\t50', '\t约束性'];
    const spaced = `表1 主要指标\n\n${table.join('\n\n')}\n\n\n\n下面是正文。`;
    expect(extractIndicatorTables(spaced).map((r) => [r.name, r.unit, r.value, r.attribute])).toEqual([
      ['新增企业', '家', 100, '预期性'],
      ['研发投入', '亿元', 50, '约束性'],
    ]);
  });
});

describe('HTML tables flattened to one tab-joined line per row', () => {
  it('reads a baseline column and carries the category of a rowspan', () => {
    const text = [
      '表1 主要指标',
      '类别\t指标\t单位\t2020年\t2025年\t属性',
      '经济发展\t地区生产总值\t亿元\t1000\t1500\t预期性',
      // the category cell spans two rows: the browser gives this row one cell fewer
      '研发投入占GDP比重\t%\t3.1\t≥4\t预期性',
      '绿色发展\t单位GDP能耗下降\t%\t—\t完成省下达任务\t约束性',
      '\t建成区绿化覆盖率\t%\t40\t45左右\t约束性',
      '',
      '下面是正文。',
    ].join('\n');
    const rows = extractIndicatorTables(text);
    expect(rows.map((r) => [r.category, r.name, r.unit, r.target, r.comparator, r.value, r.baseline, r.attribute, r.year])).toEqual([
      ['经济发展', '地区生产总值', '亿元', '1500', '>=', 1500, 1000, '预期性', 2025],
      ['经济发展', '研发投入占GDP比重', '%', '≥4', '>=', 4, 3.1, '预期性', 2025],
      // "完成省下达任务" has no number: not a quantitative indicator
      ['绿色发展', '建成区绿化覆盖率', '%', '45左右', 'approx', 45, 40, '约束性', 2025],
    ]);
  });

  it('finds the target column by 目标 even when a later year column exists', () => {
    const text = ['指标名称\t计量单位\t目标值\t指标性质', '新增就业\t万人\t10\t预期性'].join('\n');
    const [row] = extractIndicatorTables(text);
    expect(row).toMatchObject({ name: '新增就业', unit: '万人', target: '10', value: 10, attribute: '预期性' });
    expect(row!.year).toBeUndefined();
  });

  it('reads two-level headers: 一级指标 is the category', () => {
    const text = ['一级指标\t二级指标\t单位\t2020年\t2025年\t年均增长\t属性', '创新驱动\t研发投入强度\t%\t3.1\t4\t—\t预期性'].join('\n');
    expect(extractIndicatorTables(text)).toMatchObject([{ category: '创新驱动', name: '研发投入强度', unit: '%', target: '4', value: 4, baseline: 3.1, year: 2025 }]);
  });

  it('takes the unit from the name when there is no unit column', () => {
    const text = ['指标\t2025年目标', '战略性新兴产业增加值(亿元)\t600', '研发投入强度(%)\t不低于5'].join('\n');
    expect(extractIndicatorTables(text).map((r) => [r.name, r.unit, r.value, r.comparator])).toEqual([
      ['战略性新兴产业增加值', '亿元', 600, '>='],
      ['研发投入强度', '%', 5, '>='],
    ]);
  });

  it('ignores tab-separated text that has no indicator header', () => {
    expect(extractIndicatorTables('姓名\t年龄\t城市\n张三\t30\t深圳\n李四\t40\t广州')).toEqual([]);
    expect(extractIndicatorTables('\t专栏1：重点项目\n——集成电路。加快推进项目建设。\n')).toEqual([]);
  });
});

describe('parseTargetCell', () => {
  it.each([
    ['45', { comparator: '>=', value: 45 }],
    ['4-5', { comparator: 'range', min: 4, max: 5 }],
    ['5—7', { comparator: 'range', min: 5, max: 7 }],
    ['≧1000', { comparator: '>=', value: 1000 }],
    ['≥4', { comparator: '>=', value: 4 }],
    ['≤0.5', { comparator: '<=', value: 0.5 }],
    ['<10', { comparator: '<=', value: 10 }],
    ['30以上', { comparator: '>=', value: 30 }],
    ['10以内', { comparator: '<=', value: 10 }],
    ['约30', { comparator: 'approx', value: 30 }],
    ['45%', { comparator: '>=', value: 45, unit: '%' }],
    ['1.5万', { comparator: '>=', value: 15000 }],
  ] as const)('%s', (cell, expected) => {
    expect(parseTargetCell(cell)).toEqual(expected);
  });

  it.each(['—', '完成省下达任务', '', '5-3'])('no number in %s', (cell) => {
    expect(parseTargetCell(cell)).toBeNull();
  });
});

describe('robustness', () => {
  it('never throws on random tab/line soup', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom('\t', '\n', '指标', '单位', '2025年目标值', '属性', '45', '4-5', '预期性', '产业', ' '), maxLength: 60 }), (s) => {
        for (const r of extractIndicatorTables(s)) {
          expect(r.span.start).toBeGreaterThanOrEqual(0);
          expect(r.span.end).toBeLessThanOrEqual(s.length);
          expect(r.name.length).toBeGreaterThan(0);
        }
      }),
      { numRuns: 400 },
    );
  });
});
