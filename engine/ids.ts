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
// Stryker disable next-line StringLiteral: a character left out of the stable set takes the slow path, which gives the same id
export const NFKC_STABLE_PUNCTUATION = '、。〃々〆〇〈〉《》「」『』【】〔〕〖〗〘〙〚〛〜〝〞〟“”‘’—–―‖‐·×÷°‰≥≤≧≦±→←↑↓●○■□▲△◆◇★☆※√∶•′§';

/** Per char code: 0 in the stable set, WHITE for the white space idText drops (ASCII only in that set), UNSTABLE otherwise. */
const WHITE = 1;
const UNSTABLE = 2;
const CHAR_CLASS: Uint8Array = (() => {
  const table = new Uint8Array(65536).fill(UNSTABLE);
  table.fill(0, 0, 0x80);
  table.fill(0, 0x3400, 0x4dc0);
  table.fill(0, 0x4e00, 0xa000);
  // Stryker disable next-line ConditionalExpression,EqualityOperator: punctuation left out of the stable set takes the slow path, which gives the same id
  for (let i = 0; i < NFKC_STABLE_PUNCTUATION.length; i++) table[NFKC_STABLE_PUNCTUATION.charCodeAt(i)] = 0;
  for (const code of [9, 10, 11, 12, 13, 32]) table[code] = WHITE;
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
    // Hash every character and note in the same pass whether any is white
    // space or outside the stable set: one branch-free loop (the bench showed
    // a test-and-skip per character costing twice the hash itself).
    let seen = 0;
    for (let i = 0; i < text.length; i++) {
      const code = text.charCodeAt(i);
      seen |= CHAR_CLASS[code]!;
      h1 = Math.imul(h1 ^ code, 2654435761);
      h2 = Math.imul(h2 ^ code, 1597334677);
    }
    // The two shortcuts below are equivalent to the slow path at their end (hashing
    // idText(text), the definition): skipping them only costs time.
    // Stryker disable next-line ConditionalExpression: the slow path gives the same hash
    if (seen === 0) continue;
    h1 = start1;
    h2 = start2;
    // Stryker disable next-line ConditionalExpression,BlockStatement: the slow path gives the same hash
    if (seen === WHITE) {
      // Stable text with white space: idText drops it; within the stable set that is ASCII only.
      for (let i = 0; i < text.length; i++) {
        const code = text.charCodeAt(i);
        if (code === 32 || (code >= 9 && code <= 13)) continue;
        h1 = Math.imul(h1 ^ code, 2654435761);
        h2 = Math.imul(h2 ^ code, 1597334677);
      }
      continue;
    }
    // Text NFKC may change: hash idText's own result instead.
    const folded = idText(text);
    for (let i = 0; i < folded.length; i++) {
      const code = folded.charCodeAt(i);
      h1 = Math.imul(h1 ^ code, 2654435761);
      h2 = Math.imul(h2 ^ code, 1597334677);
    }
  }
  return `${prefix}_${base36Of53(finish53(h1, h2))}`;
}

/** 36^5: splits a 53-bit hash into a high part (< 2^28, 6 base-36 digits) and a low part (5 digits), both int32. */
const B36_5 = 60466176;
/** Char codes of the base-36 digits 0-9a-z. */
const DIGIT_CODES: number[] = Array.from('0123456789abcdefghijklmnopqrstuvwxyz', (c) => c.charCodeAt(0));

/**
 * `n.toString(36).padStart(11, '0')` for an integer 0 ≤ n < 2^53, several
 * times faster: V8 renders radix 36 through a general floating-point routine
 * (≈2 µs a call). Exact: one floating-point remainder splits n at 36^5 into two
 * integers below 2^31, whose digits then come from int32 steps (the bench
 * showed the float remainder per digit costing 3x this).
 */
export function base36Of53(n: number): string {
  const lowPart = n % B36_5;
  const codes: number[] = [];
  // Digits last to first: 5 from the low part, then 6 from the high part.
  let low = lowPart | 0;
  for (let i = 0; i < 5; i++, low = (low / 36) | 0) codes.push(DIGIT_CODES[low % 36]!);
  let high = ((n - lowPart) / B36_5) | 0;
  for (let i = 0; i < 6; i++, high = (high / 36) | 0) codes.push(DIGIT_CODES[high % 36]!);
  return String.fromCharCode(...codes.reverse());
}
