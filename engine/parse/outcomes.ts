// Reported figures in results reports (工作成效, 工作总结): "实施76项改革任务",
// "新开办企业和个体工商户1.8万家", "减少执法检查频次2799次".
//
// A figure is a number with a unit and a label: the noun after it ("76项改革
//任务") or the phrase before it ("…个体工商户1.8万家"). Dates, years, names
// with numerals (三位一体, 一站式), formulas ("1+5") and ranks are skipped, and
// so is everything from the report's "下一步" (next steps) section on, which
// states plans rather than results. Percentages are kept (准确率达85.7%,
// 同比增长17.4%): they are reported results with a unit of %.

import type { Outcome } from '../types.ts';
import { Boundaries, scanQuantities } from './numbers.ts';
import { cleanLabelAfter } from './targets.ts';

type RawOutcome = Omit<Outcome, 'id' | 'quote'>;

const CLAUSE_BOUNDARY = '。；;，,！!？?\n：:';
const SENTENCE_BOUNDARY = '。！!？?\n';
const MAX_CONTEXT = 160;

/** Qualifiers written before the number, longest first. */
const PREFIX_QUALIFIERS = ['超过', '超', '近', '约', '逾', '将近', '接近', '达到', '达', '共计', '共', '累计', '合计', '总计'];
/** Of those, the ones that change what the number means (kept on the outcome). */
const MEANINGFUL_QUALIFIERS = new Set(['超过', '超', '近', '约', '逾', '将近', '接近']);

/** Front words that say nothing about what was counted. */
const LEAD_RE = /^(?:其中|另外|同时|并(?![购联网])|全年|年内|当年|累计|共计|共(?![享建同有])|成功|现有|目前|实现|开展|举办|召开|引进了|引进|引入|新增|建成|为(?![民])|向|已)/;
const TAIL_RE = /(?:达到|达|超过|超|近|约|逾|共计|共|累计|合计|总计|为|是|的)$/;

/** Sentences about the future inside a report ("力争明年…", "计划…") are not results. */
const FUTURE_RE = /力争|预计|将要|下一步|到20\d{2}年|计划(?:于|在|到|明年|今年|20\d{2})|明年/;

/** A heading that starts the report's plans for next year ("2025年工作回顾" reviews a year: it is not one). */
const NEXT_STEPS_RE = /^[\s　]*(?:[一二三四五六七八九十]+[、.]|\(?[一二三四五六七八九十]+\)|\d+[.、])?[\s　]*(?:下一步|下步|明年|20\d{2}年)(?:工作)?(?:计划|打算|安排|思路|重点|工作)(?!回顾|总结|成效|情况)/;

/** Where the report's next-steps section begins, or the end of the text. */
function resultsEnd(text: string): number {
  let start = 0;
  for (let i = 0; i <= text.length; i++) {
    if (i === text.length || text[i] === '\n') {
      const line = text.slice(start, Math.min(i, start + 40));
      if (i - start <= 40 && NEXT_STEPS_RE.test(line)) return start;
      start = i + 1;
    }
  }
  return text.length;
}

function cleanBefore(raw: string): string {
  let t = raw.replace(/\s+/g, '').replace(/^[、，,。；;：:）)”\]]+/, '');
  for (let g = 0; g < 6; g++) {
    const b = t;
    t = t.replace(LEAD_RE, '').replace(/^20\d{2}年[，,]?/, '');
    if (t === b) break;
  }
  for (let g = 0; g < 6; g++) {
    const b = t;
    t = t.slice(0, -4) + t.slice(-4).replace(TAIL_RE, '');
    if (t === b) break;
  }
  return t.replace(/[、，,（(“]+$/, '');
}

/** Reported figures in a results report, in text order. */
export function extractOutcomes(text: string): RawOutcome[] {
  const end = resultsEnd(text);
  const out: RawOutcome[] = [];
  const quantities = scanQuantities(text, 0, end);
  const clauses = new Boundaries(text, CLAUSE_BOUNDARY);
  // Sentence ends are clause ends too: picked from them, no second pass.
  const sentences = new Boundaries(text, SENTENCE_BOUNDARY, clauses);
  let prevEnd = 0;
  let lastLabel = '';
  let lastSentence = -1;
  let futureSentence = -1;
  let futureResult = false;
  for (let i = 0; i < quantities.length; i++) {
    const q = quantities[i]!;
    const floor = prevEnd;
    if (q.value === undefined) continue; // ranges are plans, not results
    // Reports state results in digits; Chinese numerals there are names and scopes
    // (三位一体, 十大重点领域, “三张清单”, “一件事”).
    if (q.chinese) continue;
    // durations (5年) are not reported figures
    if (q.unit === '年') continue;
    const clauseStart = clauses.startOf(q.start, MAX_CONTEXT, floor);
    // each sentence is judged once, from a bounded window around its first number
    const sentenceStart = sentences.startOf(q.start, Infinity);
    if (sentenceStart !== futureSentence) {
      futureSentence = sentenceStart;
      const from = Math.max(sentenceStart, q.start - MAX_CONTEXT);
      futureResult = FUTURE_RE.test(text.slice(from, sentences.endOf(q.end, MAX_CONTEXT, text.length)));
    }
    if (futureResult) continue;

    let qualifier: string | undefined;
    let numStart = q.start;
    for (const w of PREFIX_QUALIFIERS) {
      if (numStart - w.length >= clauseStart && text.startsWith(w, numStart - w.length)) {
        if (MEANINGFUL_QUALIFIERS.has(w)) qualifier = w;
        numStart -= w.length;
        break;
      }
    }
    let qEnd = q.end;
    if (q.suffixQualifier) qualifier = q.suffixQualifier;
    if (text.startsWith('左右', qEnd)) {
      qualifier = '左右';
      qEnd += 2;
    }
    const before2 = text.slice(Math.max(0, numStart - 2), numStart);
    if (before2.endsWith('前') || before2 === '排名' || before2.endsWith('第')) continue;
    const next = text[qEnd];
    if (next === '级' || next === '强' || next === '的') continue;

    const clauseEnd = clauses.endOf(qEnd, MAX_CONTEXT, text.length);
    const lead = text.slice(clauseStart, numStart);
    const postfix = next === undefined || CLAUSE_BOUNDARY.includes(next) || '、等)）'.includes(next);
    let label: string;
    let labelStart: number;
    let labelEnd: number;
    if (postfix) {
      label = cleanBefore(lead);
      // searched only inside the clause: a missing label must not cost a scan of the whole text
      const rel = label ? text.slice(clauseStart, numStart).lastIndexOf(label) : -1;
      labelStart = rel >= 0 ? clauseStart + rel : numStart;
      labelEnd = rel >= 0 ? labelStart + label.length : numStart;
      // "同比增长17.4%" belongs to the figure before it in the sentence
      if (/^(?:同比|环比|较上年|比上年|占)/.test(label) && lastLabel && lastSentence === sentenceStart) label = lastLabel + label;
    } else {
      const afterEnd = Math.min(clauseEnd, quantities[i + 1]?.start ?? clauseEnd);
      label = cleanLabelAfter(text.slice(qEnd, afterEnd));
      const rel = label ? text.slice(qEnd, afterEnd).indexOf(label) : -1;
      labelStart = rel >= 0 ? qEnd + rel : qEnd;
      labelEnd = rel >= 0 ? labelStart + label.length : qEnd;
    }
    if (!label || label.length > 40) continue;
    const o: RawOutcome = {
      label,
      value: q.value,
      unit: q.unit,
      span: { start: Math.min(labelStart, numStart), end: Math.max(labelEnd, qEnd) },
    };
    if (qualifier) o.qualifier = qualifier;
    out.push(o);
    lastLabel = label;
    lastSentence = sentenceStart;
    prevEnd = qEnd;
  }
  return out;
}
