// Trend status in the manner of the Open SDG / Statistics Canada progress
// measure: compare the rate observed between the first and the latest entry
// with the rate required to reach the target by its deadline from the first
// entry.
//
//   observed rate  = (V_latest − V_first) / (t_latest − t_first)
//   required rate  = (T − V_first) / (t_deadline − t_first)
//   R              = observed / required
//   R ≥ 0.95 on track · 0.6 ≤ R < 0.95 acceleration needed · 0 ≤ R < 0.6 limited progress · R < 0 deterioration
//   projected      = V_latest + observed rate × (t_deadline − t_latest)
//
// Open SDG uses compound annual growth rates; plan targets are counts that
// start from 0 (新增), where a compound rate is undefined, so the rates here are
// linear (per day). The thresholds are config (ScoreConfig.thresholds).
import type { ScoreConfig, TrendLabel } from './config.ts';

export interface TrendPoint {
  day: number;
  value: number;
}

export interface Trend {
  ratio: number;
  label: TrendLabel;
  /** Value the observed rate reaches by the deadline. */
  projected: number;
}

/** Three decimals, bounded and never NaN (extreme inputs must not leak into JSON as null). */
function round3(n: number): number {
  return Number.isNaN(n) ? 0 : Math.round(Math.min(1e15, Math.max(-1e15, n)) * 1000) / 1000;
}

function labelFor(ratio: number, thresholds: ScoreConfig['thresholds']): TrendLabel {
  if (ratio < 0) return 'deterioration';
  if (ratio >= thresholds.trendOnTrack) return 'on_track';
  if (ratio >= thresholds.trendAcceleration) return 'acceleration_needed';
  return 'limited_progress';
}

/**
 * Trend over dated points (one per day, any order) toward `goal` by
 * `deadlineDay`. Null with fewer than two distinct days.
 */
export function computeTrend(
  points: TrendPoint[],
  goal: number,
  direction: 'increase' | 'decrease',
  deadlineDay: number,
  thresholds: ScoreConfig['thresholds'],
): Trend | null {
  const sorted = [...points].sort((a, b) => a.day - b.day);
  const first = sorted[0];
  const last = sorted[sorted.length - 1];
  if (!first || !last || last.day === first.day) return null;
  return trendBetween(first, last, goal, direction, deadlineDay, thresholds);
}

/**
 * The trend from the first day's point to the last day's (first.day <
 * last.day): all computeTrend reads of its points. The scorer finds the two
 * while it looks for the latest entry, and calls this without sorting.
 */
export function trendBetween(
  first: TrendPoint,
  last: TrendPoint,
  goal: number,
  direction: 'increase' | 'decrease',
  deadlineDay: number,
  thresholds: ScoreConfig['thresholds'],
): Trend {
  const sign = direction === 'decrease' ? -1 : 1;
  const observedRate = (last.value - first.value) / (last.day - first.day);
  const projected = last.value + observedRate * Math.max(0, deadlineDay - last.day);
  // Extreme values overflow the rates to ±Infinity or NaN: report bounded, finite numbers.
  const requiredGap = sign * (goal - first.value);
  if (requiredGap <= 0) {
    // Met from the first entry on: nothing more was required. Holding the
    // line is on track; slipping back past the goal is deterioration.
    const stillMet = sign * (last.value - goal) >= 0;
    const ratio = stillMet ? 1 : -1;
    return { ratio, label: labelFor(ratio, thresholds), projected: round3(projected) };
  }
  // A deadline already behind the first entry still asks the whole gap by the latest entry.
  const daysAvailable = Math.max(deadlineDay - first.day, last.day - first.day);
  const requiredRate = (goal - first.value) / daysAvailable;
  const ratio = round3(observedRate / requiredRate);
  return { ratio, label: labelFor(ratio, thresholds), projected: round3(projected) };
}
