// Where an open card goes (lib/overlay/place.ts: beside the measure, never over
// its quotes), kept true while the card is open: placed before the card is
// first painted, and placed again in the same frame whenever the page scrolls
// (the window or any scrolling element), the window resizes, the page's layout
// changes size (ResizeObserver), or the overlay relays out (layoutTick).
import { useLayoutEffect, useState } from 'preact/hooks';
import { placeCard, type CardPlace } from '../lib/overlay/place.ts';

/** The card's place for these quotes and this measure head, in viewport coordinates. */
function currentPlace(ranges: readonly Range[], head: Range | null | undefined): CardPlace {
  const boxes = ranges.flatMap((r) => Array.from(r.getClientRects())).filter((r) => r.width > 0 || r.height > 0);
  const blockEl = head ? (head.startContainer.nodeType === Node.ELEMENT_NODE ? (head.startContainer as Element) : head.startContainer.parentElement)?.closest('p, li, td, div') : null;
  if (head) boxes.push(...Array.from(head.getClientRects()));
  return placeCard(boxes, blockEl ? blockEl.getBoundingClientRect() : null, document.documentElement.clientWidth, window.innerHeight);
}

const samePlace = (a: CardPlace | null, b: CardPlace): boolean =>
  !!a && a.left === b.left && a.top === b.top && a.width === b.width && a.maxHeight === b.maxHeight && a.side === b.side;

export function useCardPlace(ranges: readonly Range[], head: Range | null | undefined, layoutTick: number): CardPlace | null {
  const [place, setPlace] = useState<CardPlace | null>(null);
  // A layout effect: runs after the card is in the DOM and before the browser
  // paints it, so the card is never seen where it was not placed.
  useLayoutEffect(() => {
    const update = () => {
      const next = currentPlace(ranges, head);
      setPlace((prev) => (samePlace(prev, next) ? prev : next));
    };
    update();
    // Scroll and resize events, and ResizeObserver callbacks, run in the frame's
    // rendering steps, before its paint: the new place is painted with the move.
    // Capture: a scrolling element's scroll event does not bubble.
    addEventListener('scroll', update, { capture: true, passive: true });
    addEventListener('resize', update, { passive: true });
    const observer = typeof ResizeObserver === 'function' ? new ResizeObserver(update) : null;
    observer?.observe(document.documentElement);
    if (document.body) observer?.observe(document.body);
    return () => {
      removeEventListener('scroll', update, { capture: true });
      removeEventListener('resize', update);
      observer?.disconnect();
    };
  }, [ranges, head, layoutTick]);
  return place;
}
