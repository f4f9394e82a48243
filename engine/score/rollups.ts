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
import { completionFacts, round1, targetGoal } from './completion.ts';
import { statusAgainstTime, type TimeWindow } from './status.ts';
import { computeTrend, trendBetween, type TrendPoint } from './trend.ts';
import { dayNumber, periodDays } from './time.ts';
import { MAX_DAYS_AHEAD } from '../progress/dates.ts';
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

export interface OwnerScore {
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
  units: OwnerScore[];
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

interface ScoringContext {
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

/**
 * Entry a (on day aDay, edited at aEdit) is later than b: by date, then by
 * edit time, then by id (as compareLatestFirst).
 */
function isLater(aDay: number, aEdit: string, aId: string, bDay: number, bEdit: string, bId: string): boolean {
  if (aDay !== bDay) return aDay > bDay;
  const edits = compareEdits(aEdit, bEdit);
  if (edits !== 0) return edits > 0;
  return aId > bId;
}

/** Entry slot i is later than entry slot j (see isLater). */
function isLaterSlot(i: number, j: number): boolean {
  return isLater(scratchDay[i]!, scratchEdit[i]!, scratchId[i]!, scratchDay[j]!, scratchEdit[j]!, scratchId[j]!);
}

/**
 * The fields scoring reads from an entry, filled by readEntry (one object,
 * reused: scoring is synchronous).
 */
const fields = {
  id: '',
  planId: '',
  measureId: '',
  date: '',
  updatedAt: '',
  kind: '' as ProgressEntry['kind'],
  deleted: undefined as boolean | undefined,
  targetId: '',
  value: 0,
  unit: undefined as string | undefined,
  percent: undefined as number | undefined,
  milestone: undefined as StatusEntry['milestone'],
};

/** Copies an entry's fields into `fields`, the one place an entry is read. */
function readEntry(e: ProgressEntry): void {
  const f = fields;
  f.id = e.id;
  f.planId = e.planId;
  f.measureId = e.measureId;
  f.date = e.date;
  f.updatedAt = e.updatedAt;
  f.kind = e.kind;
  f.deleted = e.deleted;
  f.targetId = (e as ValueEntry).targetId;
  f.value = (e as ValueEntry).value;
  f.unit = (e as ValueEntry).unit;
  f.percent = (e as StatusEntry).percent;
  f.milestone = (e as StatusEntry).milestone;
}

// Scoring runs over every entry of every plan on each dashboard render, and
// the cost is in touching the entries: scorePlan reads each entry once, in
// one pass, into typed arrays (target, converted value, day) and arrays of
// the strings that order entries of one day (date, edit time, id), sorted by
// target; targets then read only those arrays. The arrays are scratch space
// reused across calls (scoring is synchronous, so no two calls share them).
let scratchTarget = new Int32Array(256);
let scratchValue = new Float64Array(256);
let scratchDay = new Float64Array(256);
let scratchOrder = new Int32Array(256);
let scratchDate: string[] = [];
let scratchEdit: string[] = [];
let scratchId: string[] = [];
// Status entries fill the same slots from the top down (slot top − s for the
// s-th), with their measure in scratchTarget, ordered by measure in
// scratchStatusOrder; these two hold what only they carry.
let scratchPercent: (number | undefined)[] = [];
let scratchMilestone: StatusEntry['milestone'][] = [];
let scratchStatusOrder = new Int32Array(256);

let scratchStringsUsed = 0;

/** Slots for n entries' strings, reused across calls (emptied by releaseScratch, so no entry text outlives a call). */
function startStrings(n: number): void {
  if (scratchDate.length < n) {
    scratchDate = new Array<string>(n).fill('');
    scratchEdit = new Array<string>(n).fill('');
    scratchId = new Array<string>(n).fill('');
    scratchPercent = new Array<number | undefined>(n).fill(undefined);
    scratchMilestone = new Array<StatusEntry['milestone']>(n).fill(undefined);
  }
  scratchStringsUsed = n;
}

function releaseScratch(): void {
  scratchDate.fill('', 0, scratchStringsUsed);
  scratchEdit.fill('', 0, scratchStringsUsed);
  scratchId.fill('', 0, scratchStringsUsed);
  scratchMilestone.fill(undefined, 0, scratchStringsUsed);
  scratchStringsUsed = 0;
}

function ensureScratch(n: number): void {
  if (scratchTarget.length >= n) return;
  const size = Math.max(n, scratchTarget.length * 2);
  scratchTarget = new Int32Array(size);
  scratchValue = new Float64Array(size);
  scratchDay = new Float64Array(size);
  scratchOrder = new Int32Array(size);
  scratchStatusOrder = new Int32Array(size);
}

/** Value entries of one target: positions from..to of scratchOrder. */
function scoreTarget(target: Target, measure: Measure, from: number, to: number, ctx: ScoringContext): TargetScore {
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
  let latest = order[from]!;
  // The trend's first point: the latest entry of the earliest day (its last point is `latest`).
  let earliest = latest;
  let distinctDays = 1;
  let firstDay = days[latest]!;
  let finiteDays = Number.isFinite(firstDay);
  for (let k = from + 1; k < to; k++) {
    const i = order[k]!;
    const day = days[i]!;
    if (day !== firstDay) distinctDays = 2;
    if (!Number.isFinite(day)) finiteDays = false;
    if (isLaterSlot(i, latest)) latest = i;
    if (day < days[earliest]! || (day === days[earliest] && isLaterSlot(i, earliest))) earliest = i;
  }
  const latestValue = values[latest]!;
  const latestDate = scratchDate[latest]!;
  const result = completionFacts(target, latestValue, ctx.config)!;
  const { status } = statusAgainstTime(result.completion, true, window, ctx.asOfDay, ctx.config.thresholds);
  // The completion's facts (fresh for this call, so ours to add to), with the day they were true of.
  const explain = result.explain;
  explain.values.date = latestDate;
  if (status === 'done') {
    // Done now; was it done by the deadline? The first day any entry reached the goal tells.
    let firstDone = Infinity;
    for (let k = from; k < to; k++) {
      const i = order[k]!;
      if (days[i]! < firstDone && (completionFacts(target, values[i]!, ctx.config)?.completion ?? 0) >= ctx.config.thresholds.doneAt) firstDone = days[i]!;
    }
    if (firstDone !== Infinity && firstDone >= window.endDay) {
      explain.values.doneLate = true;
      const deadline = target.deadlineDate ?? measure.deadlineDate;
      if (deadline) explain.values.deadline = deadline;
    }
  }
  const score: TargetScore = { id: target.id, completion: result.completion, raw: result.raw, status, latest: latestValue, latestDate, explanation: formatExplanation(explain, 'en'), explain };
  if (distinctDays > 1 && finiteDays) {
    // The trend reads only the first and the last day's points (see computeTrend).
    const first: TrendPoint = { day: days[earliest]!, value: values[earliest]! };
    const last: TrendPoint = { day: days[latest]!, value: values[latest]! };
    score.trend = trendBetween(first, last, goal, target.direction, window.endDay - 1, ctx.config.thresholds);
  } else if (distinctDays > 1) {
    // Malformed dates (NaN days): one point per day, the latest entry of that day, as they come.
    const perDay = new Map<number, number>();
    for (let k = from; k < to; k++) {
      const i = order[k]!;
      const same = perDay.get(days[i]!);
      if (same === undefined || isLaterSlot(i, same)) perDay.set(days[i]!, i);
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
 * The measure's status entries are the slots at positions statusFrom..statusTo
 * of scratchStatusOrder, in the order they came.
 */
function scoreMeasure(measure: Measure, targetStart: number, targetFrom: Int32Array, valueCount: number, lastValueDate: string | undefined, statusFrom: number, statusTo: number, ctx: ScoringContext): MeasureScore {
  const targets: TargetScore[] = [];
  for (let k = 0; k < measure.targets.length; k++) {
    const t = targetStart + k;
    targets.push(scoreTarget(measure.targets[k]!, measure, targetFrom[t]!, targetFrom[t + 1]!, ctx));
  }
  let lastEntryDate = lastValueDate;
  for (let p = statusFrom; p < statusTo; p++) {
    const date = scratchDate[scratchStatusOrder[p]!]!;
    if (lastEntryDate === undefined || date > lastEntryDate) lastEntryDate = date;
  }
  let lastDeadline: string | undefined;
  for (const t of measure.targets) if (t.deadlineDate && (!lastDeadline || t.deadlineDate > lastDeadline)) lastDeadline = t.deadlineDate;
  const window = windowUntil(ctx.planStart, measure.deadlineDate ?? lastDeadline, ctx.planEnd);

  let completion: number | null = null;
  let basis: MeasureScore['basis'] = 'none';
  let explain: Explanation = NO_PROGRESS;
  let single: TargetScore | undefined;
  // Targets with a number (the others are left out of the mean).
  const scored: TargetScore[] = [];
  let anyValue = false;
  for (let k = 0; k < targets.length; k++) {
    if (targets[k]!.completion !== null) anyValue = true;
    if (targetGoal(measure.targets[k]!) !== null) scored.push(targets[k]!);
  }
  if (anyValue && scored.length > 0) {
    basis = 'targets';
    let sum = 0;
    for (const t of scored) sum += t.completion ?? 0;
    completion = round1(sum / scored.length);
    if (scored.length === 1) {
      single = scored[0]!;
      explain = single.explain;
    } else {
      explain = { key: 'meanOfTargets', values: { parts: scored.map((t) => t.completion), mean: completion } };
    }
  } else if (statusTo > statusFrom) {
    basis = 'status';
    let slot = scratchStatusOrder[statusFrom]!;
    for (let p = statusFrom; p < statusTo; p++) if (isLaterSlot(scratchStatusOrder[p]!, slot)) slot = scratchStatusOrder[p]!;
    // What statusEntryPercent and the explanation read of the latest entry.
    const latest = { percent: scratchPercent[slot], milestone: scratchMilestone[slot], date: scratchDate[slot]! };
    completion = statusEntryPercent(latest as StatusEntry);
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
  if (status !== 'done' && status !== 'not_started') for (const t of targets) if (t.status === 'overdue') status = 'overdue';
  // One numeric target: the measure says what its target says (already worded).
  const explanation = single ? single.explanation : formatExplanation(explain, 'en');
  const score: MeasureScore = { id: measure.id, completion, status, explanation, explain, targets, entryCount: valueCount + (statusTo - statusFrom), expected: result.expected, basis };
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

/**
 * One plan's target table, and what its entries add up to. Target numbers are
 * global across the plans scored together (`targetBase` + position in the
 * plan), so one pass over all entries can file every value entry into the
 * shared scratch arrays and one counting sort orders them all by target.
 */
interface PlanState {
  plan: Plan;
  measureIndex: Map<string, number>;
  /** Target id → position in targetList. */
  targetIndex: Map<string, number>;
  targetList: Target[];
  /** Position in targetList → measure index. */
  targetOwner: Int32Array;
  targetBase: number;
  /** Global number of the plan's first measure (as targetBase, for status entries). */
  measureBase: number;
  /** Measure index → global number of its first target (one past the end at the last index). */
  measureTargetStart: Int32Array;
  valueCount: Int32Array;
  lastValueDate: (string | undefined)[];
  warnings: string[];
}

function planState(plan: Plan, targetBase: number, measureBase: number): PlanState {
  const measureCount = plan.measures.length;
  const measureIndex = new Map<string, number>();
  const targetIndex = new Map<string, number>();
  const targetList: Target[] = [];
  const measureTargetStart = new Int32Array(measureCount + 1);
  let targetCount = 0;
  for (const m of plan.measures) targetCount += m.targets.length;
  const targetOwner = new Int32Array(targetCount);
  for (let mi = 0; mi < measureCount; mi++) {
    const m = plan.measures[mi]!;
    measureIndex.set(m.id, mi);
    measureTargetStart[mi] = targetBase + targetList.length;
    for (const t of m.targets) {
      targetIndex.set(t.id, targetList.length);
      targetOwner[targetList.length] = mi;
      targetList.push(t);
    }
  }
  measureTargetStart[measureCount] = targetBase + targetList.length;
  return {
    plan, measureIndex, targetIndex, targetList, targetOwner, targetBase, measureBase, measureTargetStart,
    valueCount: new Int32Array(measureCount),
    lastValueDate: new Array<string | undefined>(measureCount),
    warnings: [],
  };
}

/** Where one pass over the entries has got to. */
interface Filing {
  /** Value entries filed (slots 0 … values − 1). */
  values: number;
  /** Status entries filed (slots top … top − statuses + 1). */
  statuses: number;
  top: number;
  /** perTarget[t + 1]: value entries of global target t; perMeasure[m + 1]: status entries of global measure m. */
  perTarget: Int32Array;
  perMeasure: Int32Array;
}

function startFiling(entryCount: number, targetCount: number, measureCount: number): Filing {
  ensureScratch(entryCount);
  startStrings(entryCount);
  return { values: 0, statuses: 0, top: entryCount - 1, perTarget: new Int32Array(targetCount + 1), perMeasure: new Int32Array(measureCount + 1) };
}

/**
 * Files one live entry of the plan (its fields already in `fields`): a usable
 * value entry goes to the next value slot, a status entry to the next status
 * slot; anything unusable is a warning.
 */
function addEntry(st: PlanState, filing: Filing): void {
  const e = fields;
  if (e.kind === 'value') {
    const ti = st.targetIndex.get(e.targetId);
    if (ti === undefined) {
      st.warnings.push(`entry ${e.id}: target ${e.targetId} is not in plan ${st.plan.id}`);
      return;
    }
    const target = st.targetList[ti]!;
    const value = e.unit === undefined ? e.value : entryValueInTargetUnit(e.value, e.unit, target.unit);
    if (value === null) {
      // Reported, not silently dropped.
      st.warnings.push(`entry ${e.id}: unit "${e.unit}" cannot be converted to the target's unit "${target.unit}"`);
      return;
    }
    const n = filing.values++;
    const t = st.targetBase + ti;
    scratchTarget[n] = t;
    scratchValue[n] = value;
    scratchDay[n] = dayNumber(e.date);
    scratchDate[n] = e.date;
    scratchEdit[n] = e.updatedAt;
    scratchId[n] = e.id;
    filing.perTarget[t + 1]!++;
    const mi = st.targetOwner[ti]!;
    st.valueCount[mi]!++;
    const last = st.lastValueDate[mi];
    if (last === undefined || e.date > last) st.lastValueDate[mi] = e.date;
    return;
  }
  const mi = st.measureIndex.get(e.measureId);
  if (mi === undefined) {
    st.warnings.push(`entry ${e.id}: measure ${e.measureId} is not in plan ${st.plan.id}`);
    return;
  }
  const k = filing.top - filing.statuses++;
  const m = st.measureBase + mi;
  scratchTarget[k] = m;
  scratchDay[k] = dayNumber(e.date);
  scratchDate[k] = e.date;
  scratchEdit[k] = e.updatedAt;
  scratchId[k] = e.id;
  scratchPercent[k] = e.percent;
  scratchMilestone[k] = e.milestone;
  filing.perMeasure[m + 1]!++;
}

/**
 * Counting sorts (stable: entries keep the order they came in) of the filed
 * value entries by target into scratchOrder, and of the status entries by
 * measure into scratchStatusOrder; returns where each target's and each
 * measure's entries start (targetFrom[t]..targetFrom[t + 1]).
 */
function sortFiling(filing: Filing): { targetFrom: Int32Array; statusFrom: Int32Array } {
  const perTarget = filing.perTarget;
  for (let t = 0; t + 1 < perTarget.length; t++) perTarget[t + 1]! += perTarget[t]!;
  const targetFrom = perTarget.slice();
  for (let i = 0; i < filing.values; i++) scratchOrder[perTarget[scratchTarget[i]!]!++] = i;
  const perMeasure = filing.perMeasure;
  for (let m = 0; m + 1 < perMeasure.length; m++) perMeasure[m + 1]! += perMeasure[m]!;
  const statusFrom = perMeasure.slice();
  for (let s = 0; s < filing.statuses; s++) {
    const k = filing.top - s;
    scratchStatusOrder[perMeasure[scratchTarget[k]!]!++] = k;
  }
  return { targetFrom, statusFrom };
}

/**
 * An entry dated more than a day (time zones) after the as-of day does not
 * count yet: a reading dated years ahead would otherwise be the "latest"
 * forever. New entries with such dates are refused where they are made
 * (engine/progress/dates.ts); this keeps old or imported ones from counting.
 */
function isAhead(e: ProgressEntry, asOfDay: number): boolean {
  return dayNumber(e.date) > asOfDay + MAX_DAYS_AHEAD;
}

/** Scores one plan from its entries (entries of other plans and deleted entries are ignored). */
export function scorePlan(plan: Plan, entries: readonly ProgressEntry[], options: ScoreOptions): PlanScore {
  const config = resolveConfig(options.config);
  const asOfDay = dayNumber(options.asOf);
  const st = planState(plan, 0, 0);
  // One pass over the entries: each is read once.
  const filing = startFiling(entries.length, st.targetList.length, plan.measures.length);
  for (const e of entries) {
    readEntry(e);
    if (fields.planId !== plan.id || fields.deleted || isAhead(e, asOfDay)) continue;
    addEntry(st, filing);
  }
  const score = finishPlan(st, sortFiling(filing), config, asOfDay, options.asOf);
  releaseScratch();
  return score;
}

/** Measure, section, unit and plan scores of a plan whose entries are filed (scratch arrays ordered by target). */
function finishPlan(st: PlanState, filed: { targetFrom: Int32Array; statusFrom: Int32Array }, config: ScoreConfig, asOfDay: number, asOf: string): PlanScore {
  const plan = st.plan;
  const window = planWindow(plan.period, plan.date);
  const ctx: ScoringContext = { config, asOfDay, planStart: window.startDay, planEnd: window.endDay, warnings: st.warnings };
  const measureIndex = st.measureIndex;
  const measures: Record<string, MeasureScore> = {};
  const statusCounts = emptyStatusCounts();
  let withEntries = 0;
  plan.measures.forEach((m, mi) => {
    const g = st.measureBase + mi;
    const s = scoreMeasure(m, st.measureTargetStart[mi]!, filed.targetFrom, st.valueCount[mi]!, st.lastValueDate[mi], filed.statusFrom[g]!, filed.statusFrom[g + 1]!, ctx);
    measures[m.id] = s;
    statusCounts[s.status]++;
    if (s.entryCount > 0) withEntries++;
  });

  const measureWeights = config.weights.measures ?? {};
  const sectionWeights = config.weights.sections ?? {};
  const anyWeights = Object.keys(measureWeights).length + Object.keys(sectionWeights).length > 0;
  // Which section a measure is in: only weights ask.
  const sectionOf = new Map<string, string>();
  if (anyWeights) {
    for (const section of plan.sections) {
      for (const id of section.measureIds) sectionOf.set(id, section.id);
      for (const sub of section.subsections) for (const id of sub.measureIds) sectionOf.set(id, section.id);
    }
  }
  function measureWeight(id: string): number {
    return anyWeights ? measureWeights[id] ?? 1 : 1;
  }
  function planWeight(id: string): number {
    return anyWeights ? measureWeight(id) * (sectionWeights[sectionOf.get(id) ?? ''] ?? 1) : 1;
  }

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

  const units = scoreOwners(plan.measures, measures);
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
    asOf,
    warnings: ctx.warnings,
  };
}

function linearPlanExpected(window: { startDay: number; endDay: number }, asOfDay: number): number {
  return statusAgainstTime(null, false, window, asOfDay, DEFAULT_THRESHOLDS_FOR_EXPECTED).expected;
}
const DEFAULT_THRESHOLDS_FOR_EXPECTED = resolveConfig().thresholds;

/** Every unit named on a measure gets the measure (a shared measure counts for each unit). */
function scoreOwners(planMeasures: Measure[], measures: Record<string, MeasureScore>): OwnerScore[] {
  const byOwner = new Map<string, { ids: string[]; lead: number; counts: Record<Status, number> }>();
  for (const m of planMeasures) {
    const units = m.units;
    for (let i = 0; i < units.length; i++) {
      if (!(i in units)) continue; // (as forEach: a hole in a sparse list is no unit)
      const unit = units[i]!;
      // A unit named twice on one measure counts once (the lists are short: no Set needed).
      if (units.indexOf(unit) < i) continue;
      let u = byOwner.get(unit);
      if (!u) byOwner.set(unit, (u = { ids: [], lead: 0, counts: emptyStatusCounts() }));
      u.ids.push(m.id);
      if (i === 0) u.lead++;
      u.counts[measures[m.id]!.status]++;
    }
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

/**
 * Scores many plans in one pass over the entries (what the dashboard and the
 * bench call). The same as scorePlan for each plan with its own entries, but
 * each entry is read once, not once to group it and again to score it: with
 * tens of thousands of entries, touching them is most of the cost.
 */
export function scorePlans(plans: readonly Plan[], entries: readonly ProgressEntry[], options: ScoreOptions): PlanScore[] {
  const states = new Map<string, PlanState>();
  let targetCount = 0;
  let measureCount = 0;
  for (const p of plans) {
    // Two plans with one id would share entries: rare enough to score one by one.
    if (states.has(p.id)) return plans.map((q) => scorePlan(q, entries, options));
    const st = planState(p, targetCount, measureCount);
    targetCount += st.targetList.length;
    measureCount += p.measures.length;
    states.set(p.id, st);
  }
  const config = resolveConfig(options.config);
  const asOfDay = dayNumber(options.asOf);
  const filing = startFiling(entries.length, targetCount, measureCount);
  for (const e of entries) {
    readEntry(e);
    const st = states.get(fields.planId);
    if (st === undefined || fields.deleted || isAhead(e, asOfDay)) continue;
    addEntry(st, filing);
  }
  const filed = sortFiling(filing);
  const scores = plans.map((p) => finishPlan(states.get(p.id)!, filed, config, asOfDay, options.asOf));
  releaseScratch();
  return scores;
}
