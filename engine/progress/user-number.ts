// Numbers as people type them into a progress form or `planmeter record --value`:
// full-width digits from a Chinese IME (１５０), thousands separators (1,200 /
// 1 200), 万/亿 suffixes (1.2万), and a unit typed after the number (150个,
// 0.5亿元) converted to the target's unit. Anything that could be read two
// ways (0x10, 0b101, 1,5) is refused with what was wrong and an example, in
// the user's language; so is a value the target's direction makes impossible.
// Values that are possible but unlikely (beyond 3× the target, a large drop)
// are not refused: the caller asks before saving.
import { canonicalUnit, convertValue } from '../units/convert.ts';
import type { Target } from '../types.ts';

export type NumberLocale = 'zh-CN' | 'en';

export type NumberProblem =
  | { code: 'empty' }
  | { code: 'hex' | 'binary' | 'octal' | 'exponent'; text: string }
  | { code: 'ambiguous-comma'; text: string }
  | { code: 'not-a-number'; text: string }
  | { code: 'unit-mismatch'; unit: string; targetUnit: string }
  | { code: 'negative'; unit: string }
  | { code: 'percent-range'; value: number };

export type UserNumber =
  | {
      ok: true;
      /** The value in the target's unit (or as typed, magnitude applied, when no unit is given). */
      value: number;
      /** The number as typed, before any unit conversion (1.2万 → 12000, 0.5亿元 → 0.5). */
      typed: number;
      /** The unit typed after the number, '' when none (a bare 万/亿 is a magnitude, not a unit). */
      unit: string;
    }
  | { ok: false; problem: NumberProblem };

/** Magnitude words typed after a number without a unit: 1.2万, 3亿, 1.5千万. Longest first. */
const MAGNITUDES: readonly (readonly [string, number])[] = [
  ['万亿', 1e12],
  ['千万', 1e7],
  ['百万', 1e6],
  ['亿', 1e8],
  ['万', 1e4],
  ['千', 1e3],
];

/** Minus signs people type: ASCII, the Unicode minus, full-width (NFKC makes it ASCII), en dash. */
const MINUS = /^[-\u2212\u2013\uFE63]/u;

/** Number shapes, tried in order; the first that matches the whole number part decides. */
const PLAIN = /^(?:\d+(?:\.\d+)?|\.\d+)$/u;
const THOUSANDS_COMMA = /^\d{1,3}(?:,\d{3})+(?:\.\d+)?$/u;
const THOUSANDS_SPACE = /^\d{1,3}(?: \d{3})+(?:\.\d+)?$/u;

function strip(unit: string): string {
  return unit.replace(/\s+/gu, '');
}

/** Leading magnitude of a unit (亿元 → 亿), '' when it has none: used to name "a 万 of the target's thing". */
function unitWithoutMagnitude(unit: string): string {
  const u = strip(unit.normalize('NFKC'));
  for (const [word] of MAGNITUDES) if (u.length > word.length && u.startsWith(word)) return u.slice(word.length);
  return u;
}

/**
 * Reads a number as typed. With `targetUnit`, a unit typed after the number is
 * converted to it (0.5亿元 → 5000 for 万元), and a bare magnitude means that
 * many of the target's own thing (1.2万 for 家 → 12000; 1.2万 for 万元 → 1.2).
 */
export function parseUserNumber(input: string, options: { targetUnit?: string } = {}): UserNumber {
  // NFKC: full-width digits, comma, full stop and spaces become ASCII; U+00A0, U+2009, U+202F and U+3000 become spaces.
  let text = input.normalize('NFKC').trim();
  if (text === '') return { ok: false, problem: { code: 'empty' } };
  let sign = 1;
  if (MINUS.test(text)) {
    sign = -1;
    text = text.slice(1).trimStart();
  } else if (text.startsWith('+')) text = text.slice(1).trimStart();
  const original = input.trim();
  if (/^0x/iu.test(text)) return { ok: false, problem: { code: 'hex', text: original } };
  if (/^0b[01]/iu.test(text)) return { ok: false, problem: { code: 'binary', text: original } };
  if (/^0o[0-7]/iu.test(text)) return { ok: false, problem: { code: 'octal', text: original } };
  // The number part: digits with separators and decimal points, ending in a digit (so
  // neither end is a space); the rest, to the end of the text, is the suffix.
  const match = /^([\d., ]*\d)(.*)/su.exec(text);
  if (!match) return { ok: false, problem: { code: 'not-a-number', text: original } };
  const numberPart = match[1]!;
  // "150 个": a space before the unit belongs to neither.
  let suffix = match[2]!.trim();
  if (/^e[-+]?\d/iu.test(suffix)) return { ok: false, problem: { code: 'exponent', text: original } };
  let digits: string;
  if (PLAIN.test(numberPart)) digits = numberPart;
  else if (THOUSANDS_COMMA.test(numberPart)) digits = numberPart.replace(/,/gu, '');
  else if (THOUSANDS_SPACE.test(numberPart)) digits = numberPart.replace(/ /gu, '');
  else if (numberPart.includes(',')) return { ok: false, problem: { code: 'ambiguous-comma', text: original } };
  else return { ok: false, problem: { code: 'not-a-number', text: original } };
  const typedBare = Number(digits);
  if (!Number.isFinite(typedBare)) return { ok: false, problem: { code: 'not-a-number', text: original } };
  // A percent sign or unit must not hide another number (150个200).
  if (/\d/u.test(suffix)) return { ok: false, problem: { code: 'not-a-number', text: original } };
  suffix = strip(suffix);

  const magnitude = MAGNITUDES.find(([word]) => word === suffix);
  const target = options.targetUnit === undefined ? undefined : strip(options.targetUnit.normalize('NFKC'));
  const signed = sign * typedBare;
  if (suffix === '') return { ok: true, value: clean(signed), typed: clean(signed), unit: '' };
  if (magnitude && (target === undefined || unitWithoutMagnitude(target) === '')) {
    // No target unit to attach the magnitude to: it multiplies.
    const v = clean(signed * magnitude[1]);
    return { ok: true, value: v, typed: v, unit: '' };
  }
  if (target === undefined) return { ok: true, value: clean(signed), typed: clean(signed), unit: suffix };
  // A bare magnitude names that many of the target's own thing: 万 + 元 for 亿元.
  const unit = magnitude ? suffix + unitWithoutMagnitude(target) : suffix;
  if (unit === target) return { ok: true, value: clean(signed), typed: clean(signed), unit: magnitude ? '' : suffix };
  const converted = convertValue(signed, unit, target);
  if (converted === null) return { ok: false, problem: { code: 'unit-mismatch', unit: suffix, targetUnit: target } };
  return { ok: true, value: converted, typed: clean(magnitude ? signed * magnitude[1] : signed), unit: magnitude ? '' : suffix };
}

/** Removes binary noise (0.1 × 3), as convertValue does. */
function clean(n: number): number {
  const r = Number(n.toPrecision(12));
  return Object.is(r, -0) ? 0 : r;
}

/** Units whose values may fall below zero: rates and changes (增长率 −2%, 下降 3 个百分点). */
function allowsNegative(unit: string): boolean {
  const base = canonicalUnit(unit).base;
  return base === '%' || base === '百分点';
}

export type Plausibility =
  | { verdict: 'ok' }
  | { verdict: 'refuse'; problem: NumberProblem }
  | { verdict: 'ask'; reasons: PlausibilityQuestion[] };

export type PlausibilityQuestion =
  | { code: 'beyond-target'; value: number; goal: number; times: number; unit: string }
  | { code: 'large-drop'; value: number; previous: number; unit: string };

/** When a value is asked about before saving (data, not code: see README). */
export const PLAUSIBILITY = {
  /** Ask when a value is more than this many times the target (or, for reductions, the baseline). */
  maxTimesTarget: 3,
  /** Ask when a value falls below the previous one by more than this share of it (targets that count up). */
  maxDropShare: 0.5,
} as const;

/**
 * Whether a value (in the target's unit) can be saved as it is: refused when
 * the target's direction makes it impossible (a count or a duration below
 * zero), a question when it is possible but unlikely.
 */
export function checkPlausibility(value: number, target: Pick<Target, 'unit' | 'direction' | 'value' | 'min' | 'max' | 'baseline' | 'comparator'>, previous?: number): Plausibility {
  if (value < 0 && !allowsNegative(target.unit)) return { verdict: 'refuse', problem: { code: 'negative', unit: target.unit } };
  const reasons: PlausibilityQuestion[] = [];
  const goal = target.comparator === 'range' ? (target.max ?? target.value ?? target.min) : (target.value ?? target.max ?? target.min);
  const reference = target.direction === 'decrease' ? Math.max(goal ?? 0, target.baseline ?? 0) : goal;
  if (reference !== undefined && reference > 0 && value > PLAUSIBILITY.maxTimesTarget * reference) {
    reasons.push({ code: 'beyond-target', value, goal: reference, times: clean(value / reference), unit: target.unit });
  }
  if (previous !== undefined && target.direction === 'increase' && previous > 0 && previous - value > PLAUSIBILITY.maxDropShare * previous) {
    reasons.push({ code: 'large-drop', value, previous, unit: target.unit });
  }
  return reasons.length ? { verdict: 'ask', reasons } : { verdict: 'ok' };
}

/** A percent typed for a measure without numbers (80, 80%, ８０％): 0–100 only. */
export function parsePercent(input: string): UserNumber {
  const text = input.normalize('NFKC').trim().replace(/%$/u, '').trim();
  const parsed = parseUserNumber(text);
  if (!parsed.ok) return parsed;
  if (parsed.unit !== '' || parsed.value < 0 || parsed.value > 100) return { ok: false, problem: { code: 'percent-range', value: parsed.value } };
  return parsed;
}

const MESSAGES: Record<NumberLocale, (p: NumberProblem) => string> = {
  'zh-CN': (p) => {
    switch (p.code) {
      case 'empty':
        return '请填写数值，例如 150、1,200 或 1.2万';
      case 'hex':
        return `“${p.text}”是十六进制写法，无法确定数值；请用十进制数字，例如 16`;
      case 'binary':
        return `“${p.text}”是二进制写法，无法确定数值；请用十进制数字，例如 5`;
      case 'octal':
        return `“${p.text}”是八进制写法，无法确定数值；请用十进制数字，例如 8`;
      case 'exponent':
        return `“${p.text}”是科学计数法，请直接写出数值，例如 1000 或 1000万`;
      case 'ambiguous-comma':
        return `“${p.text}”中的逗号含义不明（千位分隔还是小数点？）；千位分隔请每三位一组，例如 1,200；小数请用小数点，例如 1.5`;
      case 'not-a-number':
        return `“${p.text}”不是一个数值；请填写例如 150、1,200、1.2万 或 0.5亿元`;
      case 'unit-mismatch':
        return `单位“${p.unit}”无法换算为目标的单位“${p.targetUnit}”；请按“${p.targetUnit}”填写，例如 150${p.targetUnit}`;
      case 'negative':
        return `该目标${p.unit ? `（单位“${p.unit}”）` : ''}不可能为负数；请填写当前累计值，例如 150`;
      case 'percent-range':
        return `完成百分比应在 0 到 100 之间，例如 80 或 80%`;
    }
  },
  en: (p) => {
    switch (p.code) {
      case 'empty':
        return 'Enter a number, e.g. 150, 1,200 or 1.2万';
      case 'hex':
        return `"${p.text}" is hexadecimal, so its value is unclear; use decimal digits, e.g. 16`;
      case 'binary':
        return `"${p.text}" is binary, so its value is unclear; use decimal digits, e.g. 5`;
      case 'octal':
        return `"${p.text}" is octal, so its value is unclear; use decimal digits, e.g. 8`;
      case 'exponent':
        return `"${p.text}" is in scientific notation; write the number out, e.g. 1000 or 1000万`;
      case 'ambiguous-comma':
        return `The comma in "${p.text}" is ambiguous (thousands or decimals?); group thousands by three, e.g. 1,200, and use a point for decimals, e.g. 1.5`;
      case 'not-a-number':
        return `"${p.text}" is not a number; enter e.g. 150, 1,200, 1.2万 or 0.5亿元`;
      case 'unit-mismatch':
        return `The unit "${p.unit}" cannot be converted to the target's unit "${p.targetUnit}"; enter it in ${p.targetUnit}, e.g. 150${p.targetUnit}`;
      case 'negative':
        return `This target${p.unit ? ` (in ${p.unit})` : ''} cannot be negative; enter the current total, e.g. 150`;
      case 'percent-range':
        return 'A completion percentage is between 0 and 100, e.g. 80 or 80%';
    }
  },
};

/** What was wrong with a typed number and an example, in the UI's language. */
export function numberProblemMessage(problem: NumberProblem, locale: NumberLocale): string {
  return MESSAGES[locale](problem);
}

/** The question asked before saving an unlikely value, in the UI's language. */
export function plausibilityQuestion(q: PlausibilityQuestion, locale: NumberLocale, format: (n: number) => string): string {
  if (locale === 'zh-CN') {
    return q.code === 'beyond-target'
      ? `${format(q.value)}${q.unit} 是目标 ${format(q.goal)}${q.unit} 的 ${format(q.times)} 倍，确认无误吗？`
      : `${format(q.value)}${q.unit} 比上次填报的 ${format(q.previous)}${q.unit} 少了一半以上，确认无误吗？`;
  }
  return q.code === 'beyond-target'
    ? `${format(q.value)} ${q.unit} is ${format(q.times)}× the target of ${format(q.goal)} ${q.unit}. Is that right?`
    : `${format(q.value)} ${q.unit} is less than half the previous entry, ${format(q.previous)} ${q.unit}. Is that right?`;
}
