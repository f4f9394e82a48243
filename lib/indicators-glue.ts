// Business-environment indicator tags for the dashboard (table filter, the
// tag chips with their evidence, the radar and the composite), from
// engine/indicators. Names come from the bundled lexicon.
import type { Plan } from '../engine/types.ts';
import type { PlanScore } from '../engine/score/index.ts';
import { businessEnvironmentReport, defaultLexicon, measureTags, type CompositeIndex, type TagEvidence } from '../engine/indicators/index.ts';

export interface RadarData {
  labels: string[];
  values: number[];
  /** True where no measure of the plan addresses the indicator (a gap, drawn at 0). */
  gaps: boolean[];
}

export interface TagChip {
  id: string;
  name: string;
  kind: 'indicator' | 'dimension';
  /** The phrases that decided the tag, strongest first; empty for a tag the user added. */
  evidence: TagEvidence[];
  /** Added by the user (a correction), not found by the engine. */
  user: boolean;
}

export interface IndicatorRow {
  id: string;
  name: string;
  measureCount: number;
  credit: number;
  completion: number;
  /** % of the plan's measures carrying it. */
  share: number;
  gap: boolean;
  thin: boolean;
}

export interface IndicatorSummary {
  radar: RadarData;
  composite: CompositeIndex;
  indicators: IndicatorRow[];
  dimensions: IndicatorRow[];
}

const chipCache = new WeakMap<Plan, Map<string, TagChip[]>>();

function nameOf(id: string): string {
  const lex = defaultLexicon();
  return [...lex.national, ...lex.dimensions].find((g) => g.id === id)?.name ?? id;
}

/** A measure's national-indicator and dimension tags, each with why (cached per plan object). */
export function measureTagChips(plan: Plan, measureId: string): TagChip[] {
  let chips = chipCache.get(plan);
  if (!chips) {
    chips = new Map(
      plan.measures.map((m) => {
        const tags = measureTags(m);
        const chip = (id: string, kind: TagChip['kind']): TagChip => {
          const evidence = tags.evidence?.[id] ?? [];
          return { id, name: nameOf(id), kind, evidence: evidence.filter((e) => e.zone !== 'user'), user: evidence.some((e) => e.zone === 'user') };
        };
        return [m.id, [...tags.indicators.map((id) => chip(id, 'indicator')), ...tags.dimensions.map((id) => chip(id, 'dimension'))]];
      }),
    );
    chipCache.set(plan, chips);
  }
  return chips.get(measureId) ?? [];
}

export interface TagChoice {
  id: string;
  name: string;
  kind: 'indicator' | 'dimension';
}

/** The tags a user may add: the 18 national indicators and the 3 dimensions. */
export function tagChoices(): TagChoice[] {
  const lex = defaultLexicon();
  return [...lex.national.map((g) => ({ id: g.id, name: g.name, kind: 'indicator' as const })), ...lex.dimensions.map((g) => ({ id: g.id, name: g.name, kind: 'dimension' as const }))];
}

/**
 * Every measure's tag chips (the background sends them to the page's overlay card).
 * `pagePlan`: the plan as read and corrected on the page — its measures' tag
 * corrections (tagsAdded / tagsRemoved) count for the stored plan's measures of the same id.
 */
export function planTagChips(stored: Plan, pagePlan?: Plan): Record<string, TagChip[]> {
  const fromPage = new Map((pagePlan?.measures ?? []).filter((m) => m.tagsAdded?.length || m.tagsRemoved?.length).map((m) => [m.id, m]));
  const plan = fromPage.size
    ? { ...stored, measures: stored.measures.map((m) => (fromPage.has(m.id) ? { ...m, tagsAdded: fromPage.get(m.id)!.tagsAdded ?? [], tagsRemoved: fromPage.get(m.id)!.tagsRemoved ?? [] } : m)) }
    : stored;
  const out: Record<string, TagChip[]> = {};
  for (const m of plan.measures) {
    const chips = measureTagChips(plan, m.id);
    if (chips.length) out[m.id] = chips.map((c) => ({ ...c, evidence: c.evidence.map((e) => ({ ...e, phrase: e.phrase.slice(0, 100) })) }));
  }
  return out;
}

/** Names of the national indicators a measure is tagged with. */
export function measureIndicators(plan: Plan, measureId: string): string[] {
  return measureTagChips(plan, measureId)
    .filter((c) => c.kind === 'indicator')
    .map((c) => c.name);
}

/** All 18 national indicators with completion, measure count and gaps; the composite both ways. */
const summaryCache = new WeakMap<PlanScore, { plan: Plan; summary: IndicatorSummary }>();

/** The plan's indicator summary; the panel and the radar of one plan score share one computation. */
export function indicatorSummary(plan: Plan, score: PlanScore): IndicatorSummary {
  const cached = summaryCache.get(score);
  if (cached?.plan === plan) return cached.summary;
  const summary = computeSummary(plan, score);
  summaryCache.set(score, { plan, summary });
  return summary;
}

function computeSummary(plan: Plan, score: PlanScore): IndicatorSummary {
  const report = businessEnvironmentReport([plan], [score]);
  const row = (i: (typeof report.indicators)[number]): IndicatorRow => ({ id: i.id, name: i.name, measureCount: i.measureCount, credit: i.credit, completion: i.completion, share: i.share, gap: i.measureCount === 0, thin: i.warning !== undefined });
  const indicators = report.indicators.map(row);
  return {
    radar: { labels: indicators.map((i) => i.name), values: indicators.map((i) => (i.gap ? 0 : i.completion)), gaps: indicators.map((i) => i.gap) },
    composite: report.composite,
    indicators,
    dimensions: report.dimensions.map(row),
  };
}

/** Radar data over all 18 national indicators (uncovered ones are gaps at 0, never dropped). */
export function indicatorRadar(plan: Plan, score: PlanScore): RadarData {
  return indicatorSummary(plan, score).radar;
}
