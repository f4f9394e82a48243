// Text normalisation for matching, with a map back to the page's own offsets.
//
// Plan pages arrive with full-width digits and punctuation, Word-export debris
// ([bookmark: _Toc…]), pinyin annotations pasted from reading aids (環(huán)境)
// and sometimes traditional script. The parser matches on a cleaned copy; the
// overlay must still find every measure in the original page, so each
// character of the cleaned copy records the offset of the original character
// it came from.

/** A cleaned copy of a text with a map back to the original. */
export interface NormalizedText {
  /** The text as given. */
  readonly original: string;
  /** NFKC, noise removed, optionally simplified: what the parser matches on. */
  readonly text: string;
  /** For every index of `text` (plus one past the end), the index in `original`. */
  readonly toOriginal: Int32Array;
  /** 1 for every original UTF-16 unit removed as noise (pinyin, bookmarks, \r, zero-width). */
  readonly dropped: Uint8Array;
}

export interface NormalizeOptions {
  /** Traditional → simplified converter (matching only; display keeps the original). */
  simplify?: (s: string) => string;
}

const TONE_LETTERS = 'āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜüńňǹḿ';
const PINYIN_MAX = 8;
const BOOKMARK_MAX = 200;

function isCjk(code: number): boolean {
  return (code >= 0x4e00 && code <= 0x9fff) || (code >= 0x3400 && code <= 0x4dbf) || (code >= 0xf900 && code <= 0xfaff);
}

function isPinyinLetter(ch: string): boolean {
  return (ch >= 'a' && ch <= 'z') || TONE_LETTERS.includes(ch);
}

/**
 * Length of a pinyin annotation starting at `i` (an opening bracket right after a
 * CJK character), or 0. An annotation is 1–8 lower-case pinyin letters that
 * include at least one tone-marked vowel or ü, closed by a bracket: `(huán)`.
 * Real parentheses — (CPTPP), （2020—2035年）, (de) — have no tone mark.
 */
function pinyinAnnotationLength(text: string, i: number): number {
  const open = text[i];
  if (open !== '(' && open !== '（') return 0;
  if (i === 0 || !isCjk(text.charCodeAt(i - 1))) return 0;
  let j = i + 1;
  let toned = false;
  while (j < text.length && j - i - 1 < PINYIN_MAX && isPinyinLetter(text[j]!)) {
    if (text[j]! < 'a' || text[j]! > 'z') toned = true;
    j++;
  }
  if (j === i + 1 || !toned) return 0;
  const close = text[j];
  return close === ')' || close === '）' ? j - i + 1 : 0;
}

/** Length of a Word bookmark tag `[bookmark: …]` starting at `i`, or 0. */
function bookmarkLength(text: string, i: number): number {
  if (text[i] !== '[' || !text.startsWith('bookmark:', i + 1)) return 0;
  const limit = Math.min(text.length, i + BOOKMARK_MAX);
  for (let j = i + 10; j < limit; j++) {
    const ch = text[j];
    if (ch === ']') return j - i + 1;
    if (ch === '\n' || ch === '[') return 0;
  }
  return 0;
}

/** Characters NFKC leaves alone that we still fold for matching. */
const EXTRA_FOLDS: Record<string, string> = {
  '\u3000': ' ', // NFKC folds it too; listed for clarity
  '\u00a0': ' ',
  '\uff5e': '~',
  '\u301c': '~',
  // Circled numbers number measures (①推进…): NFKC would fold ① to a bare "1" and glue it to
  // the text ("①5G产业园" → "15G产业园"); read them as the point numbers they are, "(1)".
  ...Object.fromEntries(
    [...'①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳'].map((ch, i) => [ch, `(${i + 1})`]).concat([...'❶❷❸❹❺❻❼❽❾❿'].map((ch, i) => [ch, `(${i + 1})`])),
  ),
};

/** Pages repeat the same few dozen punctuation marks: remember their folds. */
const foldCache = new Map<string, string>();
const MAX_FOLD_CACHE = 4096;

/** Fast NFKC of one code point: ASCII and unified CJK are stable and skip the call. */
function foldCodePoint(cp: string): string {
  const code = cp.charCodeAt(0);
  if (code < 0x80) return cp;
  if (code >= 0x4e00 && code <= 0x9fff) return cp;
  if (code === 0x200b || code === 0x200c || code === 0x200d || code === 0xfeff || code === 0x2060) return '';
  const known = foldCache.get(cp);
  if (known !== undefined) return known;
  const folded = EXTRA_FOLDS[cp] ?? cp.normalize('NFKC');
  if (foldCache.size >= MAX_FOLD_CACHE) foldCache.clear();
  foldCache.set(cp, folded);
  return folded;
}

/**
 * Characters normalisation may change: all but ASCII (except [ ( and \r, which
 * may open noise or be dropped), unified CJK, and punctuation NFKC keeps
 * (、。〃《》“”—). Without the u flag it finds each surrogate unit on its own.
 */
const SPECIAL_RE = /[^\x00-\x0c\x0e-\x27\x29-\x5a\x5c-\x7f\u4e00-\u9fff\u3001-\u3003\u300a\u300b\u201c\u201d\u2014]/g;

/** 0, 1, 2, …: the original offsets of a run copied as is. Kept between calls up to a bound. */
let identityCache = new Int32Array(0);
const MAX_KEPT_IDENTITY = 1 << 19;

function identityTable(length: number): Int32Array {
  if (identityCache.length >= length) return identityCache;
  const table = new Int32Array(Math.max(length, Math.min(identityCache.length * 2, MAX_KEPT_IDENTITY)));
  for (let k = 0; k < table.length; k++) table[k] = k;
  if (table.length <= MAX_KEPT_IDENTITY) identityCache = table;
  return table;
}

/** Per BMP char code: 0 not yet seen, UNCHANGED, or CHANGED (its fold is in FOLDED; '' drops it). */
const FOLD_STATE = new Uint8Array(65536);
const FOLDED = new Map<number, string>();
const UNCHANGED = 1;
const CHANGED = 2;

/** Records the fold of one BMP (non-surrogate) char code; returns its state. */
function learnFold(code: number): number {
  const ch = String.fromCharCode(code);
  const folded = foldCodePoint(ch);
  if (folded === ch) {
    FOLD_STATE[code] = UNCHANGED;
    return UNCHANGED;
  }
  FOLDED.set(code, folded);
  FOLD_STATE[code] = CHANGED;
  return CHANGED;
}

/**
 * Normalises a page text for matching: NFKC (full-width digits, letters and
 * punctuation to their ASCII forms), pinyin annotations and Word bookmarks
 * removed, \r and zero-width characters dropped, and — when a converter is
 * given — traditional script folded to simplified. Linear in the text length.
 */
export function normalizeText(original: string, options: NormalizeOptions = {}): NormalizedText {
  const dropped = new Uint8Array(original.length);
  const pieces: string[] = [];
  let map = new Int32Array(original.length + 16);
  let size = 0;
  const reserve = (count: number) => {
    if (size + count > map.length) {
      const bigger = new Int32Array(Math.max(map.length * 2, size + count + 16));
      bigger.set(map.subarray(0, size));
      map = bigger;
    }
  };
  // Offsets of a run copied unchanged are consecutive: copied from an identity table.
  const identity = identityTable(original.length);
  const pushRun = (from: number, count: number) => {
    reserve(count);
    map.set(identity.subarray(from, from + count), size);
    size += count;
  };
  const pushSameOrigin = (from: number, count: number) => {
    reserve(count);
    map.fill(from, size, size + count);
    size += count;
  };
  // Characters that pass through unchanged are copied in runs.
  let runStart = 0;
  const flush = (to: number) => {
    if (to > runStart) {
      pieces.push(original.slice(runStart, to));
      pushRun(runStart, to - runStart);
    }
  };
  let i = 0;
  while (i < original.length) {
    // Jump to the next character that may need work; the regex engine skips
    // the plain runs (ASCII, CJK, common stable punctuation) far faster than a
    // loop does before the JIT has optimised it.
    SPECIAL_RE.lastIndex = i;
    if (!SPECIAL_RE.test(original)) break;
    i = SPECIAL_RE.lastIndex - 1;
    const code = original.charCodeAt(i);
    // Other BMP characters (CJK punctuation, full-width forms): folded through a
    // table by char code, with no one-character string made per character.
    if (code >= 0x80 && (code < 0xd800 || code > 0xdfff) && code !== 0xff08) {
      const state = FOLD_STATE[code] || learnFold(code);
      if (state === UNCHANGED) {
        i++;
        continue;
      }
      const folded = FOLDED.get(code)!;
      flush(i);
      if (folded === '') dropped[i] = 1;
      else {
        pieces.push(folded);
        pushSameOrigin(i, folded.length);
      }
      i++;
      runStart = i;
      continue;
    }
    const ch = original[i]!;
    const noise = ch === '[' ? bookmarkLength(original, i) : ch === '(' || ch === '（' ? pinyinAnnotationLength(original, i) : 0;
    if (noise > 0 || ch === '\r') {
      flush(i);
      const width = noise || 1;
      dropped.fill(1, i, i + width);
      i += width;
      runStart = i;
      continue;
    }
    if (code < 0x80) {
      i++;
      continue;
    }
    const width = code >= 0xd800 && code <= 0xdbff && i + 1 < original.length ? 2 : 1;
    const cp = width === 1 ? ch : original.slice(i, i + 2);
    const folded = foldCodePoint(cp);
    if (folded === cp) {
      i += width;
      continue;
    }
    flush(i);
    if (folded === '') dropped.fill(1, i, i + width);
    else {
      pieces.push(folded);
      pushSameOrigin(i, folded.length);
    }
    i += width;
    runStart = i;
  }
  flush(original.length);
  let text = pieces.join('');
  let toOriginal = map.subarray(0, size);
  if (options.simplify) {
    const simplified = simplifyWithMap(text, options.simplify);
    if (simplified.map) {
      const composed = new Int32Array(simplified.text.length);
      for (let k = 0; k < composed.length; k++) composed[k] = toOriginal[simplified.map[k]!]!;
      toOriginal = composed;
    }
    text = simplified.text;
  }
  if (toOriginal.buffer === map.buffer && map.length > text.length) {
    // The map already has room for the end entry: no copy.
    map[text.length] = original.length;
    return { original, text, toOriginal: map.subarray(0, text.length + 1), dropped };
  }
  const withEnd = new Int32Array(text.length + 1);
  withEnd.set(toOriginal.subarray(0, text.length));
  withEnd[text.length] = original.length;
  return { original, text, toOriginal: withEnd, dropped };
}

/**
 * Applies a converter line by line. OpenCC's traditional→simplified tables map
 * one character to one character in practice; when a line's length changes we
 * convert it character by character so offsets stay exact.
 */
function simplifyWithMap(text: string, simplify: (s: string) => string): { text: string; map: number[] | null } {
  const converted = simplify(text);
  if (converted.length === text.length) return { text: converted, map: null };
  const parts: string[] = [];
  const map: number[] = [];
  let lineStart = 0;
  while (lineStart <= text.length) {
    let lineEnd = text.indexOf('\n', lineStart);
    if (lineEnd < 0) lineEnd = text.length;
    const line = text.slice(lineStart, lineEnd);
    const done = simplify(line);
    if (done.length === line.length) {
      parts.push(done);
      for (let k = 0; k < line.length; k++) map.push(lineStart + k);
    } else {
      for (let k = 0; k < line.length; k++) {
        const one = simplify(line[k]!);
        parts.push(one);
        for (let m = 0; m < one.length; m++) map.push(lineStart + k);
      }
    }
    if (lineEnd < text.length) {
      parts.push('\n');
      map.push(lineEnd);
    }
    lineStart = lineEnd + 1;
  }
  return { text: parts.join(''), map };
}

/** Original offset of a normalised offset (end offsets map to just after the last character). */
export function toOriginalOffset(n: NormalizedText, index: number): number {
  const clamped = Math.max(0, Math.min(index, n.text.length));
  return n.toOriginal[clamped]!;
}

/**
 * Original span of a normalised span [start, end): starts at the original of
 * `start`, ends just after the original of the last character.
 */
export function toOriginalSpan(n: NormalizedText, start: number, end: number): { start: number; end: number } {
  if (end <= start) {
    const at = toOriginalOffset(n, start);
    return { start: at, end: at };
  }
  const s = toOriginalOffset(n, start);
  const lastOriginal = n.toOriginal[Math.min(end, n.text.length) - 1]!;
  // A surrogate pair or a character NFKC expanded still ends after its last unit.
  let e = lastOriginal + 1;
  const code = n.original.charCodeAt(lastOriginal);
  if (code >= 0xd800 && code <= 0xdbff) e++;
  // Characters removed as noise inside the span stay inside it.
  return { start: s, end: Math.max(e, s) };
}

/** The original text of an original span with noise (pinyin, bookmarks) left out: for display. */
export function cleanOriginal(n: NormalizedText, start: number, end: number): string {
  // Most spans hold no noise: one native search of the flags instead of a loop over them
  // (this runs for every title and text a parse shows; the bench showed the loop).
  if (end <= start || n.dropped.subarray(start, end).indexOf(1) < 0) return n.original.slice(start, end);
  let result = '';
  let runStart = -1;
  for (let i = start; i < end; i++) {
    if (n.dropped[i]) {
      if (runStart >= 0) {
        result += n.original.slice(runStart, i);
        runStart = -1;
      }
    } else if (runStart < 0) {
      runStart = i;
    }
  }
  if (runStart >= 0) result += n.original.slice(runStart, end);
  return result;
}
