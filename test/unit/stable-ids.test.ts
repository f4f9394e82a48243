// stableId computes its ids in place; they must be exactly the ids of its definition.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { base36Of53, hash53, idText, NFKC_STABLE_PUNCTUATION, stableId, stableIdOf } from '../../engine/ids.ts';

/** The definition: the id text of the parts joined by \u0001, hashed, in base 36. */
function definedId(prefix: string, ...parts: string[]): string {
  return `${prefix}_${hash53(parts.map(idText).join('\u0001')).toString(36).padStart(11, '0')}`;
}

/** Characters that are not the first of a canonical decomposition: the ones canonical composition may join to what precedes them. */
function compositionSeconds(): Set<string> {
  const seconds = new Set<string>();
  for (let cp = 0; cp < 0x110000; cp++) {
    if (cp >= 0xd800 && cp <= 0xdfff) continue;
    const parts = [...String.fromCodePoint(cp).normalize('NFD')];
    for (let i = 1; i < parts.length; i++) seconds.add(parts[i]!);
  }
  return seconds;
}

describe('the NFKC-stable set', () => {
  it('holds only characters NFKC keeps, with no combining class and never joined to a neighbour', () => {
    const seconds = compositionSeconds();
    const sets = [NFKC_STABLE_PUNCTUATION];
    for (const [from, to] of [[0, 0x80], [0x3400, 0x4dc0], [0x4e00, 0xa000]] as const) {
      let chars = '';
      for (let c = from; c < to; c++) chars += String.fromCharCode(c);
      sets.push(chars);
    }
    const bad = sets.flatMap((chars) => [...chars].filter((ch) => ch.normalize('NFKC') !== ch || seconds.has(ch) || /\p{M}/u.test(ch)));
    expect(bad).toEqual([]);
  });
});

// Pieces that exercise every branch: stable text, white space, compatibility forms, composition, surrogates.
const PIECES = [
  '推进', '改革', '、', '。', '“', '”', '《', '》', '—', 'abc', '12', ' ', '\t', '\n', '\u3000', '\u00a0',
  '（', '）', '，', '１２', 'Ａ', '①', '…', '℃', 'e', '\u0301', 'é', '\u1100', '\u1161', '가', '\ud83d\ude00', '\ud83d', '\uf900', '～', '≥', '·',
];

describe('stableId', () => {
  it('equals its definition on any text', () => {
    fc.assert(
      fc.property(fc.array(fc.array(fc.constantFrom(...PIECES), { maxLength: 12 }).map((p) => p.join('')), { maxLength: 4 }), fc.constantFrom('m', 'mh', 't'), (parts, prefix) => {
        for (const part of parts) expect(stableId('p', part)).toBe(definedId('p', part));
        expect(stableId(prefix, ...parts)).toBe(definedId(prefix, ...parts));
        expect(stableIdOf(prefix, parts)).toBe(definedId(prefix, ...parts));
      }),
      { numRuns: 3000 },
    );
  });

  it('equals it on random Unicode strings', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 30 }), fc.string({ unit: 'grapheme', maxLength: 30 }), (a, b) => {
        expect(stableId('x', a, b)).toBe(definedId('x', a, b));
      }),
      { numRuns: 2000 },
    );
  });

  it('takes a list longer than a call may spread', () => {
    const parts = Array.from({ length: 200_000 }, (_, i) => `mh_${i}`);
    expect(stableIdOf('fp', parts)).toMatch(/^fp_[0-9a-z]{11}$/);
  });
});

describe('base36Of53', () => {
  it('equals toString(36) padded to 11 digits for every 53-bit integer', () => {
    for (const n of [0, 1, 35, 36, 1295, 1296, 2176782335, 2176782336, 2 ** 32, 2 ** 52, 2 ** 53 - 1]) {
      expect(base36Of53(n)).toBe(n.toString(36).padStart(11, '0'));
    }
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2 ** 21 - 1 }), fc.integer({ min: 0, max: 2 ** 32 - 1 }), (high, low) => {
        const n = high * 2 ** 32 + low;
        expect(base36Of53(n)).toBe(n.toString(36).padStart(11, '0'));
      }),
      { numRuns: 20000 },
    );
  });
});
