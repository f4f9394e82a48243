// Numbers as people type them (engine/progress/user-number.ts): every listed
// format round-trips, ambiguous or impossible input is refused with a specific
// message in both languages, unlikely values become a question.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { checkPlausibility, numberProblemMessage, parsePercent, parseUserNumber, type NumberProblem } from '../../engine/progress/user-number.ts';
import type { Target } from '../../engine/types.ts';

const FULL_WIDTH = (s: string) => s.replace(/[0-9.,%]/gu, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0));
function grouped(n: number, sep: string): string {
  const [int, frac] = String(n).split('.');
  const groups = int!.replace(/\B(?=(\d{3})+(?!\d))/gu, sep);
  return frac ? `${groups}.${frac}` : groups;
}

/** Values a form sees: whole numbers and up to two decimals, below a trillion. */
const amount = fc.oneof(fc.integer({ min: 0, max: 999_999_999 }), fc.integer({ min: 0, max: 99_999_999 }).map((n) => n / 100));

function value(text: string, targetUnit?: string): number {
  const r = parseUserNumber(text, targetUnit === undefined ? {} : { targetUnit });
  if (!r.ok) throw new Error(`${text}: ${numberProblemMessage(r.problem, 'en')}`);
  return r.value;
}

function problem(text: string, targetUnit?: string): NumberProblem {
  const r = parseUserNumber(text, targetUnit === undefined ? {} : { targetUnit });
  if (r.ok) throw new Error(`${text} was accepted as ${r.value}`);
  return r.problem;
}

/** A number written out as a person would (no exponent). */
const dec = (x: number) => (Number.isInteger(x) ? String(x) : x.toFixed(12).replace(/\.?0+$/u, ''));
const close = (a: number, b: number) => Math.abs(a - b) <= Math.max(1e-9, Math.abs(b) * 1e-11);

describe('parseUserNumber: the formats people type', () => {
  it('reads the examples of the issue', () => {
    expect(value('１５０')).toBe(150);
    expect(value('1,200')).toBe(1200);
    expect(value('1 200')).toBe(1200);
    expect(value('1\u00a0200')).toBe(1200);
    expect(value('１，２００')).toBe(1200);
    expect(value('1.2万')).toBe(12000);
    expect(value('150个', '个')).toBe(150);
    expect(value('0.5亿元', '万元')).toBe(5000);
    expect(value('5000万元', '亿元')).toBe(0.5);
    expect(value('1.2万家', '家')).toBe(12000);
    expect(value('1.2万', '家')).toBe(12000);
    expect(value('1.2万', '万元')).toBe(1.2); // 万 of a target in 万元 is 万元
    expect(value('3000万', '亿元')).toBe(0.3);
    expect(value('150 个', '个')).toBe(150);
    expect(value('80%', '%')).toBe(80);
    expect(value('−5')).toBe(-5);
    expect(value('+7')).toBe(7);
  });

  it('round-trips every listed format for any amount', () => {
    fc.assert(
      fc.property(amount, (n) => {
        const plain = String(n);
        expect(value(plain)).toBe(n);
        expect(value(FULL_WIDTH(plain))).toBe(n);
        expect(value(grouped(n, ','))).toBe(n);
        expect(value(grouped(n, ' '))).toBe(n);
        expect(value(FULL_WIDTH(grouped(n, ',')))).toBe(n);
        expect(close(value(`${dec(n / 1e4)}万`), n)).toBe(true);
        expect(close(value(`${dec(n / 1e8)}亿`), n)).toBe(true);
        expect(close(value(`${n}个`, '个'), n)).toBe(true);
        expect(close(value(`${dec(n / 1e4)}万家`, '家'), n)).toBe(true);
        expect(close(value(`${n}万元`, '亿元'), n / 1e4)).toBe(true);
        expect(close(value(`${dec(n / 1e4)}亿元`, '万元'), n)).toBe(true);
        expect(close(value(`-${plain}`), -n)).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it('refuses hexadecimal, binary and comma-ambiguous numbers, each with its own message and an example', () => {
    expect(problem('0x10').code).toBe('hex');
    expect(problem('0b101').code).toBe('binary');
    expect(problem('0o17').code).toBe('octal');
    expect(problem('1e3').code).toBe('exponent');
    for (const t of ['1,5', '1,50', '12,34', '1,2345', '1.200,5']) expect(problem(t).code).toBe('ambiguous-comma');
    for (const t of ['lots', '数值', '1..2', '12 34', '150个200', '', '  ']) expect(['not-a-number', 'empty']).toContain(problem(t).code);
    expect(problem('3米', '家')).toEqual({ code: 'unit-mismatch', unit: '米', targetUnit: '家' });
    const zh = numberProblemMessage(problem('1,5'), 'zh-CN');
    expect(zh).toContain('1,5');
    expect(zh).toContain('例如 1,200');
    expect(numberProblemMessage(problem('1,5'), 'en')).toContain('e.g. 1,200');
    expect(numberProblemMessage(problem('0x10'), 'zh-CN')).toContain('十六进制');
    expect(numberProblemMessage(problem('0x10'), 'en')).toContain('hexadecimal');
    expect(numberProblemMessage(problem('3米', '家'), 'zh-CN')).toBe('单位“米”无法换算为目标的单位“家”；请按“家”填写，例如 150家');
  });

  it('reads percents 0–100 for measures without numbers', () => {
    expect(parsePercent('８０％')).toMatchObject({ ok: true, value: 80 });
    expect(parsePercent('80')).toMatchObject({ ok: true, value: 80 });
    expect(parsePercent('120%')).toMatchObject({ ok: false, problem: { code: 'percent-range' } });
    expect(parsePercent('-1')).toMatchObject({ ok: false, problem: { code: 'percent-range' } });
  });
});

describe('checkPlausibility', () => {
  const countUp: Target = { id: 't', label: '服务包', value: 200, unit: '个', comparator: '>=', direction: 'increase', quote: '', span: { start: 0, end: 0 } };
  const reduce: Target = { ...countUp, value: 4, baseline: 8, unit: '个工作日', comparator: '<=', direction: 'decrease' };
  const rate: Target = { ...countUp, value: 5, unit: '%' };

  it('refuses what the direction makes impossible: a count or a duration below zero', () => {
    expect(checkPlausibility(-5, countUp)).toEqual({ verdict: 'refuse', problem: { code: 'negative', unit: '个' } });
    expect(checkPlausibility(-1, reduce).verdict).toBe('refuse');
    expect(checkPlausibility(-2, rate).verdict).toBe('ok'); // a growth rate may fall below zero
    expect(numberProblemMessage({ code: 'negative', unit: '个' }, 'zh-CN')).toContain('不可能为负数');
  });

  it('asks about a value beyond 3× the target and about a drop of more than half the previous value', () => {
    expect(checkPlausibility(600, countUp).verdict).toBe('ok');
    expect(checkPlausibility(1200, countUp)).toMatchObject({ verdict: 'ask', reasons: [{ code: 'beyond-target', times: 6, goal: 200 }] });
    expect(checkPlausibility(30, reduce)).toMatchObject({ verdict: 'ask', reasons: [{ code: 'beyond-target', goal: 8 }] });
    expect(checkPlausibility(40, countUp, 100)).toMatchObject({ verdict: 'ask', reasons: [{ code: 'large-drop', previous: 100 }] });
    expect(checkPlausibility(60, countUp, 100).verdict).toBe('ok');
  });
});

describe('parseUserNumber, exactly: what each refusal is and is not', () => {
  const problem = (input: string) => {
    const r = parseUserNumber(input);
    return r.ok ? null : r.problem;
  };
  it('empty is empty, not "not a number"', () => {
    expect(problem('')).toEqual({ code: 'empty' });
    expect(problem(' \u3000 ')).toEqual({ code: 'empty' });
  });
  it('a sign may stand apart from the number', () => {
    expect(parseUserNumber('- 5')).toEqual({ ok: true, value: -5, typed: -5, unit: '' });
    expect(parseUserNumber('+ 5')).toEqual({ ok: true, value: 5, typed: 5, unit: '' });
  });
  it('0x, 0b, 0o only at the start; the text quoted is what was typed, trimmed', () => {
    expect(problem(' 0x10 ')).toEqual({ code: 'hex', text: '0x10' });
    for (const t of ['100x2', '100b1', '100o7']) expect(problem(t)).toEqual({ code: 'not-a-number', text: t });
  });
  it('the number must come first; an exponent is one only right after it', () => {
    expect(problem('abc5')).toEqual({ code: 'not-a-number', text: 'abc5' });
    expect(problem('1 e3')).toEqual({ code: 'exponent', text: '1 e3' });
    expect(problem('1e-3')).toEqual({ code: 'exponent', text: '1e-3' });
    expect(problem('150个e3')).toEqual({ code: 'not-a-number', text: '150个e3' });
  });
  it('a number too large for a double is refused, not stored as Infinity', () => {
    expect(problem('9'.repeat(400))).toEqual({ code: 'not-a-number', text: '9'.repeat(400) });
  });
});
