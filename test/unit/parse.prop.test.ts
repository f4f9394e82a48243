// Property tests over the parser: whatever text a page holds, parseText
// returns, without throwing, a result whose every span lies inside the text
// and whose every quote is the text at that span. Page text is untrusted: a
// parser that throws or loops on an odd page breaks the overlay for that page
// (or, in a long task, the page itself).
//
// No timing is asserted here (speed is measured in `npm run bench`); the
// 200 kB adversarial cases rely on the vitest timeout as the hang guard.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { loadSimplifier, parsePage, parseText } from '../../engine/parse/index.ts';
import type { ParseResult, Span } from '../../engine/types.ts';
import { adversarialText, numberedLines } from '../bench/adversarial.ts';

const SEEDS_DIR = join(import.meta.dirname, '../../seeds');
const SEEDS = readdirSync(SEEDS_DIR)
  .filter((f) => f.endsWith('.txt'))
  .sort()
  .map((f) => readFileSync(join(SEEDS_DIR, f), 'utf8'));
const SEED_LINES = SEEDS.flatMap((s) => s.split('\n')).filter((l) => l.trim().length > 0);

/** Every structural promise of ParseResult; returns the list of broken ones (empty when well-formed). */
export function wellFormedProblems(result: ParseResult, text: string): string[] {
  const problems: string[] = [];
  const inRange = (what: string, span: Span | undefined) => {
    if (!span || !Number.isInteger(span.start) || !Number.isInteger(span.end) || span.start < 0 || span.end < span.start || span.end > text.length) {
      problems.push(`${what}: span ${JSON.stringify(span)} outside [0, ${text.length}]`);
      return false;
    }
    return true;
  };
  if (!['plan', 'plans', 'report', 'other'].includes(result.kind)) problems.push(`kind ${String(result.kind)}`);
  if (typeof result.title !== 'string') problems.push('title not a string');
  if (!Array.isArray(result.warnings) || result.warnings.some((w) => typeof w !== 'string')) problems.push('warnings not strings');
  if (result.kind === 'plan' && result.plans.length !== 1) problems.push(`kind plan with ${result.plans.length} plans`);
  if (result.kind === 'plans' && result.plans.length < 2) problems.push(`kind plans with ${result.plans.length} plans`);
  for (const [p, plan] of result.plans.entries()) {
    const at = `plans[${p}]`;
    inRange(`${at}.span`, plan.span);
    if (!plan.id || !plan.fingerprint) problems.push(`${at}: empty id or fingerprint`);
    const measureIds = new Set<string>();
    const sectionIds = new Set(plan.sections.map((s) => s.id));
    const subsectionIds = new Set(plan.sections.flatMap((s) => s.subsections.map((ss) => ss.id)));
    if (sectionIds.size !== plan.sections.length) problems.push(`${at}: repeated section id`);
    for (const [k, m] of plan.measures.entries()) {
      const mat = `${at}.measures[${k}]`;
      if (measureIds.has(m.id)) problems.push(`${mat}: repeated id ${m.id}`);
      measureIds.add(m.id);
      if (m.index !== k + 1) problems.push(`${mat}: index ${m.index}`);
      if (inRange(`${mat}.span`, m.span) && !text.slice(m.span.start, m.span.end).startsWith(m.quote)) {
        problems.push(`${mat}: quote ${JSON.stringify(m.quote)} is not the start of its span`);
      }
      if (m.sectionId !== undefined && !sectionIds.has(m.sectionId)) problems.push(`${mat}: sectionId ${m.sectionId} names no section`);
      if (m.subsectionId !== undefined && !subsectionIds.has(m.subsectionId)) problems.push(`${mat}: subsectionId names no subsection`);
      if (m.units.length !== m.unitRoles.length) problems.push(`${mat}: units and unitRoles differ`);
      const targetIds = new Set<string>();
      for (const [j, t] of m.targets.entries()) {
        const tat = `${mat}.targets[${j}]`;
        if (targetIds.has(t.id)) problems.push(`${tat}: repeated id`);
        targetIds.add(t.id);
        if (inRange(`${tat}.span`, t.span) && text.slice(t.span.start, t.span.end) !== t.quote) problems.push(`${tat}: quote is not text.slice(span)`);
        for (const key of ['value', 'min', 'max', 'baseline'] as const) {
          if (t[key] !== undefined && !Number.isFinite(t[key])) problems.push(`${tat}.${key} = ${t[key]}`);
        }
        if (!['>=', '<=', '=', 'range', 'approx'].includes(t.comparator)) problems.push(`${tat}.comparator ${t.comparator}`);
        if (t.direction !== 'increase' && t.direction !== 'decrease') problems.push(`${tat}.direction ${t.direction}`);
      }
    }
    for (const s of plan.sections) {
      inRange(`${at}.section ${s.id}`, s.span);
      for (const id of s.measureIds) if (!measureIds.has(id)) problems.push(`${at}.section lists unknown measure ${id}`);
      for (const ss of s.subsections) {
        inRange(`${at}.subsection ${ss.id}`, ss.span);
        for (const id of ss.measureIds) if (!measureIds.has(id)) problems.push(`${at}.subsection lists unknown measure ${id}`);
      }
    }
    for (const [j, t] of plan.narrativeTargets.entries()) {
      if (inRange(`${at}.narrativeTargets[${j}]`, t.span) && text.slice(t.span.start, t.span.end) !== t.quote) problems.push(`${at}.narrativeTargets[${j}]: quote is not text.slice(span)`);
    }
    for (const [j, ind] of plan.indicators.entries()) {
      inRange(`${at}.indicators[${j}]`, ind.span);
      for (const key of ['value', 'min', 'max', 'baseline'] as const) {
        if (ind[key] !== undefined && !Number.isFinite(ind[key])) problems.push(`${at}.indicators[${j}].${key} = ${ind[key]}`);
      }
    }
  }
  for (const [j, o] of result.outcomes.entries()) {
    if (inRange(`outcomes[${j}]`, o.span) && text.slice(o.span.start, o.span.end) !== o.quote) problems.push(`outcomes[${j}]: quote is not text.slice(span)`);
    if (!Number.isFinite(o.value)) problems.push(`outcomes[${j}].value = ${o.value}`);
  }
  // The result is what `planmeter parse --json` prints: it must survive JSON.
  try {
    expect(JSON.parse(JSON.stringify(result))).toEqual(result);
  } catch (error) {
    problems.push(`not JSON-safe: ${error instanceof Error ? error.message.slice(0, 200) : String(error)}`);
  }
  return problems;
}

function assertWellFormed(text: string): ParseResult {
  let result: ParseResult;
  try {
    result = parseText(text);
  } catch (error) {
    throw new Error(`parseText threw on ${JSON.stringify(text.slice(0, 200))}${text.length > 200 ? '…' : ''} (${text.length} chars): ${error instanceof Error ? error.stack : String(error)}`);
  }
  const problems = wellFormedProblems(result, text);
  if (problems.length) throw new Error(`malformed result for ${JSON.stringify(text.slice(0, 200))}: ${problems.slice(0, 5).join('; ')}`);
  return result;
}

// ---- arbitraries ----

/** Any UTF-16 code unit, lone surrogates included (pages do contain broken pairs). */
const codeUnit = fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c));
/** The characters plan text is made of: digits, numbering marks, brackets, units, comparators. */
const planChar = fc.constantFrom(
  ...'0123456789０１２３４５６７８９一二三四五六七八九十百千万亿、.．。，,:：;；()（）【】[]《》<>「」“”"\'\t\n\r \u3000个家项件%％‰元亿万工作日压缩至由以上以内不少于不超过左右达到新增到年月底责任单位牵头配合区局委办方案计划规划措施第条章节附件-—~～≥≤≧'.split(''),
  '\u200b',
  '\ufeff',
  '\u00ad',
  '\ud800',
  '\udfff',
  '𠀀',
  '(huán)',
  '[bookmark: _Toc1]',
  '\n（一）',
  '\n一、',
  '\n1.',
  '\n12、',
);

/** Seed text cut, spliced and sprinkled with digits and brackets. */
const mutatedSeedText = fc
  .tuple(
    fc.array(fc.integer({ min: 0, max: SEED_LINES.length - 1 }), { minLength: 1, maxLength: 60 }),
    fc.array(fc.tuple(fc.nat(), fc.oneof(fc.string({ unit: planChar, maxLength: 12 }), fc.string({ unit: codeUnit, maxLength: 6 }))), { maxLength: 20 }),
    fc.array(fc.tuple(fc.nat(), fc.nat({ max: 30 })), { maxLength: 8 }),
  )
  .map(([lineIdx, inserts, cuts]) => {
    let text = lineIdx.map((i) => SEED_LINES[i]!).join('\n');
    for (const [at, what] of inserts) {
      const p = text.length ? at % (text.length + 1) : 0;
      text = text.slice(0, p) + what + text.slice(p);
    }
    for (const [at, len] of cuts) {
      const p = text.length ? at % text.length : 0;
      text = text.slice(0, p) + text.slice(p + len);
    }
    return text;
  });

/** A whole seed with one region repeated, reversed or cut out. */
const wholeSeedMutation = fc.tuple(fc.integer({ min: 0, max: SEEDS.length - 1 }), fc.nat(), fc.nat({ max: 2000 }), fc.constantFrom('cut', 'repeat', 'reverse', 'crlf', 'nfd')).map(([s, at, len, how]) => {
  const seed = SEEDS[s]!;
  const p = at % seed.length;
  const region = seed.slice(p, p + len);
  if (how === 'cut') return seed.slice(0, p) + seed.slice(p + len);
  if (how === 'repeat') return seed.slice(0, p) + region.repeat(5) + seed.slice(p + len);
  if (how === 'reverse') return seed.slice(0, p) + region.split('\n').reverse().join('\n') + seed.slice(p + len);
  if (how === 'crlf') return seed.replace(/\n/gu, '\r\n');
  return seed.normalize('NFD');
});

describe('parseText on any string', () => {
  it('never throws and returns a well-formed result for arbitrary printable strings', () => {
    fc.assert(fc.property(fc.string({ maxLength: 400 }), (s) => void assertWellFormed(s)), { numRuns: 300 });
  });

  it('… for any Unicode code points (astral planes, controls)', () => {
    fc.assert(fc.property(fc.string({ unit: 'binary', maxLength: 400 }), (s) => void assertWellFormed(s)), { numRuns: 300 });
  });

  it('… for any UTF-16 code units, lone surrogates included', () => {
    fc.assert(fc.property(fc.string({ unit: codeUnit, maxLength: 400 }), (s) => void assertWellFormed(s)), { numRuns: 300 });
  });

  it('… for strings made of plan characters (numbering, brackets, units, comparators)', () => {
    fc.assert(fc.property(fc.string({ unit: planChar, maxLength: 600 }), (s) => void assertWellFormed(s)), { numRuns: 400 });
  });

  it('… for seed lines sliced, spliced and sprinkled with digits and brackets', () => {
    fc.assert(fc.property(mutatedSeedText, (s) => void assertWellFormed(s)), { numRuns: 300 });
  });

  it('… for whole seeds with a region cut, repeated or reversed, CRLF or NFD', () => {
    fc.assert(fc.property(wholeSeedMutation, (s) => void assertWellFormed(s)), { numRuns: 60 });
  });

  it('the checker itself catches a moved span, a wrong quote and a non-finite number', () => {
    const text = SEEDS[0]!;
    const good = assertWellFormed(text);
    const broken = (edit: (r: ParseResult) => void) => {
      const copy = structuredClone(good);
      edit(copy);
      return wellFormedProblems(copy, text);
    };
    const withTarget = good.plans[0]!.measures.findIndex((m) => m.targets.length > 0);
    expect(withTarget).toBeGreaterThanOrEqual(0);
    expect(broken((r) => void (r.plans[0]!.measures[withTarget]!.targets[0]!.span.start += 1))).not.toEqual([]);
    expect(broken((r) => void (r.plans[0]!.measures[0]!.quote = 'x' + r.plans[0]!.measures[0]!.quote))).not.toEqual([]);
    expect(broken((r) => void (r.plans[0]!.measures[0]!.span.end = text.length + 1))).not.toEqual([]);
    expect(broken((r) => void (r.plans[0]!.measures[withTarget]!.targets[0]!.value = Number.NaN))).not.toEqual([]);
    expect(broken((r) => void (r.plans[0]!.measures[1]!.id = r.plans[0]!.measures[0]!.id))).not.toEqual([]);
  });

  it('the unmodified seeds parse well-formed and find their plans', () => {
    const measures = SEEDS.map((s) => assertWellFormed(s).plans.reduce((n, p) => n + p.measures.length, 0));
    // Four of the five seeds are plans (the results report has none): a parser
    // that returned nothing at all would pass the properties above vacuously.
    expect(measures.filter((n) => n > 0).length).toBeGreaterThanOrEqual(4);
  });
});

describe('parsePage with the traditional→simplified converter', () => {
  it('spans still index the original (traditional) text for mutated traditional seed text', async () => {
    const traditional = SEEDS[1]!; // 001: the Shenzhen plan in traditional script with pinyin noise
    const simplify = await loadSimplifier();
    const lines = traditional.split('\n').filter((l) => l.trim());
    const arb = fc.tuple(fc.array(fc.integer({ min: 0, max: lines.length - 1 }), { minLength: 3, maxLength: 40 }), fc.array(fc.tuple(fc.nat(), fc.string({ unit: planChar, maxLength: 6 })), { maxLength: 10 })).map(([idx, inserts]) => {
      let text = idx.map((i) => lines[i]!).join('\n');
      for (const [at, what] of inserts) {
        const p = at % (text.length + 1);
        text = text.slice(0, p) + what + text.slice(p);
      }
      return text;
    });
    fc.assert(
      fc.property(arb, (text) => {
        const result = parseText(text, { simplify });
        const problems = wellFormedProblems(result, text);
        if (problems.length) throw new Error(problems.slice(0, 5).join('; '));
      }),
      { numRuns: 150 },
    );
    // The unmodified traditional seed is read as a traditional-script plan, its quotes in traditional characters.
    const whole = await parsePage(traditional);
    expect(wellFormedProblems(whole, traditional)).toEqual([]);
    expect(whole.plans[0]?.script).toBe('traditional');
  }, 60_000);
});

describe('parseText on large hostile input (hang guard: the test timeout)', () => {
  it('finishes a 200 kB adversarial plan-like text, well-formed', () => {
    const text = adversarialText(200_000);
    // assertWellFormed checks every span, id and number of the result (and fails the test otherwise).
    assertWellFormed(text);
  }, 30_000);

  it('finishes 20,000 numbered lines, well-formed', () => {
    assertWellFormed(numberedLines(20_000));
  }, 30_000);

  it('finishes pathological repetitions (one 200 kB line of markers, deep brackets, digit runs)', () => {
    const cases = [
      '('.repeat(100_000) + ')'.repeat(100_000),
      '（'.repeat(70_000),
      '9'.repeat(200_000),
      '1.'.repeat(100_000),
      '\n'.repeat(200_000),
      '一、'.repeat(70_000),
      '由8个工作日压缩至'.repeat(20_000),
      '(责任单位:'.repeat(30_000),
      '不少于'.repeat(60_000) + '200个',
      `${'区发展改革局、'.repeat(25_000)}`,
    ];
    for (const text of cases) assertWellFormed(text);
  }, 60_000);
});
