// The card's place (lib/overlay/place.ts): beside the measure when there is
// room, else below or above its quotes; never over the quotes.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { intersects, placeCard, type Box } from '../../lib/overlay/place.ts';

const box = (left: number, top: number, right: number, bottom: number): Box => ({ left, top, right, bottom });

describe('placeCard', () => {
  it('goes right of the text block on a wide screen, below the quotes at 1024 px', () => {
    expect(placeCard([box(400, 100, 700, 130)], box(300, 90, 1000, 300), 1600, 900).side).toBe('right');
    const p = placeCard([box(194, 80, 860, 140)], box(162, 80, 862, 200), 1024, 768);
    expect(p.side).toBe('below');
    expect(p.top).toBeGreaterThanOrEqual(140);
  });

  it('never covers a quote, whatever the geometry', () => {
    const coord = fc.integer({ min: 0, max: 2000 });
    fc.assert(
      fc.property(fc.integer({ min: 800, max: 2560 }), fc.integer({ min: 500, max: 1440 }), fc.array(fc.tuple(coord, coord, fc.integer({ min: 1, max: 600 }), fc.integer({ min: 1, max: 60 })), { minLength: 1, maxLength: 4 }), (vw, vh, raw) => {
        const quotes = raw.map(([x, y, w, h]) => box(x % vw, y % vh, Math.min(vw, (x % vw) + w), Math.min(vh, (y % vh) + h)));
        const p = placeCard(quotes, null, vw, vh);
        const card = box(p.left, p.top, p.left + p.width, p.top + p.maxHeight);
        // Only when the quotes leave room on some side (a quote block taller than the screen cannot be avoided).
        const q = quotes.reduce((a, b) => box(Math.min(a.left, b.left), Math.min(a.top, b.top), Math.max(a.right, b.right), Math.max(a.bottom, b.bottom)));
        if (vh - q.bottom - 16 > 0 || q.top - 16 > 0 || vw - q.right - 16 >= 300 || q.left - 16 >= 300) for (const quote of quotes) expect(intersects(card, quote)).toBe(false);
      }),
      { numRuns: 500 },
    );
  });
});
