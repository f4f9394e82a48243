// The page's visible text as one string, with a map from every character back
// to the DOM text node it came from. The parser sees the string; the overlay
// turns the parser's spans back into DOM Ranges (text-position anchoring, as
// annotation tools do), with a quote search as the fallback when the page
// changed since it was read.
import { readDomTextSlices, type DomText } from '../engine/text/dom-text.ts';
import { drainPaced } from './pace.ts';

export type PageText = DomText<Text>;

/**
 * Reads the visible text under root in slices (engine/text/dom-text.ts: the
 * same reader the CLI runs over a saved page, so both see the same text).
 */
export function readPageTextSlices(root: Node, slice = 2000): Generator<void, PageText> {
  return readDomTextSlices<Text>(root, slice);
}

/** Reads the visible text under root in one go (see readPageTextSlices). */
export function readPageText(root: Node = document.body): PageText {
  const it = readPageTextSlices(root, Number.MAX_SAFE_INTEGER);
  for (;;) {
    const r = it.next();
    if (r.done) return r.value;
  }
}

/** Reads the page text, pausing for the page after each slice of about `budgetMs`. */
export async function readPageTextPaced(root: Node, pause: () => Promise<void>, budgetMs = 8): Promise<PageText> {
  return drainPaced(readPageTextSlices(root, 500), pause, budgetMs);
}

/** Index of the last node starting at or before offset. */
function nodeIndexAt(map: PageText, offset: number): number {
  let lo = 0;
  let hi = map.starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (map.starts[mid]! <= offset) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/** The DOM position of a text offset (a separator maps to the start of the next node). */
export function domPosition(map: PageText, offset: number, bias: 'start' | 'end'): { node: Text; offset: number } | null {
  if (map.nodes.length === 0) return null;
  if (bias === 'end') {
    // An end offset is exclusive: anchor after the character before it.
    const i = nodeIndexAt(map, Math.max(0, offset - 1));
    const node = map.nodes[i]!;
    const within = Math.min(node.data.length, Math.max(0, offset - map.starts[i]!));
    return { node, offset: within };
  }
  let i = nodeIndexAt(map, offset);
  let node = map.nodes[i]!;
  let within = offset - map.starts[i]!;
  if (within >= node.data.length && i + 1 < map.nodes.length) {
    i += 1;
    node = map.nodes[i]!;
    within = 0;
  }
  return { node, offset: Math.min(within, node.data.length) };
}

/** A DOM Range for [start, end) of the page text, or null when the nodes are gone. */
export function rangeFor(map: PageText, start: number, end: number, doc: Document = document): Range | null {
  if (end <= start) return null;
  const a = domPosition(map, start, 'start');
  const b = domPosition(map, end, 'end');
  if (!a || !b || !a.node.isConnected || !b.node.isConnected) return null;
  const range = doc.createRange();
  try {
    range.setStart(a.node, a.offset);
    range.setEnd(b.node, b.offset);
  } catch {
    return null;
  }
  return range.collapsed ? null : range;
}

/**
 * Where quote occurs in text: exact first, then ignoring white space (pages
 * re-wrap lines). `near` prefers the occurrence closest to an expected offset.
 */
export function findQuote(text: string, quote: string, near = 0): { start: number; end: number } | null {
  const q = quote.trim();
  if (!q) return null;
  const best = nearestIndexOf(text, q, near);
  if (best !== -1) return { start: best, end: best + q.length };
  // White-space-insensitive search over a compacted copy with an offset map.
  const compactQ = q.replace(/\s+/gu, '');
  if (!compactQ) return null;
  const { compact, map } = compacted(text);
  const at = compact.indexOf(compactQ);
  if (at === -1) return null;
  return { start: map[at]!, end: map[at + compactQ.length - 1]! + 1 };
}

/**
 * The occurrence of q closest to `near` (the earlier one on a tie), searching
 * outwards from `near`: a page of thousands of measures, each looked up near
 * the last one found, never rescans the text from its start.
 */
export function nearestIndexOf(text: string, q: string, near: number): number {
  const from = Math.max(0, Math.min(near, text.length));
  const after = text.indexOf(q, from);
  if (after === from) return after;
  // Only an occurrence before `near` that is strictly closer can win: search just that window.
  const reach = after === -1 ? from : after - from;
  const windowStart = Math.max(0, from - reach - q.length);
  const before = text.slice(windowStart, from + q.length - 1).lastIndexOf(q);
  if (before !== -1 && windowStart + before < from) {
    const at = windowStart + before;
    if (after === -1 || from - at <= after - from) return at;
  }
  return after;
}

let lastCompacted: { text: string; compact: string; map: Int32Array } | null = null;

/** The text without white space and where each kept character was (cached for the last text). */
function compacted(text: string): { compact: string; map: Int32Array } {
  if (lastCompacted?.text === text) return lastCompacted;
  const map = new Int32Array(text.length);
  const parts: string[] = [];
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 32 || c === 10 || c === 9 || c === 13 || c === 12 || c === 0xa0 || c === 0x3000) continue;
    map[n++] = i;
    parts.push(text[i]!);
  }
  lastCompacted = { text, compact: parts.join(''), map: map.subarray(0, n) };
  return lastCompacted;
}

/** True when the text at span still reads as the quote (the page has not changed there). */
export function spanMatches(text: string, span: { start: number; end: number }, quote: string): boolean {
  if (span.start < 0 || span.end > text.length || span.end <= span.start) return false;
  const head = quote.replace(/\s+/gu, '').slice(0, 12);
  const at = text.slice(span.start, Math.min(span.end, span.start + quote.length + 40)).replace(/\s+/gu, '');
  return head.length > 0 && at.includes(head);
}
