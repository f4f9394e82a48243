// Quantitative targets inside plan text: "制定知识产权服务包不少于200个",
// "由8个工作日压缩至4个工作日", "新增3个左右学科", "力争…达1500亿美元".
//
// Precision first: a number becomes a target only when the sentence reads as
// a commitment about a counted thing. A number with a unit must either follow
// the thing it counts ("货邮吞吐量190万吨以上") or precede it right after a verb
// of making or gaining ("新增2家…医院", "引进20名…人才"), or carry an explicit
// comparator ("不少于80家…机构"). Names, dates, ranks, article counts of
// policies and conditions ("两个以上部门…的，") are not targets.
//
// Decisions where plans are ambiguous:
//  - "新增2家", "引进20名" are '=' (plain counts); "20余场", "100多家" are '>='.
//  - A change by an amount ("人数增加800人", "时间压减50%") is '>=' that change;
//    the label keeps the verb so the number is not read as a level.
//  - "排名前1‰", "前10名" are rank thresholds, never targets; 届 (editions) neither.
//  - "覆盖全球六大洲12个主要航区" is a coverage level the plan keeps: '=' 12个.
//  - The Chinese numeral 一 is never a target (一张图, 一件事, 一站式); other
//    Chinese numerals follow the same rules as digits unless inside a short
//    quoted name (“三张清单”).
//  - "N条" after 出台/落实/印发… counts articles of a policy (优化营商环境57条).
//  - A number that modifies a noun ("超过10亿元的企业", "千亿级") stays in the label.
//  - Clauses that are conditions ("…开展的，", "对于…") or report the past
//    (已经, 截至, 以来) hold no targets.
//
// Input is NFKC-normalised, simplified-script text; spans are offsets into it.
// Every step is bounded (clause look-back ≤ 160 characters, boundaries found
// once and binary-searched), so time is linear in the text length.

import type { Comparator, PlanPeriod, Span, Target } from '../types.ts';
import { Boundaries, scanQuantities, type Quantity } from './numbers.ts';
import { canonicalUnit, convertValue } from '../units/convert.ts';
import words from '../../seeds/target-words.json';

export interface RawTarget extends Omit<Target, 'id' | 'quote' | 'span' | 'label'> {
  span: Span;
  label: string;
  labelSpan?: Span;
}

// ---------------------------------------------------------------------------
// Vocabulary

/** A comparator word and what it means. */
export interface ComparatorWord {
  word: string;
  comparator: Comparator;
  /** A reduction: direction 'decrease' (压缩至, 不超过). */
  reduce?: boolean;
  /** A verb of reaching a level (提高到): pairs with a starting value (从A提高到B). */
  to?: boolean;
}

interface ComparatorGroup {
  comparator: Comparator;
  reduce?: boolean;
  to?: boolean;
  words: string[];
}

const COMPARATOR_VALUES = new Set<string>(['>=', '<=', '=', 'range', 'approx']);

/** Flattens and checks a comparator group list of seeds/target-words.json: a bad edit fails at load, naming the word. */
function comparatorWords(groups: ComparatorGroup[], list: string): ComparatorWord[] {
  const out: ComparatorWord[] = [];
  for (const g of groups) {
    if (!COMPARATOR_VALUES.has(g.comparator)) throw new Error(`target-words: ${list}: unknown comparator "${g.comparator}"`);
    for (const word of g.words) {
      if (!word) throw new Error(`target-words: ${list}: empty word`);
      const w: ComparatorWord = { word, comparator: g.comparator };
      if (g.reduce) w.reduce = true;
      if (g.to) w.to = true;
      out.push(w);
    }
  }
  return out;
}

/** Comparator words written directly before the number (不少于200个); the longest match wins. */
const PREFIX_COMPARATORS: ComparatorWord[] = comparatorWords(words.comparatorsBefore as ComparatorGroup[], 'comparatorsBefore');

/** Comparator words written after the quantity (500亿元以上), tried in order. */
const SUFFIX_COMPARATORS: ComparatorWord[] = comparatorWords(words.comparatorsAfter as ComparatorGroup[], 'comparatorsAfter');

/** Time units where a bare 内 after the quantity means "within" (5个工作日内). */
const TIME_UNITS = new Set(['个工作日', '工作日', '个自然日', '自然日', '天', '小时', '分钟', '秒', '周', '个月']);

/**
 * Verbs after which a number-before-noun is a commitment ("新增2家…", "引进20名…").
 * Matched at the end of the text before the number.
 */
const CREATION_VERBS: readonly string[] = words.creationVerbs;

/** Regex source matching any of the words, longest first (words are plain CJK text). */
function alternation(list: readonly string[]): string {
  return [...list].sort((a, b) => b.length - a.length).map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|');
}
function anyWordRe(list: readonly string[]): RegExp {
  return new RegExp(alternation(list));
}
/** Words grouped by last character: "does s end with one of them" without a regex tried at every position. */
function suffixIndex(words: readonly string[]): Map<string, string[]> {
  const m = new Map<string, string[]>();
  for (const w of words) {
    const k = w[w.length - 1]!;
    const list = m.get(k) ?? [];
    list.push(w);
    m.set(k, list);
  }
  for (const list of m.values()) list.sort((a, b) => b.length - a.length);
  return m;
}

/** The longest word of the index that s ends with, or ''. */
function endingWord(s: string, index: Map<string, string[]>): string {
  const list = index.get(s[s.length - 1] ?? '');
  if (list) for (const w of list) if (s.endsWith(w)) return w;
  return '';
}

const CREATION_VERB_INDEX = suffixIndex(CREATION_VERBS);
function endsWithCreationVerb(s: string): boolean {
  return endingWord(s.endsWith('了') ? s.slice(0, -1) : s, CREATION_VERB_INDEX) !== '';
}
/** A verb of reach with a short place or scope between it and the number: "覆盖全球六大洲12个主要航区". */
const VERB_THEN_OBJECT_RE = new RegExp(`(?:${alternation(words.verbsBeforeObject)})[^的，,。；;、“”()（）\\d]{1,8}$`);

/** Words to drop from the front of a label: time words, adverbs, verbs of doing. */
const LEAD_WORDS: readonly string[] = words.labelLeadWords;
const LEAD_WORD_RE = new RegExp(`^(?:${[...LEAD_WORDS].sort((a, b) => b.length - a.length).join('|')})`);

/** A deadline or date at the front of a label ("2025年底前", "6月18日前", "“十四五”期间"). */
const LEAD_DEADLINE_RE =
  /^(?:(?:力争|争取)?(?:到|至|在|于)?(?:20\d{2}年(?:\d{1,2}月(?:\d{1,2}日|底|末|中旬|上旬|下旬)?)?|\d{1,2}月(?:\d{1,2}日|底|末|中旬|上旬|下旬)?)(?:底|末)?(?:前|之前|以前)?|["“]?十[一二三四五六七八九]五["”]?(?:期间|时期|末)?)/;

/** Words to drop from the end of a label before the number ("…数量达到", "…保持在"). */
const TAIL_WORDS: readonly string[] = words.labelTailWords;
/** Endings that look like tail words but are part of a noun (违法行为, 人均). */
const TAIL_KEEP_RE = /(?:行为|作为|人均|户均)$/;
const TAIL_WORD_INDEX = suffixIndex(TAIL_WORDS);

/** Where a label after the number stops: the next verb or qualifier. */
const AFTER_CUT_RE = /大力|开展|入驻|落户|成为|参与|承担|提供|落地|基本|排名|进行|实现|达到|完成|经备案|取得|享受|办理|获得|纳入|通过|投入使用|建成|上线|的比例|的比重|也|均已|都已|已经|正在|入库|可直接|可以|可在|在(?![校线职建营库册岗孵读途用保管])/;

/** Verbs that name a policy ("出台…57条", "落实…36条"): N条 after them counts articles, not things. */
const POLICY_VERB_RE = /出台|落实|印发|实施|贯彻|执行|修订|发布|颁布|制定|推出|出炉/;

/** Clause boundaries for labels. */
/** Clause boundaries for labels; a tab separates the cells of a table row. */
const CLAUSE_BOUNDARY = '。；;，,！!？?\n：:\t';
/** "控制在5%以内的目标": the number is the goal itself, not a modifier. */
const GOAL_OF_RE = /^的(?:目标|要求)/;

/** Closing quotes after a number end its phrase: “…人才贡献率达到40%”的目标. */
const CLOSING_QUOTES = '”’」』';
/** A short note in brackets after a unit: 95000套(户). */
const SHORT_NOTE_RE = /^\([^()]{1,3}\)/;

/** Clause boundaries plus the list comma: what may follow a number written after its label. */
const CLAUSE_OR_LIST = CLAUSE_BOUNDARY + '、';
/** Sentence boundaries for deadlines and from→to (each also a clause boundary: they are picked from the clause ends). */
const SENTENCE_BOUNDARY = '。！!？?\n';

/** Longest label we accept (001's longest real one has 27 characters). */
const MAX_LABEL = 40;

/** How far back/forward we look for context; keeps the scan linear on text with no punctuation. */
const MAX_CONTEXT = 160;

/** Deadlines as written. Sticky-free, bounded alternatives only. */
const DEADLINE_RE =
  /(?:力争|争取|计划)?(?:到|至|于|在)?20\d{2}年(?:\d{1,2}月(?:\d{1,2}日|底|末|中旬|上旬|下旬)?)?(?:底|末)?(?:前|之前|以前)?|\d{1,2}月\d{1,2}日(?:前|之前|以前)|\d{1,2}月(?:底|末|中旬|上旬|下旬)(?:前|之前|以前)?|\d{1,2}月(?:前|之前|以前)|全年|年内|年底前|年底|年末|今年|本年度|上半年|下半年|第?[一二三四1-4]季度(?:末|底)?(?:前)?|["“]?十[一二三四五六七八九]五["”]?(?:期间|时期|末|期末)/g;

// ---------------------------------------------------------------------------
// Small helpers

function isBoundary(ch: string | undefined, set: string): boolean {
  return ch === undefined || set.includes(ch);
}

function findBack(text: string, pos: number, set: string, limit = MAX_CONTEXT): number {
  const stop = Math.max(0, pos - limit);
  for (let i = pos - 1; i >= stop; i--) if (set.includes(text[i]!)) return i + 1;
  return stop;
}

/** A deadline phrase is a real one only if it is marked (到2025年, 2025年底前, 力争2025年) — not "2025年ESG大会". */
function isMarkedDeadline(phrase: string, text: string, end: number): boolean {
  // "2024年6月18日" is a date; "6月18日前" is a deadline
  if (phrase.endsWith('日')) return false;
  if (!/^(?:力争|争取|计划)?(?:到|至|于|在)?20\d{2}年/.test(phrase)) return true;
  if (/^(?:力争|争取|计划|到|至|于|在)/.test(phrase)) return true;
  if (/(?:底|末|前)$/.test(phrase) || /月/.test(phrase)) return true;
  // "2025年，…" at the start of a clause states the year of what follows
  return text[end] === '，' || text[end] === ',';
}

/** A character every alternative of DEADLINE_RE contains. */
const TARGET_DEADLINE_HINT_RE = /[年月季十]/;

interface DeadlineHit {
  text: string;
  start: number;
  end: number;
}

/** All deadline phrases in text[from, to). */
export function findDeadlines(text: string, from = 0, to = text.length): DeadlineHit[] {
  const out: DeadlineHit[] = [];
  const slice = text.slice(from, to);
  // Every deadline phrase holds 年, 月, 季 or 十 (十四五): most texts have none.
  if (!TARGET_DEADLINE_HINT_RE.test(slice)) return out;
  DEADLINE_RE.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = DEADLINE_RE.exec(slice)) !== null) {
    if (m[0].length === 0) {
      DEADLINE_RE.lastIndex++;
      continue;
    }
    const start = from + m.index;
    const end = start + m[0].length;
    // "2025年" inside "2021—2025年" or a date range is not a deadline
    const prev = text[start - 1];
    if (prev !== undefined && /[0-9\-—–~]/.test(prev)) continue;
    if (!isMarkedDeadline(m[0], text, end)) continue;
    // a phrase used as a noun modifier: "全年任务", "年内完成的"
    let phrase = m[0].replace(/^(?:力争|争取|计划)/, '');
    if (/^(?:到|至|于|在)/.test(phrase) && !/^(?:到|至)/.test(phrase)) phrase = phrase.slice(1);
    out.push({ text: phrase, start: end - phrase.length, end });
  }
  return out;
}

/** The deadline that governs a target at [qStart, qEnd): nearest before it in its sentence, else later in the sentence, else the first in the text. */
function deadlineFor(qStart: number, qEnd: number, all: DeadlineHit[], sentences: Boundaries, textLength: number): string | undefined {
  if (all.length === 0) return undefined;
  const sStart = sentences.startOf(qStart, 400);
  const sEnd = sentences.endOf(qEnd, 400, textLength);
  // binary search: last deadline ending at or before qStart
  let lo = 0;
  let hi = all.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (all[mid]!.end <= qStart) lo = mid + 1;
    else hi = mid;
  }
  const before = lo > 0 ? all[lo - 1] : undefined;
  if (before && before.start >= sStart) return before.text;
  let k = lo;
  while (k < all.length && all[k]!.start < qEnd) k++;
  const after = all[k];
  if (after && after.end <= sEnd) return after.text;
  return all[0]!.text;
}

function stripLabelEdges(s: string): string {
  let t = s.replace(/\s+/g, '');
  // unpaired closers and separators at the front, separators at the end
  t = t.replace(/^[、，,。；;：:）)】」』”’\]]+/, '');
  t = t.replace(/[、，,。；;：:（(【「『“‘\[]+$/, '');
  return t;
}

function balancedQuotes(s: string): string {
  const open = (s.match(/“/g) ?? []).length;
  const close = (s.match(/”/g) ?? []).length;
  if (open > close && s.startsWith('“') === false) return s.replace(/“(?!.*”)/, '');
  if (close > open) return s.replace(/^([^“]*?)”/, '$1');
  return s;
}

/** Cleans the text before a number into the thing counted. */
export function cleanLabelBefore(raw: string): string {
  let t = stripLabelEdges(raw);
  // inside a bracket opened before the label: "号源（其中专家号源" → "其中专家号源"
  const open = Math.max(t.lastIndexOf('('), t.lastIndexOf('（'));
  if (open >= 0 && !/[)）]/.test(t.slice(open))) t = t.slice(open + 1);
  // "对单户担保金额500万元及以下的小微企业…收取的担保费率": the object of 对… is not the thing measured
  if (t.startsWith('对')) {
    const de = t.lastIndexOf('的');
    if (de > 0 && t.length - de - 1 >= 4) t = t.slice(de + 1);
  }
  // a period at the front: "5年内培养…"
  t = t.replace(/^\d{1,2}年内/, '');
  // a list number at the start of a line ("12.", "3、", "(二)")
  t = t.replace(/^(?:\d{1,4}[.、]|[(（][一二三四五六七八九十\d]{1,3}[)）]|[一二三四五六七八九十]{1,3}、)/, '');
  // deadline phrases and lead words, repeatedly ("全年新建成碧道" → "碧道")
  for (let guard = 0; guard < 12; guard++) {
    const before = t;
    t = t.replace(LEAD_DEADLINE_RE, '');
    const stripped = t.replace(LEAD_WORD_RE, '');
    // "新建改造和存量纳管的…": the verb is one of two coordinated modifiers, keep it
    if (!/^[和及与、]/.test(stripped)) t = stripped;
    t = t.replace(/^[，,]/, '');
    if (t === before) break;
  }
  for (let guard = 0; guard < 6; guard++) {
    if (TAIL_KEEP_RE.test(t)) break;
    const w = endingWord(t, TAIL_WORD_INDEX);
    if (!w) break;
    t = t.slice(0, -w.length);
  }
  return balancedQuotes(stripLabelEdges(t));
}

/** Cleans the text after a number ("家与深圳…的外商独资医院", "名核心人工智能人才及") into the thing counted. */
export function cleanLabelAfter(raw: string): string {
  let t = raw.replace(/\s+/g, '');
  const cut = AFTER_CUT_RE.exec(t);
  if (cut && cut.index > 0) t = t.slice(0, cut.index);
  t = t.replace(/(?:以及|及|和|与|或|并|、|等)+$/, '');
  const tail = /(?:项目建设|建设|发展)$/.exec(t);
  if (tail && t.length - tail[0].length >= 2) t = t.slice(0, tail.index);
  const de = t.lastIndexOf('的');
  if (de >= 0 && t.length - de - 1 >= 2) t = t.slice(de + 1);
  // a Latin tag glued to the noun ("学科ESI") or a trailing bracket note
  const latin = /[A-Za-z(（]/.exec(t);
  if (latin && latin.index >= 2 && !/[A-Za-z]/.test(t[0]!)) t = t.slice(0, latin.index);
  return balancedQuotes(stripLabelEdges(t));
}

/** True when the quantity sits inside a short quoted name (“两国双园”, “三张清单”). Looks at most 8 characters each way. */
function insideShortQuote(text: string, start: number, end: number): boolean {
  let opened = false;
  for (let i = start - 1; i >= Math.max(0, start - 8); i--) {
    if (text[i] === '”') return false;
    if (text[i] === '“') {
      opened = true;
      break;
    }
  }
  if (!opened) return false;
  for (let i = end; i < Math.min(text.length, end + 8); i++) {
    if (text[i] === '“') return false;
    if (text[i] === '”') return true;
  }
  return false;
}

interface QuantityContext {
  q: Quantity;
  /** Start of the comparator prefix (or the number). */
  compStart: number;
  /** End after a suffix comparator. */
  compEnd: number;
  prefix?: ComparatorWord;
  suffix?: ComparatorWord;
  clauseStart: number;
  /** Clause start ignoring earlier quantities: identifies the clause. */
  clauseId: number;
  clauseEnd: number;
}

const PREFIX_BY_LAST_CHAR: Map<string, ComparatorWord[]> = (() => {
  const m = new Map<string, ComparatorWord[]>();
  for (const c of PREFIX_COMPARATORS) {
    const k = c.word[c.word.length - 1]!;
    m.set(k, [...(m.get(k) ?? []), c]);
  }
  return m;
})();

function prefixComparatorAt(text: string, numStart: number, floor: number): ComparatorWord | undefined {
  let best: ComparatorWord | undefined;
  const candidates = PREFIX_BY_LAST_CHAR.get(text[numStart - 1] ?? '');
  if (!candidates) return undefined;
  for (const c of candidates) {
    const s = numStart - c.word.length;
    if (s < floor) continue;
    if (text.startsWith(c.word, s) && (!best || c.word.length > best.word.length)) best = c;
  }
  return best ?? splitToComparator(text, numStart, floor);
}

/**
 * The stems of the 提高到/压缩至-style words (提高, 压缩 …), each with its comparator: written with the
 * object between verb and 至/到 ("提高代偿容忍度至10%", "压缩企业开办时间至1个工作日").
 */
const SPLIT_TO_STEMS: readonly ComparatorWord[] = (() => {
  const seen = new Set<string>();
  const stems: ComparatorWord[] = [];
  for (const c of PREFIX_COMPARATORS) {
    if (!c.to || c.word.length < 3 || !/[至到]$/u.test(c.word)) continue;
    const stem = c.word.slice(0, -1);
    if (seen.has(stem)) continue;
    seen.add(stem);
    stems.push({ word: stem, comparator: c.comparator, ...(c.reduce ? { reduce: true } : {}) });
  }
  return stems;
})();
/** Most characters of object between the verb and 至/到. */
const MAX_SPLIT_OBJECT = 12;

/** 至/到 right before the number, its verb a few characters back in the same clause: the verb's comparator, on 至. */
function splitToComparator(text: string, numStart: number, floor: number): ComparatorWord | undefined {
  const mark = text[numStart - 1];
  if ((mark !== '至' && mark !== '到') || /[\d一二三四五六七八九十]/u.test(text[numStart - 2] ?? '')) return undefined;
  const from = Math.max(floor, numStart - 1 - MAX_SPLIT_OBJECT - 2);
  const before = text.slice(from, numStart - 1);
  if (/[,，;；。、]/u.test(before.slice(-MAX_SPLIT_OBJECT))) return undefined;
  for (const stem of SPLIT_TO_STEMS) {
    const at = before.lastIndexOf(stem.word);
    if (at >= 0 && before.length - at - stem.word.length >= 1) return { word: mark, comparator: stem.comparator, ...(stem.reduce ? { reduce: true } : {}) };
  }
  return undefined;
}

function suffixComparatorAt(text: string, pos: number, unit: string): ComparatorWord | undefined {
  for (const c of SUFFIX_COMPARATORS) if (text.startsWith(c.word, pos)) return c;
  if (text[pos] === '内' && TIME_UNITS.has(unit)) return { word: '内', comparator: '<=', reduce: true };
  return undefined;
}

function contextOf(text: string, q: Quantity, floor: number, clauses: Boundaries): QuantityContext {
  const clauseId = clauses.startOf(q.start, MAX_CONTEXT);
  const clauseStart = Math.max(clauseId, floor);
  const prefix = prefixComparatorAt(text, q.start, clauseStart);
  const suffix = suffixComparatorAt(text, q.end, q.unit);
  const compEnd = q.end + (suffix ? suffix.word.length : 0);
  return {
    q,
    compStart: q.start - (prefix ? prefix.word.length : 0),
    compEnd,
    prefix,
    suffix,
    clauseStart,
    clauseId,
    clauseEnd: clauses.endOf(compEnd, MAX_CONTEXT, text.length),
  };
}

/** A change by an amount written right before it: 增加800人, 压减50%, 提高20%. */
const CHANGE_BY_RE = /(?:增加|提高|提升|增长|扩大|压减|压缩|减少|降低|下降|缩短|节约|节省)$/;

/** A comparator written before the compared-with phrase, not next to the number. */
const INNER_COMPARATOR_RE = /不少于|不低于|不得低于|不得少于|不超过|不高于|不得高于|不得超过|至少|超过|突破|达到/;

/** Between A and B of 从A提高到B: an optional counted noun (县（市）), then the verb. */
const FROM_TO_BETWEEN_RE = /^([^，,。；;、\d]{0,6}?)(?:增加|提高|提升|压缩|缩短|缩减|减少|降低|压减|下降|上升|增长|扩大|延长|降|减|增)(?:到|至)$/;

/** A 从A提高到B reading: the starting value and, for paired lists, every value. */
interface FromTo {
  value: number;
  /** Where 从/由 stands. */
  start: number;
  /** End of the whole phrase when it runs past B (a list of values, a counted noun). */
  end?: number;
  /** The counted noun written after both numbers, joined to the unit (个 + 县（市）). */
  unitNoun?: string;
  /** 分别从A1、A2提高到B1、B2. */
  fromValues?: number[];
  values?: number[];
}

/** Longest list of values ending at quantities[i], joined by 、 with one unit ("209元、280元"); at most 8. */
function listBefore(text: string, qs: Quantity[], i: number): Quantity[] {
  const out = [qs[i]!];
  for (let j = i - 1; j >= 0 && out.length < 8; j--) {
    const q = qs[j]!;
    if (q.value === undefined || q.unit !== qs[i]!.unit || out[0]!.start - q.end !== 1 || text[q.end] !== '、') break;
    out.unshift(q);
  }
  return qs[i]!.value === undefined ? [] : out;
}
function listAfter(text: string, qs: Quantity[], i: number): Quantity[] {
  const out = [qs[i]!];
  for (let j = i + 1; j < qs.length && out.length < 8; j++) {
    const q = qs[j]!;
    const last = out[out.length - 1]!;
    if (q.value === undefined || q.unit !== qs[i]!.unit || q.start - last.end !== 1 || text[last.end] !== '、') break;
    out.push(q);
  }
  return qs[i]!.value === undefined ? [] : out;
}

// ---------------------------------------------------------------------------
// Main extraction

export interface ExtractOptions {
  /** Deadline that applies to the whole text when none is written near a target (narrative sentences). */
  defaultDeadline?: string;
  /** The plan period, when known: a sentence that opens with an earlier year reports the past. */
  period?: PlanPeriod | null;
  /** What a number with no label of its own counts (an indicator table's row name for its target cell). */
  defaultLabel?: string;
}

/** Words that make a sentence a report of the past, not a commitment. */
const PAST_SENTENCE_RE = /截至|截止|以来|已经|实现了|取得了|完成了|年均增长|同比增长|比上年|较上年|十[一二三]五["”]?(?:期间|时期|末|以来)/;
/** Words that make a sentence look forward even when it mentions the past (确保…较上年度再降0.5个百分点 commits). */
const FORWARD_SENTENCE_RE = /确保(?!了)|力争|争取|预计|目标是|目标为|主要目标|(?:^|[，,；;\s])到20\d{2}年|20\d{2}年(?:底|末)?前/;

/** A growth rate with a comparator after it is planned, not reported. */
const PLANNED_RATE_RE = /年均增长\d+(?:\.\d+)?%(?:左右|以上)/g;

/** True when the sentence reports facts (2020年，…增加值500.97亿元，年均增长8.7%). */
function isPastSentence(sentence: string, period: PlanPeriod | null | undefined): boolean {
  if (FORWARD_SENTENCE_RE.test(sentence)) return false;
  // "年均增长5%左右" sets a rate; "年均增长8.7%" reports one
  if (PAST_SENTENCE_RE.test(sentence.replace(PLANNED_RATE_RE, ''))) return true;
  return opensWithEarlierYear(sentence, period);
}

/** "2020年，…" in a plan for 2021–2025. */
function opensWithEarlierYear(sentence: string, period: PlanPeriod | null | undefined): boolean {
  const lead = /^\s*(?:在|于)?(20\d{2})年(?:底|末)?[，,]/.exec(sentence);
  return !!(lead && period && Number(lead[1]) < period.start);
}

/**
 * Targets in one measure's text (or one sentence of plan prose).
 * Returns them in text order; spans cover the label and the quantity.
 */
export function extractTargets(text: string, options: ExtractOptions = {}): RawTarget[] {
  return readTargets(text, options, null);
}

/** One number the reader looked at, and the named rule that decided it. */
export interface TargetCandidate {
  /** The text of the candidate: the target's span when accepted, the quantity (with its comparator) when rejected. */
  quote: string;
  span: Span;
  /** Name of the rule that accepted or rejected it (see ACCEPT_RULES / REJECT_RULES). */
  rule: string;
}
export interface AcceptedTarget extends TargetCandidate {
  target: RawTarget;
}
export interface TargetExplanation {
  accepted: AcceptedTarget[];
  rejected: TargetCandidate[];
}

/**
 * Every number-with-unit of the text, each accepted as a target or rejected,
 * with the name of the rule that decided (for `planmeter parse --explain` and
 * for tuning the rules). extractTargets returns the accepted targets only.
 */
export function explainTargets(text: string, options: ExtractOptions = {}): TargetExplanation {
  const explanation: TargetExplanation = { accepted: [], rejected: [] };
  readTargets(text, options, explanation);
  return explanation;
}

function readTargets(text: string, options: ExtractOptions, explain: TargetExplanation | null): RawTarget[] {
  const quantities = scanQuantities(text);
  // Most measures state no quantity: nothing below can produce a target then.
  if (quantities.length === 0) return [];
  const rejectAs = (rule: string, start: number, end: number) => {
    if (explain) explain.rejected.push({ quote: text.slice(start, end), span: { start, end }, rule });
  };
  // Read only once a target is accepted: most numbers are rejected (the parse profile showed this pass).
  let deadlines: DeadlineHit[] | null = null;
  const clauses = new Boundaries(text, CLAUSE_BOUNDARY);
  // Sentence ends are clause ends too; line starts are needed only after a past-year paragraph (rare).
  const sentenceBounds = new Boundaries(text, SENTENCE_BOUNDARY, clauses);
  let lineBounds: Boundaries | null = null;
  const pastMarks = markPositions(text, PAST_MARK_RE);
  const out: RawTarget[] = [];
  const baselineOf = new Map<number, FromTo>();
  const consumed = new Set<number>();

  // from→to pairs: 由7天增加到15天, 从8个工作日压缩至4个工作日
  for (let i = 0; i + 1 < quantities.length; i++) {
    const a = quantities[i]!;
    const b = quantities[i + 1]!;
    if (b.start - a.end > 12 || b.start - a.end < 2) continue;
    // 从15个县（市）扩大到57个县（市）: the counted noun written after both numbers joins the unit
    const between = FROM_TO_BETWEEN_RE.exec(text.slice(a.end, b.start));
    if (!between) continue;
    const noun = between[1] ?? '';
    if (noun && !text.startsWith(noun, b.end)) continue;
    const clauseStart = clauses.startOf(a.start, MAX_CONTEXT);
    const lead = text.slice(clauseStart, a.start);
    const from = Math.max(lead.lastIndexOf('由'), lead.lastIndexOf('从'));
    if (from < 0 || a.value === undefined) continue;
    const base = convertValue(a.value, a.unit, b.unit);
    if (base === null) continue;
    const record: FromTo = { value: base, start: clauseStart + from };
    if (noun) {
      record.unitNoun = noun;
      record.end = b.end + noun.length;
    }
    // 分别从每人每月209元、280元提高到217元、290元: paired lists, one target with list values
    const fromList = listBefore(text, quantities, i);
    const toList = listAfter(text, quantities, i + 1);
    if (fromList.length >= 2 && fromList.length === toList.length && fromList[0]!.start >= clauseStart + from) {
      const fromValues = fromList.map((q) => convertValue(q.value!, q.unit, b.unit));
      if (fromValues.every((v): v is number => v !== null)) {
        record.fromValues = fromValues;
        record.values = toList.map((q) => q.value!);
        record.end = toList[toList.length - 1]!.end;
        for (let k = i - fromList.length + 1; k <= i; k++) consumed.add(k);
        for (let k = i + 2; k < i + 1 + toList.length; k++) consumed.add(k);
      }
    }
    baselineOf.set(i + 1, record);
    consumed.add(i);
  }

  let lastAcceptedEnd = -1;
  let lastLabelEnd = -1;
  let pastSentence = -1;
  let pastResult = false;
  let pastYearFrom = -1;
  let lastAcceptedClause = -1;
  let lastAcceptedSentence = -1;
  let lastLabel = '';
  let lastUnitSuffix = '';
  /** Sentence of the last target read as a count before its noun (新增2家…). */
  let lastCountSentence = -1;
  let prevEnd = 0;
  for (let i = 0; i < quantities.length; i++) {
    const q = quantities[i]!;
    const floor = prevEnd;
    prevEnd = q.end;
    if (consumed.has(i)) continue;
    const ctx = contextOf(text, q, floor, clauses);
    prevEnd = ctx.compEnd;
    // the sentence is judged once, from a bounded window around its first number
    const sStart = sentenceBounds.startOf(q.start, Infinity);
    if (sStart !== pastSentence) {
      // a paragraph that opens a sentence with a year before the plan period reports the past
      // until a sentence looks forward ("2020年，…501项。…率先推出42项…，300项…实现全城通办")
      if (pastYearFrom >= 0 && (lineBounds ??= new Boundaries(text, '\n', clauses)).startOf(sStart, Infinity) > pastYearFrom) pastYearFrom = -1;
      pastSentence = sStart;
      const from = Math.max(sStart, q.start - 400);
      const sentence = text.slice(from, sentenceBounds.endOf(q.end, 400, text.length));
      pastResult = isPastSentence(sentence, options.period);
      if (pastResult && opensWithEarlierYear(sentence, options.period)) pastYearFrom = sStart;
      else if (!pastResult && pastYearFrom >= 0 && !FORWARD_SENTENCE_RE.test(sentence)) pastResult = true;
    }
    const ruleInput: RuleInput = { text, ctx, pastMarks, sentenceStart: Math.max(sStart, ctx.compStart - MAX_CONTEXT), fromTo: baselineOf.has(i) };
    let reject = pastResult ? 'past-sentence' : rejectRule(ruleInput);
    // "100%的社区卫生服务中心…完成中医馆设置", "预留30%的号源": a share of units, not a modifier
    const share = !reject || reject === 'noun-modifier' ? shareOfUnits(text, ctx, Math.max(ctx.clauseStart, floor)) : null;
    if (share && reject) reject = rejectRule(ruleInput, 'noun-modifier');
    // "年均开发2万个以上的公益性岗位": a count after a verb of making, its 的 leads to the noun
    else if (reject === 'noun-modifier' && ctx.suffix && !/元$/.test(q.unit) && endsWithCreationVerb(stripLabelEdges(text.slice(Math.max(ctx.clauseStart, floor), ctx.compStart)))) {
      reject = rejectRule(ruleInput, 'noun-modifier');
    }
    if (reject) {
      rejectAs(reject, ctx.compStart, ctx.compEnd);
      // a rejected number stays part of the surrounding label ("年产值超过10亿元的企业超过60家")
      prevEnd = floor;
      continue;
    }
    let rule = '';
    let unitSuffix: string | undefined;

    const fromTo = baselineOf.get(i);
    const segStart = fromTo ? clauses.startOf(fromTo.start, MAX_CONTEXT) : Math.max(ctx.clauseStart, floor);
    const lead = text.slice(segStart, fromTo ? fromTo.start : ctx.compStart);
    // 从15个县（市）扩大到57个县（市）: the phrase ends after the counted noun
    const next = text[fromTo?.unitNoun ? fromTo.end! : ctx.compEnd];
    const postfix = GOAL_OF_RE.test(text.slice(ctx.compEnd, ctx.compEnd + 3)) || isBoundary(next, CLAUSE_OR_LIST) || next === '等' || next === '）' || next === ')' || CLOSING_QUOTES.includes(next ?? '') || (next === '(' && SHORT_NOTE_RE.test(text.slice(ctx.compEnd, ctx.compEnd + 6)));

    let label = '';
    let labelSpan: Span | undefined;
    // what the quote should cover when the label is composed and has no single span
    let quoteFrom: Span | undefined;
    if (share) {
      label = share.label;
      labelSpan = share.span;
      rule = 'share-of-units';
    } else if (postfix) {
      const inner = !ctx.prefix && !ctx.suffix ? INNER_COMPARATOR_RE.exec(lead) : null;
      if (inner && inner.index > 0) {
        // "工业用地面积不低于区块线内总用地面积的60%": X compared with a share of Y
        const subject = cleanLabelBefore(lead.slice(0, inner.index));
        const whole = cleanLabelBefore(lead.slice(inner.index + inner[0].length));
        label = q.unit === '%' || q.unit === '‰' ? (whole ? `${subject}占${whole}比例` : subject) : subject;
        quoteFrom = spanOfLabel(text, subject, segStart, ctx.compStart);
        if (label === subject) labelSpan = quoteFrom;
        rule = 'share-of-whole';
      } else {
        label = cleanLabelBefore(lead);
        labelSpan = spanOfLabel(text, label, segStart, fromTo ? fromTo.start : ctx.compStart);
        rule = fromTo ? 'from-to' : 'label-before-number';
      }
      if (!label && text[segStart - 1] === '\t') {
        // a table row: "15.签约高血压患者血压控制率\t≥50%" – the cell before names the thing
        const cellStart = findBack(text, segStart - 1, '\t\n', MAX_LABEL + 10);
        label = cleanLabelBefore(text.slice(cellStart, segStart - 1));
        if (label) labelSpan = spanOfLabel(text, label, cellStart, segStart - 1);
        rule = 'label-from-row-name';
      }
      if (!label && options.defaultLabel) {
        label = options.defaultLabel;
        labelSpan = undefined;
        rule = 'label-from-row-name';
      }
      if (!label && lastLabel && lastAcceptedSentence === sStart) {
        // "…每万常住人口家庭医生数不低于4人，到2025年不低于4.66人": the same thing, a later deadline
        label = lastLabel;
        labelSpan = undefined;
        quoteFrom = { start: segStart, end: ctx.compStart };
        unitSuffix = lastUnitSuffix;
        rule = 'label-from-previous-target';
      }
      if (!label) {
        rejectAs('no-label', ctx.compStart, ctx.compEnd);
        continue;
      }
      // "…增加值达到600亿元以上，占地区生产总值比重达45%以上": the share belongs to the previous subject
      if (label.startsWith('占') && lastLabel && lastAcceptedSentence === sStart) {
        label = lastLabel + label;
        quoteFrom = labelSpan;
        labelSpan = undefined;
      }
    } else {
      // number before the noun: needs a verb of making/gaining, an explicit comparator, or a chain
      const leadTrim = stripLabelEdges(lead).replace(/(?:以及|及|和|与|、)$/, '');
      const explicit = ctx.prefix !== undefined && ctx.prefix.comparator !== '=' && ctx.prefix.comparator !== 'approx';
      // "引进20名…人才及20名…人才", "新增2家…机构、15个进口药械": a list after an accepted target
      const sinceLast = lastAcceptedEnd >= 0 && lastAcceptedClause === ctx.clauseId ? text.slice(Math.max(lastLabelEnd, segStart), ctx.compStart) : null;
      const chained = sinceLast !== null && /^[、，,]?(?:以及|及|和|与|、)?$/.test(sinceLast.replace(/\s+/g, ''));
      // "开展的9个方面共57项改革创新事项": a total of the plan's items
      const afterVerb = endsWithCreationVerb(leadTrim) || VERB_THEN_OBJECT_RE.test(leadTrim.slice(-12)) || /(?:共|共计|合计)$/.test(leadTrim);
      // "建成1~2所…，6~8所…和10~12所…", "300名…赴境外培训，1000名…参加…": a clause that opens with a count, after a count of the same sentence
      const parallel = leadTrim === '' && lastCountSentence === sStart;
      // "在10个左右技术技能人才紧缺领域开展职业培训": an approximate count is a planned quantity
      const approxCount = ctx.suffix?.comparator === 'approx';
      if (!explicit && !chained && !afterVerb && !fromTo && !parallel && !approxCount) {
        rejectAs('number-before-noun-without-verb', ctx.compStart, ctx.compEnd);
        continue;
      }
      rule = fromTo ? 'from-to' : explicit ? 'comparator-before-noun' : afterVerb ? 'verb-of-making' : chained ? 'list-after-target' : parallel ? 'parallel-clause' : 'approximate-count';
      const afterEnd = Math.min(ctx.clauseEnd, quantities[i + 1]?.start ?? ctx.clauseEnd);
      const afterRaw = text.slice(ctx.compEnd, afterEnd);
      label = cleanLabelAfter(afterRaw);
      if (label) labelSpan = spanOfLabel(text, label, ctx.compEnd, afterEnd);
      if (!label) {
        label = cleanLabelBefore(lead);
        if (label) labelSpan = spanOfLabel(text, label, segStart, ctx.compStart);
      }
      if (!label) {
        rejectAs('no-label', ctx.compStart, ctx.compEnd);
        continue;
      }
    }

    // a "label" longer than this is run-on text, not the name of a counted thing
    if (label.length > MAX_LABEL) {
      rejectAs('run-on-label', ctx.compStart, ctx.compEnd);
      continue;
    }
    const t = buildTarget(text, ctx, label, fromTo);
    // 每万常住人口…4人 → 人/万常住人口; 每人每月2423元 → 元/人·月
    unitSuffix ??= perUnitSuffix(text.slice(segStart, ctx.compStart), t.unit);
    t.unit += unitSuffix;
    if (fromTo?.end !== undefined) t.span = { start: t.span.start, end: Math.max(t.span.end, fromTo.end) };
    if (labelSpan) t.labelSpan = labelSpan;
    const cover = labelSpan ?? quoteFrom;
    const spanStart = Math.min(cover?.start ?? t.span.start, t.span.start);
    const spanEnd = Math.max(cover?.end ?? t.span.end, t.span.end);
    if (spanEnd - spanStart <= 80) t.span = { start: spanStart, end: spanEnd };
    const deadline = deadlineFor(ctx.compStart, ctx.compEnd, (deadlines ??= findDeadlines(text)), sentenceBounds, text.length) ?? options.defaultDeadline;
    if (deadline) t.deadline = deadline;
    out.push(t);
    if (explain) explain.accepted.push({ quote: text.slice(t.span.start, t.span.end), span: { ...t.span }, rule, target: t });
    lastAcceptedEnd = ctx.compEnd;
    lastAcceptedClause = ctx.clauseId;
    lastAcceptedSentence = sStart;
    lastLabelEnd = Math.max(ctx.compEnd, labelSpan?.end ?? 0);
    lastLabel = label;
    lastUnitSuffix = unitSuffix;
    if (!postfix) lastCountSentence = sStart;
  }
  return out;
}

// ---------------------------------------------------------------------------
// Units: the one place where a unit as written is completed from its context

/** 每万常住人口, 每千人口, 每十万人: a per-capita level. */
const PER_CAPITA_RE = /每(十万|百万|万|千|百)(常住人口|户籍人口|人口|居民|人)/g;
/** 每人每月, 每户每年: an amount per person and period. */
const PER_PERSON_RE = /每(人|户)(?:每(月|年|天|日))?/;

/**
 * What the context adds to a unit: "/万常住人口" for 每万常住人口…4人, "/人·月" for
 * 每人每月2423元, or ''. Ratios (%, 倍) take nothing.
 */
export function perUnitSuffix(lead: string, unit: string): string {
  if (/^(?:%|‰|倍|个?百分点)$/.test(unit)) return '';
  let last: RegExpExecArray | null = null;
  PER_CAPITA_RE.lastIndex = 0;
  for (let m = PER_CAPITA_RE.exec(lead); m; m = PER_CAPITA_RE.exec(lead)) last = m;
  if (last) return `/${last[1]}${last[2]}`;
  if (/元$/.test(unit)) {
    const p = PER_PERSON_RE.exec(lead);
    if (p) return p[2] ? `/${p[1] === '户' ? '户' : '人'}·${p[2] === '日' ? '天' : p[2]}` : `/${p[1]}`;
  }
  return '';
}

// ---------------------------------------------------------------------------
// A share of units: "100%的社区卫生服务中心和镇卫生院完成中医馆设置", "预留30%的号源"

const SHARE_VERB_END_RE = new RegExp(`(?:${alternation(words.shareVerbs)})$`);
const SHARE_COMPLETION_RE = anyWordRe(words.shareCompletionVerbs);

/** The units a percentage counts, when N%的X is a share the plan sets (not a modifier such as 超过10亿元的企业). */
function shareOfUnits(text: string, ctx: QuantityContext, segStart: number): { label: string; span?: Span } | null {
  if (ctx.q.unit !== '%') return null;
  const de = text[ctx.compEnd] === '的';
  // "75%以上科技人员落户企业": the noun right after the share
  if (!de && !/[\u4e00-\u9fff]/.test(text[ctx.compEnd] ?? '')) return null;
  const lead = text.slice(segStart, ctx.compStart);
  let rest = text.slice(ctx.compEnd + (de ? 1 : 0), ctx.clauseEnd);
  const bracket = /[(（]/.exec(rest);
  if (bracket) rest = rest.slice(0, bracket.index);
  const afterVerb = SHARE_VERB_END_RE.test(stripLabelEdges(lead));
  // at the head of its clause, N%(以上)的X is the share of X the plan sets; after a verb only when the verb sets it aside (预留)
  if (!(de && afterVerb) && cleanLabelBefore(lead) !== '') return null;
  if (!de && !SHARE_COMPLETION_RE.test(rest) && !ctx.suffix) return null;
  const label = cleanLabelAfter(rest);
  if (!label) return null;
  // searched inside the clause only: a label not found must not cost a scan of the whole text
  const rel = text.slice(ctx.compEnd, ctx.clauseEnd).indexOf(label);
  return { label, span: rel >= 0 ? { start: ctx.compEnd + rel, end: ctx.compEnd + rel + label.length } : undefined };
}

/** Where the cleaned label sits inside text[from, to). */
function spanOfLabel(text: string, label: string, from: number, to: number): Span | undefined {
  const seg = text.slice(from, to);
  const at = seg.lastIndexOf(label);
  if (at >= 0) return { start: from + at, end: from + at + label.length };
  return undefined;
}

/** Words of subsidy and caps: amounts after them are what a policy pays, not targets. */
const SUPPORT_TERMS_RE = anyWordRe(words.supportTermsBefore);

/** Benefit words anywhere in the clause: the amount or rate is what a relief measure pays ("提供50%的租金减免"). */
const RELIEF_TERMS_RE = anyWordRe(words.reliefTermsInClause);
/** A requirement on each person or period: 每人每年不少于8天, 5年内累计…不少于3个月. */
const PER_PERSON_OR_PERIOD_RE = new RegExp(`${alternation(words.perPersonOrPeriod)}|\\d+年内`);
const TIME_OR_FREQUENCY_UNITS = new Set<string>(words.timeOrFrequencyUnits);
/** A requirement on each unit: 各街镇至少建立1个, 每个…班子中…一至两名. */
const EACH_UNIT_RE = new RegExp(`${alternation(words.eachUnit)}|各(?:${alternation(words['eachUnitAfter各'])})|所有[^，,。；;]{1,10}均`);
const WHOLE_SCOPE_RE = anyWordRe(words.wholeScope);
/** A cap written before the number or its comparator: 最多不超过10个, 最高500万元. */
const CAP_END_RE = new RegExp(`(?:${alternation(words.capWords)})(?:不超过|不得超过|为)?$`);
/** Durations and typical values: 为期6个月, 一般为6个月. */
const DURATION_END_RE = new RegExp(`(?:${alternation(words.durationOrTypical)})$`);
const ESTIMATE_RE = anyWordRe(words.estimateInSentence);
const SCOPE_RE = anyWordRe(words.scopeInClause);
/** A figure the State sets right before the number (用好国家新增5000亿元再贷款额度): the plan uses it, it does not set it. */
const HIGHER_LEVEL_INDEX = suffixIndex(words.higherLevelBefore);
/** Technical specifications: 不应小于1.5米, 必须小于10欧. */
const SPECIFICATION_RE = /(?:不得|不应|必须|应)(?:小于|大于)/;
/** A standard in force from a date: "2026年1月起，…分别提高至每人每月217元" reports, it does not commit. */
const IN_FORCE_RE = /20\d{2}年\d{1,2}月(?:\d{1,2}日)?(?:起|开始)|自20\d{2}年[^，,。]{0,12}起/;
/** A per-person amount right before the number: 每人2,500元, 每人每月209元. */
const PER_PERSON_AMOUNT_RE = /每(?:人|户|名|位)(?:每(?:月|年|天|日))?$/;

/** Words that put a clause in the past. */
const PAST_MARK_RE = /已经|截至|截止|以来|由原来|从原来/g;

/** Start offsets of every match of a global regex, found once for the whole text. */
function markPositions(text: string, re: RegExp): number[] {
  const out: number[] = [];
  re.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text)) !== null) out.push(m.index);
  return out;
}

/** True when some position in the sorted list lies in [from, to). */
function anyIn(positions: number[], from: number, to: number): boolean {
  let lo = 0;
  let hi = positions.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (positions[mid]! < from) lo = mid + 1;
    else hi = mid;
  }
  return lo < positions.length && positions[lo]! < to;
}

/** What a reject rule sees: the text, the candidate's context and positions found once per text. */
interface RuleInput {
  text: string;
  ctx: QuantityContext;
  pastMarks: number[];
  /** Start of the candidate's sentence. */
  sentenceStart: number;
  /** The candidate is the B of 从A提高到B. */
  fromTo: boolean;
}

/** A named test that, when true, rejects a candidate. */
export interface RejectRule {
  name: string;
  test: (r: RuleInput) => boolean;
}

/**
 * Reasons a number with a unit is not a target, tried in order; the first that
 * matches names the rejection. Add a rule here (with a test in
 * test/unit/targets.test.ts) rather than a condition inside the reader.
 */
export const REJECT_RULES: RejectRule[] = [
  // the Chinese numeral 一 is idiomatic: 一张图, 一件事, 一站式
  { name: 'chinese-one-idiom', test: ({ ctx }) => ctx.q.chinese && ctx.q.value === 1 },
  // “三张清单”, “两国双园”
  // … also a count that ends the quoted name (“金融15条”, “稳增长20条”): a policy's name, not a level to reach
  { name: 'quoted-name', test: ({ text, ctx }) => (ctx.q.chinese || text[ctx.q.start - 1] === '“' || text[ctx.q.end] === '”') && insideShortQuote(text, ctx.q.start, ctx.q.end) },
  { name: 'edition', test: ({ ctx }) => ctx.q.unit === '届' },
  // 排名前10名, 前1‰
  {
    name: 'rank',
    test: ({ text, ctx }) => {
      const before2 = text.slice(Math.max(0, ctx.compStart - 2), ctx.compStart);
      return before2.endsWith('前') || before2 === '排名' || before2.endsWith('后');
    },
  },
  // 超过10亿元的企业, 千亿级, 百强
  { name: 'noun-modifier', test: ({ text, ctx }) => (text[ctx.compEnd] === '的' && !GOAL_OF_RE.test(text.slice(ctx.compEnd, ctx.compEnd + 3))) || text[ctx.compEnd] === '级' || text[ctx.compEnd] === '强' },
  // "两个以上部门对同一监管对象…的，"
  { name: 'condition', test: ({ text, ctx }) => text[ctx.clauseEnd - 1] === '的' || /^(?:凡|对于|如果|若|如)/.test(text.slice(ctx.clauseStart, ctx.clauseStart + 2)) },
  // "给予最高500万元奖励", "最高不超过1000万元": what a policy pays, not something to achieve
  { name: 'support-terms', test: ({ text, ctx }) => /^(?:%|‰)$|元$/.test(ctx.q.unit) && SUPPORT_TERMS_RE.test(text.slice(ctx.clauseStart, ctx.compStart)) },
  { name: 'past-clause', test: ({ ctx, pastMarks }) => anyIn(pastMarks, ctx.clauseId, ctx.clauseEnd - 1) },
  // "出台优化营商环境57条", "落实知识产权保护36条" count articles of a policy
  {
    name: 'policy-articles',
    test: ({ text, ctx }) => {
      const { q } = ctx;
      if (q.unit !== '条' || !POLICY_VERB_RE.test(text.slice(ctx.clauseStart, ctx.compStart)) || /条以上|条以内/.test(text.slice(q.end - 1, ctx.compEnd + 1))) return false;
      return !/(?:线路|航线|道|路|街|线|快线|专线|通道)$/.test(text.slice(ctx.clauseStart, ctx.compStart));
    },
  },
  // 每人每年不少于8天, 每天不低于2小时, 每年至少1个月, 5年内累计…不少于3个月: a rule for each person or period
  {
    name: 'requirement-per-person-or-period',
    test: ({ text, ctx, sentenceStart }) => TIME_OR_FREQUENCY_UNITS.has(ctx.q.unit) && PER_PERSON_OR_PERIOD_RE.test(text.slice(sentenceStart, ctx.compStart)),
  },
  // 各街（镇）至少建立1个, 每个…领导班子中…应有一至两名: a rule for each unit, not a plan-level level
  {
    name: 'requirement-on-each-unit',
    test: ({ text, ctx, sentenceStart }) => {
      if (EACH_UNIT_RE.test(text.slice(ctx.clauseStart, ctx.compStart))) return true;
      const before = text.slice(sentenceStart, ctx.compStart);
      const m = /每个|每家|每所/.exec(before);
      return !!m && !WHOLE_SCOPE_RE.test(before.slice(m.index));
    },
  },
  // 每年获支持企业数量最多不超过10个: the cap of a rule
  { name: 'cap-of-a-rule', test: ({ text, ctx }) => CAP_END_RE.test(text.slice(Math.max(ctx.clauseStart, ctx.compStart - 6), ctx.compStart)) },
  // 按照每千人口不少于10个托位规划: a norm to plan by
  { name: 'norm-applied', test: ({ text, ctx }) => /(?:按照|依照|参照|按)每/.test(text.slice(ctx.clauseStart, ctx.compStart)) },
  // 为期6个月, 一般为6个月
  { name: 'duration-or-typical-value', test: ({ text, ctx }) => DURATION_END_RE.test(text.slice(Math.max(ctx.clauseStart, ctx.compStart - 4), ctx.compStart)) },
  // 预计有143万人受惠, 增长率预测下调至0%至1%, 涉及开支达191亿元
  {
    name: 'estimate',
    test: ({ text, ctx, sentenceStart }) => ESTIMATE_RE.test(text.slice(sentenceStart, ctx.compStart)) || SCOPE_RE.test(text.slice(ctx.clauseStart, ctx.clauseEnd)),
  },
  // 用好用足国家新增5000亿元再贷款再贴现额度: a higher government's figure
  { name: 'higher-level-figure', test: ({ text, ctx }) => endingWord(text.slice(Math.max(ctx.clauseStart, ctx.compStart - 8), ctx.compStart), HIGHER_LEVEL_INDEX) !== '' },
  // 不应小于1.5米
  { name: 'technical-specification', test: ({ text, ctx }) => SPECIFICATION_RE.test(text.slice(ctx.clauseStart, ctx.compEnd)) },
  // 2026年1月起，…标准分别提高至每人每月217元: in force, reported
  { name: 'standard-in-force', test: ({ text, ctx, sentenceStart }) => IN_FORCE_RE.test(text.slice(sentenceStart, ctx.compStart)) },
  // 年龄在45周岁以下, 男性从60岁…起: ages are eligibility thresholds unless a level is set (平均期望寿命超过80岁)
  { name: 'age-threshold', test: ({ text, ctx }) => /岁$/.test(ctx.q.unit) && (!explicitPrefix(ctx) || /年龄/.test(text.slice(ctx.clauseStart, ctx.compStart))) },
  // 用13年时间, 经过5—10年左右: years count as a target only with a comparator (轮候时间不超过5年)
  { name: 'years-without-comparator', test: ({ ctx }) => ctx.q.unit === '年' && !explicitPrefix(ctx) && ctx.suffix?.word !== '以内' },
  // 提供每人2,500元的津贴; a standard the plan raises (从每人每月209元提高到217元) is a target
  { name: 'per-person-benefit', test: ({ text, ctx, fromTo }) => !fromTo && /元$/.test(ctx.q.unit) && PER_PERSON_AMOUNT_RE.test(text.slice(ctx.clauseStart, ctx.q.start).replace(/(?:为|达|达到|是|提高至|提高到)$/, '')) },
  // 提供50%的租金减免, 给予适当担保费补贴: amounts and rates of a relief measure
  { name: 'relief-terms', test: ({ text, ctx, fromTo }) => !fromTo && /^(?:%|‰)$|元$/.test(ctx.q.unit) && RELIEF_TERMS_RE.test(text.slice(ctx.clauseStart, ctx.clauseEnd)) },
  // 医学观察14天, 采样时间至少间隔1天: a time rule; a plan sets times by cutting them (压缩至5个工作日) or lengthening them (由7天增加到15天)
  {
    name: 'time-requirement',
    test: ({ ctx, fromTo }) => !fromTo && TIME_OR_FREQUENCY_UNITS.has(ctx.q.unit) && ctx.q.unit !== '次' && !ctx.prefix?.reduce && !ctx.suffix?.reduce,
  },
  // 岸线长600米, 上游800米至下游400米, 游客间距控制在1.5米以上: lengths that describe or space things
  {
    name: 'length-description',
    test: ({ text, ctx }) => /^(?:米|厘米|毫米)$/.test(ctx.q.unit) && !endsWithCreationVerb(stripLabelEdges(text.slice(ctx.clauseStart, ctx.compStart)).slice(-8)) && !/新建|建设|建成|改造|修建|铺设/.test(text.slice(ctx.clauseStart, ctx.compStart)),
  },
];

/** A comparator written before the number that sets a bound (不超过, 达到, 提高到), not 约 or 稳定在. */
function explicitPrefix(ctx: QuantityContext): boolean {
  return ctx.prefix !== undefined && (ctx.prefix.comparator === '>=' || ctx.prefix.comparator === '<=');
}

/** The name of the first reject rule that matches, or '' when the candidate may be a target. */
function rejectRule(input: RuleInput, skip = ''): string {
  for (const r of REJECT_RULES) if (r.name !== skip && r.test(input)) return r.name;
  return '';
}

function buildTarget(text: string, ctx: QuantityContext, label: string, fromTo?: FromTo): RawTarget {
  const { q } = ctx;
  let comparator: Comparator = '=';
  let reduce = false;
  if (q.min !== undefined && q.max !== undefined) comparator = 'range';
  else if (ctx.suffix) {
    comparator = ctx.suffix.comparator;
    reduce = !!ctx.suffix.reduce;
    // 控制在…以内, 压缩至…以内 are reductions whatever the suffix says
    if (ctx.prefix?.reduce) reduce = true;
  } else if (ctx.prefix) {
    comparator = ctx.prefix.comparator;
    reduce = !!ctx.prefix.reduce;
  } else {
    // a comparator written earlier in the clause: "工业用地面积不低于…总用地面积的60%"
    const lead = text.slice(ctx.clauseStart, ctx.compStart);
    const m = INNER_COMPARATOR_RE.exec(lead);
    if (CHANGE_BY_RE.test(lead.slice(-4))) {
      // "人数增加800人", "审批时间压减50%": a change by at least that much
      comparator = '>=';
    } else if (m) {
      const c = PREFIX_COMPARATORS.find((p) => p.word === m[0]);
      if (c) {
        comparator = c.comparator;
        reduce = !!c.reduce;
      }
    }
  }
  // "20余场", "100多家": more than the number written
  if (comparator === '=' && q.suffixQualifier) comparator = '>=';
  if (fromTo) {
    const verb = ctx.prefix;
    reduce = verb ? !!verb.reduce : reduce;
    if (comparator === '=') comparator = reduce ? '<=' : '>=';
  }
  const t: RawTarget = {
    label,
    unit: q.unit,
    comparator,
    direction: reduce ? 'decrease' : 'increase',
    span: { start: fromTo ? fromTo.start : ctx.compStart, end: ctx.compEnd },
  };
  if (comparator === 'range') {
    t.min = q.min;
    t.max = q.max;
  } else {
    t.value = q.value;
  }
  if (fromTo) {
    t.baseline = fromTo.value;
    t.from = fromTo.fromValues ?? fromTo.value;
    if (fromTo.unitNoun) t.unit += fromTo.unitNoun;
    if (fromTo.values) {
      // a list target: value is the first, min and max the smallest and largest of the list
      t.values = fromTo.values;
      t.min = Math.min(...fromTo.values);
      t.max = Math.max(...fromTo.values);
    }
  }
  return t;
}

// ---------------------------------------------------------------------------
// Five-year-plan prose

/** A sentence that commits to the future: 到2025年…, 力争…, "十四五"期间…, 2025年底前… */
const FORWARD_RE = /(?:^|[，,；;。:：\s])(?:力争|争取)?到20\d{2}年|力争|争取|预计|发展目标|主要目标|总体目标|工作目标|20\d{2}年(?:底|末)?前|十[一二三四五六七八九]五["”]?(?:期间|时期|末)|规划期末|目标是|目标为/;
/** A paragraph that states goals: 具体指标：…, 主要目标是：… */
const GOALS_HEADING_RE = /^\s*(?:[(（]?[一二三四五六七八九十\d]+[)）、.]?)?\s*(?:具体指标|主要指标|主要目标|发展目标|工作目标|总体目标|目标任务)/;

/** A heading line of a goal section: 一、发展目标, （一）主要目标, or 主要目标 alone on its line. */
const GOALS_SECTION_RE = /^\s*(?:(?:[一二三四五六七八九十]+、|[(（][一二三四五六七八九十]+[)）])\s*(?:发展|主要|总体|工作)?目标(?:任务)?\s*$|(?:发展|主要|总体|工作)目标\s*$)/;
/** Any section heading: 二、主要任务. */
const SECTION_HEADING_RE = /^\s*(?:[一二三四五六七八九十]+、|[(（][一二三四五六七八九十]+[)）])/;

/** A sentence that reports the past: 2020年，…; "十三五"时期…; 截至… */
const PAST_RE = /截至|截止|以来|十[一二三]五["”]?(?:期间|时期|末)|已经|实现了|^\s*20\d{2}年[，,]/;

interface Sentence {
  start: number;
  end: number;
}

function sentences(text: string): Sentence[] {
  const out: Sentence[] = [];
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    if (text[i] === '。' || text[i] === '\n' || text[i] === '!' || text[i] === '?') {
      if (i + 1 - start > 1) out.push({ start, end: i + 1 });
      start = i + 1;
    }
  }
  if (text.length - start > 0) out.push({ start, end: text.length });
  return out;
}

function yearOf(s: string): number | undefined {
  const m = /20(\d{2})年/.exec(s);
  return m ? 2000 + Number(m[1]) : undefined;
}

/** A past figure that may be the baseline of a target with a similar label. */
export interface BaselineCandidate {
  label: string;
  value: number;
  unit: string;
  year?: number;
}

/** Labels compared without place words, particles and 规模以上 qualifiers. */
export function normaliseLabel(label: string): string {
  return label
    .replace(/["“”'‘’()（）\s]/g, '')
    .replace(/全区|全市|全省|全国|地区|本区|我区|全社会|规模以上|的|比重|比例|实现|达到|总额|总量|年/g, '');
}

function bigrams(s: string): string[] {
  const out: string[] = [];
  for (let i = 0; i + 1 < s.length; i++) out.push(s.slice(i, i + 2));
  return out;
}

/** Similarity of two labels in [0, 1]: 1 when one contains the other, else bigram Dice. */
export function labelSimilarity(a: string, b: string): number {
  const x = normaliseLabel(a);
  const y = normaliseLabel(b);
  if (!x || !y) return 0;
  if (x === y) return 1;
  if ((x.length >= 3 && y.includes(x)) || (y.length >= 3 && x.includes(y))) return 0.95;
  const bx = bigrams(x);
  const by = bigrams(y);
  if (bx.length === 0 || by.length === 0) return 0;
  const pool = new Map<string, number>();
  for (const g of by) pool.set(g, (pool.get(g) ?? 0) + 1);
  let common = 0;
  for (const g of bx) {
    const n = pool.get(g) ?? 0;
    if (n > 0) {
      common++;
      pool.set(g, n - 1);
    }
  }
  return (2 * common) / (bx.length + by.length);
}

const MAX_BASELINE_CANDIDATES = 200;
const MAX_BASELINE_LOOKUPS = 500;

/** Minimum label similarity for a past figure to count as a target's baseline. */
const BASELINE_SIMILARITY = 0.6;

/** Past figures stated with their label before the number: "2020年，全区战略性新兴产业增加值500.97亿元". */
function baselineCandidates(text: string, s: Sentence): BaselineCandidate[] {
  const body = text.slice(s.start, s.end);
  const year = yearOf(body);
  const out: BaselineCandidate[] = [];
  let prevEnd = s.start;
  let lastLabel = '';
  for (const q of scanQuantities(text, s.start, s.end)) {
    if (q.value === undefined) {
      prevEnd = q.end;
      continue;
    }
    const clauseStart = Math.max(findBack(text, q.start, CLAUSE_BOUNDARY), prevEnd);
    const prefix = prefixComparatorAt(text, q.start, clauseStart);
    const compStart = q.start - (prefix ? prefix.word.length : 0);
    let lead = text.slice(clauseStart, compStart);
    // "由2015年底的3.1%上升到…" – a change, not a level
    prevEnd = q.end;
    const next = text[q.end];
    if (!isBoundary(next, CLAUSE_OR_LIST) && next !== '等') continue;
    lead = lead.replace(/^20\d{2}年[，,]?/, '').replace(/[近约超逾]$/, '');
    let label = cleanLabelBefore(lead);
    if (!label) continue;
    if (label.startsWith('占') && lastLabel) label = lastLabel + label;
    else lastLabel = label;
    const c: BaselineCandidate = { label, value: q.value, unit: q.unit };
    if (year !== undefined) c.year = year;
    out.push(c);
  }
  return out;
}

/**
 * Targets stated in plan prose (five-year plans' 发展目标 and 力争… sentences),
 * with a baseline when an earlier sentence states the same figure for a past year.
 */
export function extractNarrativeTargets(text: string): RawTarget[] {
  const out: RawTarget[] = [];
  const candidates: BaselineCandidate[] = [];
  const forward: Sentence[] = [];
  // a paragraph that sets goals (到2022年，…; 具体指标：…) keeps setting them until a sentence reports the past
  let forwardLine = -1;
  let goalSection = false;
  let lineStart = 0;
  let previousEnd = 0;
  for (const s of sentences(text)) {
    // sentences end at line breaks too: a new line starts after one
    if (s.start > 0 && text[s.start - 1] === '\n') lineStart = s.start;
    else if (text.slice(previousEnd, s.start).includes('\n')) lineStart = s.start;
    previousEnd = s.end;
    const body = text.slice(s.start, s.end);
    // a section heading opens or closes a goal section (一、发展目标 … 二、主要任务)
    if (lineStart === s.start) {
      if (GOALS_SECTION_RE.test(body)) goalSection = true;
      else if (SECTION_HEADING_RE.test(body)) goalSection = false;
    }
    if (GOALS_HEADING_RE.test(body)) forwardLine = lineStart;
    if (!/\d|[一二两三四五六七八九十]/.test(body)) continue;
    const past = PAST_RE.test(body) || /十[一二三]五["”]?(?:期间|时期)/.test(body);
    const isForward = (FORWARD_RE.test(body) && !/十[一二三]五["”]?(?:期间|时期)/.test(body)) || ((forwardLine === lineStart || goalSection) && !past);
    if (isForward) {
      forward.push(s);
      forwardLine = lineStart;
    }
    else if (PAST_RE.test(body) || /20\d{2}年/.test(body)) candidates.push(...baselineCandidates(text, s));
  }
  // Baselines are looked up by unit kind, among a bounded number of past figures,
  // for a bounded number of targets: real plans have dozens, adversarial text must stay linear.
  const byBase = new Map<string, BaselineCandidate[]>();
  for (const c of candidates) {
    const base = canonicalUnit(c.unit).base;
    const list = byBase.get(base) ?? [];
    if (list.length < MAX_BASELINE_CANDIDATES) list.push(c);
    byBase.set(base, list);
  }
  let lookups = 0;
  for (const s of forward) {
    const body = text.slice(s.start, s.end);
    const deadline = findDeadlines(body)[0]?.text;
    const targetYear = yearOf(deadline ?? '') ?? (/十四五/.test(deadline ?? '') ? 2025 : undefined);
    const found = extractTargets(body, deadline ? { defaultDeadline: deadline } : {});
    for (const t of found) {
      t.span = { start: t.span.start + s.start, end: t.span.end + s.start };
      if (t.labelSpan) t.labelSpan = { start: t.labelSpan.start + s.start, end: t.labelSpan.end + s.start };
      if (t.baseline === undefined && t.value !== undefined && lookups++ < MAX_BASELINE_LOOKUPS) {
        let best: { sim: number; value: number } | undefined;
        for (const c of byBase.get(canonicalUnit(t.unit).base) ?? []) {
          if (targetYear !== undefined && c.year !== undefined && c.year >= targetYear) continue;
          const v = convertValue(c.value, c.unit, t.unit);
          if (v === null) continue;
          const sim = labelSimilarity(c.label, t.label);
          if (sim >= BASELINE_SIMILARITY && (!best || sim > best.sim)) best = { sim, value: v };
        }
        if (best) t.baseline = best.value;
      }
      out.push(t);
    }
  }
  return out;
}

// ---------------------------------------------------------------------------
// Deadlines

const FIVE_YEAR_PLANS: Record<string, number> = { 一: 1, 二: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

function lastDayOfMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/**
 * Resolves a deadline as written against the plan period: 全年/年内 → the
 * plan year's 12-31; 到2025年/2025年底前 → 2025-12-31; 6月底前 → 06-30 of
 * the plan year (single-year plans only); "十四五"期间 → 2025-12-31.
 */
export function resolveDeadline(deadline: string, period: PlanPeriod | null): string | undefined {
  const d = deadline.replace(/\s+/g, '');
  const planYear = period && period.start === period.end ? period.end : undefined;
  const fiveYear = /十([一二三四五六七八九])五/.exec(d);
  if (fiveYear) {
    const n = 10 + FIVE_YEAR_PLANS[fiveYear[1]!]!;
    // the 11th plan is 2006–2010; the nth ends in 1955 + 5n
    return `${1955 + 5 * n}-12-31`;
  }
  const full = /(20\d{2})年(?:(\d{1,2})月(?:(\d{1,2})日|(底|末|中旬|上旬|下旬))?)?/.exec(d);
  if (full) {
    const year = Number(full[1]);
    if (!full[2]) return `${year}-12-31`;
    const month = Number(full[2]);
    if (month < 1 || month > 12) return undefined;
    if (full[3]) {
      const day = Number(full[3]);
      return day >= 1 && day <= lastDayOfMonth(year, month) ? `${year}-${pad(month)}-${pad(day)}` : undefined;
    }
    return `${year}-${pad(month)}-${pad(lastDayOfMonth(year, month))}`;
  }
  const yearOfPlan = planYear ?? period?.end;
  if (yearOfPlan === undefined) return undefined;
  if (/^(?:全年|年内|年底前?|年末|今年|本年度|下半年)$/.test(d)) return `${yearOfPlan}-12-31`;
  if (d === '上半年') return `${yearOfPlan}-06-30`;
  const quarter = /^第?([一二三四1-4])季度/.exec(d);
  if (quarter) {
    const n = '一二三四'.indexOf(quarter[1]!) + 1 || Number(quarter[1]);
    const month = n * 3;
    return `${yearOfPlan}-${pad(month)}-${pad(lastDayOfMonth(yearOfPlan, month))}`;
  }
  const monthOnly = /^(\d{1,2})月(?:(\d{1,2})日|(底|末|中旬|上旬|下旬))?/.exec(d);
  if (monthOnly && planYear !== undefined) {
    const month = Number(monthOnly[1]);
    if (month < 1 || month > 12) return undefined;
    if (monthOnly[2]) {
      const day = Number(monthOnly[2]);
      return day >= 1 && day <= lastDayOfMonth(planYear, month) ? `${planYear}-${pad(month)}-${pad(day)}` : undefined;
    }
    if (monthOnly[3] === '上旬') return `${planYear}-${pad(month)}-10`;
    if (monthOnly[3] === '中旬') return `${planYear}-${pad(month)}-20`;
    return `${planYear}-${pad(month)}-${pad(lastDayOfMonth(planYear, month))}`;
  }
  return undefined;
}
