// Business-environment indicator tags for the dashboard (table filter and
// radar), from engine/indicators. Names come from the bundled lexicon.
import type { Plan } from '../engine/types.ts';
import type { PlanScore } from '../engine/score/index.ts';
import { businessEnvironmentReport, defaultLexicon, tagMeasure } from '../engine/indicators/index.ts';

export interface RadarData {
  labels: string[];
  values: number[];
}

const tagCache = new WeakMap<Plan, Map<string, string[]>>();

function indicatorName(id: string): string {
  return defaultLexicon().national.find((g) => g.id === id)?.name ?? id;
}

/** Names of the national indicators a measure is tagged with (cached per plan object). */
export function measureIndicators(plan: Plan, measureId: string): string[] {
  let tags = tagCache.get(plan);
  if (!tags) {
    tags = new Map(plan.measures.map((m) => [m.id, tagMeasure(m).indicators.map(indicatorName)]));
    tagCache.set(plan, tags);
  }
  return tags.get(measureId) ?? [];
}

/** Mean completion per national indicator the plan covers (all 18 when it covers fewer than 3). */
export function indicatorRadar(plan: Plan, score: PlanScore): RadarData {
  const report = businessEnvironmentReport([plan], [score]);
  const covered = report.indicators.filter((i) => i.measureCount > 0);
  const shown = covered.length >= 3 ? covered : report.indicators;
  return { labels: shown.map((i) => i.name), values: shown.map((i) => i.completion) };
}
