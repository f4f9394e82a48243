// Where the overlay's card and panel go so that they never cover what the
// user is reading: the card beside the measure (right or left of its text
// block when there is room), else below or above its highlighted quotes,
// never over them. Pure geometry (viewport coordinates), unit-tested.

export interface Box {
  left: number;
  top: number;
  right: number;
  bottom: number;
}

export interface CardPlace {
  left: number;
  top: number;
  width: number;
  maxHeight: number;
  /** Which side of the measure the card took. */
  side: 'right' | 'left' | 'below' | 'above';
}

export const CARD_WIDTH = 380;
const MIN_WIDTH = 300;
const MIN_HEIGHT = 180;
const GAP = 8;

/**
 * The card's place given the quotes' boxes (what must stay visible), the
 * measure's text block and the viewport size.
 */
export function placeCard(quotes: readonly Box[], block: Box | null, vw: number, vh: number): CardPlace {
  const q = union(quotes) ?? block ?? { left: 0, top: 0, right: 0, bottom: 0 };
  const b = block ?? q;
  const right = vw - Math.max(b.right, q.right) - 2 * GAP;
  if (right >= MIN_WIDTH) {
    const width = Math.min(CARD_WIDTH, right);
    return { left: vw - GAP - width, top: GAP, width, maxHeight: vh - 2 * GAP, side: 'right' };
  }
  const left = Math.min(b.left, q.left) - 2 * GAP;
  if (left >= MIN_WIDTH) {
    const width = Math.min(CARD_WIDTH, left);
    return { left: GAP, top: GAP, width, maxHeight: vh - 2 * GAP, side: 'left' };
  }
  const width = Math.min(CARD_WIDTH, vw - 2 * GAP);
  // Horizontally: over the text block's right part, inside the viewport.
  const x = Math.max(GAP, Math.min(vw - GAP - width, Math.max(b.right, q.right) - width));
  const below = vh - q.bottom - 2 * GAP;
  const above = q.top - 2 * GAP;
  if (below >= MIN_HEIGHT || below >= above) return { left: x, top: Math.max(GAP, q.bottom + GAP), width, maxHeight: Math.max(MIN_HEIGHT / 2, below), side: 'below' };
  return { left: x, top: GAP, width, maxHeight: above, side: 'above' };
}

function union(boxes: readonly Box[]): Box | null {
  if (boxes.length === 0) return null;
  return boxes.reduce((a, b) => ({ left: Math.min(a.left, b.left), top: Math.min(a.top, b.top), right: Math.max(a.right, b.right), bottom: Math.max(a.bottom, b.bottom) }));
}

/** True when two boxes overlap (touching edges do not). */
export function intersects(a: Box, b: Box): boolean {
  return a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;
}
