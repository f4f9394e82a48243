// Bytes of a saved page to text. Government pages come as UTF-8, GBK/GB18030
// or Big5, sometimes with a BOM or as UTF-16, sometimes cut mid-character.
// Order: a byte-order mark decides; else the charset an HTML page declares;
// else strict UTF-8; else GB18030 or Big5, whichever reads more common
// characters (seeds/encoding-hints.json); else the best of them with the
// undecodable bytes replaced and a warning (a stray byte must not cost the
// whole page). Lone CR line ends (old Mac files) become LF, one for one, so
// offsets into the text are unchanged.
import hints from '../../seeds/encoding-hints.json';

export interface Decoded {
  text: string;
  /** The encoding used (a WHATWG label). */
  encoding: string;
  /** What the reader should know (bytes replaced, a declared charset that did not fit). */
  warnings: string[];
}

export class DecodeError extends Error {
  /** What was wrong, for a caller that says it in the user's language: a binary file, or `bad` undecodable bytes. */
  constructor(message: string, readonly kind: 'binary' | 'notText' = 'binary', readonly bad = 0) {
    super(message);
  }
}

/** Share of replaced characters above which the bytes are not text in any encoding we know. */
const MAX_REPLACED = 0.01;
const COMMON = new Set(Array.from(hints.common));
/** How many common characters one undecodable byte outweighs. */
const BAD_BYTE_WEIGHT = 20;

function decode(bytes: Uint8Array, encoding: string, fatal: boolean): string | null {
  try {
    return new TextDecoder(encoding, { fatal }).decode(bytes);
  } catch {
    return null;
  }
}

function replacements(text: string): number {
  let n = 0;
  for (let i = text.indexOf('\ufffd'); i >= 0; i = text.indexOf('\ufffd', i + 1)) n++;
  return n;
}

/**
 * Bytes Node's Big5 decoder drops without a replacement character (0x80 and
 * 0xFF are neither lead nor trail bytes in Big5): counted as undecodable, or a
 * stray byte in a Big5 page would vanish with no warning.
 */
function droppedByBig5(bytes: Uint8Array): number {
  let n = 0;
  for (const b of bytes) if (b === 0x80 || b === 0xff) n++;
  return n;
}

/** How many common Chinese characters a decoding reads (the right one reads many). */
function commonScore(text: string): number {
  let n = 0;
  for (const ch of text) if (COMMON.has(ch)) n++;
  return n;
}

/** The charset an HTML page declares in its first 4 KB (`<meta charset>` or http-equiv), as a label TextDecoder knows. */
export function declaredCharset(bytes: Uint8Array): string | null {
  const head = new TextDecoder('latin1').decode(bytes.subarray(0, 4096));
  const m = /<meta[^>]+charset\s*=\s*["']?\s*([\w-]+)/iu.exec(head);
  if (!m) return null;
  const label = m[1]!;
  try {
    // TextDecoder reads labels in any case and gives the canonical name.
    return new TextDecoder(label).encoding;
  } catch {
    return null;
  }
}

function finish(text: string, encoding: string, warnings: string[]): Decoded {
  // TextDecoder drops a UTF-8 or UTF-16 BOM itself; GB18030 has its own (84 31 95 33), which it keeps.
  const t = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  return { text: t.replace(/\r(?!\n)/gu, '\n'), encoding, warnings };
}

export function decodeBytes(bytes: Uint8Array): Decoded {
  const warnings: string[] = [];
  // 1. A byte-order mark.
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return finish(new TextDecoder('utf-8').decode(bytes), 'utf-8', warnings);
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return finish(new TextDecoder('utf-16le').decode(bytes), 'utf-16le', warnings);
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return finish(new TextDecoder('utf-16be').decode(bytes), 'utf-16be', warnings);
  if (bytes.includes(0)) throw new DecodeError('binary file (contains NUL bytes and no UTF-16 byte-order mark), expected a .txt or .html plan page');
  // 2. The charset the page declares (gb2312 and gbk are read as their superset GB18030).
  const declared = declaredCharset(bytes);
  if (declared) {
    const encoding = declared === 'gbk' ? 'gb18030' : declared;
    const strict = decode(bytes, encoding, true);
    if (strict !== null) return finish(strict, encoding, warnings);
    warnings.push(`the page declares charset ${declared} but does not fully decode as it`);
  }
  // 3. Strict UTF-8; else the encoding that reads the most common Chinese
  // characters, each undecodable byte counting against it (a Big5 decoder
  // "reads" GBK bytes without an error, into rare characters).
  const utf8 = decode(bytes, 'utf-8', true);
  if (utf8 !== null) return finish(utf8, 'utf-8', warnings);
  const candidates = ['gb18030', 'big5', 'utf-8'].map((e) => {
    const text = decode(bytes, e, false)!;
    const bad = replacements(text) + (e === 'big5' ? droppedByBig5(bytes) : 0);
    return { encoding: e, text, bad, score: commonScore(text) - BAD_BYTE_WEIGHT * bad };
  });
  const best = candidates.reduce((a, b) => (b.score > a.score ? b : a));
  if (best.bad === 0) return finish(best.text, best.encoding, warnings);
  // 4. No encoding reads every byte: the closest one, bytes replaced, said plainly.
  if (best.bad / Math.max(1, best.text.length) > MAX_REPLACED) {
    throw new DecodeError(`not a text file (${best.bad} bytes are not valid UTF-8, GB18030 or Big5)`, 'notText', best.bad);
  }
  warnings.push(`${best.bad} byte${best.bad === 1 ? '' : 's'} could not be decoded as ${best.encoding} and ${best.bad === 1 ? 'was' : 'were'} replaced by �; the rest of the page is read`);
  return finish(best.text, best.encoding, warnings);
}
