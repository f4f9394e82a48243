// Saved .html page → the text a reader sees, with a line break at every block
// boundary (the same shape the content script gets from the live page).
// Pure string scanning: no DOM, nothing evaluated, linear in the input.

/** Elements whose start and end break the line. */
const BLOCK_TAGS = new Set([
  'address', 'article', 'aside', 'blockquote', 'body', 'caption', 'center', 'dd', 'details', 'dialog', 'dir', 'div', 'dl', 'dt',
  'fieldset', 'figcaption', 'figure', 'footer', 'form', 'frame', 'frameset', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'header', 'hgroup',
  'hr', 'html', 'legend', 'li', 'main', 'menu', 'nav', 'ol', 'p', 'pre', 'section', 'summary', 'table', 'tbody', 'tfoot', 'thead', 'ul',
  'option', 'select', 'textarea', 'title',
]);

/** Elements whose content is never shown. */
const HIDDEN_TAGS = new Set(['script', 'style', 'noscript', 'template', 'svg', 'math', 'iframe', 'object', 'head']);

const NAMED_ENTITIES: Record<string, string> = {
  amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0', ensp: '\u2002', emsp: '\u2003', thinsp: '\u2009',
  ldquo: '\u201c', rdquo: '\u201d', lsquo: '\u2018', rsquo: '\u2019', mdash: '\u2014', ndash: '\u2013', hellip: '\u2026',
  middot: '\u00b7', times: '\u00d7', divide: '\u00f7', yen: '\u00a5', copy: '\u00a9', reg: '\u00ae', deg: '\u00b0',
  plusmn: '\u00b1', permil: '\u2030', ge: '\u2265', le: '\u2264', laquo: '\u00ab', raquo: '\u00bb', bull: '\u2022',
  zwj: '', zwnj: '', shy: '', lrm: '', rlm: '',
};

/** Decodes HTML character references (&amp; &#20013; &#x4e2d;); unknown ones stay as written. */
export function decodeEntities(text: string): string {
  if (!text.includes('&')) return text;
  return text.replace(/&(#[xX][0-9a-fA-F]{1,6}|#[0-9]{1,7}|[a-zA-Z][a-zA-Z0-9]{1,31});?/gu, (whole, body: string) => {
    if (body[0] === '#') {
      const code = body[1] === 'x' || body[1] === 'X' ? parseInt(body.slice(2), 16) : parseInt(body.slice(1), 10);
      if (!Number.isFinite(code) || code <= 0 || code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff)) return '\ufffd';
      return String.fromCodePoint(code);
    }
    const named = NAMED_ENTITIES[body] ?? NAMED_ENTITIES[body.toLowerCase()];
    return named ?? whole;
  });
}

/** Tag name at `i` (just after `<` or `</`), lower-cased, and where it ends. */
function readTagName(html: string, i: number): { name: string; end: number } {
  let j = i;
  while (j < html.length) {
    const c = html.charCodeAt(j);
    const isLetter = (c >= 97 && c <= 122) || (c >= 65 && c <= 90);
    // A tag name starts with a letter ("<5%" is text).
    const isNameChar = isLetter || (j > i && ((c >= 48 && c <= 57) || c === 45 || c === 58));
    if (!isNameChar) break;
    j++;
  }
  return { name: html.slice(i, j).toLowerCase(), end: j };
}

/** Index just past the `>` that closes a tag opened at `i`, honouring quoted attribute values. */
function skipTag(html: string, i: number): number {
  let quote = '';
  for (let j = i; j < html.length; j++) {
    const ch = html[j]!;
    if (quote) {
      if (ch === quote) quote = '';
    } else if (ch === '"' || ch === "'") {
      quote = ch;
    } else if (ch === '>') {
      return j + 1;
    }
  }
  return html.length;
}

/** Index just past the end tag `</name …>` at or after `i`, case-insensitive; end of input when missing. */
function skipToEndTag(html: string, lowerHtml: string, i: number, name: string): number {
  const at = lowerHtml.indexOf(`</${name}`, i);
  if (at < 0) return html.length;
  return skipTag(html, at);
}

/**
 * Converts HTML to visible text: block elements and <br> become line breaks,
 * each table row becomes one line with its cells joined by a tab, entities are
 * decoded, script/style/head content is dropped, runs of white space collapse
 * to one space (as a browser renders them) and empty lines are dropped.
 */
export function htmlToText(html: string): string {
  const lowerHtml = html.toLowerCase();
  const pieces: string[] = [];
  let cellsInRow = 0;
  let inCell = false;
  let preDepth = 0;
  let i = 0;
  const pushText = (raw: string) => {
    if (!raw) return;
    const decoded = decodeEntities(raw);
    pieces.push(preDepth > 0 ? decoded : decoded.replace(/[ \t\r\n\f]+/gu, ' '));
  };
  while (i < html.length) {
    const lt = html.indexOf('<', i);
    if (lt < 0) {
      pushText(html.slice(i));
      break;
    }
    pushText(html.slice(i, lt));
    if (html.startsWith('<!--', lt)) {
      const end = html.indexOf('-->', lt + 4);
      i = end < 0 ? html.length : end + 3;
      continue;
    }
    if (html[lt + 1] === '!' || html[lt + 1] === '?') {
      i = skipTag(html, lt + 1);
      continue;
    }
    const closing = html[lt + 1] === '/';
    const { name, end: nameEnd } = readTagName(html, lt + (closing ? 2 : 1));
    if (!name) {
      // A lone "<" in text, e.g. "<5%".
      pushText('<');
      i = lt + 1;
      continue;
    }
    const tagEnd = skipTag(html, nameEnd);
    i = tagEnd;
    if (!closing && HIDDEN_TAGS.has(name)) {
      const selfClosed = html[tagEnd - 2] === '/';
      if (!selfClosed) i = skipToEndTag(html, lowerHtml, tagEnd, name);
      continue;
    }
    if (name === 'br') {
      // Inside a table cell a break would split the row: keep the row on one line.
      pieces.push(inCell ? ' ' : '\n');
    } else if (name === 'tr' || name === 'table') {
      pieces.push('\n');
      cellsInRow = 0;
      inCell = false;
    } else if (name === 'td' || name === 'th') {
      if (!closing) {
        if (cellsInRow > 0) pieces.push('\t');
        cellsInRow++;
      }
      inCell = !closing;
    } else if (name === 'pre') {
      preDepth = Math.max(0, preDepth + (closing ? -1 : 1));
      pieces.push(inCell ? ' ' : '\n');
    } else if (BLOCK_TAGS.has(name)) {
      pieces.push(inCell ? ' ' : '\n');
    }
  }
  return tidyLines(pieces.join(''));
}

/** Trims spaces around line breaks and inside table rows; drops empty lines (one '\n' per block boundary). */
function tidyLines(text: string): string {
  const out: string[] = [];
  for (const raw of text.split('\n')) {
    const line = raw.includes('\t') ? raw.split('\t').map((cell) => cell.trim()).join('\t') : raw.trim();
    if (line.replace(/\t/gu, '').trim()) out.push(line);
  }
  return out.join('\n');
}

/** The <title> of a saved page, entities decoded, or ''. */
export function htmlTitle(html: string): string {
  const lower = html.toLowerCase();
  const open = lower.indexOf('<title');
  if (open < 0) return '';
  const start = skipTag(html, open + 6);
  const close = lower.indexOf('</title', start);
  if (close < 0) return '';
  return decodeEntities(html.slice(start, close)).replace(/\s+/gu, ' ').trim();
}

/** True when a text looks like HTML markup rather than plain text. */
export function looksLikeHtml(text: string): boolean {
  const head = text.slice(0, 2048).toLowerCase();
  return /<!doctype html|<html[\s>]|<head[\s>]|<body[\s>]|<meta[\s>]|<div[\s>]|<p[\s>]|<table[\s>]/u.test(head);
}
