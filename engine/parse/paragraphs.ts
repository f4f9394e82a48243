// Official documents (公文) whose measures are unnumbered paragraphs: a 实施意见
// or 若干措施 copied without its headings (a crawler dropped every 一、/（一）
// line, or the page set them as images or styling), read as one measure a
// paragraph. Only a document framed as one is read this way — it names its
// addressees (各市、县（区）人民政府，省政府各部门：), hands itself out (现将《X》
// 印发给你们) or declares what follows (现提出以下实施意见：) — so a news item's
// paragraphs never become measures. Named, ordered rules; words are data
// (seeds/paragraph-words.json).

import words from '../../seeds/paragraph-words.json';
import type { Line } from './lines.ts';
import { leadPhraseLength } from './measures.ts';
import { isDateLine } from './metadata.ts';

export interface UnnumberedReading {
  /** Line.index of each measure paragraph, in order. */
  measures: number[];
  /** Line.index → the rule that decided the line (for planmeter parse --explain). */
  rules: Map<number, string>;
  /** What the document declares itself to be (实施意见, 若干措施 …), '' when it does not say. */
  genre: string;
}

const alternation = (list: readonly string[]): string => list.join('|');

/** An addressee line: 各市、县（区）人民政府，省政府各部门： */
const ADDRESSEE_RE = new RegExp(`(?:${alternation(words.addresseeWords)})[^。]{0,40}[:：]$`, 'u');
const MAX_ADDRESSEE = 100;
/** 现提出以下实施意见： / 现就…提出如下实施意见。 / 特制定以下措施。 — the genre word is captured. */
const DECLARATION_RE = new RegExp(
  `(?:${alternation(words.declarationVerbs)})(?:以下|如下)[^。,，:：;；]{0,10}?(${alternation(words.declarationGenres)})[。:：]?$`,
  'u',
);
/** 现将《X》印发给你们 — the document's own name is X. */
const TRANSMITTAL_RE = new RegExp(`《([^《》]{2,80})》[^。]{0,40}(?:${alternation(words.transmittalMarks)})`, 'u');
const GENRE_END_RE = new RegExp(`(${alternation(words.declarationGenres)})$`, 'u');
const GUIDING_RE = new RegExp(alternation(words.guidingWords), 'u');
/** Where a 指导思想 paragraph names its guide (坚持以习近平…思想为指导). */
const GUIDING_WINDOW = 60;
const PRINCIPLE_RE = new RegExp(`^(?:${alternation(words.principleVerbs)})`, 'u');
/** A principle's lead phrase is short and abstract: 坚持正确方向。 */
const MAX_PRINCIPLE_LEAD = 8;
const GOAL_RE = new RegExp(`^(?:力争)?(?:到|至)\\d{4}年|^(?:${alternation(words.goalOpeners)})`, 'u');
const CLOSING_OPENER_RE = new RegExp(`^(?:${alternation(words.closingOpeners)})`, 'u');
const CLOSING_WORD_RE = new RegExp(alternation(words.closingWords), 'u');
/** 各地、各部门要… — the whole audience at once, as only the closing word addresses it. */
const GENERAL_ADDRESS_RE = new RegExp(`^(?:${alternation(words.generalAddress)})`, 'u');
const SENTENCE_END_RE = /[。;!?]/u;
const ANNEX_RE = /^附件\s*\d{0,2}\s*[:：]?/u;

/** Shortest paragraph read as a measure. */
const MIN_PARAGRAPH = 8;
/** A paragraph shorter than this with no sentence end is a fragment the copy cut off. */
const MAX_FRAGMENT = 60;

interface ParagraphRule {
  name: string;
  /** skip: neither a measure nor preamble; preamble: only while no measure has been read. */
  verdict: 'skip' | 'preamble' | 'measure';
  applies: (text: string) => boolean;
}

/** Each paragraph of the body, first rule that applies wins. */
export const PARAGRAPH_RULES: readonly ParagraphRule[] = [
  { name: 'too-short', verdict: 'skip', applies: (t) => t.length < MIN_PARAGRAPH },
  // "局、省交通运输厅、…省应急厅按职责分": the rest of a sentence the copy lost.
  { name: 'fragment', verdict: 'skip', applies: (t) => t.length < MAX_FRAGMENT && !SENTENCE_END_RE.test(t) },
  // 坚持以习近平新时代中国特色社会主义思想为指导，…
  { name: 'guiding-ideology', verdict: 'preamble', applies: (t) => GUIDING_RE.test(t.slice(0, GUIDING_WINDOW)) },
  // 坚持正确方向。… (基本原则)
  { name: 'principle', verdict: 'preamble', applies: (t) => PRINCIPLE_RE.test(t) && leadPhraseLength(t) > 0 && leadPhraseLength(t) <= MAX_PRINCIPLE_LEAD },
  // 到2022年，…体系进一步完善 (主要目标)
  { name: 'goal', verdict: 'preamble', applies: (t) => GOAL_RE.test(t) },
  { name: 'task-paragraph', verdict: 'measure', applies: () => true },
];

/** True for a short line naming the document's addressees, ending in a colon. */
export function isAddresseeLine(text: string): boolean {
  return text.length <= MAX_ADDRESSEE && ADDRESSEE_RE.test(text);
}

/** The genre a paragraph declares for what follows (现提出以下实施意见： → 实施意见), or ''. */
export function declaredGenre(text: string): string {
  return DECLARATION_RE.exec(text)?.[1] ?? '';
}

/**
 * Reads lines [from, to) as a framed official document of unnumbered
 * paragraphs; null when the block is not framed as one. The body starts after
 * the declaration (else after the addressee or transmittal line) and ends at
 * the date of the signature or an annex; preamble paragraphs (指导思想,
 * principles, goals) count only before the first measure; the last paragraph
 * is the closing exhortation when it reads as one (各地要…认真贯彻落实).
 */
export function readUnnumbered(lines: readonly Line[], from: number, to: number): UnnumberedReading | null {
  let declaration = -1;
  let frame = -1;
  let genre = '';
  let firstText = true;
  for (let i = from; i < to; i++) {
    const line = lines[i]!;
    if (line.kind !== 'text') continue;
    const text = line.text;
    if (firstText && isAddresseeLine(text)) frame = i;
    firstText = false;
    const declared = declaredGenre(text);
    if (declared) {
      declaration = i;
      genre = declared;
      break;
    }
    const handed = TRANSMITTAL_RE.exec(text);
    if (handed) {
      frame = i;
      genre ||= GENRE_END_RE.exec(handed[1]!)?.[1] ?? '';
    }
  }
  const start = declaration >= 0 ? declaration : frame;
  if (start < 0) return null;
  const rules = new Map<number, string>();
  rules.set(lines[start]!.index, declaration >= 0 ? 'declaration' : 'document-frame');
  const measures: Line[] = [];
  for (let i = start + 1; i < to; i++) {
    const line = lines[i]!;
    if (line.kind !== 'text') continue;
    const text = line.text;
    if (isDateLine(text) || ANNEX_RE.test(text)) {
      if (measures.length > 0) {
        rules.set(line.index, 'end-of-body');
        break;
      }
      continue;
    }
    for (const rule of PARAGRAPH_RULES) {
      if (rule.verdict === 'preamble' && measures.length > 0) continue;
      if (!rule.applies(text)) continue;
      rules.set(line.index, rule.name);
      if (rule.verdict === 'measure') measures.push(line);
      break;
    }
  }
  const last = measures[measures.length - 1];
  if (last !== undefined && isClosing(last.text)) {
    measures.pop();
    rules.set(last.index, 'closing-exhortation');
  }
  return { measures: measures.map((l) => l.index), rules, genre };
}

/**
 * The document's last word, not a measure: 各地、各有关部门要充分认识…的重要意义, …认真贯彻落实
 * (an addressee and a closing word), or any last paragraph addressed to 各地、各部门 at once.
 */
function isClosing(text: string): boolean {
  return (CLOSING_OPENER_RE.test(text) && CLOSING_WORD_RE.test(text)) || GENERAL_ADDRESS_RE.test(text);
}
