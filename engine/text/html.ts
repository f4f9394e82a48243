// Saved .html page → the text a reader sees (the same text the content script
// reads from the live page), its <title>, and entity decoding.

import { parseHTML } from 'linkedom';
import { readDomText, type DomNode } from './dom-text.ts';

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

/**
 * Converts a saved page to the text a reader sees, through a real HTML parser
 * (linkedom) and the same DOM reader the extension runs on the live page
 * (dom-text.ts): blocks are lines, a layout table's cells are blocks, a data
 * table's rows are lines of tab-joined cells. Node only (the CLI and tests):
 * the extension reads the live DOM instead.
 */
export function htmlToText(html: string): string {
  const { document } = parseHTML(html.includes('<html') || html.includes('<HTML') ? html : `<!doctype html><html><body>${html}</body></html>`);
  // From the root element: a saved page's stray markup can leave its text outside <body> (the <head> is skipped).
  const root: DomNode | null = document.documentElement;
  if (!root) return '';
  return tidyLines(readDomText(root).text);
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
