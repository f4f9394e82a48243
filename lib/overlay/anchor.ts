// Turns a plan's measures into DOM Ranges on the live page and places badges
// beside them: all positions are read in one pass, then written in one pass,
// so a long page lays out once, not once per badge.
import type { Measure, Plan, Target } from '../../engine/types.ts';
import { findQuote, rangeFor, spanMatches, type PageText } from '../page-text.ts';
import { measureKey } from '../keys.ts';
import { drainPaced, Pacer } from '../pace.ts';

export interface MeasureAnchor {
  measureId: string;
  /** Where the measure's text is in the page text, or null when not found. */
  span: { start: number; end: number } | null;
  /** A short range over the measure's first characters (badge position). */
  head: Range | null;
}

/** Length of the range used to place a badge: the opening words of the measure. */
const HEAD_CHARS = 8;

/**
 * Finds every measure of `stored` in the page: through the page plan's span
 * for the same measure text when it still reads right, else by quote.
 */
export function anchorMeasures(map: PageText, pagePlan: Plan, stored: Plan): MeasureAnchor[] {
  const it = anchorSlices(map, pagePlan, stored, Number.MAX_SAFE_INTEGER);
  for (;;) {
    const r = it.next();
    if (r.done) return r.value;
  }
}

/** anchorMeasures with a pause every few milliseconds (thousands of measures, no long task). */
export async function anchorMeasuresPaced(map: PageText, pagePlan: Plan, stored: Plan, pause: () => Promise<void>, budgetMs = 8): Promise<MeasureAnchor[]> {
  // A time check every few measures: one measure's quote search can take a while on a 10 MB page.
  return drainPaced(anchorSlices(map, pagePlan, stored, 4), pause, budgetMs);
}

function* anchorSlices(map: PageText, pagePlan: Plan, stored: Plan, slice: number): Generator<void, MeasureAnchor[]> {
  const byKey = new Map<string, Measure>();
  for (const m of pagePlan.measures) byKey.set(measureKey(m.text), m);
  const byId = new Map(pagePlan.measures.map((m) => [m.id, m]));
  let cursor = 0;
  const out: MeasureAnchor[] = [];
  for (const [i, m] of stored.measures.entries()) {
    if (i > 0 && i % slice === 0) yield;
    const pm = byId.get(m.id) ?? byKey.get(measureKey(m.text));
    let span: { start: number; end: number } | null = null;
    if (pm && spanMatches(map.text, pm.span, pm.quote)) span = pm.span;
    else span = findQuote(map.text, m.quote || m.text.slice(0, 30), cursor);
    if (span) cursor = span.start;
    const head = span ? rangeFor(map, span.start, Math.min(span.end, firstLineEnd(map.text, span.start, HEAD_CHARS))) : null;
    out.push({ measureId: m.id, span, head });
  }
  return out;
}

function firstLineEnd(text: string, start: number, max: number): number {
  // Skip leading white space so the range starts on visible text.
  let s = start;
  while (s < text.length && /\s/u.test(text[s]!)) s++;
  const nl = text.indexOf('\n', s);
  const end = s + max;
  return nl === -1 ? end : Math.min(end, Math.max(nl, s + 1));
}

/** Ranges of a target's quote on the page, found near its measure. */
export function targetRange(map: PageText, pagePlan: Plan | null, target: Target, near: number): Range | null {
  if (pagePlan) {
    for (const m of pagePlan.measures) {
      const t = m.targets.find((x) => x.id === target.id);
      if (t && map.text.slice(t.span.start, t.span.end) === t.quote) return rangeFor(map, t.span.start, t.span.end);
    }
  }
  const at = findQuote(map.text, target.quote, near);
  return at ? rangeFor(map, at.start, at.end) : null;
}

export interface Position {
  x: number;
  y: number;
  /** No margin left of the measure's block: the badge would cover text until the overlay makes a gutter. */
  noRoom?: boolean;
}

/** Width of a badge in CSS pixels (fixed, so placing needs no measuring of our own nodes). */
export const BADGE_WIDTH = 104;
export const BADGE_HEIGHT = 22;

/** Read pass: page positions of all anchors (no writes in here). */
export function readPositions(anchors: readonly MeasureAnchor[]): (Position | null)[] {
  return anchors.map(readPosition);
}

/**
 * The read pass in slices, pausing between them; resolves to null when
 * `cancelled()` turns true (a newer pass started). Reads only: the caller
 * writes all positions afterwards in one pass.
 */
export async function readPositionsPaced(anchors: readonly MeasureAnchor[], pause: () => Promise<void>, cancelled: () => boolean, budgetMs = 8): Promise<(Position | null)[] | null> {
  const out: (Position | null)[] = [];
  const pacer = new Pacer(pause, budgetMs);
  for (const a of anchors) {
    out.push(readPosition(a));
    if (pacer.due) {
      await pacer.rest();
      if (cancelled()) return null;
    }
  }
  return out;
}

function readPosition(a: MeasureAnchor): Position | null {
  const sx = window.scrollX;
  const sy = window.scrollY;
  if (!a.head || !a.head.startContainer.isConnected) return null;
  const rect = a.head.getClientRects()[0] ?? a.head.getBoundingClientRect();
  if (!rect || (rect.width === 0 && rect.height === 0)) return null;
  // Left of the measure's text block (a paragraph's indent, a table's first
  // column), not of its first characters: the badge then sits in the margin
  // beside the block and never on another line's or another cell's text.
  const left = Math.min(rect.left, blockLeft(a.head.startContainer) ?? rect.left);
  const x = left + sx - BADGE_WIDTH - 6;
  const y = rect.top + sy + (rect.height - BADGE_HEIGHT) / 2;
  if (x < 2) {
    // No margin wide enough: the overlay makes a gutter (see needsGutter) and places again.
    return { x: Math.round(Math.max(2, left + sx)), y: Math.round(Math.max(0, rect.top + sy - BADGE_HEIGHT - 1)), noRoom: true };
  }
  return { x: Math.round(x), y: Math.round(Math.max(0, y)) };
}

/** Left edge of the block a measure's text sits in: its table when in a cell, else its paragraph-like ancestor. */
function blockLeft(node: Node): number | null {
  const el = node.nodeType === Node.ELEMENT_NODE ? (node as Element) : node.parentElement;
  if (!el) return null;
  const block = el.closest('td, th')?.closest('table') ?? el.closest('p, li, dd, dt, blockquote, h1, h2, h3, h4, h5, h6, pre, div');
  return block ? block.getBoundingClientRect().left : null;
}

/** Width of the gutter the overlay adds at the page's left when the page has no margin for badges. */
export const GUTTER_WIDTH = BADGE_WIDTH + 14;

/** True when some badge found no margin to sit in. */
export function needsGutter(positions: readonly (Position | null)[]): boolean {
  return positions.some((p) => p?.noRoom === true);
}

/** Write pass: moves badges; no reads in here. */
export function writePositions(badges: readonly (HTMLElement | null | undefined)[], positions: readonly (Position | null)[]): void {
  for (let i = 0; i < badges.length; i++) {
    const el = badges[i];
    if (!el) continue;
    const p = positions[i];
    if (p) {
      el.style.transform = `translate(${p.x}px, ${p.y}px)`;
      el.style.visibility = 'visible';
    } else {
      el.style.visibility = 'hidden';
    }
  }
}
