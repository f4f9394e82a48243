// Finding a quote in page text with white space ignored and full-/half-width
// forms folded (as ids see text: engine/ids.ts idText), so an anchor made on
// one rendering of a page is found on a re-flowed one.
import { idText } from '../ids.ts';
import type { Span } from '../types.ts';

/** The page text as ids see it, with each character's offset in the original. */
export interface Squeezed {
  text: string;
  /** Original offset where each squeezed character's code point starts. */
  starts: Int32Array;
  /** Original offset just after it. */
  ends: Int32Array;
}

const SPACE_RE = /\s/u;

export function squeeze(original: string): Squeezed {
  const chars: string[] = [];
  const starts: number[] = [];
  const ends: number[] = [];
  for (let i = 0; i < original.length; ) {
    const code = original.codePointAt(i)!;
    const width = code > 0xffff ? 2 : 1;
    const ch = original.slice(i, i + width);
    if (!SPACE_RE.test(ch)) {
      const folded = ch.normalize('NFKC').replace(/\s+/gu, '');
      for (const c of folded) {
        for (let k = 0; k < c.length; k++) {
          chars.push(c[k]!);
          starts.push(i);
          ends.push(i + width);
        }
      }
    }
    i += width;
  }
  return { text: chars.join(''), starts: Int32Array.from(starts), ends: Int32Array.from(ends) };
}

/** First squeezed index whose original start is at or after `offset`. */
function squeezedAt(sq: Squeezed, offset: number): number {
  let lo = 0;
  let hi = sq.starts.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sq.starts[mid]! < offset) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * The original span of the `occurrence`-th match (1-based) of `quote` inside
 * `within` (the whole text when omitted); null when it is not there.
 */
export function findQuote(sq: Squeezed, quote: string, within?: Span, occurrence = 1): Span | null {
  const needle = idText(quote);
  if (!needle) return null;
  const from = within ? squeezedAt(sq, within.start) : 0;
  const to = within ? squeezedAt(sq, within.end) : sq.text.length;
  let at = from - 1;
  for (let n = 0; n < occurrence; n++) {
    at = sq.text.indexOf(needle, at + 1);
    if (at < 0 || at + needle.length > to) return null;
  }
  return { start: sq.starts[at]!, end: sq.ends[at + needle.length - 1]! };
}

/** True when `quote` (white space ignored) occurs in `text`. */
export function containsQuote(text: string, quote: string): boolean {
  const needle = idText(quote);
  return needle.length > 0 && idText(text).includes(needle);
}
