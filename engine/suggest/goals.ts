// A government work report's 主要预期目标 ("今年发展主要预期目标是：国内生产总值增长
// 5%左右；城镇新增就业1200万人以上…") are targets like a plan's: this reads them
// into a Plan with one measure, so next year's report can propose progress on
// them. Used when a page holds no numbered plan.
import { extractTargets, type RawTarget } from '../parse/targets.ts';
import { normalizeText, toOriginalSpan } from '../text/normalize.ts';
import { hash53, stableId, uniqueIds } from '../ids.ts';
import type { Plan, Target } from '../types.ts';
import { canonicalise, defaultSuggestLexicon, placesIn } from './lexicon.ts';
import { needsSimplification } from '../text/simplify.ts';
import { firstDateYear, sessionYear, yearBefore, yearMarks } from './years.ts';

export interface GoalsOptions {
  simplify?: (s: string) => string;
  /** Title to use when the page's first line is not one. */
  title?: string;
  /** The year the goals are for, when the caller knows it better than the page. */
  year?: number;
}

/** A sentence that announces goals. */
const GOAL_SENTENCE = /(?:主要)?预期目标|主要目标(?:是|为)/u;
const SENTENCE_END = '。！？!?\n';
/** Words around a goal's number that are not the thing counted. */
const LABEL_NOISE = /20\d{2}年|今年|明年|全年|设定了?|提出|主要|预期目标|目标|继续|保持在?|控制在|为$|是$|了$/gu;
/** A bullet line under a goals heading: ●经济增长6%左右. */
const BULLET = /^\s*(?:[●•·\-—]|\d+[.、．]|[（(]?[一二三四五六七八九十]+[)）、])/u;

function lineAt(text: string, at: number): { start: number; end: number } {
  const start = text.lastIndexOf('\n', at - 1) + 1;
  const nl = text.indexOf('\n', at);
  return { start, end: nl < 0 ? text.length : nl };
}

/** Segments of the text that state goals: the announcing sentence, or the bullet lines under a goals heading. */
function goalSegments(t: string): { start: number; end: number }[] {
  const out: { start: number; end: number }[] = [];
  let from = 0;
  for (;;) {
    const m = GOAL_SENTENCE.exec(t.slice(from));
    if (!m) break;
    const at = from + m.index;
    let start = at;
    while (start > 0 && !SENTENCE_END.includes(t[start - 1]!)) start--;
    let end = at;
    while (end < t.length && !SENTENCE_END.includes(t[end]!)) end++;
    if (!/\d/u.test(t.slice(start, end))) {
      // A heading ("■ 2025年经济社会发展的主要预期目标"): the bullet lines under it.
      let next = end + 1;
      let last = end;
      while (next < t.length) {
        const line = lineAt(t, next);
        const body = t.slice(line.start, line.end);
        if (body.trim() === '') {
          next = line.end + 1;
          continue;
        }
        if (!BULLET.test(body) || !/\d/u.test(body)) break;
        last = line.end;
        next = line.end + 1;
      }
      end = last;
    }
    if (end > start && /\d/u.test(t.slice(start, end))) out.push({ start, end });
    from = Math.max(end, at + m[0].length);
  }
  return out;
}

function cleanLabel(raw: RawTarget, segment: string): string {
  let label = raw.label;
  if (label.length >= 2 && !/目标/u.test(label)) return label;
  // "2025年广东设定了GDP增长预期目标为5%左右": the words of the clause before the number.
  let clauseStart = raw.span.start;
  while (clauseStart > 0 && !'，,；;：:。\n●•'.includes(segment[clauseStart - 1]!)) clauseStart--;
  const numberAt = segment.slice(raw.span.start).search(/\d/u);
  const lead = segment.slice(clauseStart, raw.span.start + Math.max(0, numberAt));
  label = lead.replace(LABEL_NOISE, '');
  for (const place of placesIn(label)) label = label.replace(place, '');
  return label.replace(/[为是达到]+$/u, '') || raw.label;
}

/** The plan of a page's 主要预期目标, or null when the page states none. */
export function expectedGoalsPlan(text: string, options: GoalsOptions = {}): Plan | null {
  const norm = normalizeText(text, options.simplify ? { simplify: options.simplify } : {});
  const t = norm.text;
  const segments = goalSegments(t);
  if (segments.length === 0) return null;
  const marks = yearMarks(t);
  const first = segments[0]!;
  const inSentence = marks.find((m) => m.at >= first.start && m.at < first.end)?.year;
  const thisYear = /今年[(（](20\d{2})年?[)）]/u.exec(t);
  const year =
    options.year ??
    inSentence ??
    (thisYear ? Number(thisYear[1]) : undefined) ??
    sessionYear(t) ??
    yearBefore(marks.filter((m) => m.at >= first.start - 200), first.start) ??
    firstDateYear(t);
  // The first line with words in it (not an image tag or a 摘要 label) stands for the title.
  const firstLine = norm.original.split('\n').map((l) => l.replace(/<[^>]*>[^<]*<\/[^>]*>|<[^>]*>/gu, '').trim()).find((l) => (l.match(/[\u3400-\u9fff]/gu) ?? []).length >= 6) ?? '';
  const title = (options.title || firstLine.slice(0, 60) || '主要预期目标').slice(0, 200);
  const planId = stableId('p', 'goals', title, String(year ?? ''));
  const measureId = stableId('m', planId, '主要预期目标');
  const unique = uniqueIds();
  const seen = new Set<string>();
  const targets: Target[] = [];
  for (const seg of segments) {
    const body = t.slice(seg.start, seg.end);
    for (const raw of extractTargets(body, year ? { defaultDeadline: `${year}年` } : {})) {
      if (raw.value === undefined && raw.min === undefined) continue;
      const label = cleanLabel(raw, body);
      const key = `${canonicalise(label, defaultSuggestLexicon())}\u0001${raw.value ?? raw.min}\u0001${raw.unit}`;
      if (seen.has(key)) continue; // "经济增长预期目标为5%左右" restates the list
      seen.add(key);
      const span = toOriginalSpan(norm, seg.start + raw.span.start, seg.start + raw.span.end);
      const quote = norm.original.slice(span.start, span.end);
      const { labelSpan: _ls, span: _s, ...rest } = raw;
      const target: Target = { ...rest, label, id: unique(stableId('t', measureId, quote, String(hash53(label)))), quote, span };
      if (year) target.deadlineDate = `${year}-12-31`;
      targets.push(target);
    }
  }
  if (targets.length === 0) return null;
  const spanStart = toOriginalSpan(norm, first.start, first.end);
  const last = segments[segments.length - 1]!;
  const whole = toOriginalSpan(norm, first.start, last.end);
  const places = placesIn(t.slice(0, 400));
  return {
    id: planId,
    fingerprint: stableId('fp', ...targets.map((x) => x.quote)),
    title,
    issuer: places.join('、'),
    date: '',
    period: year ? { start: year, end: year } : null,
    script: needsSimplification(text) ? 'traditional' : 'simplified',
    sections: [],
    measures: [
      {
        id: measureId,
        number: '',
        index: 1,
        title: '主要预期目标',
        text: norm.original.slice(whole.start, whole.end),
        units: [],
        unitRoles: [],
        targets,
        ...(year ? { deadline: `${year}年`, deadlineDate: `${year}-12-31` } : {}),
        span: whole,
        quote: norm.original.slice(spanStart.start, Math.min(spanStart.end, spanStart.start + 40)),
      },
    ],
    indicators: [],
    narrativeTargets: [],
    span: whole,
  };
}
