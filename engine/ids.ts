// Stable identifiers: the same text always gives the same id, and changes in
// white space or full-/half-width forms do not move it (pages re-flow text).

/** cyrb53: a fast, well-mixed 53-bit string hash (public domain, bryc). */
export function hash53(text: string, seed = 0): number {
  let h1 = 0xdeadbeef ^ seed;
  let h2 = 0x41c6ce57 ^ seed;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ ch, 2654435761);
    h2 = Math.imul(h2 ^ ch, 1597334677);
  }
  return finish53(h1, h2);
}

/** cyrb53's final mix of its two lanes into one 53-bit integer. */
function finish53(h1: number, h2: number): number {
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return 4294967296 * (2097151 & h2) + (h1 >>> 0);
}

/** Text as ids see it: compatibility forms folded, all white space dropped. */
export function idText(text: string): string {
  // Stryker disable next-line Regex: removing each white-space character or each run of them leaves the same text
  return text.normalize('NFKC').replace(/\s+/gu, '');
}

/**
 * A short id: prefix + base-36 hash of the id text of the given parts joined
 * by \u0001 — by definition `hash53(parts.map(idText).join('\u0001'))` printed
 * in base 36 and padded to 11 digits (test/unit/stable-ids.test.ts holds that
 * definition and checks this against it). Pages make hundreds of ids from text
 * that is already NFKC, so the work is done in place: a part made only of
 * characters NFKC provably leaves alone is hashed without normalising or
 * copying it, and the digits come from exact integer steps (V8's
 * `toString(36)` costs about 2 µs a call).
 */
export function stableId(prefix: string, ...parts: string[]): string {
  return stableIdOf(prefix, parts);
}

/**
 * Makes ids unique within one plan: the second measure with the same text
 * gets `~2`, the third `~3`, so repeats stay stable in order.
 */
export function uniqueIds(): (id: string) => string {
  const seen = new Map<string, number>();
  return (id) => {
    const n = (seen.get(id) ?? 0) + 1;
    seen.set(id, n);
    return n === 1 ? id : `${id}~${n}`;
  };
}

/**
 * Characters that are NFKC-stable on their own, have canonical combining class
 * 0 and are never the second character of a canonical composition: a string
 * made only of them is NFKC-stable whatever their order. ASCII, the unified
 * CJK blocks, and the punctuation plan pages keep after normalisation.
 */
export const NFKC_STABLE_PUNCTUATION = '、。〃々〆〇〈〉《》「」『』【】〔〕〖〗〘〙〚〛〜〝〞〟“”‘’—–―‖‐·×÷°‰≥≤≧≦±→←↑↓●○■□▲△◆◇★☆※√∶•′§';

const STABLE: Uint8Array = (() => {
  const table = new Uint8Array(65536);
  table.fill(1, 0, 0x80);
  table.fill(1, 0x3400, 0x4dc0);
  table.fill(1, 0x4e00, 0xa000);
  for (let i = 0; i < NFKC_STABLE_PUNCTUATION.length; i++) table[NFKC_STABLE_PUNCTUATION.charCodeAt(i)] = 1;
  return table;
})();

/**
 * `stableId` for a list of any length (no spread into arguments, which
 * overflows on huge lists). Hashes the parts in place — cyrb53 as hash53 runs
 * it, over the id text of each part joined by \u0001 — without building the
 * joined key or the white-space-free copies.
 */
export function stableIdOf(prefix: string, parts: readonly string[]): string {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let p = 0; p < parts.length; p++) {
    if (p > 0) {
      h1 = Math.imul(h1 ^ 1, 2654435761);
      h2 = Math.imul(h2 ^ 1, 1597334677);
    }
    const text = parts[p]!;
    const start1 = h1;
    const start2 = h2;
    // The fast path's mutants below are equivalent: whenever it is left, the slow
    // path hashes idText(text), which is the definition both paths give.
    // Stryker disable next-line BooleanLiteral: starting on the slow path gives the same hash
    let stable = true;
    // Stryker disable next-line EqualityOperator,UpdateOperator: a step outside the text reads NaN, which is not STABLE, so the slow path gives the same hash
    for (let i = 0; i < text.length; i++) {
      const code = text.charCodeAt(i);
      // Stryker disable next-line ConditionalExpression: always leaving for the slow path gives the same hash
      if (STABLE[code] !== 1) {
        stable = false;
        break;
      }
      // idText drops white space; within the stable set that is ASCII only.
      if (code === 32 || (code >= 9 && code <= 13)) continue;
      h1 = Math.imul(h1 ^ code, 2654435761);
      h2 = Math.imul(h2 ^ code, 1597334677);
    }
    // Stryker disable next-line ConditionalExpression: hashing a stable part again on the slow path gives the same hash
    if (stable) continue;
    // Text NFKC may change: hash idText's own result instead.
    h1 = start1;
    h2 = start2;
    const folded = idText(text);
    for (let i = 0; i < folded.length; i++) {
      const code = folded.charCodeAt(i);
      h1 = Math.imul(h1 ^ code, 2654435761);
      h2 = Math.imul(h2 ^ code, 1597334677);
    }
  }
  return `${prefix}_${base36Of53(finish53(h1, h2))}`;
}

/** 36^6: splits a 53-bit hash into a high part (≤ 5 base-36 digits) and a low part (6 digits). */
const B36_6 = 2176782336;
/** Char codes of the base-36 digits 0-9a-z. */
const DIGIT_CODES: number[] = Array.from('0123456789abcdefghijklmnopqrstuvwxyz', (c) => c.charCodeAt(0));

/** Char code of the last base-36 digit of the integer `n`. */
function digitCode(n: number): number {
  return DIGIT_CODES[n % 36]!;
}

/** The integer `n` without its last base-36 digit (exact: the remainder is taken off first). */
function shift(n: number): number {
  return (n - (n % 36)) / 36;
}

/**
 * `n.toString(36).padStart(11, '0')` for an integer 0 ≤ n < 2^53, several
 * times faster: V8 renders radix 36 through a general floating-point routine
 * (≈2 µs a call). Exact: n splits into parts below 2^32 at 36^6, and every step
 * subtracts the remainder before dividing, so each quotient is an exact
 * integer. One string made, from 11 char codes.
 */
export function base36Of53(n: number): string {
  const low0 = n % B36_6;
  const high0 = (n - low0) / B36_6;
  const l5 = digitCode(low0);
  const low1 = shift(low0);
  const l4 = digitCode(low1);
  const low2 = shift(low1);
  const l3 = digitCode(low2);
  const low3 = shift(low2);
  const l2 = digitCode(low3);
  const low4 = shift(low3);
  const l1 = digitCode(low4);
  const l0 = digitCode(shift(low4));
  const h4 = digitCode(high0);
  const high1 = shift(high0);
  const h3 = digitCode(high1);
  const high2 = shift(high1);
  const h2 = digitCode(high2);
  const high3 = shift(high2);
  const h1 = digitCode(high3);
  const h0 = digitCode(shift(high3));
  return String.fromCharCode(h0, h1, h2, h3, h4, l0, l1, l2, l3, l4, l5);
}
