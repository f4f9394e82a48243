import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { nearestIndexOf } from '../../lib/page-text.ts';

/** The obvious definition: every occurrence, the closest to `near`, the earlier on a tie. */
function nearestByScan(text: string, q: string, near: number): number {
  let best = -1;
  for (let i = text.indexOf(q); i !== -1; i = text.indexOf(q, i + 1)) {
    if (best === -1 || Math.abs(i - near) < Math.abs(best - near)) best = i;
  }
  return best;
}

describe('nearestIndexOf (anchoring a measure quote near where the last one was found)', () => {
  it('finds the occurrence closest to the hint, the earlier on a tie', () => {
    const text = 'ab..ab....ab';
    expect(nearestIndexOf(text, 'ab', 0)).toBe(0);
    expect(nearestIndexOf(text, 'ab', 5)).toBe(4);
    expect(nearestIndexOf(text, 'ab', 8)).toBe(10);
    expect(nearestIndexOf(text, 'ab', 7)).toBe(4); // 3 before, 3 after: the earlier
    expect(nearestIndexOf(text, 'zz', 3)).toBe(-1);
  });

  it('agrees with a full scan on any text, query and hint', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom('a', 'b', '甲'), maxLength: 60 }), fc.string({ unit: fc.constantFrom('a', 'b', '甲'), minLength: 1, maxLength: 3 }), fc.nat(70), (text, q, near) => {
        const hint = Math.min(near, text.length);
        expect(nearestIndexOf(text, q, hint)).toBe(nearestByScan(text, q, hint));
      }),
      { numRuns: 3000 },
    );
  });
});
