// Business-environment report over one or more plans and their scores: progress on the
// plans' measures, grouped by indicator. It is not a measurement of the business
// environment itself (that needs the evaluation's own survey and statistics): it says how
// far the measures a plan set itself have come, indicator by indicator.
//
// Per indicator (national 18, B-READY topics, the three dimensions):
//   coverage          measures tagged with it (and which indicators no measure addresses)
//   credit            Σ 1/k_m over its measures m, k_m = tags of that family m carries: a
//                     measure tagged with two indicators gives each half its weight
//   quantification    share of those measures with at least one measurable target
//   completion        c_i = Σ_m (c_m / k_m) / Σ_m (1 / k_m) — the credit-weighted mean
//                     completion (0–100) of its measures, unentered = 0
//   warning           set when one or two measures carry it: one finished measure moves it a lot
// Per plan and overall:
//   accountability    measures per responsible unit (lead / any role) and units per measure
//   composite index   two ways, side by side with the coverage |C|/18:
//                     over covered  I_C  = (1/|C|)  · Σ_{i∈C} c_i  (`value`; a plan is read on
//                                   what it set out to do)
//                     over all 18   I_18 = (1/18) · Σ_i c_i, uncovered indicators as 0
//                                   (`overAll`; plans and years compare on the same scale)
//   alternatives      shown beside it so users see how much the weighting matters:
//                     measure-weighted  Σ_i credit_i·c_i / Σ_i credit_i (each tagged measure once)
//                     B-READY equal     equal-weight mean over covered B-READY topics
//                     dimension-balanced mean of the three dimensions' completions
//   time targets      Doing-Business distance to frontier for reduction targets in time
//                     units: DTF = (worst − y) / (worst − best) × 100 with the baseline as
//                     worst and the target as best, clamped 0–100.
import type { Measure, Plan } from '../types.ts';
import type { PlanScore } from '../score/index.ts';
import { targetGoal } from '../score/completion.ts';
import { defaultLexicon, type Lexicon } from './lexicon.ts';
import type { MeasureTags } from './tag.ts';
import { measureTags, type TagOverride } from './overrides.ts';

/** Doing-Business distance to frontier, 0–100: (worst − value) / (worst − best), clamped. */
export function distanceToFrontier(value: number, worst: number, best: number): number {
  if (worst === best) return value === best ? 100 : (best > worst ? value >= best : value <= best) ? 100 : 0;
  const d = ((worst - value) / (worst - best)) * 100;
  return Math.round(Math.min(100, Math.max(0, d)) * 10) / 10;
}

export interface IndicatorStat {
  id: string;
  name: string;
  measureCount: number;
  planCount: number;
  quantifiedCount: number;
  /** % of its measures with a measurable target. */
  quantificationRate: number;
  /** Credit-weighted mean completion 0–100 of its measures (unentered = 0; a measure with k tags weighs 1/k). */
  completion: number;
  /** Measure-equivalents: Σ 1/k over its measures. */
  credit: number;
  /** % of all the report's measures that carry it (for the dimensions: the plan's 市场化 / 法治化 / 国际化 share). */
  share: number;
  /** Set when one or two measures carry it (one finished measure moves it a lot). */
  warning?: string;
  measures: { planId: string; measureId: string }[];
}

export interface CompositeIndex {
  /** What the figure is: progress on the plan's measures by indicator, not a measurement of the business environment. */
  name: string;
  /** Equal-weight mean over covered national indicators. */
  value: number;
  coveredIndicators: number;
  /** Number of national indicators (18). */
  indicatorCount: number;
  /** % of the national indicators at least one measure addresses. */
  coverage: number;
  formula: string;
  /** Equal-weight mean over all national indicators, uncovered ones counted 0. */
  overAll: { value: number; formula: string };
  /** Indicators one or two measures carry: the composite leans on them. */
  thin: { id: string; name: string; measureCount: number }[];
  alternatives: { name: string; value: number; formula: string }[];
  /** Largest minus smallest of the value and its alternatives: how sensitive the index is to weighting. */
  spread: number;
}

export interface AccountabilityLoad {
  /** Measures per unit, most loaded first (lead = named first). */
  units: { unit: string; measures: number; lead: number }[];
  /** Mean number of units per measure (measures naming none excluded). */
  unitsPerMeasure: number;
  /** Measures that name no responsible unit. */
  unassigned: number;
}

export interface FrontierTarget {
  planId: string;
  measureId: string;
  targetId: string;
  label: string;
  unit: string;
  baseline: number;
  best: number;
  latest: number;
  dtf: number;
}

export interface PlanIndicatorSummary {
  planId: string;
  title: string;
  measureCount: number;
  taggedCount: number;
  coveredIndicators: number;
  quantificationRate: number;
  composite: CompositeIndex;
}

export interface BusinessEnvironmentReport {
  lexiconVersion: number;
  measureCount: number;
  /** % of measures with a measurable target. */
  quantificationRate: number;
  indicators: IndicatorStat[];
  breadyTopics: IndicatorStat[];
  dimensions: IndicatorStat[];
  uncovered: { indicators: string[]; breadyTopics: string[]; dimensions: string[] };
  untagged: { planId: string; measureId: string; number: string; title: string }[];
  accountability: AccountabilityLoad;
  composite: CompositeIndex;
  plans: PlanIndicatorSummary[];
  frontier: FrontierTarget[];
  tags: Record<string, MeasureTags>;
}

export interface ReportOptions {
  /** Traditional → simplified converter (tags of traditional-script plans need it). */
  simplify?: (s: string) => string;
  lexicon?: Lexicon;
  /** More add-tag / remove-tag operations, applied after tagging and after those engine/corrections stored on the measures (tagsAdded / tagsRemoved). */
  tagOverrides?: readonly TagOverride[];
}

const TIME_UNIT = /(?:工作日|个工作日|天|日|小时|分钟|周|个月|月)$/u;

function round1(n: number): number {
  return Math.round(n * 10) / 10;
}

function isQuantified(m: Measure): boolean {
  return m.targets.some((t) => targetGoal(t) !== null);
}

interface Tagged {
  plan: Plan;
  measure: Measure;
  tags: MeasureTags;
  completion: number;
}

/** Shown on an indicator one or two measures carry. */
export const THIN_WARNING = 'carried by one or two measures: finishing one of them moves it a lot';

function stats(groups: { id: string; name: string }[], tagged: Tagged[], pick: (t: MeasureTags) => string[]): IndicatorStat[] {
  return groups.map((g) => {
    const hits = tagged.filter((t) => pick(t.tags).includes(g.id));
    const quantified = hits.filter((t) => isQuantified(t.measure)).length;
    // A measure's credit is split across the tags of this family it carries.
    const weight = (t: Tagged) => 1 / pick(t.tags).length;
    const credit = hits.reduce((s, t) => s + weight(t), 0);
    return {
      id: g.id,
      name: g.name,
      measureCount: hits.length,
      planCount: new Set(hits.map((t) => t.plan.id)).size,
      quantifiedCount: quantified,
      quantificationRate: hits.length ? round1((quantified / hits.length) * 100) : 0,
      completion: credit ? round1(hits.reduce((s, t) => s + weight(t) * t.completion, 0) / credit) : 0,
      credit: round1(credit),
      share: tagged.length ? round1((hits.length / tagged.length) * 100) : 0,
      ...(hits.length > 0 && hits.length <= 2 ? { warning: THIN_WARNING } : {}),
      measures: hits.map((t) => ({ planId: t.plan.id, measureId: t.measure.id })),
    };
  });
}

function mean(values: number[]): number {
  return values.length ? round1(values.reduce((a, b) => a + b, 0) / values.length) : 0;
}

export const COMPOSITE_NAME = "progress on the plan's measures by indicator";

function composite(indicators: IndicatorStat[], bready: IndicatorStat[], dimensions: IndicatorStat[]): CompositeIndex {
  const covered = indicators.filter((i) => i.measureCount > 0);
  const value = mean(covered.map((i) => i.completion));
  const n = covered.reduce((s, i) => s + i.credit, 0);
  const alternatives = [
    { name: 'measure-weighted', value: n ? round1(covered.reduce((s, i) => s + i.credit * i.completion, 0) / n) : 0, formula: 'Σ credit_i·c_i / Σ credit_i over covered national indicators (credit_i = Σ 1/k over its measures: each tagged measure counts once)' },
    { name: 'B-READY topics, equal weights', value: mean(bready.filter((b) => b.measureCount > 0).map((b) => b.completion)), formula: 'mean of c_t over covered B-READY topics' },
    { name: 'dimension-balanced', value: mean(dimensions.filter((d) => d.measureCount > 0).map((d) => d.completion)), formula: 'mean of c_d over covered dimensions (市场化, 法治化, 国际化)' },
  ];
  const all = [value, ...alternatives.map((a) => a.value)];
  const overAll = indicators.length ? round1(covered.reduce((s, i) => s + i.completion, 0) / indicators.length) : 0;
  return {
    name: COMPOSITE_NAME,
    value,
    coveredIndicators: covered.length,
    indicatorCount: indicators.length,
    coverage: indicators.length ? round1((covered.length / indicators.length) * 100) : 0,
    formula: 'over covered: mean of c_i over the national indicators i at least one measure addresses (c_i = credit-weighted mean completion of the measures tagged with i, a measure with k tags weighing 1/k; uncovered indicators left out)',
    overAll: { value: overAll, formula: `over all ${indicators.length}: Σ c_i / ${indicators.length}, uncovered indicators counted 0` },
    thin: covered.filter((i) => i.measureCount <= 2).map((i) => ({ id: i.id, name: i.name, measureCount: i.measureCount })),
    alternatives,
    spread: round1(Math.max(...all) - Math.min(...all)),
  };
}

function accountability(tagged: Tagged[]): AccountabilityLoad {
  const units = new Map<string, { measures: number; lead: number }>();
  let named = 0;
  let unitLinks = 0;
  for (const { measure } of tagged) {
    const distinct = [...new Set(measure.units)];
    if (distinct.length) {
      named++;
      unitLinks += distinct.length;
    }
    distinct.forEach((u, i) => {
      const load = units.get(u) ?? { measures: 0, lead: 0 };
      load.measures++;
      if (i === 0) load.lead++;
      units.set(u, load);
    });
  }
  return {
    units: [...units].map(([unit, l]) => ({ unit, ...l })).sort((a, b) => b.measures - a.measures || b.lead - a.lead || (a.unit < b.unit ? -1 : 1)),
    unitsPerMeasure: named ? round1(unitLinks / named) : 0,
    unassigned: tagged.length - named,
  };
}

/** Report over `plans` (scores matched by planId; a plan without a score counts its measures 0). */
export function businessEnvironmentReport(plans: readonly Plan[], scores: readonly PlanScore[], options: ReportOptions = {}): BusinessEnvironmentReport {
  const lexicon = options.lexicon ?? defaultLexicon();
  const scoreOf = new Map(scores.map((s) => [s.planId, s]));
  const tagged: Tagged[] = [];
  const tags: Record<string, MeasureTags> = {};
  for (const plan of plans) {
    const simplify = plan.script === 'traditional' ? options.simplify : undefined;
    const score = scoreOf.get(plan.id);
    for (const measure of plan.measures) {
      const t = measureTags(measure, { lexicon, ...(simplify ? { simplify } : {}), ...(options.tagOverrides ? { overrides: options.tagOverrides } : {}) });
      tags[measure.id] = t;
      tagged.push({ plan, measure, tags: t, completion: score?.measures[measure.id]?.completion ?? 0 });
    }
  }
  const indicators = stats(lexicon.national, tagged, (t) => t.indicators);
  const breadyTopics = stats(lexicon.bready, tagged, (t) => t.breadyTopics);
  const dimensions = stats(lexicon.dimensions, tagged, (t) => t.dimensions);
  const quantified = tagged.filter((t) => isQuantified(t.measure)).length;

  const planSummaries = plans.map((plan) => {
    const own = tagged.filter((t) => t.plan === plan);
    const ind = stats(lexicon.national, own, (t) => t.indicators);
    const own_q = own.filter((t) => isQuantified(t.measure)).length;
    return {
      planId: plan.id,
      title: plan.title,
      measureCount: own.length,
      taggedCount: own.filter((t) => t.tags.indicators.length > 0).length,
      coveredIndicators: ind.filter((i) => i.measureCount > 0).length,
      quantificationRate: own.length ? round1((own_q / own.length) * 100) : 0,
      composite: composite(ind, stats(lexicon.bready, own, (t) => t.breadyTopics), stats(lexicon.dimensions, own, (t) => t.dimensions)),
    };
  });

  const frontier: FrontierTarget[] = [];
  for (const { plan, measure } of tagged) {
    const ms = scoreOf.get(plan.id)?.measures[measure.id];
    measure.targets.forEach((t, k) => {
      const best = targetGoal(t);
      const latest = ms?.targets[k]?.latest;
      if (t.direction !== 'decrease' || t.baseline === undefined || best === null || latest === undefined || !TIME_UNIT.test(t.unit)) return;
      frontier.push({ planId: plan.id, measureId: measure.id, targetId: t.id, label: t.label, unit: t.unit, baseline: t.baseline, best, latest, dtf: distanceToFrontier(latest, t.baseline, best) });
    });
  }

  return {
    lexiconVersion: lexicon.version,
    measureCount: tagged.length,
    quantificationRate: tagged.length ? round1((quantified / tagged.length) * 100) : 0,
    indicators,
    breadyTopics,
    dimensions,
    uncovered: {
      indicators: indicators.filter((i) => i.measureCount === 0).map((i) => i.id),
      breadyTopics: breadyTopics.filter((i) => i.measureCount === 0).map((i) => i.id),
      dimensions: dimensions.filter((i) => i.measureCount === 0).map((i) => i.id),
    },
    untagged: tagged.filter((t) => t.tags.indicators.length === 0).map((t) => ({ planId: t.plan.id, measureId: t.measure.id, number: t.measure.number, title: t.measure.title })),
    accountability: accountability(tagged),
    composite: composite(indicators, breadyTopics, dimensions),
    plans: planSummaries,
    frontier,
    tags,
  };
}
