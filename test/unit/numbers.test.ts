import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { matchUnitAt, parseChineseNumeral, parseNumber, parseQuantity, scanQuantities } from '../../engine/parse/numbers.ts';
import { canonicalUnit, convertValue, unitsCompatible } from '../../engine/units/convert.ts';

describe('parseChineseNumeral', () => {
  it.each([
    ['三', 3],
    ['两', 2],
    ['十', 10],
    ['十五', 15],
    ['二十', 20],
    ['二十三', 23],
    ['一百', 100],
    ['一千二百', 1200],
    ['三千零五', 3005],
    ['一万二千', 12000],
    ['五亿', 500000000],
  ])('%s → %d', (s, v) => {
    expect(parseChineseNumeral(s)).toBe(v);
  });

  it.each(['十四五', '一一', '百', '千万万', '', '三合一'])('rejects %s', (s) => {
    expect(parseChineseNumeral(s)).toBeNull();
  });
});

describe('parseNumber', () => {
  it('reads magnitudes, decimals and thousands separators', () => {
    expect(parseNumber('1.8万')).toBe(18000);
    expect(parseNumber('1.1万')).toBe(11000);
    expect(parseNumber('2.42亿')).toBe(242000000);
    expect(parseNumber('500.97')).toBe(500.97);
    expect(parseNumber('1,234.5')).toBe(1234.5);
    expect(parseNumber('十五')).toBe(15);
    expect(parseNumber('abc')).toBeNull();
  });
});

describe('parseQuantity', () => {
  it('keeps compound 万/亿 units as written', () => {
    expect(parseQuantity('500.97亿元')).toMatchObject({ value: 500.97, unit: '亿元' });
    expect(parseQuantity('10万平方米')).toMatchObject({ value: 10, unit: '万平方米' });
    expect(parseQuantity('1000万人次')).toMatchObject({ value: 1000, unit: '万人次' });
    expect(parseQuantity('1.5万元')).toMatchObject({ value: 1.5, unit: '万元' });
    expect(parseQuantity('190万吨')).toMatchObject({ value: 190, unit: '万吨' });
  });

  it('folds 万/千 before a plain counter into the value', () => {
    expect(parseQuantity('1.8万家')).toMatchObject({ value: 18000, unit: '家' });
    expect(parseQuantity('3千次')).toMatchObject({ value: 3000, unit: '次' });
    expect(parseQuantity('5.5万个')).toMatchObject({ value: 55000, unit: '个' });
  });

  it('reads 多/余 between number and unit as a qualifier', () => {
    expect(parseQuantity('200余家')).toMatchObject({ value: 200, unit: '家', suffixQualifier: '余' });
    expect(parseQuantity('1千多家')).toMatchObject({ value: 1000, unit: '家', suffixQualifier: '多' });
  });

  it('reads ranges with -, —, ~ and 至', () => {
    expect(parseQuantity('3-5家')).toMatchObject({ min: 3, max: 5, unit: '家' });
    expect(parseQuantity('5—7家')).toMatchObject({ min: 5, max: 7, unit: '家' });
    expect(parseQuantity('3家-5家')).toMatchObject({ min: 3, max: 5, unit: '家' });
    expect(parseQuantity('3至5个')).toMatchObject({ min: 3, max: 5, unit: '个' });
    expect(parseQuantity('3-5家')?.value).toBeUndefined();
  });

  it('prefers the longest unit: 个工作日 over 个, 平方公里 over 公里', () => {
    expect(parseQuantity('4个工作日')).toMatchObject({ value: 4, unit: '个工作日' });
    expect(parseQuantity('31.8平方公里')).toMatchObject({ value: 31.8, unit: '平方公里' });
    expect(parseQuantity('6853人(件)次')).toMatchObject({ value: 6853, unit: '人(件)次' });
    expect(matchUnitAt('家次以上', 0)).toBe('家次');
  });

  it('reads Chinese numerals that count things', () => {
    expect(parseQuantity('两个')).toMatchObject({ value: 2, unit: '个', chinese: true });
    expect(parseQuantity('三类')).toMatchObject({ value: 3, unit: '类', chinese: true });
    expect(parseQuantity('十五个')).toMatchObject({ value: 15, unit: '个' });
  });
});

describe('scanQuantities skips numbers that are not quantities', () => {
  const none = (s: string) => expect(scanQuantities(s).map((q) => s.slice(q.start, q.end))).toEqual([]);
  it.each([
    '7×24小时',
    '“20+8”产业集群',
    '5G基站',
    '2025年',
    '6月18日',
    '(0617-0623)',
    '第十五届全运会',
    '第11代生产线',
    '“十四五”时期',
    '2021—2035年',
    '1.2.3节',
    '三合一审判',
    '世界500强',
    '3D打印',
  ])('%s', (s) => none(s));

  it('finds every quantity in a sentence with its offsets', () => {
    const s = '新建成碧道150公里，新增远足径郊野径100公里、都市型绿道200公里';
    expect(scanQuantities(s).map((q) => s.slice(q.start, q.end))).toEqual(['150公里', '100公里', '200公里']);
  });

  it('ignores over-long digit runs and keeps scanning after them', () => {
    const s = `${'9'.repeat(40)}家，新增20家`;
    expect(scanQuantities(s).map((q) => [q.value, q.unit])).toEqual([[20, '家']]);
  });

  it('never throws on random text', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom(...'0123456789.,-—~万亿千百十一二两三家个%年月日×+第前以上左右'.split('')), maxLength: 60 }), (s) => {
        for (const q of scanQuantities(s)) {
          expect(q.end).toBeGreaterThan(q.start);
          expect(q.value === undefined ? Number.isFinite(q.min) && Number.isFinite(q.max) : Number.isFinite(q.value)).toBe(true);
        }
      }),
      { numRuns: 500 },
    );
  });
});

describe('unit conversion', () => {
  it('converts money, counts and area through their base unit', () => {
    expect(convertValue(0.5, '亿元', '万元')).toBe(5000);
    expect(convertValue(5000, '万元', '亿元')).toBe(0.5);
    expect(convertValue(1.2, '万家', '家')).toBe(12000);
    expect(convertValue(3, '万平方米', '平方米')).toBe(30000);
    expect(convertValue(30000, '平方米', '万平方米')).toBe(3);
    expect(convertValue(2, '公里', '千米')).toBe(2);
    expect(convertValue(1.5, '公里', '米')).toBe(1500);
    expect(convertValue(1, '平方公里', '万平方米')).toBe(100);
    expect(convertValue(1000, '万人次', '亿人次')).toBe(0.1);
    expect(convertValue(5, '‰', '%')).toBe(0.5);
    expect(convertValue(2, '天', '小时')).toBe(48);
  });

  it('refuses units of different kinds', () => {
    expect(convertValue(5, '个工作日', '天')).toBeNull();
    expect(convertValue(5, '家', '个')).toBeNull();
    expect(convertValue(5, '亿美元', '亿元')).toBeNull();
    expect(convertValue(5, '个百分点', '%')).toBeNull();
    expect(unitsCompatible('万吨', '吨')).toBe(true);
    expect(unitsCompatible('个工作日', '工作日')).toBe(true);
  });

  it('gives the base and factor of a unit', () => {
    expect(canonicalUnit('亿元')).toEqual({ base: '元', factor: 1e8 });
    expect(canonicalUnit('万平方米')).toEqual({ base: '平方米', factor: 1e4 });
    expect(canonicalUnit('个百分点')).toEqual({ base: '百分点', factor: 1 });
    expect(canonicalUnit('列')).toEqual({ base: '列', factor: 1 });
  });
});

describe('shares, bare magnitudes and durations as plans write them', () => {
  const read = (s: string) => scanQuantities(s).map((q) => [s.slice(q.start, q.end), q.value ?? [q.min, q.max], q.unit]);

  it('一半 is 50 %, 九成 is 90 %; 一成不变 and 成员 are not shares', () => {
    expect(read('占总课时一半以上')).toEqual([['一半', 50, '%']]);
    expect(read('满意率达到九成')).toEqual([['九成', 90, '%']]);
    expect(read('一成不变')).toEqual([]);
    expect(read('三成员单位')).toEqual([]);
  });

  it('一至两名 is the range [1, 2]; 2万亿元 keeps its unit', () => {
    expect(read('应有一至两名')).toEqual([['一至两名', [1, 2], '名']]);
    expect(read('达到2万亿元')).toEqual([['2万亿元', 2, '万亿元']]);
  });

  it('a bare 万/亿 before a comparator or a boundary is the unit', () => {
    expect(read('新增就业人数24万以上')).toEqual([['24万', 24, '万']]);
    expect(read('24万平方米')).toEqual([['24万平方米', 24, '万平方米']]);
    expect(read('24万元的企业')).toEqual([['24万元', 24, '万元']]);
  });

  it('small whole numbers of 年 are durations only before a comparator or a boundary', () => {
    expect(read('轮候时间不超过5年。')).toEqual([['5年', 5, '年']]);
    expect(read('用13年时间')).toEqual([]);
    expect(read('到2025年，')).toEqual([]);
    expect(read('6年级')).toEqual([]);
  });
});
