// Document metadata: title, issuer, date, 索引号, 文号 and the plan period.
// Government pages print these in a "chrome" block (索引号: … 发布机构: …),
// on a cover (title, issuing office, 二〇二一年四月) or in a signature at the
// end (office name, then 2022年2月10日). Chrome is read here, then ignored
// for structure.

import type { PlanPeriod } from '../types.ts';
import { CHROME_LABELS, type Line } from './lines.ts';

/** A chrome value and its offsets in the normalised text. */
export interface ChromeValue {
  value: string;
  start: number;
  end: number;
}

/** A chrome label and its colon (matchAll works on a copy, so one shared global regex is safe). */
const CHROME_LABEL_RE = new RegExp(`(${CHROME_LABELS.join('|')})\\s*[::]`, 'gu');

/** label → value for every `label: value` pair found on chrome lines (first one wins). */
export function readChrome(lines: readonly Line[]): Map<string, ChromeValue> {
  const found = new Map<string, ChromeValue>();
  const labelRe = CHROME_LABEL_RE;
  for (const line of lines) {
    if (line.kind !== 'chrome') continue;
    const hits = [...line.text.matchAll(labelRe)];
    for (let k = 0; k < hits.length; k++) {
      const hit = hits[k]!;
      const valueStart = hit.index + hit[0].length;
      const valueEnd = k + 1 < hits.length ? hits[k + 1]!.index : line.text.length;
      const raw = line.text.slice(valueStart, valueEnd);
      const value = raw.replace(/[【】]/gu, '').trim();
      if (!value || found.has(hit[1]!)) continue;
      const lead = raw.length - raw.trimStart().length;
      const start = line.start + valueStart + lead;
      found.set(hit[1]!, { value, start, end: start + raw.trim().length });
    }
  }
  return found;
}

/** Words that name a kind of government document at the end of a title. */
const DOC_TYPE_RE = /(方案|规划|计划|要点|清单|意见|办法|通知|报告|成效|总结|纲要|措施|细则|规定|条例|决定|任务|目录|指引|公告|通报|情况)$/u;
/** Words that make a title a plan (lead decision: 方案/规划/计划/要点/清单/任务). */
export const PLAN_WORD_RE = /方案|规划|计划|要点|清单|任务/u;
/** Words that make a title a results report. */
export const REPORT_WORD_RE = /成效|总结|情况报告|工作报告|进展情况|完成情况|年度报告|工作情况|自查报告|评估报告|统计公报|(?:发放|执行|实施|落实|推进|开展|运行)情况/u;
const MAX_TITLE = 80;

/** True when a line reads like a heading rather than a sentence. */
function isTitleLike(text: string): boolean {
  return text.length >= 2 && text.length <= MAX_TITLE && !/[。;!?]$/u.test(text) && !/[,。]/u.test(text.slice(0, -1));
}

/** The title as found: its normalised text and the normalised ranges it was read from (two when Word broke it). */
export interface FoundTitle {
  title: string;
  ranges: { start: number; end: number }[];
}

/** Kinds of line that mean the body has started. */
const BODY_KINDS = new Set(['section', 'subsection', 'item', 'article', 'embed', 'subitem']);

/**
 * Index of the first body line: numbered structure, or a sentence (a line
 * ending in 。 or longer than 40 characters). Lines before it are the title
 * area (navigation, chrome, cover).
 */
export function bodyStartLine(lines: readonly Line[]): number {
  for (const line of lines) {
    if (BODY_KINDS.has(line.kind)) return line.index;
    if (line.kind === 'text' && (line.text.length > 40 || /。$/u.test(line.text))) return line.index;
  }
  return lines.length;
}

/**
 * The document title. Order: the chrome 名称/标题 value; else, among the
 * title-like lines before the body that end in a document-type word (方案,
 * 规划, 成效 …), the one the hint (the browser tab's title) names, else the
 * longest — so a menu item "发展规划" loses to the real title. A title Word
 * broke in two ("…战略性新兴产业" / "发展规划") is joined. Empty when none.
 */
export function findTitle(lines: readonly Line[], chrome: Map<string, ChromeValue>, hint = ''): FoundTitle {
  const named = chrome.get('名称') ?? chrome.get('标题');
  if (named) return { title: named.value, ranges: [{ start: named.start, end: named.end }] };
  const stop = bodyStartLine(lines);
  const candidates: FoundTitle[] = [];
  let previous: Line | null = null;
  for (let i = 0; i < stop; i++) {
    const line = lines[i]!;
    if (line.kind === 'blank' || line.kind === 'chrome' || line.kind === 'pageno') continue;
    if (line.kind !== 'text' || !isTitleLike(line.text)) {
      previous = null;
      continue;
    }
    if (DOC_TYPE_RE.test(line.text)) {
      if (previous && line.text.length <= 12 && !DOC_TYPE_RE.test(previous.text)) {
        candidates.push({ title: previous.text + line.text, ranges: [{ start: previous.start, end: previous.end }, { start: line.start, end: line.end }] });
      } else {
        candidates.push({ title: line.text, ranges: [{ start: line.start, end: line.end }] });
      }
    }
    previous = line;
  }
  if (candidates.length === 0) return { title: '', ranges: [] };
  const key = (s: string) => s.replace(/\s/gu, '');
  const hinted = hint ? candidates.find((c) => key(hint).includes(key(c.title)) || key(c.title).includes(key(hint))) : undefined;
  return hinted ?? candidates.reduce((best, c) => (c.title.length > best.title.length ? c : best));
}

const ORG_SUFFIX_RE = /(人民政府|办公厅|办公室|委员会|领导小组|小组|管委会|办事处|局|委|办|厅|部|院|署|中心|协会|集团|公司|政府|分行|海关)$/u;

/** True for a short line that is the name of an office (the signature of a document). */
export function isOfficeName(text: string): boolean {
  return text.length >= 3 && text.length <= 40 && !/[,。;:、]/u.test(text) && ORG_SUFFIX_RE.test(text);
}

/** Parses a date as written (2025-08-18, 2022年 02月 14日, 二〇二一年四月) to YYYY-MM-DD, or ''. */
export function parseDate(text: string): string {
  let m = /(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?/u.exec(text);
  if (m) return ymd(Number(m[1]), Number(m[2]), Number(m[3]));
  m = /([〇零一二三四五六七八九]{4})\s*年\s*([一二三四五六七八九十]{1,3})\s*月(?:\s*([一二三四五六七八九十]{1,3})\s*日)?/u.exec(text);
  if (m) {
    const year = Number([...m[1]!].map((c) => '〇一二三四五六七八九'.indexOf(c === '零' ? '〇' : c)).join(''));
    return ymd(year, chineseSmall(m[2]!), m[3] ? chineseSmall(m[3]) : 1);
  }
  m = /(\d{4})\s*年\s*(\d{1,2})\s*月(?!\s*\d)/u.exec(text);
  if (m) return ymd(Number(m[1]), Number(m[2]), 1);
  return '';
}

function chineseSmall(text: string): number {
  const digits = '〇一二三四五六七八九';
  if (text === '十') return 10;
  if (text.startsWith('十')) return 10 + digits.indexOf(text[1]!);
  if (text.endsWith('十')) return digits.indexOf(text[0]!) * 10;
  if (text.length === 3 && text[1] === '十') return digits.indexOf(text[0]!) * 10 + digits.indexOf(text[2]!);
  return digits.indexOf(text);
}

function ymd(year: number, month: number, day: number): string {
  if (!(year >= 1949 && year <= 2100 && month >= 1 && month <= 12 && day >= 1 && day <= 31)) return '';
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** A line that is only a date (a signature or cover date). */
export function isDateLine(text: string): boolean {
  return text.length <= 20 && parseDate(text) !== '' && /^[\d〇零一二三四五六七八九十年月日\s\-/.]+$/u.test(text);
}

/**
 * The office and date of a signature or cover: an office-name line followed
 * (blank lines aside) by a date line. Looks at the first and the last
 * `window` content lines of the document.
 */
export function findSignature(lines: readonly Line[], window = 25): { issuer: string; date: string } {
  const content = lines.filter((l) => l.kind === 'text' || l.kind === 'pageno');
  const candidates = [...content.slice(-window).reverse(), ...content.slice(0, window)];
  for (const line of candidates) {
    if (!isDateLine(line.text)) continue;
    const at = content.indexOf(line);
    const before = content[at - 1];
    if (before && isOfficeName(before.text)) return { issuer: before.text, date: parseDate(line.text) };
  }
  return { issuer: '', date: '' };
}

/**
 * The plan a covering notice hands out: "某区人民政府办公室关于印发《某区2026年…方案》的通知"
 * → "某区2026年…方案". Other titles come back unchanged.
 */
export function planTitleOf(title: string): string {
  const m = /^.{0,40}?(?:关于)?印发《?(.+?)》?的通知$/u.exec(title);
  return m ? m[1]! : title;
}

/** The issuing office named in a title: 深圳市人民政府办公厅关于印发…的通知 → 深圳市人民政府办公厅. */
export function issuerFromTitle(title: string): string {
  const m = /^(.{2,30}?)(?:关于印发|印发|关于)/u.exec(title);
  return m && ORG_SUFFIX_RE.test(m[1]!) ? m[1]! : '';
}

const FIVE_YEAR_RE = /十([一二三四五六七八九])五/u;

/**
 * The period a plan covers, from its title (or any short text naming it):
 * an explicit range 2023—2025年, a five-year plan 十四五 (2021–2025), or a
 * single year 2025年.
 */
export function findPeriod(text: string): PlanPeriod | null {
  const range = /(\d{4})\s*(?:年)?\s*[-—–~至到]+\s*(\d{4})\s*年/u.exec(text);
  if (range) {
    const start = Number(range[1]);
    const end = Number(range[2]);
    if (start >= 1949 && end >= start && end - start <= 30) return { start, end };
  }
  const five = FIVE_YEAR_RE.exec(text);
  if (five) {
    // Five-year plans: the 3rd began in 1966, each runs five years (十四五 → 2021–2025).
    const n = 10 + ' 一二三四五六七八九'.indexOf(five[1]!);
    const start = 1966 + 5 * (n - 3);
    return { start, end: start + 4 };
  }
  const year = /(\d{4})\s*年/u.exec(text);
  if (year) {
    const y = Number(year[1]);
    if (y >= 1949 && y <= 2100) return { start: y, end: y };
  }
  return null;
}
