// Suggestions from results pages: each figure a page reports (engine/parse's
// outcomes) is matched to the targets of the plans the user tracks — measure
// targets, indicator table rows and narrative targets — when it counts the same
// thing (labels compared in canonical words from seeds/suggest-lexicon.json,
// across scripts), in a unit that converts (engine/units), for a year inside the
// plan's period and after the latest entry, and in the same jurisdiction where
// the page says. Every suggestion carries its score and the reasons for it.
// Nothing here writes anything: a suggestion becomes an entry only when the
// user accepts it (entryFromSuggestion).
import type { Indicator, Plan, Span, Target } from '../types.ts';
import type { ProgressEntry, ValueEntry } from '../progress/schema.ts';
import { convertValue } from '../units/convert.ts';
import { labelSimilarity } from '../parse/targets.ts';
import { completionFacts } from '../score/completion.ts';
import { formatNumber } from '../score/format.ts';
import { DEFAULT_SCORE_CONFIG } from '../score/config.ts';
import { defaultSuggestLexicon, directionOf, has, labelCore, localPlacesIn, placesIn, type PreparedLexicon } from './lexicon.ts';
import { pageFigures, type PageFigure } from './figures.ts';

export { pageFigures, type PageFigure } from './figures.ts';
export { expectedGoalsPlan } from './goals.ts';

export interface Suggestion {
  targetId: string;
  /** The target as written in its plan. */
  targetQuote: string;
  targetLabel: string;
  planId: string;
  planTitle: string;
  /** The measure the target belongs to; null for indicator rows and narrative targets. */
  measureId: string | null;
  measureNumber: string | null;
  /** The figure as reported, in the page's unit. */
  value: number;
  unit: string;
  /** The figure in the target's unit (0.5亿元 → 5000 for a 万元 target). */
  targetValue: number;
  targetUnit: string;
  /** The reported figure as written on the page, and where. */
  quote: string;
  span: Span;
  /** The sentence the figure stands in (evidence for the entry). */
  sentence: string;
  /** Year the figure is about, when the page says. */
  year?: number;
  /** The date an accepted entry gets. */
  date: string;
  /** Completion the target would have with this figure (0–100), when it has a number. */
  completion: number | null;
  /** 0–1, higher is more certain. */
  score: number;
  /** Why, in plain words (English); `why` has the same as data for the UI's language. */
  reasons: string[];
  why: SuggestReason[];
}

export type SuggestReason =
  | { code: 'label'; similarity: number; page: string; plan: string }
  | { code: 'unit-same'; unit: string }
  | { code: 'unit-converted'; from: string; to: string; value: number }
  | { code: 'year-in-period'; year: number; start: number; end: number }
  | { code: 'year-unknown' }
  | { code: 'period-unknown' }
  | { code: 'after-latest'; latest: string }
  | { code: 'place-same'; place: string }
  | { code: 'place-unknown' };

export interface SuggestOptions {
  /** Traditional → simplified converter (engine/text/simplify.ts loadSimplifier) for pages or plans in traditional script. */
  simplify?: (s: string) => string;
  /** Progress so far: a figure must be newer than a target's latest entry, and not one already recorded. */
  entries?: readonly ProgressEntry[];
  /** The page's title (its jurisdiction is read from it and from the page's opening). */
  pageTitle?: string;
  /** Today (YYYY-MM-DD): the date an accepted entry gets when the figure is about the current year. */
  asOf?: string;
  /** Minimum score (default DEFAULT_SUGGEST_THRESHOLD). */
  threshold?: number;
  lexicon?: PreparedLexicon;
}

/** Minimum label similarity: below it two labels do not count the same thing. */
export const MIN_LABEL_SIMILARITY = 0.5;
/** Minimum score for a suggestion to be shown. */
export const DEFAULT_SUGGEST_THRESHOLD = 0.5;

/** Weights of the score's parts (they sum to 1). */
export const SUGGEST_WEIGHTS = { label: 0.6, unitSame: 0.15, unitConverted: 0.1, yearInPeriod: 0.15, yearUnknown: 0.05, placeSame: 0.1, placeUnknown: 0.05 } as const;

interface TargetRef {
  plan: Plan;
  target: Target;
  measureId: string | null;
  measureNumber: string | null;
  canonical: string;
  direction: 'increase' | 'decrease' | null;
  aggregate: boolean;
  share: boolean;
}

function indicatorTarget(ind: Indicator): Target {
  const t: Target = {
    id: ind.id,
    label: ind.name,
    unit: ind.unit,
    comparator: ind.comparator,
    direction: /以内|以下|降低|下降|不超过|≤|<=/u.test(`${ind.name}${ind.target}`) ? 'decrease' : 'increase',
    quote: `${ind.name} ${ind.target}${ind.unit}`,
    span: ind.span,
  };
  if (ind.value !== undefined) t.value = ind.value;
  if (ind.min !== undefined) t.min = ind.min;
  if (ind.max !== undefined) t.max = ind.max;
  if (ind.baseline !== undefined) t.baseline = ind.baseline;
  if (ind.year !== undefined) t.deadlineDate = `${ind.year}-12-31`;
  return t;
}

/** Every target of the plans: measures' targets, indicator rows, narrative targets. */
export function planTargets(plans: readonly Plan[], options: Pick<SuggestOptions, 'simplify' | 'lexicon'> = {}): TargetRef[] {
  const lexicon = options.lexicon ?? defaultSuggestLexicon();
  const simplify = options.simplify ?? ((s: string) => s);
  const out: TargetRef[] = [];
  const push = (plan: Plan, target: Target, measureId: string | null, measureNumber: string | null) => {
    const label = simplify(target.label);
    const canonical = labelCore(label, lexicon);
    out.push({ plan, target, measureId, measureNumber, canonical, direction: directionOf(canonical, lexicon), aggregate: has(lexicon.aggregates, label), share: has(lexicon.shares, label) });
  };
  for (const plan of plans) {
    for (const m of plan.measures) for (const t of m.targets) push(plan, t, m.id, m.number || String(m.index));
    for (const ind of plan.indicators) push(plan, indicatorTarget(ind), null, null);
    for (const t of plan.narrativeTargets) push(plan, t, null, null);
  }
  return out;
}

function latestEntries(entries: readonly ProgressEntry[]): Map<string, { date: string; values: number[]; units: (string | undefined)[] }> {
  const out = new Map<string, { date: string; values: number[]; units: (string | undefined)[] }>();
  for (const e of entries) {
    if (e.deleted || e.kind !== 'value') continue;
    const cur = out.get(e.targetId);
    if (!cur) out.set(e.targetId, { date: e.date, values: [e.value], units: [e.unit] });
    else {
      if (e.date > cur.date) cur.date = e.date;
      cur.values.push(e.value);
      cur.units.push(e.unit);
    }
  }
  return out;
}

function reasonText(r: SuggestReason): string {
  switch (r.code) {
    case 'label':
      return `same thing counted: "${r.page}" ~ "${r.plan}" (similarity ${formatNumber(Math.round(r.similarity * 100) / 100)})`;
    case 'unit-same':
      return `same unit (${r.unit})`;
    case 'unit-converted':
      return `unit converted: ${r.from} → ${r.to} (${formatNumber(r.value)} ${r.to})`;
    case 'year-in-period':
      return r.start === r.end ? `figure for ${r.year}, the plan's year` : `figure for ${r.year}, inside the plan period ${r.start}–${r.end}`;
    case 'year-unknown':
      return 'the page does not say which year the figure is for';
    case 'period-unknown':
      return 'the plan states no period';
    case 'after-latest':
      return `newer than the latest entry (${r.latest})`;
    case 'place-same':
      return `same jurisdiction (${r.place})`;
    case 'place-unknown':
      return 'the page names no jurisdiction';
  }
}

export function formatReasons(why: readonly SuggestReason[]): string[] {
  return why.map(reasonText);
}

function round3(n: number): number {
  return Math.round(n * 1000) / 1000;
}

/**
 * Suggestions for the figures of one page, best first: at most one figure per
 * target and one target per figure (the best-scoring pairs are taken first).
 */
export function suggestFromFigures(figures: readonly PageFigure[], plans: readonly Plan[], options: SuggestOptions & { pageText?: string } = {}): Suggestion[] {
  const lexicon = options.lexicon ?? defaultSuggestLexicon();
  const simplify = options.simplify ?? ((s: string) => s);
  const threshold = options.threshold ?? DEFAULT_SUGGEST_THRESHOLD;
  const asOf = options.asOf ?? new Date().toISOString().slice(0, 10);
  const latest = latestEntries(options.entries ?? []);
  const opening = simplify(`${options.pageTitle ?? ''}\n${(options.pageText ?? '').slice(0, 400)}`);
  // Provinces decide: a page about another province proposes nothing. A city or
  // district the plan's title names, found in the page's opening, adds confidence.
  const pagePlaces = placesIn(opening, lexicon);
  const candidates: (Suggestion & { figureId: string })[] = [];
  for (const ref of planTargets(plans, { simplify, lexicon })) {
    const { plan, target } = ref;
    const planTitle = simplify(`${plan.title} ${plan.issuer}`);
    const planPlaces = placesIn(planTitle, lexicon);
    const localPlace = localPlacesIn(planTitle).find((p) => opening.includes(p));
    // A page about another jurisdiction proposes nothing for this plan.
    if (planPlaces.length && pagePlaces.length && !pagePlaces.some((p) => planPlaces.includes(p))) continue;
    const had = latest.get(target.id);
    for (const f of figures) {
      if (f.goal) continue; // a goal stated on the page, not a result
      if (f.aggregate !== ref.aggregate) continue; // 年均/累计 is another quantity
      if (f.share !== ref.share) continue; // so is a share (贡献率, 比重)
      const converted = convertValue(f.value, f.unit, target.unit);
      if (converted === null) continue; // never an inconvertible unit
      const sentencePlaces = placesIn(simplify(f.sentence), lexicon);
      if (planPlaces.length && sentencePlaces.length && !sentencePlaces.some((p) => planPlaces.includes(p))) continue;
      if (planPlaces.length && /全国/u.test(f.label)) continue;
      const similarity = labelSimilarity(f.matchLabel, ref.canonical);
      if (similarity < MIN_LABEL_SIMILARITY) continue;
      const dir = directionOf(f.matchLabel, lexicon);
      if (dir && ref.direction && dir !== ref.direction) continue;
      const why: SuggestReason[] = [{ code: 'label', similarity, page: f.label, plan: target.label }];
      let score = SUGGEST_WEIGHTS.label * similarity;
      if (f.unit === target.unit) {
        score += SUGGEST_WEIGHTS.unitSame;
        why.push({ code: 'unit-same', unit: f.unit });
      } else {
        score += SUGGEST_WEIGHTS.unitConverted;
        why.push({ code: 'unit-converted', from: f.unit, to: target.unit, value: converted });
      }
      if (plan.period && f.year !== undefined) {
        // never a figure from before the plan period (or after it)
        if (f.year < plan.period.start || f.year > plan.period.end) continue;
        score += SUGGEST_WEIGHTS.yearInPeriod;
        why.push({ code: 'year-in-period', year: f.year, start: plan.period.start, end: plan.period.end });
      } else {
        score += SUGGEST_WEIGHTS.yearUnknown;
        why.push(plan.period ? { code: 'year-unknown' } : { code: 'period-unknown' });
      }
      const currentYear = Number(asOf.slice(0, 4));
      const date = f.year !== undefined && f.year < currentYear ? `${f.year}-12-31` : asOf;
      if (had) {
        if (date <= had.date) continue; // not newer than what is recorded
        if (had.values.some((v, i) => convertValue(v, had.units[i] ?? target.unit, target.unit) === converted)) continue; // already recorded
        why.push({ code: 'after-latest', latest: had.date });
      }
      const place = localPlace ?? pagePlaces.find((p) => planPlaces.includes(p));
      if (place) {
        score += SUGGEST_WEIGHTS.placeSame;
        why.push({ code: 'place-same', place });
      } else {
        score += SUGGEST_WEIGHTS.placeUnknown;
        why.push({ code: 'place-unknown' });
      }
      if (score < threshold) continue;
      const facts = completionFacts(target, converted, DEFAULT_SCORE_CONFIG);
      const s: Suggestion & { figureId: string } = {
        figureId: f.id,
        targetId: target.id,
        targetQuote: target.quote,
        targetLabel: target.label,
        planId: plan.id,
        planTitle: plan.title,
        measureId: ref.measureId,
        measureNumber: ref.measureNumber,
        value: f.value,
        unit: f.unit,
        targetValue: converted,
        targetUnit: target.unit,
        quote: f.quote,
        span: f.span,
        sentence: f.sentence,
        date,
        completion: facts ? facts.completion : null,
        score: round3(score),
        reasons: formatReasons(why),
        why,
      };
      if (f.year !== undefined) s.year = f.year;
      candidates.push(s);
    }
  }
  // Best pairs first; each figure and each target used once.
  candidates.sort((a, b) => b.score - a.score || a.span.start - b.span.start || (a.targetId < b.targetId ? -1 : a.targetId > b.targetId ? 1 : 0));
  const usedFigure = new Set<string>();
  const usedTarget = new Set<string>();
  const out: Suggestion[] = [];
  for (const c of candidates) {
    const key = `${c.planId}\u0001${c.targetId}`;
    if (usedFigure.has(c.figureId) || usedTarget.has(key)) continue;
    usedFigure.add(c.figureId);
    usedTarget.add(key);
    const { figureId: _f, ...suggestion } = c;
    out.push(suggestion);
  }
  return out;
}

/** Suggestions for a page's text (figures read with pageFigures), best first. */
export function suggestProgress(pageText: string, plans: readonly Plan[], options: SuggestOptions = {}): Suggestion[] {
  const figures = pageFigures(pageText, { ...(options.simplify ? { simplify: options.simplify } : {}), ...(options.lexicon ? { lexicon: options.lexicon } : {}) });
  return suggestFromFigures(figures, plans, { ...options, pageText });
}

/**
 * The entry an accepted suggestion records: the figure as reported (value and
 * unit), dated for its year, with the page as its source.
 */
/** The fields of a suggestion an accepted entry is made of (a suggestion as sent in a message carries these too). */
export type SuggestionForEntry = Pick<Suggestion, 'measureId' | 'sentence' | 'quote' | 'planId' | 'targetId' | 'value' | 'unit' | 'date'>;

export function entryFromSuggestion(s: SuggestionForEntry, page: { url?: string; title?: string }, meta: { id: string; updatedAt: string; reporter?: string }): ValueEntry {
  if (!s.measureId) throw new Error('this suggestion is for an indicator row or a narrative target: there is no measure to record it on');
  const source: NonNullable<ValueEntry['source']> = { quote: s.sentence.length <= 2000 ? s.sentence : s.quote };
  if (page.url) source.url = page.url;
  if (page.title) source.title = page.title.slice(0, 1000);
  return {
    id: meta.id,
    planId: s.planId,
    measureId: s.measureId,
    kind: 'value',
    targetId: s.targetId,
    value: s.value,
    unit: s.unit,
    date: s.date,
    updatedAt: meta.updatedAt,
    source,
    ...(meta.reporter ? { reporter: meta.reporter } : {}),
  };
}
