// Measure-level reading: a measure's short title, whether an unnumbered
// paragraph opens with a lead phrase, and the measure's own deadline.
// All functions take normalised, simplified text.

/** Longest title we keep; longer lead phrases are cut here. */
export const MAX_TITLE = 30;
/** Longest first sentence that still reads as a lead phrase ending in 。. */
const MAX_LEAD_SENTENCE = 40;
/** A run-together title ("推进AI赋能政务服务依托人工智能…") is at least this long before the body starts. */
const MIN_TITLE_BEFORE_OPENER = 6;

/**
 * Words that open the body of a measure. Offices often run the title and the
 * body together without a mark ("6.打造知识产权保护服务样板健全知识产权公共服务体系"):
 * the title ends where the second clause's verb or preposition begins.
 */
const OPENERS = [
  '进一步', '组织开展', '高质量', '高水平', '高标准',
  '依托', '健全', '整合', '聚焦', '围绕', '充分', '持续', '完善', '建立', '推动', '推进', '加强', '加快', '加大', '强化', '深化',
  '优化', '落实', '开展', '支持', '鼓励', '通过', '结合', '针对', '按照', '根据', '探索', '坚持', '全面', '积极', '畅通', '有序',
  '深入', '启用', '制定', '出台', '实施', '构建', '发挥', '用好', '引导', '统筹', '大力', '着力', '不断', '切实', '严格', '全力',
  '立足', '面向', '力争', '再造', '筹集', '设立', '搭建', '开发', '引进', '培育', '依法', '研究', '梳理', '指导',
  '以', '对',
];
/** Single-character openers need a clean boundary: not part of 以上/可以/对接/针对 … */
const BAD_AFTER: Record<string, string> = { 以: '上下内及来后前外便免至', 对: '接标外象话比应照等' };
const BAD_BEFORE: Record<string, string> = { 以: '可予所加难得用足', 对: '面针相绝应核比反' };

/** OPENERS by first char code, each list in OPENERS order: only words that can start at a position are tried. */
const OPENERS_BY_FIRST: Map<number, string[]> = (() => {
  const m = new Map<number, string[]>();
  for (const word of OPENERS) {
    const list = m.get(word.charCodeAt(0));
    if (list) list.push(word);
    else m.set(word.charCodeAt(0), [word]);
  }
  return m;
})();

function openerAt(text: string, i: number): string | null {
  const words = OPENERS_BY_FIRST.get(text.charCodeAt(i));
  if (!words) return null;
  for (const word of words) {
    if (!text.startsWith(word, i)) continue;
    const bad = BAD_AFTER[word];
    if (bad && (bad.includes(text[i + word.length] ?? '') || (BAD_BEFORE[word] ?? '').includes(text[i - 1] ?? ''))) continue;
    return word;
  }
  return null;
}

/**
 * Length of the measure's title at the start of `body` (the text after the
 * number). The lead phrase up to the first 。 when that sentence is short and
 * has no comma; otherwise, in the first clause, the text before a second
 * verb/preposition opener found after ≥ 6 characters; capped at 30.
 */
export function titleLength(body: string): number {
  const stop = firstIndexOf(body, '。');
  const clauseEnd = firstClauseEnd(body);
  if (stop > 0 && stop <= MAX_LEAD_SENTENCE && clauseEnd >= stop) return stop;
  const clause = Math.min(clauseEnd, stop < 0 ? body.length : stop, body.length);
  const limit = Math.min(clause, MAX_TITLE + 1);
  for (let i = MIN_TITLE_BEFORE_OPENER; i < limit; i++) {
    if (openerAt(body, i)) return i;
  }
  return Math.min(clause, MAX_TITLE);
}

function firstIndexOf(text: string, ch: string): number {
  return text.indexOf(ch);
}

/** Index of the first comma, semicolon, colon or question/exclamation mark (end of the first clause). */
function firstClauseEnd(text: string): number {
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch === ',' || ch === ';' || ch === ':' || ch === '!' || ch === '?' || ch === '\n') return i;
  }
  return text.length;
}

/** Longest lead phrase of an unnumbered measure paragraph ("壮大创新型企业队伍。"). */
const MAX_LEAD_PHRASE = 25;
/** An unnumbered measure continues after its lead phrase for at least this many characters. */
const MIN_BODY_AFTER_LEAD = 15;

/**
 * Length of the lead phrase of an unnumbered paragraph — a short first
 * sentence ending in 。 with no comma or colon ("壮大创新型企业队伍。") followed
 * by the body — or 0 when the paragraph does not open that way.
 */
export function leadPhraseLength(paragraph: string): number {
  const stop = paragraph.indexOf('。');
  if (stop < 2 || stop > MAX_LEAD_PHRASE) return 0;
  if (paragraph.length - stop - 1 < MIN_BODY_AFTER_LEAD) return 0;
  for (let i = 0; i < stop; i++) {
    const ch = paragraph[i]!;
    if (ch === ',' || ch === ';' || ch === ':' || ch === '、' || ch === '!' || ch === '?' || ch === '(' || ch === ')') return 0;
  }
  // A lead phrase is a heading, not a dated fact ("2020年,…").
  if (/^\d{4}年/u.test(paragraph)) return 0;
  return stop;
}

const DEADLINE_RES: RegExp[] = [
  // Labelled: 完成时限:2025年6月底
  /(?:完成时限|完成时间|时间节点|时限要求|完成期限)\s*[::]\s*([^;。)\n]{2,24})/u,
  // 2025年6月底前完成 / 6月底完成 / 9月30日前上线
  /((?:\d{4}年)?\d{1,2}月(?:底|末|中旬|上旬|下旬|\d{1,2}日)?(?:前|以前)?(?:完成|建成|实现|出台|上线|印发|落地|投入使用))/u,
  /((?:\d{4}年)?\d{1,2}月(?:底|末)前)/u,
  // 2025年底前 / 年底前完成 / 年内完成
  /((?:\d{4}年)(?:底|年底|内|末)(?:前)?(?:完成|建成|实现|出台)?)/u,
  /((?<![\d一二三四五六七八九十两多])年(?:底|内|末)(?:前)?(?:完成|建成|实现|出台|上线)?)/u,
  /((?:上|下)半年(?:完成|建成|实现|出台|上线))/u,
];

const MEASURE_DEADLINE_HINT_RE = /[时期月年]/u;

/** The measure's own deadline as written (6月底完成, 年内, 2025年底前), or ''. */
export function findDeadline(text: string): string {
  // Each pattern above holds 时 or 期 (its label), 月 or 年: most measures have none.
  if (!MEASURE_DEADLINE_HINT_RE.test(text)) return '';
  for (const re of DEADLINE_RES) {
    const m = re.exec(text);
    if (m) return m[1]!.trim();
  }
  return '';
}

/** Where the deadline text found by findDeadline sits in `text`, or -1. */
export function deadlineIndex(text: string, deadline: string): number {
  return deadline ? text.indexOf(deadline) : -1;
}

/** Section and subsection titles that introduce a plan rather than assign work. */
const PREAMBLE_TITLE_RE = /发展基础|形势|总体要求|指导思想|发展目标|主要目标|工作目标|总体目标|背景|面临挑战|基本原则|发展环境|发展现状|现状|机遇|重要意义|总体思路|实施路径|发展定位|适用范围|编制依据/u;
/** Titles of the closing "how we will make sure" section. */
export const GUARANTEE_TITLE_RE = /保障措施|保障机制|组织实施|组织保障|工作要求|工作保障|实施保障|组织领导|监督考核|附则/u;

/** Task verbs that open a heading which merely mentions a preamble word (营造发展环境, 把握发展机遇). */
const TASK_OPENER_RE = /^(?:营造|优化|改善|把握|抓住|用好|打造|创造|构建|建设|完善|提升|强化|加强|推进|推动|深化|明确|落实|健全|建立)/u;

/**
 * True for a heading that introduces the plan (发展基础, 指导思想, 基本原则,
 * 工作目标 …) rather than assigns work. A task heading that only mentions
 * such a word (营造发展环境) is not one.
 */
export function isPreambleTitle(title: string): boolean {
  return PREAMBLE_TITLE_RE.test(title) && !TASK_OPENER_RE.test(title);
}
