// Line-level reading of a normalised page: every line gets one kind, decided
// by its own first characters. Everything downstream (plans, sections,
// measures) works on these lines, which keeps the parser linear.

import type { OwnerNote } from './owners.ts';

export type LineKind =
  | 'blank'
  | 'chrome' // page furniture: 索引号/发布机构/打印/字体/浏览次数/分享到 …
  | 'toc' // table-of-contents entry ending in a page number
  | 'pageno' // a lone page number (I, II, - 3 -)
  | 'section' // 一、… / 第一章 …
  | 'subsection' // (一)…
  | 'item' // 1. / 1、 / 1, … (full-width forms are already folded)
  | 'subitem' // (1)… — a point inside a measure
  | 'article' // 第N条 of a regulation
  | 'box' // 专栏N …: a boxed project list
  | 'dash' // ——… lines of a box or a list of paths
  | 'cell' // one cell of a Word-exported table (line starts with a tab)
  | 'row' // a table row with tab-separated cells (from HTML <table>)
  | 'embed' // 《X》重要内容如下: — a plan quoted inside a larger page
  | 'text';

export interface Line {
  /** 0-based line number. */
  index: number;
  /** Offsets of the trimmed line in the normalised text. */
  start: number;
  end: number;
  /** The trimmed line. */
  text: string;
  kind: LineKind;
  /** Number as written (without its mark) for numbered kinds. */
  number: string;
  /** Numeric value of the number (一 → 1, 12 → 12); 0 when none. */
  value: number;
  /** Offset in the normalised text where the content after the number starts. */
  bodyStart: number;
  /** The raw line started with a tab (Word table cell). */
  tabbed: boolean;
  /**
   * What structure.ts read from this line, kept for the rest of the parse: one
   * parse reads the same lines several times (each quoted block, then the main
   * document, two passes each). Made on first read: most lines never need it.
   */
  memo: { ownerNote?: OwnerNote | null; heading?: { title: string; note: OwnerNote | null } } | undefined;
}

const CN_DIGITS: Record<string, number> = { 零: 0, 〇: 0, 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };

/** CN_DIGITS by char code. */
const CN_DIGIT_VALUE: Map<number, number> = new Map(Object.entries(CN_DIGITS).map(([ch, v]) => [ch.charCodeAt(0), v]));

/** Value of a Chinese numeral up to 999 (十七 → 17, 二十三 → 23); 0 when not one. */
export function chineseNumeralValue(text: string): number {
  if (!text) return 0;
  let total = 0;
  let current = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    const digit = CN_DIGIT_VALUE.get(code);
    if (digit !== undefined) {
      current = digit;
    } else if (code === 0x5341) {
      // 十
      total += (current || 1) * 10;
      current = 0;
    } else if (code === 0x767e) {
      // 百
      total += (current || 1) * 100;
      current = 0;
    } else {
      return 0;
    }
  }
  return total + current;
}

const CN_NUM = '[一二三四五六七八九十百零〇两]';
const SECTION_RE = new RegExp(`^(${CN_NUM}{1,4})\\s*[、.]\\s*`, 'u');
const CHAPTER_RE = new RegExp(`^第(${CN_NUM}{1,4}|\\d{1,3})\\s*(?:章|部分|篇)\\s*`, 'u');
const SUBSECTION_RE = new RegExp(`^\\((${CN_NUM}{1,4})\\)\\s*`, 'u');
const ARTICLE_RE = new RegExp(`^第(${CN_NUM}{1,5}|\\d{1,4})\\s*条`, 'u');
/** 1. 1、 1, — a number of at most 3 digits, a mark, and not a decimal (1.8万家). */
// Up to five digits: plans of thousands of measures exist (a list is never started at 1000+: see structure.ts).
const ITEM_RE = /^(\d{1,5})\s*[.、,](?!\d)\s*/u;
const SUBITEM_RE = /^\((\d{1,3})\)\s*/u;
const BOX_RE = /^专栏\s*\d{0,3}\s*[::]?/u;
const DASH_RE = /^(?:——|--|—\s)/u;
/** A table-of-contents entry: a heading, then tab or dot leaders, then a page number. */
const TOC_RE = /^(\S.{0,70}?)(?:\t+\s*|\s*[.…·]{3,}\s*)\d{1,3}$/u;
const PAGENO_RE = /^(?:-\s*\d{1,3}\s*-|\d{1,3}|[IVXivx]{1,5}|第\s*\d{1,3}\s*页(?:\s*共\s*\d{1,3}\s*页)?)$/u;
const EMBED_RE = /^(?:附[::]\s*)?《([^《》\n]{1,80}?)》?\s*(?:的)?(?:重要|主要|具体|核心)?(?:内容|全文|原文|要点)如下\s*[::]?$/u;

/** Labels of page furniture on government information-disclosure pages. */
export const CHROME_LABELS = [
  '索引号', '主题分类', '体裁分类', '组配分类', '服务对象分类', '分类', '发布机构', '发文机关', '发文单位', '成文日期', '发布日期',
  '名称', '标题', '文号', '发文字号', '主题词', '关键词', '信息来源', '来源', '发布时间', '更新时间', '印发日期', '日期', '时间', '浏览次数', '访问次数', '阅读次数', '点击数', '点击量',
  '字号', '字体', '打印', '关闭', '关闭窗口', '分享到', '分享', '责任编辑', '编辑', '作者', '生效日期', '废止日期', '有效性', '时效性',
  '公开方式', '公开范围', '效力状态',
];
const CHROME_START = new RegExp(`^(?:【\\s*)?(?:${CHROME_LABELS.join('|')})\\s*(?:[::】]|$)`, 'u');
const MAX_CHROME_LINE = 160;
const CHROME_FIRST = new Set([...CHROME_LABELS.map((l) => l.charCodeAt(0)), ...[...'【首当扫返'].map((c) => c.charCodeAt(0))]);

function isDigitCode(code: number): boolean {
  return code >= 48 && code <= 57;
}

/** True for page furniture lines (label: value …, 【打印】, breadcrumbs). */
export function isChromeLine(text: string): boolean {
  if (text.length > MAX_CHROME_LINE) return false;
  // Each test below needs the line to open with 【, 首, 当 or the first character of a label.
  if (!CHROME_FIRST.has(text.charCodeAt(0))) return false;
  if (CHROME_START.test(text)) return true;
  if (/^【[^】]{1,8}】/u.test(text) && text.length < 60) return true;
  // "扫一扫在手机打开当前页" and the like under an article.
  if (/^扫一扫|^【?(?:打印本页|关闭本页|关闭窗口|返回顶部)】?$/u.test(text)) return true;
  // Breadcrumbs: 首页 > 信息公开 > …
  if ((text.startsWith('首页') || text.startsWith('当前位置')) && (text.includes('>') || text.includes('»') || text.includes('/'))) return true;
  return false;
}

function makeLine(index: number, start: number, end: number, text: string, tabbed: boolean): Line {
  return { index, start, end, text, kind: 'text', number: '', value: 0, bodyStart: start, tabbed, memo: undefined };
}

/** Chinese numerals that may open a 一、 section number. */
const CN_NUM_FIRST = new Set([...'一二三四五六七八九十百零〇两'].map((c) => c.charCodeAt(0)));
const CODE_DI = 0x7b2c; // 第
const CODE_FU = 0x9644; // 附
const CODE_BOOK = 0x300a; // 《
const CODE_ZHUAN = 0x4e13; // 专
const CODE_MU = 0x76ee; // 目

function classify(line: Line): void {
  const t = line.text;
  if (!t) {
    line.kind = 'blank';
    return;
  }
  // Every pattern below is anchored at the start (and TOC_RE ends in a digit):
  // the first and last characters rule most of them out without running them.
  const first = t.charCodeAt(0);
  const lastIsDigit = isDigitCode(t.charCodeAt(t.length - 1));
  if (line.tabbed) {
    // Word exports put each table cell on its own line after a tab; HTML rows
    // arrive as one line with tab-separated cells.
    line.kind = t.includes('\t') ? 'row' : 'cell';
    if (line.kind === 'cell' && BOX_RE.test(t)) line.kind = 'box';
    return;
  }
  if (lastIsDigit && t.includes('\t') && TOC_RE.test(t)) {
    line.kind = 'toc';
    return;
  }
  let m: RegExpExecArray | null;
  const digitFirst = isDigitCode(first);
  const bracketFirst = first === 0x28; // (
  const diFirst = first === CODE_DI;
  if (digitFirst && (m = ITEM_RE.exec(t)) && m[0].length < t.length) {
    line.kind = 'item';
    line.number = m[1]!;
    line.value = Number(m[1]);
    line.bodyStart = line.start + m[0].length;
    return;
  }
  if (bracketFirst && (m = SUBSECTION_RE.exec(t)) && m[0].length < t.length) {
    line.kind = 'subsection';
    line.number = m[1]!;
    line.value = chineseNumeralValue(m[1]!);
    line.bodyStart = line.start + m[0].length;
    return;
  }
  if (CN_NUM_FIRST.has(first) && (m = SECTION_RE.exec(t)) && m[0].length < t.length && chineseNumeralValue(m[1]!) > 0) {
    line.kind = 'section';
    line.number = m[1]!;
    line.value = chineseNumeralValue(m[1]!);
    line.bodyStart = line.start + m[0].length;
    return;
  }
  if (diFirst && (m = CHAPTER_RE.exec(t)) && m[0].length < t.length) {
    line.kind = 'section';
    line.number = m[1]!;
    line.value = chineseNumeralValue(m[1]!) || Number(m[1]);
    line.bodyStart = line.start + m[0].length;
    return;
  }
  if (diFirst && (m = ARTICLE_RE.exec(t))) {
    line.kind = 'article';
    line.number = m[1]!;
    line.value = chineseNumeralValue(m[1]!) || Number(m[1]);
    line.bodyStart = line.start + m[0].length;
    return;
  }
  if (bracketFirst && (m = SUBITEM_RE.exec(t)) && m[0].length < t.length) {
    line.kind = 'subitem';
    line.number = m[1]!;
    line.value = Number(m[1]);
    line.bodyStart = line.start + m[0].length;
    return;
  }
  if ((first === CODE_FU || first === CODE_BOOK) && EMBED_RE.test(t)) {
    line.kind = 'embed';
    return;
  }
  if (first === CODE_ZHUAN && BOX_RE.test(t)) {
    line.kind = 'box';
    return;
  }
  if ((first === 0x2014 || first === 0x2d) && DASH_RE.test(t)) {
    line.kind = 'dash';
    return;
  }
  if (t.includes('\t')) {
    line.kind = lastIsDigit && TOC_RE.test(t) ? 'toc' : 'row';
    return;
  }
  if (lastIsDigit && TOC_RE.test(t) && /[.…·]{3,}/u.test(t)) {
    line.kind = 'toc';
    return;
  }
  if (t.length <= 12 && PAGENO_RE.test(t)) {
    line.kind = 'pageno';
    return;
  }
  if (first === CODE_MU && /^目\s*录$/u.test(t)) {
    line.kind = 'toc';
    return;
  }
  if (isChromeLine(t)) {
    line.kind = 'chrome';
  }
}

/** Splits the normalised text into trimmed, classified lines. Linear. */
export function readLines(text: string): Line[] {
  const lines: Line[] = [];
  let start = 0;
  let index = 0;
  /** Where the next 二、 is (searched once per stretch of text, not once per long line). */
  let secondMark = -1;
  while (start <= text.length) {
    let end = text.indexOf('\n', start);
    if (end < 0) end = text.length;
    let s = start;
    let e = end;
    const tabbed = text[s] === '\t';
    while (s < e && isSpace(text.charCodeAt(s))) s++;
    // A table row whose first cells a rowspan covers starts with empty cells: keep their tabs,
    // so every cell stays in its column.
    if (tabbed && s > start && text.indexOf('\t', s) >= 0 && text.indexOf('\t', s) < e) {
      let k = s;
      while (k > start && text[k - 1] === '\t') k--;
      if (k < s && text.slice(start, k).trim() === '') s = k;
    }
    while (e > s && isSpace(text.charCodeAt(e - 1))) e--;
    // Markdown pages (archived articles, law collections): "## 标题", "**七项措施:**" read as the words.
    if (text.charCodeAt(s) === 0x23 || text.charCodeAt(s) === 0x2a) {
      const mark = MARKDOWN_LEAD_RE.exec(text.slice(s, Math.min(e, s + 8)));
      if (mark && s + mark[0].length < e) s += mark[0].length;
      if (text.startsWith('**', e - 2) && e - 2 > s) e -= 2;
    }
    // A run of blank lines reads as one: every reader skips blank lines, and a
    // page of nothing but line breaks must not cost an object per line.
    if (s === e && index > 0 && lines[index - 1]!.kind === 'blank') {
      start = end + 1;
      continue;
    }
    if (!tabbed && e - s > SHORT_RUN_ON && secondMark < s) secondMark = nextMark(text, s);
    if (!tabbed && (e - s > RUN_ON_LINE || (e - s > SHORT_RUN_ON && secondMark < e && hasHeadingRun(text, s, e)))) {
      // A page flattened into one run-on line (OCR, a crawler's text field) is read as the lines it lost.
      let from = s;
      for (const cut of [...runOnCuts(text, s, e), e]) {
        let pieceEnd = cut;
        while (pieceEnd > from && isSpace(text.charCodeAt(pieceEnd - 1))) pieceEnd--;
        const piece = makeLine(index++, from, pieceEnd, text.slice(from, pieceEnd), tabbed);
        classify(piece);
        lines.push(piece);
        from = cut;
        while (from < e && isSpace(text.charCodeAt(from))) from++;
      }
      start = end + 1;
      continue;
    }
    const line = makeLine(index++, s, e, text.slice(s, e), tabbed);
    classify(line);
    lines.push(line);
    start = end + 1;
  }
  markContents(lines);
  return lines;
}

/** A Markdown heading mark or bold opening a line. */
const MARKDOWN_LEAD_RE = /^(?:#{1,6}\s+|\*\*)/u;

/** A line longer than this that holds numbered headings inside it is a flattened page. */
const RUN_ON_LINE = 1500;
/**
 * A shorter line is one too when 一、 and 二、 both open sentences inside it: an HTML page whose
 * notice is one block with bold run-in heads (<b>一、各地自查</b> between source line breaks,
 * which HTML folds into spaces), as a browser shows it.
 */
const SHORT_RUN_ON = 200;
const FIRST_HEADING_RE = /[。;:!?]\s*一、/u;
const SECOND_HEADING_RE = /[。;:!?]\s*二、/u;

/** Offset of the next 二、 at or after s; past the end of the text when there is none. */
function nextMark(text: string, s: number): number {
  const at = text.indexOf('二、', s);
  return at < 0 ? text.length + 1 : at;
}

/** True when text[s, e) holds 一、 and then 二、, each after the end of a sentence (a 二、 is known to be inside). */
function hasHeadingRun(text: string, s: number, e: number): boolean {
  const slice = text.slice(s, e);
  const first = FIRST_HEADING_RE.exec(slice);
  return first !== null && SECOND_HEADING_RE.test(slice.slice(first.index + first[0].length));
}
/**
 * Where a run-on line lost its breaks: before a heading number (一、 (一) 1.)
 * that follows the end of a sentence or clause, and before the first number
 * of a list ((一), 1.) wherever it stands ("二、工作职责(一)市工信局:…"), before
 * 附件N after a sentence, and before 一、 right after a title ("…技术方案一、").
 */
const RUN_ON_BREAK_RE = /(?<=[。;:!?])\s*(?=[一二三四五六七八九十]{1,3}、|\([一二三四五六七八九十]{1,3}\)|\d{1,2}\.(?!\s*\d)|附件\s*\d)|(?<=[^\d(])(?=\(一\)|1\.(?!\s*\d))|(?<=[案划表单》”])(?=一、)/gu;

/** Offsets in text[s, e) where a flattened page's lines began. */
function runOnCuts(text: string, s: number, e: number): number[] {
  const cuts: number[] = [];
  RUN_ON_BREAK_RE.lastIndex = 0;
  const slice = text.slice(s, e);
  for (const m of slice.matchAll(RUN_ON_BREAK_RE)) {
    if (m.index > 0) cuts.push(s + m.index);
  }
  return cuts;
}

/** A contents entry written with a plain space before its page number: "一、总体要求 3". */
const SPACED_TOC_RE = /^\S.{0,40}?\s+\d{1,3}$/u;

/**
 * After a 目录 line, entries whose page number follows a plain space (no tab
 * or dot leaders) are contents too, up to the first line that is not one.
 */
function markContents(lines: Line[]): void {
  for (let i = 0; i < lines.length; i++) {
    if (lines[i]!.kind !== 'toc' || !/^目\s*录$/u.test(lines[i]!.text)) continue;
    for (let j = i + 1; j < lines.length; j++) {
      const line = lines[j]!;
      if (line.kind === 'blank' || line.kind === 'toc' || line.kind === 'pageno') continue;
      if (!SPACED_TOC_RE.test(line.text)) break;
      line.kind = 'toc';
    }
  }
}

function isSpace(code: number): boolean {
  return code === 32 || code === 9 || code === 13 || code === 0x3000 || code === 0xa0 || code === 0x2002 || code === 0x2003;
}

/** The plan quoted by an `embed` heading line (《市场化方案》重要内容如下 → 市场化方案). */
export function embeddedName(text: string): string {
  const m = EMBED_RE.exec(text);
  return m ? m[1]!.trim() : '';
}
