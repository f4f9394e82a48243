// From progress entries to a plan scorecard:
//   target  → completion (completion.ts), status (status.ts), trend (trend.ts)
//   measure → mean of its targets, or its latest milestone / percentage
//   subsection → section → plan: weighted means of measure completions
//   owner (responsible office): mean over the measures it is named on
//
// Rules where the issue is silent:
// - A measure with numeric targets AND status entries: once any value has been
//   entered for its targets, the numbers decide (they can be checked; a
//   milestone is a declaration); until then its latest status entry decides.
//   Targets without an entry count 0 in a measure's mean; targets without a
//   number (no value in the text) are left out of it.
// - Roll-ups weigh measures, not sections: plan = Σ w·c / Σ w over all
//   measures with w = measure weight × section weight (1 each by default), so
//   the plan score is the share of the whole plan done and a large section
//   counts for more than a small one. A measure with no entries counts 0.
// - A measure done after its deadline shows 'done' (the explanation says it
//   was late); one not done past its deadline shows 'overdue'.
import type { Measure, Plan, PlanPeriod, Target } from '../types.ts';
import type { Milestone, ProgressEntry } from '../progress/schema.ts';
import { emptyStatusCounts, resolveConfig, type ScoreConfig, type ScoreConfigInput, type Status, type TrendLabel } from './config.ts';
import { completionFacts, round1, targetGoal } from './completion.ts';
import { statusAgainstTime, type TimeWindow } from './status.ts';
import { computeTrend, trendBetween, type Trend, type TrendPoint } from './trend.ts';
import { dayNumber, periodDays } from './time.ts';
import { MAX_DAYS_AHEAD } from '../progress/dates.ts';
import { entryValueInTargetUnit } from './units.ts';
import { formatExplanation, type Explanation } from './explain.ts';

// Score shapes are object types, not interfaces, so they fit the loose views
// of them that messages check (lib/messages.ts PlanScoreSchema).
export type TargetScore = {
  id: string;
  /** 0–100, capped; null when nothing has been entered or the target has no number. */
  completion: number | null;
  /** Uncapped percentage, e.g. 130 when exceeded. */
  raw: number | null;
  status: Status;
  /** Latest reported value, in the target's unit. */
  latest?: number;
  latestDate?: string;
  /** In English: "150 of 200 个 (75%) on 2025-06-30" (= formatExplanation(explain, 'en')). */
  explanation: string;
  /** The same, as data, for the UI to word in its language (formatExplanation). */
  explain: Explanation;
  trend?: { ratio: number; label: TrendLabel; projected: number };
};

export type MeasureScore = {
  id: string;
  completion: number | null;
  status: Status;
  /** In English (= formatExplanation(explain, 'en')). */
  explanation: string;
  /** The same, as data, for the UI to word in its language (formatExplanation). */
  explain: Explanation;
  targets: TargetScore[];
  entryCount: number;
  lastEntryDate?: string;
  /** Percentage expected by the as-of date for this measure's deadline. */
  expected: number;
  /** Where the completion comes from. */
  basis: 'targets' | 'status' | 'none';
};

export type SectionScore = {
  id: string;
  title: string;
  score: number;
  measureCount: number;
  subsections: { id: string; title: string; score: number; measureCount: number }[];
};

export type OwnerScore = {
  unit: string;
  score: number;
  measureCount: number;
  leadCount: number;
  statusCounts: Record<Status, number>;
};

export type PlanScore = {
  planId: string;
  /** 0–100: weighted mean of measure completions, measures with no entries count 0. */
  score: number;
  /** Percentage of measures with any entry. */
  coverage: number;
  /** Percentage expected by asOf, linear over the plan period. */
  expected: number;
  statusCounts: Record<Status, number>;
  measures: Record<string, MeasureScore>;
  sections: SectionScore[];
  units: OwnerScore[];
  /** Measure ids, most behind schedule first. */
  lagging: string[];
  asOf: string;
  /** Entries that could not be used (unknown target, unit not convertible). */
  warnings: string[];
};

export interface ScoreOptions {
  asOf: string;
  config?: ScoreConfigInput;
}

/** Latest first: by date, then by later updatedAt, then by id (so ties are stable). */
export function compareLatestFirst(a: ProgressEntry, b: ProgressEntry): number {
  if (a.date !== b.date) return a.date < b.date ? 1 : -1;
  const edits = compareEdits(a.updatedAt, b.updatedAt);
  if (edits !== 0) return -edits;
  return a.id < b.id ? 1 : a.id > b.id ? -1 : 0;
}

/**
 * The working window of a plan: its period, else the year of its date (an
 * annual plan is dated in its year). With neither there is no schedule to be
 * behind: the window never starts, so nothing is expected by any date and only
 * explicit deadlines can make a target overdue.
 */
export function planWindow(period: PlanPeriod | null, planDate: string): { startDay: number; endDay: number } {
  const year = /^\d{4}/u.exec(planDate)?.[0];
  if (!period && !year) return { startDay: Number.POSITIVE_INFINITY, endDay: Number.POSITIVE_INFINITY };
  const { start, end } = periodDays(period ?? { start: Number(year), end: Number(year) });
  return { startDay: start, endDay: end };
}

// Shared by every target and measure they describe (they carry no values).
const NO_PROGRESS: Explanation = Object.freeze({ key: 'noProgress' });
const NO_NUMBER: Explanation = Object.freeze({ key: 'noNumber' });

function windowUntil(startDay: number, deadlineDate: string | undefined, fallbackEnd: number): TimeWindow {
  const d = deadlineDate ? dayNumber(deadlineDate) : Number.NaN;
  return { startDay, endDay: Number.isFinite(d) ? d + 1 : fallbackEnd };
}

interface ScoringContext {
  config: ScoreConfig;
  asOfDay: number;
  planStart: number;
  planEnd: number;
}

/**
 * Order of two edit times. ISO timestamps in UTC of one shape (what
 * toISOString writes) compare as text; anything else is parsed.
 */
function compareEdits(a: string, b: string): number {
  if (a === b) return 0;
  if (a.length === b.length && a.endsWith('Z') && b.endsWith('Z')) return a < b ? -1 : 1;
  return Date.parse(a) - Date.parse(b);
}

/** What scoring reads of an entry that counts: when it was true of, when it was edited, its id. */
interface Dated {
  readonly id: string;
  readonly date: string;
  /** dayNumber(date) */
  readonly day: number;
  readonly updatedAt: string;
}

/** A value entry that counts, its value converted to its target's unit. */
interface ValuePoint extends Dated {
  readonly value: number;
}

/** A status entry that counts. */
interface StatusPoint extends Dated {
  readonly percent: number | undefined;
  readonly milestone: Milestone | undefined;
}

/** a is later than b: by date, then by edit time, then by id (as compareLatestFirst). */
function isLater(a: Dated, b: Dated): boolean {
  if (a.day !== b.day) return a.day > b.day;
  const edits = compareEdits(a.updatedAt, b.updatedAt);
  if (edits !== 0) return edits > 0;
  return a.id > b.id;
}

/** The latest of some entries (the first of equals, as they came); undefined for none. */
function latestOf<T extends Dated>(points: readonly T[]): T | undefined {
  let latest: T | undefined;
  for (const p of points) if (!latest || isLater(p, latest)) latest = p;
  return latest;
}

/** A target's value entries, as they came. */
function scoreTarget(target: Target, measure: Measure, points: readonly ValuePoint[], ctx: ScoringContext): TargetScore {
  const window = windowUntil(ctx.planStart, target.deadlineDate ?? measure.deadlineDate, ctx.planEnd);
  const goal = targetGoal(target);
  const latest = latestOf(points);
  if (!latest || goal === null) {
    const { status } = statusAgainstTime(null, false, window, ctx.asOfDay, ctx.config.thresholds);
    const explain: Explanation = goal === null ? NO_NUMBER : NO_PROGRESS;
    return { id: target.id, completion: null, raw: null, status, explanation: formatExplanation(explain, 'en'), explain };
  }
  const result = completionFacts(target, latest.value, ctx.config)!;
  const { status } = statusAgainstTime(result.completion, true, window, ctx.asOfDay, ctx.config.thresholds);
  // The completion's facts (fresh for this call, so ours to add to), with the day they were true of.
  const explain = result.explain;
  explain.values.date = latest.date;
  if (status === 'done' && doneLate(target, points, window.endDay, ctx.config)) {
    explain.values.doneLate = true;
    const deadline = target.deadlineDate ?? measure.deadlineDate;
    if (deadline) explain.values.deadline = deadline;
  }
  const score: TargetScore = { id: target.id, completion: result.completion, raw: result.raw, status, latest: latest.value, latestDate: latest.date, explanation: formatExplanation(explain, 'en'), explain };
  const trend = targetTrend(target, points, latest, goal, window.endDay - 1, ctx.config);
  if (trend) score.trend = trend;
  return score;
}

/** Done now, but not by the deadline: the first day any entry reached the goal is on or after the window's end. */
function doneLate(target: Target, points: readonly ValuePoint[], endDay: number, config: ScoreConfig): boolean {
  let firstDone = Infinity;
  for (const p of points) {
    if (p.day < firstDone && (completionFacts(target, p.value, config)?.completion ?? 0) >= config.thresholds.doneAt) firstDone = p.day;
  }
  return firstDone !== Infinity && firstDone >= endDay;
}

/** The trend of a target with entries on two or more days (a malformed date, NaN, differs from every day); undefined with one day. */
function targetTrend(target: Target, points: readonly ValuePoint[], latest: ValuePoint, goal: number, deadlineDay: number, config: ScoreConfig): Trend | undefined {
  const first = points[0];
  if (!first || points.every((p) => p.day === first.day)) return undefined;
  if (points.every((p) => Number.isFinite(p.day))) {
    // The trend reads only the first and the last day's points (see computeTrend):
    // the latest entry of the earliest day, and the latest entry.
    let earliest = first;
    for (const p of points) if (p.day < earliest.day || (p.day === earliest.day && isLater(p, earliest))) earliest = p;
    return trendBetween({ day: earliest.day, value: earliest.value }, { day: latest.day, value: latest.value }, goal, target.direction, deadlineDay, config.thresholds);
  }
  // Malformed dates (NaN days): one point per day, the latest entry of that day, as they come.
  const perDay = new Map<number, ValuePoint>();
  for (const p of points) {
    const same = perDay.get(p.day);
    if (same === undefined || isLater(p, same)) perDay.set(p.day, p);
  }
  const trendPoints: TrendPoint[] = [...perDay].map(([day, p]) => ({ day, value: p.value }));
  return computeTrend(trendPoints, goal, target.direction, deadlineDay, config.thresholds) ?? undefined;
}

/** A measure and the entries that count for it. */
interface MeasureInput {
  measure: Measure;
  /** Value entries of each of the measure's targets (same order as measure.targets), as they came. */
  valuesPerTarget: readonly (readonly ValuePoint[])[];
  /** The measure's status entries, as they came. */
  statuses: readonly StatusPoint[];
}

function scoreMeasure({ measure, valuesPerTarget, statuses }: MeasureInput, ctx: ScoringContext): MeasureScore {
  const targets = measure.targets.map((t, k) => scoreTarget(t, measure, valuesPerTarget[k] ?? [], ctx));
  const entryCount = valuesPerTarget.reduce((n, points) => n + points.length, statuses.length);
  let lastEntryDate: string | undefined;
  for (const points of [...valuesPerTarget, statuses]) for (const p of points) if (lastEntryDate === undefined || p.date > lastEntryDate) lastEntryDate = p.date;
  let lastDeadline: string | undefined;
  for (const t of measure.targets) if (t.deadlineDate && (!lastDeadline || t.deadlineDate > lastDeadline)) lastDeadline = t.deadlineDate;
  const window = windowUntil(ctx.planStart, measure.deadlineDate ?? lastDeadline, ctx.planEnd);

  const { completion, explain, basis, single } = measureCompletion(measure, targets, statuses, ctx.config);
  const result = statusAgainstTime(completion, completion !== null, window, ctx.asOfDay, ctx.config.thresholds);
  // A target past its own (earlier) deadline makes the measure overdue too.
  const targetOverdue = targets.some((t) => t.status === 'overdue');
  const status = result.status !== 'done' && result.status !== 'not_started' && targetOverdue ? 'overdue' : result.status;
  // One numeric target: the measure says what its target says (already worded).
  const explanation = single ? single.explanation : formatExplanation(explain, 'en');
  const score: MeasureScore = { id: measure.id, completion, status, explanation, explain, targets, entryCount, expected: result.expected, basis };
  if (lastEntryDate) score.lastEntryDate = lastEntryDate;
  return score;
}

/**
 * A measure's completion: once any of its targets has a value, the mean of its
 * targets with a number; else its latest status entry; else none.
 */
function measureCompletion(
  measure: Measure,
  targets: readonly TargetScore[],
  statuses: readonly StatusPoint[],
  config: ScoreConfig,
): { completion: number | null; explain: Explanation; basis: MeasureScore['basis']; single?: TargetScore } {
  const anyValue = targets.some((t) => t.completion !== null);
  // Targets with a number (the others are left out of the mean).
  const scored = targets.filter((_, k) => targetGoal(measure.targets[k]!) !== null);
  if (anyValue && scored.length === 1) {
    const single = scored[0]!;
    return { completion: round1(single.completion ?? 0), explain: single.explain, basis: 'targets', single };
  }
  if (anyValue && scored.length > 1) {
    const completion = round1(scored.reduce((sum, t) => sum + (t.completion ?? 0), 0) / scored.length);
    return { completion, basis: 'targets', explain: { key: 'meanOfTargets', values: { parts: scored.map((t) => t.completion), mean: completion } } };
  }
  const latest = latestOf(statuses);
  if (!latest) return { completion: null, basis: 'none', explain: NO_PROGRESS };
  if (latest.percent === undefined && latest.milestone) {
    const pct = config.milestones[latest.milestone];
    return { completion: pct, basis: 'status', explain: { key: 'milestone', values: { milestone: latest.milestone, pct, date: latest.date } } };
  }
  // (statusEntryPercent without a milestone: the percent, else 0.)
  const completion = latest.percent ?? 0;
  return { completion, basis: 'status', explain: { key: 'statusPercent', values: { percent: latest.percent ?? completion, date: latest.date } } };
}

function weightedMean(ids: string[], measures: Record<string, MeasureScore>, weightOf: (id: string) => number): number {
  let sum = 0;
  let weights = 0;
  for (const id of ids) {
    const w = weightOf(id);
    sum += w * (measures[id]?.completion ?? 0);
    weights += w;
  }
  return weights > 0 ? round1(sum / weights) : 0;
}

/**
 * Where a plan's entries go: each target by its position in the plan (a target
 * id named twice files its entries under the last, as a Map keeps the last),
 * each measure by its position.
 */
interface PlanLayout {
  plan: Plan;
  /** Measure id → position in plan.measures. */
  measureIndex: Map<string, number>;
  /** Target id → position in `targets`. */
  targetIndex: Map<string, number>;
  /** Every target of the plan, measure by measure, with the position of its measure. */
  targets: { target: Target; measure: number }[];
}

function planLayout(plan: Plan): PlanLayout {
  const measureIndex = new Map<string, number>();
  const targetIndex = new Map<string, number>();
  const targets: PlanLayout['targets'] = [];
  plan.measures.forEach((m, mi) => {
    measureIndex.set(m.id, mi);
    for (const target of m.targets) {
      targetIndex.set(target.id, targets.length);
      targets.push({ target, measure: mi });
    }
  });
  return { plan, measureIndex, targetIndex, targets };
}

/** A plan's entries that count, filed by target and by measure, and what could not be used. */
interface FiledEntries {
  /** Value entries per target position, as they came. */
  values: ValuePoint[][];
  /** Status entries per measure position, as they came. */
  statuses: StatusPoint[][];
  warnings: string[];
}

/**
 * Files a plan's live entries (already its own, not deleted, not dated ahead):
 * a value entry under its target in the target's unit, a status entry under
 * its measure; an entry naming no target or measure of the plan, or a unit
 * that does not convert, is a warning (reported, never silently dropped).
 */
function fileEntries(layout: PlanLayout, entries: readonly ProgressEntry[]): FiledEntries {
  const { plan, measureIndex, targetIndex, targets } = layout;
  const values: ValuePoint[][] = targets.map(() => []);
  const statuses: StatusPoint[][] = plan.measures.map(() => []);
  const warnings: string[] = [];
  for (const e of entries) {
    const day = dayNumber(e.date);
    if (e.kind === 'value') {
      const ti = targetIndex.get(e.targetId);
      if (ti === undefined) {
        warnings.push(`entry ${e.id}: target ${e.targetId} is not in plan ${plan.id}`);
        continue;
      }
      const target = targets[ti]!.target;
      const value = e.unit === undefined ? e.value : entryValueInTargetUnit(e.value, e.unit, target.unit);
      if (value === null) warnings.push(`entry ${e.id}: unit "${e.unit}" cannot be converted to the target's unit "${target.unit}"`);
      else values[ti]!.push({ id: e.id, date: e.date, day, updatedAt: e.updatedAt, value });
      continue;
    }
    const mi = measureIndex.get(e.measureId);
    if (mi === undefined) warnings.push(`entry ${e.id}: measure ${e.measureId} is not in plan ${plan.id}`);
    else statuses[mi]!.push({ id: e.id, date: e.date, day, updatedAt: e.updatedAt, percent: e.percent, milestone: e.milestone });
  }
  return { values, statuses, warnings };
}

/**
 * An entry dated more than a day (time zones) after the as-of day does not
 * count yet: a reading dated years ahead would otherwise be the "latest"
 * forever. New entries with such dates are refused where they are made
 * (engine/progress/dates.ts); this keeps old or imported ones from counting.
 */
function counts(e: ProgressEntry, asOfDay: number): boolean {
  return !e.deleted && !(dayNumber(e.date) > asOfDay + MAX_DAYS_AHEAD);
}

/** Scores one plan from its entries (entries of other plans and deleted entries are ignored). */
export function scorePlan(plan: Plan, entries: readonly ProgressEntry[], options: ScoreOptions): PlanScore {
  const config = resolveConfig(options.config);
  const asOfDay = dayNumber(options.asOf);
  const own = entries.filter((e) => e.planId === plan.id && counts(e, asOfDay));
  const layout = planLayout(plan);
  return finishPlan(layout, fileEntries(layout, own), config, asOfDay, options.asOf);
}

/**
 * Scores many plans (what the dashboard and the bench call): the same as
 * scorePlan for each plan with its own entries, the entries grouped by plan
 * in one pass.
 */
export function scorePlans(plans: readonly Plan[], entries: readonly ProgressEntry[], options: ScoreOptions): PlanScore[] {
  const config = resolveConfig(options.config);
  const asOfDay = dayNumber(options.asOf);
  const byPlan = new Map<string, ProgressEntry[]>(plans.map((p) => [p.id, []]));
  for (const e of entries) if (counts(e, asOfDay)) byPlan.get(e.planId)?.push(e);
  return plans.map((plan) => {
    const layout = planLayout(plan);
    return finishPlan(layout, fileEntries(layout, byPlan.get(plan.id) ?? []), config, asOfDay, options.asOf);
  });
}

/** Measure, section, owner and plan scores of a plan whose entries are filed. */
function finishPlan(layout: PlanLayout, filed: FiledEntries, config: ScoreConfig, asOfDay: number, asOf: string): PlanScore {
  const { plan, measureIndex } = layout;
  const window = planWindow(plan.period, plan.date);
  const ctx: ScoringContext = { config, asOfDay, planStart: window.startDay, planEnd: window.endDay };
  // Each measure's targets' entries: the target positions are the measures' targets in order.
  const valuesPerMeasure: ValuePoint[][][] = plan.measures.map(() => []);
  layout.targets.forEach(({ measure }, ti) => valuesPerMeasure[measure]!.push(filed.values[ti]!));
  const measures: Record<string, MeasureScore> = {};
  const statusCounts = emptyStatusCounts();
  let withEntries = 0;
  plan.measures.forEach((measure, mi) => {
    const s = scoreMeasure({ measure, valuesPerTarget: valuesPerMeasure[mi]!, statuses: filed.statuses[mi]! }, ctx);
    measures[measure.id] = s;
    statusCounts[s.status]++;
    if (s.entryCount > 0) withEntries++;
  });

  const measureWeights = config.weights.measures ?? {};
  const sectionWeights = config.weights.sections ?? {};
  // Which section a measure is in (for section weights).
  const sectionOf = new Map<string, string>();
  for (const section of plan.sections) {
    for (const id of section.measureIds) sectionOf.set(id, section.id);
    for (const sub of section.subsections) for (const id of sub.measureIds) sectionOf.set(id, section.id);
  }
  const weightIn = (weights: Record<string, number>, id: string): number => (Object.hasOwn(weights, id) ? weights[id]! : 1);
  const measureWeight = (id: string): number => weightIn(measureWeights, id);
  const planWeight = (id: string): number => measureWeight(id) * weightIn(sectionWeights, sectionOf.get(id) ?? '');

  const sections: SectionScore[] = plan.sections.map((section) => {
    const ids = [...section.measureIds, ...section.subsections.flatMap((s) => s.measureIds)].filter((id) => measureIndex.has(id));
    return {
      id: section.id,
      title: section.title,
      score: weightedMean(ids, measures, measureWeight),
      measureCount: ids.length,
      subsections: section.subsections.map((sub) => {
        const subIds = sub.measureIds.filter((id) => measureIndex.has(id));
        return { id: sub.id, title: sub.title, score: weightedMean(subIds, measures, measureWeight), measureCount: subIds.length };
      }),
    };
  });

  const total = plan.measures.length;
  return {
    planId: plan.id,
    score: weightedMean(plan.measures.map((m) => m.id), measures, planWeight),
    coverage: total ? round1((withEntries / total) * 100) : 0,
    expected: round1(linearPlanExpected(window, ctx.asOfDay)),
    statusCounts,
    measures,
    sections,
    units: scoreOwners(plan.measures, measures),
    lagging: laggingMeasures(plan.measures, measures),
    asOf,
    warnings: filed.warnings,
  };
}

function linearPlanExpected(window: { startDay: number; endDay: number }, asOfDay: number): number {
  return statusAgainstTime(null, false, window, asOfDay, DEFAULT_THRESHOLDS_FOR_EXPECTED).expected;
}
const DEFAULT_THRESHOLDS_FOR_EXPECTED = resolveConfig().thresholds;

/** Every owner named on a measure gets the measure (a shared measure counts for each owner). */
function scoreOwners(planMeasures: Measure[], measures: Record<string, MeasureScore>): OwnerScore[] {
  const byOwner = new Map<string, { ids: string[]; lead: number; counts: Record<Status, number> }>();
  for (const m of planMeasures) {
    m.units.forEach((owner, i) => {
      // An owner named twice on one measure counts once; the first named is the lead.
      if (m.units.indexOf(owner) < i) return;
      const o = byOwner.get(owner) ?? { ids: [], lead: 0, counts: emptyStatusCounts() };
      byOwner.set(owner, o);
      o.ids.push(m.id);
      if (i === 0) o.lead++;
      o.counts[measures[m.id]!.status]++;
    });
  }
  return [...byOwner]
    .map(([unit, u]) => ({ unit, score: weightedMean(u.ids, measures, () => 1), measureCount: u.ids.length, leadCount: u.lead, statusCounts: u.counts }))
    .sort((a, b) => b.leadCount - a.leadCount || b.measureCount - a.measureCount || (a.unit < b.unit ? -1 : a.unit > b.unit ? 1 : 0));
}

const LAGGING: ReadonlySet<Status> = new Set(['overdue', 'off_track', 'at_risk', 'not_started']);

/** Measures behind schedule, furthest behind (expected − completion) first; overdue ones lead. */
function laggingMeasures(planMeasures: Measure[], measures: Record<string, MeasureScore>): string[] {
  return planMeasures
    .map((m) => measures[m.id]!)
    .filter((s) => s.status === 'overdue' || (LAGGING.has(s.status) && s.expected - (s.completion ?? 0) > 0))
    .map((s) => ({ id: s.id, overdue: s.status === 'overdue' ? 1 : 0, gap: s.expected - (s.completion ?? 0) }))
    .sort((a, b) => b.overdue - a.overdue || b.gap - a.gap)
    .map((s) => s.id);
}
