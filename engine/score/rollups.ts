// From progress entries to a plan scorecard:
//   target  → completion (completion.ts), status (status.ts), trend (trend.ts)
//   measure → mean of its targets, or its latest milestone / percentage
//   subsection → section → plan: weighted means of measure completions
//   responsible unit: mean over the measures it is named on
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
import { statusEntryPercent, type ProgressEntry, type StatusEntry, type ValueEntry } from '../progress/schema.ts';
import { emptyStatusCounts, resolveConfig, type ScoreConfig, type ScoreConfigInput, type Status, type TrendLabel } from './config.ts';
import { round1, targetCompletion, targetGoal } from './completion.ts';
import { statusAgainstTime, type TimeWindow } from './status.ts';
import { computeTrend, type TrendPoint } from './trend.ts';
import { dayNumber, periodDays } from './time.ts';
import { entryValueInTargetUnit } from './units.ts';
import { formatExplanation, type Explanation } from './explain.ts';

export interface TargetScore {
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
}

export interface MeasureScore {
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
}

export interface SectionScore {
  id: string;
  title: string;
  score: number;
  measureCount: number;
  subsections: { id: string; title: string; score: number; measureCount: number }[];
}

export interface UnitScore {
  unit: string;
  score: number;
  measureCount: number;
  leadCount: number;
  statusCounts: Record<Status, number>;
}

export interface PlanScore {
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
  units: UnitScore[];
  /** Measure ids, most behind schedule first. */
  lagging: string[];
  asOf: string;
  /** Entries that could not be used (unknown target, unit not convertible). */
  warnings: string[];
}

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

interface Context {
  config: ScoreConfig;
  asOfDay: number;
  planStart: number;
  planEnd: number;
  warnings: string[];
}

/**
 * Order of two edit times. ISO timestamps in UTC of one shape (what
 * toISOString writes) compare as text; anything else is parsed. Only called
 * for entries of the same day, which is rare, so parsing is rarer still.
 */
function compareEdits(a: string, b: string): number {
  if (a === b) return 0;
  if (a.length === b.length && a.endsWith('Z') && b.endsWith('Z')) return a < b ? -1 : 1;
  return Date.parse(a) - Date.parse(b);
}

/** Entry a (on day aDay) is later than b: by date, then by edit time, then by id (as compareLatestFirst). */
function isLater(a: ProgressEntry, aDay: number, b: ProgressEntry, bDay: number): boolean {
  if (aDay !== bDay) return aDay > bDay;
  const edits = compareEdits(a.updatedAt, b.updatedAt);
  if (edits !== 0) return edits > 0;
  return a.id > b.id;
}

// Scoring runs over every entry of every plan on each dashboard render, and
// the cost is in touching the entries: scorePlan reads each entry once, in
// one pass, into typed arrays (target, converted value, day), sorted by
// target; targets then read only those arrays. The arrays are scratch space
// reused across calls (scoring is synchronous, so no two calls share them).
let scratchTarget = new Int32Array(256);
let scratchValue = new Float64Array(256);
let scratchDay = new Float64Array(256);
let scratchOrder = new Int32Array(256);
let scratchRef: ValueEntry[] = [];

function ensureScratch(n: number): void {
  if (scratchTarget.length >= n) return;
  const size = Math.max(n, scratchTarget.length * 2);
  scratchTarget = new Int32Array(size);
  scratchValue = new Float64Array(size);
  scratchDay = new Float64Array(size);
  scratchOrder = new Int32Array(size);
}

/** Value entries of one target: positions from..to of scratchOrder. */
function scoreTarget(target: Target, measure: Measure, from: number, to: number, ctx: Context): TargetScore {
  const window = windowUntil(ctx.planStart, target.deadlineDate ?? measure.deadlineDate, ctx.planEnd);
  const goal = targetGoal(target);
  if (from === to || goal === null) {
    const { status } = statusAgainstTime(null, false, window, ctx.asOfDay, ctx.config.thresholds);
    const explain: Explanation = goal === null ? NO_NUMBER : NO_PROGRESS;
    return { id: target.id, completion: null, raw: null, status, explanation: formatExplanation(explain, 'en'), explain };
  }
  const order = scratchOrder;
  const days = scratchDay;
  const values = scratchValue;
  const refs = scratchRef;
  let latest = order[from]!;
  let distinctDays = 1;
  let firstDay = days[latest]!;
  for (let k = from + 1; k < to; k++) {
    const i = order[k]!;
    if (days[i] !== firstDay) distinctDays = 2;
    if (isLater(refs[i]!, days[i]!, refs[latest]!, days[latest]!)) latest = i;
  }
  const latestValue = values[latest]!;
  const latestEntry = refs[latest]!;
  const result = targetCompletion(target, latestValue, ctx.config)!;
  const { status } = statusAgainstTime(result.completion, true, window, ctx.asOfDay, ctx.config.thresholds);
  // The completion's facts (fresh for this call, so ours to add to), with the day they were true of.
  const explain = result.explain;
  explain.values.date = latestEntry.date;
  if (status === 'done') {
    // Done now; was it done by the deadline? The first day any entry reached the goal tells.
    let firstDone = Infinity;
    for (let k = from; k < to; k++) {
      const i = order[k]!;
      if (days[i]! < firstDone && (targetCompletion(target, values[i]!, ctx.config)?.completion ?? 0) >= ctx.config.thresholds.doneAt) firstDone = days[i]!;
    }
    if (firstDone !== Infinity && firstDone >= window.endDay) {
      explain.values.doneLate = true;
      const deadline = target.deadlineDate ?? measure.deadlineDate;
      if (deadline) explain.values.deadline = deadline;
    }
  }
  const score: TargetScore = { id: target.id, completion: result.completion, raw: result.raw, status, latest: latestValue, latestDate: latestEntry.date, explanation: formatExplanation(explain, 'en'), explain };
  if (distinctDays > 1) {
    // One point per day: the latest entry of that day.
    const perDay = new Map<number, number>();
    for (let k = from; k < to; k++) {
      const i = order[k]!;
      const same = perDay.get(days[i]!);
      if (same === undefined || isLater(refs[i]!, days[i]!, refs[same]!, days[same]!)) perDay.set(days[i]!, i);
    }
    const points: TrendPoint[] = [];
    for (const [day, i] of perDay) points.push({ day, value: values[i]! });
    const trend = computeTrend(points, goal, target.direction, window.endDay - 1, ctx.config.thresholds);
    if (trend) score.trend = trend;
  }
  return score;
}

/**
 * `targetStart` is where this measure's first target begins in the target
 * table; targetFrom[t]..targetFrom[t + 1] are target t's entries in scratchOrder.
 */
function scoreMeasure(measure: Measure, targetStart: number, targetFrom: Int32Array, valueCount: number, lastValueDate: string | undefined, statuses: StatusEntry[], ctx: Context): MeasureScore {
  const targets: TargetScore[] = [];
  for (let k = 0; k < measure.targets.length; k++) {
    const t = targetStart + k;
    targets.push(scoreTarget(measure.targets[k]!, measure, targetFrom[t]!, targetFrom[t + 1]!, ctx));
  }
  let lastEntryDate = lastValueDate;
  for (const e of statuses) if (lastEntryDate === undefined || e.date > lastEntryDate) lastEntryDate = e.date;
  let lastDeadline: string | undefined;
  for (const t of measure.targets) if (t.deadlineDate && (!lastDeadline || t.deadlineDate > lastDeadline)) lastDeadline = t.deadlineDate;
  const window = windowUntil(ctx.planStart, measure.deadlineDate ?? lastDeadline, ctx.planEnd);

  let completion: number | null = null;
  let basis: MeasureScore['basis'] = 'none';
  let explain: Explanation = NO_PROGRESS;
  let single: TargetScore | undefined;
  const scorable = measure.targets.filter((t) => targetGoal(t) !== null);
  const anyValue = targets.some((t) => t.completion !== null);
  if (anyValue && scorable.length > 0) {
    basis = 'targets';
    const scored = targets.filter((_, i) => targetGoal(measure.targets[i]!) !== null);
    completion = round1(scored.reduce((sum, t) => sum + (t.completion ?? 0), 0) / scored.length);
    if (scored.length === 1) {
      single = scored[0]!;
      explain = single.explain;
    } else {
      explain = { key: 'meanOfTargets', values: { parts: scored.map((t) => t.completion), mean: completion } };
    }
  } else if (statuses.length > 0) {
    basis = 'status';
    let latest = statuses[0]!;
    for (const e of statuses) if (isLater(e, dayNumber(e.date), latest, dayNumber(latest.date))) latest = e;
    completion = statusEntryPercent(latest);
    if (latest.percent === undefined && latest.milestone) completion = ctx.config.milestones[latest.milestone];
    explain =
      latest.percent === undefined && latest.milestone
        ? { key: 'milestone', values: { milestone: latest.milestone, pct: completion, date: latest.date } }
        : { key: 'statusPercent', values: { percent: latest.percent ?? completion, date: latest.date } };
  }
  const hasEntries = completion !== null;
  const result = statusAgainstTime(completion, hasEntries, window, ctx.asOfDay, ctx.config.thresholds);
  let status = result.status;
  // A target past its own (earlier) deadline makes the measure overdue too.
  if (status !== 'done' && status !== 'not_started' && targets.some((t) => t.status === 'overdue')) status = 'overdue';
  // One numeric target: the measure says what its target says (already worded).
  const explanation = single ? single.explanation : formatExplanation(explain, 'en');
  const score: MeasureScore = { id: measure.id, completion, status, explanation, explain, targets, entryCount: valueCount + statuses.length, expected: result.expected, basis };
  if (lastEntryDate) score.lastEntryDate = lastEntryDate;
  return score;
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

/** Scores one plan from its entries (entries of other plans and deleted entries are ignored). */
export function scorePlan(plan: Plan, entries: readonly ProgressEntry[], options: ScoreOptions): PlanScore {
  const config = resolveConfig(options.config);
  const window = planWindow(plan.period, plan.date);
  const ctx: Context = { config, asOfDay: dayNumber(options.asOf), planStart: window.startDay, planEnd: window.endDay, warnings: [] };

  // The target table: every target of the plan in measure order.
  const measureIndex = new Map<string, number>();
  const targetIndex = new Map<string, number>();
  const targetOwner: number[] = [];
  const targetList: Target[] = [];
  const measureTargetStart = new Int32Array(plan.measures.length + 1);
  plan.measures.forEach((m, mi) => {
    measureIndex.set(m.id, mi);
    measureTargetStart[mi] = targetList.length;
    for (const t of m.targets) {
      targetIndex.set(t.id, targetList.length);
      targetOwner.push(mi);
      targetList.push(t);
    }
  });
  measureTargetStart[plan.measures.length] = targetList.length;

  // One pass over the entries: each is read once.
  ensureScratch(entries.length);
  const refs: ValueEntry[] = (scratchRef = new Array<ValueEntry>(entries.length));
  const perTarget = new Int32Array(targetList.length + 1);
  const valueCount = new Int32Array(plan.measures.length);
  const lastValueDate: (string | undefined)[] = new Array(plan.measures.length);
  const statusesByMeasure: (StatusEntry[] | undefined)[] = new Array(plan.measures.length);
  let n = 0;
  for (const e of entries) {
    if (e.planId !== plan.id || e.deleted) continue;
    if (e.kind === 'value') {
      const ti = targetIndex.get(e.targetId);
      if (ti === undefined) {
        ctx.warnings.push(`entry ${e.id}: target ${e.targetId} is not in plan ${plan.id}`);
        continue;
      }
      const target = targetList[ti]!;
      const value = e.unit === undefined ? e.value : entryValueInTargetUnit(e.value, e.unit, target.unit);
      if (value === null) {
        // Reported, not silently dropped.
        ctx.warnings.push(`entry ${e.id}: unit "${e.unit}" cannot be converted to the target's unit "${target.unit}"`);
        continue;
      }
      scratchTarget[n] = ti;
      scratchValue[n] = value;
      scratchDay[n] = dayNumber(e.date);
      refs[n] = e;
      n++;
      perTarget[ti + 1]!++;
      const mi = targetOwner[ti]!;
      valueCount[mi]!++;
      const last = lastValueDate[mi];
      if (last === undefined || e.date > last) lastValueDate[mi] = e.date;
    } else {
      const mi = measureIndex.get(e.measureId);
      if (mi === undefined) {
        ctx.warnings.push(`entry ${e.id}: measure ${e.measureId} is not in plan ${plan.id}`);
        continue;
      }
      (statusesByMeasure[mi] ??= []).push(e);
    }
  }
  // Counting sort of the value entries by target.
  for (let t = 0; t < targetList.length; t++) perTarget[t + 1]! += perTarget[t]!;
  const targetFrom = perTarget.slice();
  const fill = perTarget.slice(0, targetList.length);
  for (let i = 0; i < n; i++) scratchOrder[fill[scratchTarget[i]!]!++] = i;

  const measureIds = new Set(measureIndex.keys());
  const measures: Record<string, MeasureScore> = {};
  const statusCounts = emptyStatusCounts();
  let withEntries = 0;
  plan.measures.forEach((m, mi) => {
    const s = scoreMeasure(m, measureTargetStart[mi]!, targetFrom, valueCount[mi]!, lastValueDate[mi], statusesByMeasure[mi] ?? [], ctx);
    measures[m.id] = s;
    statusCounts[s.status]++;
    if (s.entryCount > 0) withEntries++;
  });
  scratchRef = [];

  const sectionOf = new Map<string, string>();
  for (const section of plan.sections) {
    for (const id of section.measureIds) sectionOf.set(id, section.id);
    for (const sub of section.subsections) for (const id of sub.measureIds) sectionOf.set(id, section.id);
  }
  const measureWeights = config.weights.measures ?? {};
  const sectionWeights = config.weights.sections ?? {};
  const anyWeights = Object.keys(measureWeights).length + Object.keys(sectionWeights).length > 0;
  function measureWeight(id: string): number {
    return anyWeights ? measureWeights[id] ?? 1 : 1;
  }
  function planWeight(id: string): number {
    return anyWeights ? measureWeight(id) * (sectionWeights[sectionOf.get(id) ?? ''] ?? 1) : 1;
  }

  const sections: SectionScore[] = plan.sections.map((section) => {
    const ids = [...section.measureIds, ...section.subsections.flatMap((s) => s.measureIds)].filter((id) => measureIds.has(id));
    return {
      id: section.id,
      title: section.title,
      score: weightedMean(ids, measures, measureWeight),
      measureCount: ids.length,
      subsections: section.subsections.map((sub) => {
        const subIds = sub.measureIds.filter((id) => measureIds.has(id));
        return { id: sub.id, title: sub.title, score: weightedMean(subIds, measures, measureWeight), measureCount: subIds.length };
      }),
    };
  });

  const units = scoreUnits(plan.measures, measures);
  const total = plan.measures.length;
  return {
    planId: plan.id,
    score: weightedMean(plan.measures.map((m) => m.id), measures, planWeight),
    coverage: total ? round1((withEntries / total) * 100) : 0,
    expected: round1(linearPlanExpected(window, ctx.asOfDay)),
    statusCounts,
    measures,
    sections,
    units,
    lagging: laggingMeasures(plan.measures, measures),
    asOf: options.asOf,
    warnings: ctx.warnings,
  };
}

function linearPlanExpected(window: { startDay: number; endDay: number }, asOfDay: number): number {
  return statusAgainstTime(null, false, window, asOfDay, DEFAULT_THRESHOLDS_FOR_EXPECTED).expected;
}
const DEFAULT_THRESHOLDS_FOR_EXPECTED = resolveConfig().thresholds;

/** Every unit named on a measure gets the measure (a shared measure counts for each unit). */
function scoreUnits(planMeasures: Measure[], measures: Record<string, MeasureScore>): UnitScore[] {
  const byUnit = new Map<string, { ids: string[]; lead: number; counts: Record<Status, number> }>();
  for (const m of planMeasures) {
    const seen = new Set<string>();
    m.units.forEach((unit, i) => {
      if (seen.has(unit)) return;
      seen.add(unit);
      let u = byUnit.get(unit);
      if (!u) byUnit.set(unit, (u = { ids: [], lead: 0, counts: emptyStatusCounts() }));
      u.ids.push(m.id);
      if (i === 0) u.lead++;
      u.counts[measures[m.id]!.status]++;
    });
  }
  return [...byUnit]
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

/** Scores many plans in one pass over the entries (what the dashboard and the bench call). */
export function scorePlans(plans: readonly Plan[], entries: readonly ProgressEntry[], options: ScoreOptions): PlanScore[] {
  const byPlan = new Map<string, ProgressEntry[]>();
  for (const e of entries) {
    const list = byPlan.get(e.planId);
    if (list) list.push(e);
    else byPlan.set(e.planId, [e]);
  }
  return plans.map((p) => scorePlan(p, byPlan.get(p.id) ?? [], options));
}
