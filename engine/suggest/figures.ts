// Reported figures on any page (a results report, a statistical communiqué, a
// work report's review, a news item), with what the matcher needs around each:
// the thing counted in canonical words, the year it is about, and whether its
// sentence states a goal rather than a result.
import { extractOutcomes } from '../parse/outcomes.ts';
import { normalizeText, toOriginalSpan } from '../text/normalize.ts';
import { stableId, uniqueIds } from '../ids.ts';
import type { Span } from '../types.ts';
import { defaultSuggestLexicon, has, labelCore, type PreparedLexicon } from './lexicon.ts';
import { firstDateYear, sessionYear, yearBefore, yearMarks } from './years.ts';

export interface PageFigure {
  id: string;
  /** The thing counted, as the page's words give it (simplified script). */
  label: string;
  /** The label with the subject of its sentence when the label alone is a verb (增长 → 国内生产总值增长), canonical words. */
  matchLabel: string;
  value: number;
  unit: string;
  /** 超 / 近 / 约 / 左右 … as written. */
  qualifier?: string;
  /** The figure as written on the page (original script). */
  quote: string;
  /** Offsets of the quote in the page text as given. */
  span: Span;
  /** The sentence around it, as written on the page (for the entry's evidence). */
  sentence: string;
  /** The year the figure is about, when the page says; how that was decided. */
  year?: number;
  yearRule?: 'stated' | 'session' | 'published';
  /** The sentence or its section states a goal (预期目标, 力争, 2026年工作安排): not a result. */
  goal: boolean;
  /** 年均 / 累计 …: a different quantity from one year's figure. */
  aggregate: boolean;
  /** 贡献率 / 比重 …: a share of something, not the thing. */
  share: boolean;
}

export interface FigureOptions {
  simplify?: (s: string) => string;
  lexicon?: PreparedLexicon;
}

const SENTENCE_END = '。！？!?\n';
/** Verbs and qualifiers that end a subject phrase: 国内生产总值达134.9万亿元 → 国内生产总值. */
const SUBJECT_TAIL = /(?:达到|达|突破|超过|超|迈上|保持在|保持|稳定在|为|是|约|近|逾|了)+$/u;
const VERB_ONLY = /^(?:同比|比上年|较上年|全年|实际|分别)*(?:增长|上涨|下降|降低|提高|增加|减少|上升|回落)了?$/u;
/** A heading line: 一、… / （一）… / ■ … short enough to be a title. */
const HEADING = /^\s*(?:[一二三四五六七八九十]+[、.．]|[（(][一二三四五六七八九十]+[)）]|[■●◆▲]|第[一二三四五六七八九十]+部分)/u;

function sentenceBounds(text: string, at: number): Span {
  let start = at;
  while (start > 0 && !SENTENCE_END.includes(text[start - 1]!)) start--;
  let end = at;
  while (end < text.length && !SENTENCE_END.includes(text[end]!)) end++;
  return { start, end };
}

/** Start offsets of heading lines that open a section of goals. */
function goalSections(text: string, lexicon: PreparedLexicon): { at: number; goal: boolean }[] {
  const out: { at: number; goal: boolean }[] = [];
  let lineStart = 0;
  for (let i = 0; i <= text.length; i++) {
    if (i < text.length && text[i] !== '\n') continue;
    const line = text.slice(lineStart, i);
    if (line.trim().length <= 40 && HEADING.test(line)) out.push({ at: lineStart, goal: has(lexicon.goalHeadings, line) && !/回顾|成效|成绩|总结|情况/u.test(line) });
    lineStart = i + 1;
  }
  return out;
}

/** Drops ASCII spaces between a digit and a CJK character or %; `back[i]` is the index in `text` of kept character i. */
export function closeNumberGaps(text: string): { text: string; back: Int32Array } {
  const back = new Int32Array(text.length + 1);
  let out = '';
  const isDigit = (c: string | undefined) => c !== undefined && c >= '0' && c <= '9';
  const isCjkOrPct = (c: string | undefined) => c !== undefined && (c === '%' || (c >= '\u3400' && c <= '\u9fff'));
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (c === ' ') {
      let j = i;
      while (j < text.length && text[j] === ' ') j++;
      const before = text[i - 1];
      const after = text[j];
      if ((isDigit(before) && isCjkOrPct(after)) || (isCjkOrPct(before) && isDigit(after))) {
        i = j - 1;
        continue;
      }
    }
    back[out.length] = i;
    out += c;
  }
  back[out.length] = text.length;
  return { text: out, back: back.slice(0, out.length + 1) };
}

/** The words of the clause before a bare verb figure ("国内生产总值达134.9万亿元，增长5%" → 国内生产总值). */
function clauseSubject(t: string, sentenceStart: number, at: number): string {
  const before = t.slice(sentenceStart, at).replace(/[，,、；;：:]+$/u, '');
  const clauses = before.split(/[，,、；;：:]/u).filter((c) => /[\u3400-\u9fff]/u.test(c));
  const last = clauses[clauses.length - 1] ?? '';
  return last.replace(/[\d.]+\s*[^\u3400-\u9fff]*[\u3400-\u9fff]{0,3}$/u, '').replace(/[\d.%]+/gu, '').replace(SUBJECT_TAIL, '').replace(/^(?:其中|全年|当年)/u, '');
}

/** The figures reported on a page, in text order. */
export function pageFigures(text: string, options: FigureOptions = {}): PageFigure[] {
  const lexicon = options.lexicon ?? defaultSuggestLexicon();
  const norm = normalizeText(text, options.simplify ? { simplify: options.simplify } : {});
  // "城镇新增就业 1256 万人": spaces around a number (PDF and typeset copies) are
  // dropped for reading figures; `back` maps each kept character to norm.text.
  const { text: t, back } = closeNumberGaps(norm.text);
  const toSpan = (start: number, end: number): Span => toOriginalSpan(norm, back[start]!, end > start ? back[end - 1]! + 1 : back[start]!);
  const marks = yearMarks(t);
  const sections = goalSections(t, lexicon);
  const session = sessionYear(t);
  const reviewed = session !== undefined && /工作报告/u.test(t) ? session - 1 : undefined;
  const published = firstDateYear(t);
  const unique = uniqueIds();
  const out: PageFigure[] = [];
  let prev: { sentence: number; subject: string } | null = null;
  for (const raw of extractOutcomes(t)) {
    const s = sentenceBounds(t, raw.span.start);
    const sentence = t.slice(s.start, s.end);
    const section = [...sections].reverse().find((h) => h.at <= raw.span.start);
    const goal = has(lexicon.goalMarkers, sentence) || !!section?.goal;
    let label = raw.label.replace(/\s+/gu, '');
    const bare = label.replace(SUBJECT_TAIL, '');
    let subjectLabel = label;
    if (VERB_ONLY.test(bare) || bare.length < 2) {
      if (prev && prev.sentence === s.start) subjectLabel = prev.subject + label;
      else subjectLabel = clauseSubject(t, s.start, raw.span.start) + label;
    }
    const subject = subjectLabel.replace(/(?:增长|上涨|下降|降低|提高|增加|减少|上升).*$/u, '').replace(SUBJECT_TAIL, '');
    if (subject.length >= 2) prev = { sentence: s.start, subject };
    const before = t.slice(Math.max(s.start, raw.span.start - 8), raw.span.start);
    const aggregate = has(lexicon.aggregates, label) || has(lexicon.aggregates, before);
    const share = has(lexicon.shares, subjectLabel);
    const stated = yearBefore(marks, raw.span.start);
    const span = toSpan(raw.span.start, raw.span.end);
    const sentenceSpan = toSpan(s.start, s.end);
    const figure: PageFigure = {
      id: unique(stableId('f', t.slice(raw.span.start, raw.span.end), String(raw.span.start))),
      label,
      matchLabel: labelCore(subjectLabel.replace(SUBJECT_TAIL, ''), lexicon),
      value: raw.value,
      unit: raw.unit,
      quote: norm.original.slice(span.start, span.end),
      span,
      sentence: norm.original.slice(sentenceSpan.start, sentenceSpan.end).trim().slice(0, 1000),
      goal,
      aggregate,
      share,
    };
    if (raw.qualifier) figure.qualifier = raw.qualifier;
    if (stated !== undefined) {
      figure.year = stated;
      figure.yearRule = 'stated';
    } else if (reviewed !== undefined) {
      figure.year = reviewed;
      figure.yearRule = 'session';
    } else if (published !== undefined && /今年|本年|全年/u.test(sentence)) {
      figure.year = published;
      figure.yearRule = 'published';
    }
    label = figure.label;
    out.push(figure);
  }
  return out;
}
