// Tagging a measure with business-environment indicators, the way a reader
// does it: by what the measure itself sets out to do.
//
// Evidence is a phrase of the lexicon (seeds/be-lexicon.json) found in the
// measure, weighed by what the phrase is and where it stands:
//   weight  2 for a specific phrase (执行质效, 不动产登记), 1 for a generic word (人才, 审批)
//   factor  × titleFactor in the lead phrase (the measure's title), × bodyFactor in its
//           own sentences, × listFactor for an item of an enumeration (A、B、C等, 如…等),
//           which is an example rather than the measure's subject
//   repeats each further occurrence adds repeatBonus × weight (at most repeatCap of them)
// Nothing is evidence inside the measure's responsible units, a quoted title 《…》, a
// masked word (独立法人 is not 立法) or an office name (市场监管局). Two-character
// phrases match only on word boundaries (Intl.Segmenter), so 法规 is not found in
// 管理办法规范. A tag needs score ≥ threshold (one generic word in the body never is
// enough), at least `relative` of the measure's best score, and — when some indicator is
// named in the title — an indicator found only in the body needs leadBodyMin.
// Dimensions are scored by their own phrases, plus dimensionFromIndicator for each
// indicator of that dimension the measure carries, and kept within dimensionRelative
// of the best one: a 法治化 measure that also mentions enterprises is not 市场化.
import type { Measure } from '../types.ts';
import { cleanText } from '../related/normalise.ts';
import { defaultLexicon, type Lexicon, type LexiconGroup, type TagRules } from './lexicon.ts';

/** Where evidence stands: the title, the measure's own text, an item of a list; 'user' for a tag the user added. */
export type EvidenceZone = 'title' | 'body' | 'list' | 'user';

/** One phrase that counted toward a tag. */
export interface TagEvidence {
  /** The phrase as it stands in the lexicon (simplified or traditional). */
  phrase: string;
  /** Where its strongest occurrence stands. */
  zone: EvidenceZone;
  /** Its contribution to the tag's score. */
  score: number;
}

export interface MeasureTags {
  /** National first-level indicator ids (seeds/be-lexicon.json "national"). */
  indicators: string[];
  /** World Bank B-READY topic ids. */
  breadyTopics: string[];
  /** 'market' 市场化, 'rule_of_law' 法治化, 'international' 国际化. */
  dimensions: string[];
  /** Why: per tag id, the phrases that decided it, strongest first (explainMeasure only). */
  evidence?: Record<string, TagEvidence[]>;
}

export interface TagOptions {
  /**
   * Traditional → simplified converter, for measures of a traditional-script
   * plan. Optional: the lexicon carries traditional forms of its phrases too,
   * so tagging works without it; with it, variant spellings OpenCC knows match as well.
   */
  simplify?: (s: string) => string;
  lexicon?: Lexicon;
}

interface Term {
  phrase: string;
  weight: number;
  /** Its first two characters: a term whose head is not among a text's bigrams is not in it. */
  head: string;
}

interface Zone {
  text: string;
  title: boolean;
  /** 1 where a character is an item of an enumeration. */
  list: Uint8Array;
  /** Every two-character sequence of the text (a cheap pre-check before searching a phrase). */
  bigrams: Set<string>;
  /** 1 where a word starts (and at the end); null when no segmenter is available. Computed on first need. */
  bounds(): Uint8Array | null;
  /** Per group, the positions (in termsOf order) of the terms that may stand in the text: head among its bigrams, or shorter than two. */
  candidates: Map<LexiconGroup, number[]>;
}

interface GroupScore {
  id: string;
  score: number;
  /** Heaviest phrase weight in the title (0 none, 1 a generic word, 2 a specific phrase). */
  titleWeight: number;
  /** A specific phrase outside a list, two different phrases outside lists, or two different specific phrases: the minimum evidence. */
  enough: boolean;
  /** Only generic words count for it. */
  weakOnly: boolean;
  evidence: TagEvidence[];
}

const termCache = new WeakMap<object, Term[]>();

function termsOf(group: LexiconGroup): Term[] {
  let terms = termCache.get(group);
  if (!terms) {
    const all: Term[] = [
      ...group.phrases.map((phrase) => ({ phrase, weight: 2 })),
      ...(group.traditional ?? []).map((phrase) => ({ phrase, weight: 2 })),
      ...(group.weak ?? []).map((phrase) => ({ phrase, weight: 1 })),
      ...(group.weakTraditional ?? []).map((phrase) => ({ phrase, weight: 1 })),
    ].map((t) => ({ ...t, head: t.phrase.slice(0, 2) }));
    // Longest first: 不动产登记 takes its characters before 登记 can.
    terms = all.sort((a, b) => b.phrase.length - a.phrase.length || b.weight - a.weight);
    termCache.set(group, terms);
  }
  return terms;
}

/** A lexicon's terms by head (their first two characters), and those shorter than two, which every text may hold. */
interface HeadIndex {
  byHead: Map<string, { group: LexiconGroup; at: number }[]>;
  short: { group: LexiconGroup; at: number }[];
}

const headCache = new WeakMap<Lexicon, HeadIndex>();

function headIndexOf(lexicon: Lexicon): HeadIndex {
  let index = headCache.get(lexicon);
  if (!index) {
    index = { byHead: new Map(), short: [] };
    for (const group of [...lexicon.national, ...lexicon.bready, ...lexicon.dimensions]) {
      termsOf(group).forEach((term, at) => {
        if (term.phrase.length < 2) index!.short.push({ group, at });
        else {
          const list = index!.byHead.get(term.head);
          if (list) list.push({ group, at });
          else index!.byHead.set(term.head, [{ group, at }]);
        }
      });
    }
    headCache.set(lexicon, index);
  }
  return index;
}

/**
 * The terms of each group worth searching a text for, in the group's term
 * order: the same terms, in the same order, that testing every term's head
 * against the text's bigrams leaves, found from the text's side.
 */
function candidatesOf(bigrams: Set<string>, index: HeadIndex): Map<LexiconGroup, number[]> {
  const out = new Map<LexiconGroup, number[]>();
  const add = (hit: { group: LexiconGroup; at: number }) => {
    const list = out.get(hit.group);
    if (list) list.push(hit.at);
    else out.set(hit.group, [hit.at]);
  };
  for (const hit of index.short) add(hit);
  for (const b of bigrams) {
    const hits = index.byHead.get(b);
    if (hits) for (const hit of hits) add(hit);
  }
  for (const list of out.values()) list.sort((a, b) => a - b);
  return out;
}

const NONE: readonly number[] = [];

let segmenter: Intl.Segmenter | null | undefined;

function wordStarts(text: string): Uint8Array | null {
  if (segmenter === undefined) segmenter = typeof Intl !== 'undefined' && 'Segmenter' in Intl ? new Intl.Segmenter('zh', { granularity: 'word' }) : null;
  if (!segmenter) return null;
  const bounds = new Uint8Array(text.length + 1);
  for (const s of segmenter.segment(text)) bounds[s.index] = 1;
  bounds[text.length] = 1;
  return bounds;
}

function blank(text: string, start: number, end: number): string {
  return text.slice(0, start) + ' '.repeat(end - start) + text.slice(end);
}

function blankAll(text: string, word: string): string {
  if (!word) return text;
  let t = text;
  for (let i = t.indexOf(word); i >= 0; i = t.indexOf(word, i + word.length)) t = blank(t, i, i + word.length);
  return t;
}

/** Quoted titles 《…》 (a named document is not the measure's subject). */
const QUOTED = /《[^《》]*》/gu;
/** 如…等 / 例如… / 包括…: an example list, up to the end of its clause. */
const EXAMPLES = /(?:例如|比如|诸如|如|包括)[^，。；：,;:]*/gu;
/** Items joined by 、 (A、B、C等): up to 8 characters before the first and after the last. */
const ENUMERATION = /[^，。；：、,;:\s]{1,8}(?:、[^，。；：、,;:\s]{1,12})+/gu;

function listMask(text: string): Uint8Array {
  const mask = new Uint8Array(text.length);
  for (const re of [EXAMPLES, ENUMERATION]) {
    for (const m of text.matchAll(re)) mask.fill(1, m.index, m.index + m[0].length);
  }
  return mask;
}

function zone(text: string, title: boolean, measure: Measure, lexicon: Lexicon, simplify?: (s: string) => string): Zone {
  let t = cleanText(text, simplify).replace(QUOTED, (q) => ' '.repeat(q.length));
  for (const u of measure.units) t = blankAll(t, simplify ? simplify(u) : u);
  for (const m of lexicon.rules.masks) t = blankAll(t, m);
  let bounds: Uint8Array | null | undefined;
  const bigrams = new Set<string>();
  for (let i = 0; i + 1 < t.length; i++) bigrams.add(t.slice(i, i + 2));
  return { text: t, title, list: listMask(t), bigrams, bounds: () => (bounds === undefined ? (bounds = wordStarts(t)) : bounds), candidates: candidatesOf(bigrams, headIndexOf(lexicon)) };
}

/** The title and the measure's own text (which usually repeats the title first). */
function zones(measure: Measure, lexicon: Lexicon, simplify?: (s: string) => string): Zone[] {
  const body = measure.text.startsWith(measure.title) ? measure.text.slice(measure.title.length) : measure.text;
  return [zone(measure.title, true, measure, lexicon, simplify), zone(body, false, measure, lexicon, simplify)];
}

function isTaken(taken: Uint8Array, start: number, end: number): boolean {
  for (let k = start; k < end; k++) if (taken[k] === 1) return true;
  return false;
}

function ownerSuffixAt(text: string, at: number, suffixes: readonly string[]): boolean {
  for (const s of suffixes) if (text.startsWith(s, at)) return true;
  return false;
}

function round2(n: number): number {
  return Math.round(n * 100) / 100;
}

function scoreGroup(group: LexiconGroup, zs: Zone[], rules: TagRules): GroupScore {
  const perTerm = new Map<string, { best: number; zone: EvidenceZone; count: number; weight: number }>();
  for (const z of zs) {
    const taken = new Uint8Array(z.text.length);
    const terms = termsOf(group);
    for (const at of z.candidates.get(group) ?? NONE) {
      const term = terms[at]!;
      const p = term.phrase;
      for (let i = z.text.indexOf(p); i >= 0; i = z.text.indexOf(p, i + 1)) {
        const end = i + p.length;
        if (isTaken(taken, i, end)) continue;
        if (p.length <= 2) {
          const b = z.bounds();
          if (b && !(b[i] === 1 && b[end] === 1)) continue;
        }
        if (ownerSuffixAt(z.text, end, rules.ownerSuffixes)) continue;
        taken.fill(1, i, end);
        const where: EvidenceZone = z.title ? 'title' : z.list[i] === 1 ? 'list' : 'body';
        const factor = where === 'title' ? rules.titleFactor : where === 'list' ? rules.listFactor : rules.bodyFactor;
        const value = term.weight * factor;
        const seen = perTerm.get(p);
        if (!seen) perTerm.set(p, { best: value, zone: where, count: 1, weight: term.weight });
        else {
          seen.count++;
          if (value > seen.best) Object.assign(seen, { best: value, zone: where });
        }
      }
    }
  }
  const evidence: TagEvidence[] = [...perTerm].map(([phrase, t]) => ({
    phrase,
    zone: t.zone,
    score: round2(t.best + rules.repeatBonus * t.weight * Math.min(t.count - 1, rules.repeatCap)),
  }));
  evidence.sort((a, b) => b.score - a.score || (a.phrase < b.phrase ? -1 : 1));
  const own = [...perTerm.values()].filter((t) => t.zone !== 'list');
  const strong = own.some((t) => t.weight >= 2);
  const titleWeight = Math.max(0, ...[...perTerm.values()].filter((t) => t.zone === 'title').map((t) => t.weight));
  // Two different specific phrases count even as items of a list (不见面审批、无证办理、政策兑现).
  const strongAnywhere = [...perTerm.values()].filter((t) => t.weight >= 2).length;
  return { id: group.id, score: round2(evidence.reduce((s, e) => s + e.score, 0)), titleWeight, enough: strong || own.length >= 2 || strongAnywhere >= 2, weakOnly: !strong && strongAnywhere < 2, evidence };
}

function pick(scores: GroupScore[], rules: TagRules, lead: boolean): GroupScore[] {
  const candidates = scores.filter((s) => s.enough && s.score >= (s.weakOnly ? rules.weakOnlyThreshold : rules.threshold));
  if (!candidates.length) return [];
  const top = Math.max(...candidates.map((c) => c.score));
  // The lead: the indicators the title names with its heaviest kind of phrase.
  const leadWeight = lead ? Math.max(0, ...candidates.map((c) => c.titleWeight)) : 0;
  return candidates
    .filter((c) => c.score >= rules.relative * top && (leadWeight === 0 || c.titleWeight === leadWeight || c.score >= rules.leadBodyMin))
    .sort((a, b) => b.score - a.score)
    .slice(0, rules.maxTags);
}

/** Recent results by lexicon and text (a plan re-read or re-sent is not tagged again). */
const CACHE_SIZE = 5000;
const cache = new WeakMap<Lexicon, Map<string, Required<MeasureTags>>>();

/** Tags with the evidence for each: the phrases that decided it, where they stand, what they weighed. */
export function explainMeasure(measure: Measure, options: TagOptions = {}): Required<MeasureTags> {
  const lexicon = options.lexicon ?? defaultLexicon();
  let byText = cache.get(lexicon);
  if (!byText) cache.set(lexicon, (byText = new Map()));
  const key = `${options.simplify ? 's' : 'r'}\u0000${measure.title}\u0000${measure.text}\u0000${measure.units.join('\u0001')}`;
  const hit = byText.get(key);
  if (hit) return structuredClone(hit);
  const result = computeTags(measure, lexicon, options.simplify);
  if (byText.size >= CACHE_SIZE) byText.delete(byText.keys().next().value!);
  byText.set(key, result);
  return structuredClone(result);
}

function computeTags(measure: Measure, lexicon: Lexicon, simplify: ((s: string) => string) | undefined): Required<MeasureTags> {
  const rules = lexicon.rules;
  const zs = zones(measure, lexicon, simplify);
  const national = pick(lexicon.national.map((g) => scoreGroup(g, zs, rules)), rules, true);
  const bready = lexicon.bready.map((g) => scoreGroup(g, zs, rules)).filter((s) => s.score >= rules.threshold);

  const dimensionOf = new Map(lexicon.national.map((g) => [g.id, g.dimension]));
  const dimScores = lexicon.dimensions.map((d) => {
    const own = scoreGroup(d, zs, rules);
    const via = national.filter((n) => dimensionOf.get(n.id) === d.id);
    const evidence = [...own.evidence, ...via.map((n) => ({ phrase: `→${lexicon.national.find((g) => g.id === n.id)!.name}`, zone: (n.titleWeight > 0 ? 'title' : 'body') as EvidenceZone, score: rules.dimensionFromIndicator }))];
    return { ...own, score: round2(own.score + via.length * rules.dimensionFromIndicator), enough: own.enough || via.length > 0, evidence };
  });
  const dimTop = Math.max(0, ...dimScores.map((d) => d.score));
  const dimensions = dimScores.filter((d) => d.enough && d.score >= rules.threshold && d.score >= rules.dimensionRelative * dimTop);

  const evidence: Record<string, TagEvidence[]> = {};
  for (const s of [...national, ...bready, ...dimensions]) evidence[s.id] = s.evidence.slice(0, 4);
  return { indicators: national.map((n) => n.id), breadyTopics: bready.map((b) => b.id), dimensions: dimensions.map((d) => d.id), evidence };
}

/** Indicator, B-READY topic and dimension ids of a measure (see explainMeasure for the why). */
export function tagMeasure(measure: Measure, options: TagOptions = {}): MeasureTags {
  const { indicators, breadyTopics, dimensions } = explainMeasure(measure, options);
  return { indicators, breadyTopics, dimensions };
}
