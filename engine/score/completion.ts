// How far a reported value has carried a target, as a percentage.
//
//   increase (不少于 / 以上 / 达到):  raw = (V − B) / (T − B) × 100, B = stated baseline, else 0
//                                   (a 新增 count starts from nothing)
//   decrease (压缩至 / 缩短至 / 以内): raw = (B − V) / (B − T) × 100 (from 8 to 4 days: 6 → 50%)
//                                   without a baseline there is no start to measure from, so
//                                   raw = T / V × 100 (met at V ≤ T, half-way at twice the target)
//   range (3-5家):                   T = the end that meets the band: min when increasing,
//                                   max when decreasing ("met at the lower bound")
//   approx (左右):                   met (100) when |V − T| ≤ tolerance × |T|, else as increase/decrease
//
// completion = raw clamped to 0–100 (what roll-ups use); raw stays visible (130% = exceeded).
import type { Target } from '../types.ts';
import type { ScoreConfig } from './config.ts';
import { formatExplanation, type Band, type CompletionExplanation } from './explain.ts';

export interface CompletionResult {
  /** 0–100, for roll-ups. */
  completion: number;
  /** Uncapped percentage (may exceed 100, or be negative when things went backwards). */
  raw: number;
  /** "150 of 200 个 (75%)" (= formatExplanation(explain, 'en')) */
  explanation: string;
  /** The same, as data: worded in any language by formatExplanation. */
  explain: CompletionExplanation;
}

/** The number a target must reach: its value, or the band end that counts as met. */
export function targetGoal(target: Target): number | null {
  if (target.comparator === 'range') {
    const end = target.direction === 'decrease' ? target.max ?? target.value ?? target.min : target.min ?? target.value ?? target.max;
    return end ?? null;
  }
  return target.value ?? target.min ?? target.max ?? null;
}

export function round1(n: number): number {
  return Math.round(n * 10) / 10;
}

/** Largest raw percentage reported (±); anything beyond is an absurd input, not a measurement. */
const RAW_BOUND = 1e15;

function clamp(n: number, lo: number, hi: number): number {
  return Math.min(hi, Math.max(lo, n));
}

/**
 * The result from an uncapped ratio (%) and what it compared. A module
 * function, not a closure: scoring calls this for every target, and a named
 * inner function costs an allocation (and, under tsx, a defineProperty) per call.
 */
function finishCompletion(rawRatio: number, explain: CompletionExplanation): CompletionFacts {
  // Extreme inputs (1e308, 5e-324) overflow the ratio to ±Infinity or NaN;
  // raw must stay a finite number (snapshots validate it), so bound it.
  const raw = Number.isNaN(rawRatio) ? 0 : clamp(rawRatio, -RAW_BOUND, RAW_BOUND);
  const r = round1(raw);
  explain.values.pct = r;
  return { raw: r, completion: round1(clamp(raw, 0, 100)), explain };
}

/** A CompletionResult without its English sentence. */
export type CompletionFacts = Omit<CompletionResult, 'explanation'>;

/** Completion of one target at value `value` (already in the target's unit). Null when the target has no number. */
export function targetCompletion(target: Target, value: number, config: Pick<ScoreConfig, 'approxTolerance'>): CompletionResult | null {
  const facts = completionFacts(target, value, config);
  if (facts === null) return null;
  return { raw: facts.raw, completion: facts.completion, explanation: formatExplanation(facts.explain, 'en'), explain: facts.explain };
}

/**
 * targetCompletion without the sentence: the scorer adds the date to the
 * explanation and words it then, so wording it here would be thrown away.
 */
export function completionFacts(target: Target, value: number, config: Pick<ScoreConfig, 'approxTolerance'>): CompletionFacts | null {
  const goal = targetGoal(target);
  if (goal === null || !Number.isFinite(goal)) return null;
  const unit = target.unit;
  // A band reads as written (3–5 家); the sums use the end that meets it.
  const band: Band | undefined = target.comparator === 'range' && target.min !== undefined && target.max !== undefined ? { min: target.min, max: target.max } : undefined;
  // pct is filled in by finishCompletion.
  const facts = band ? { latest: value, target: goal, band, unit, pct: 0 } : { latest: value, target: goal, unit, pct: 0 };
  if (target.comparator === 'approx' && Math.abs(value - goal) <= config.approxTolerance * Math.abs(goal)) {
    const r = round1(goal === 0 ? 100 : (value / goal) * 100);
    const explain: CompletionExplanation = { key: 'approxMet', values: { ...facts, pct: r, tolerancePct: config.approxTolerance * 100 } };
    return { raw: r, completion: 100, explain };
  }

  if (target.direction === 'decrease') {
    const b = target.baseline;
    if (b !== undefined && b !== goal) {
      return finishCompletion(((b - value) / (b - goal)) * 100, { key: 'reducedFrom', values: { ...facts, baseline: b } });
    }
    if (value <= goal) return finishCompletion(value === goal || value <= 0 ? 100 : Math.max(100, (goal / value) * 100), { key: 'atMost', values: { ...facts, noBaseline: false } });
    return finishCompletion(value === 0 ? 0 : (goal / value) * 100, { key: 'atMost', values: { ...facts, noBaseline: true } });
  }

  const b = target.baseline ?? 0;
  // facts is fresh for this call, so it can be the values itself when nothing is added to it.
  if (goal === b) return finishCompletion(value >= goal ? 100 : 0, { key: 'ofTarget', values: facts });
  return finishCompletion(((value - b) / (goal - b)) * 100, { key: 'ofTarget', values: target.baseline !== undefined ? { ...facts, baseline: b } : facts });
}
