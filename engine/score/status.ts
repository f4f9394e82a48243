// Status against time: compare completion with the share of the work the
// calendar says should be done by the as-of date.
import type { ScoreConfig, Status } from './config.ts';
import { linearShare } from './time.ts';

export interface TimeWindow {
  /** First day of work (plan period start), inclusive. */
  startDay: number;
  /** Day after the deadline (exclusive end). */
  endDay: number;
}

export interface StatusResult {
  status: Status;
  /** Percentage 0–100 expected by the as-of date. */
  expected: number;
}

/**
 * - no entries → not_started
 * - completion ≥ doneAt → done
 * - past the deadline and not done → overdue
 * - otherwise by the gap (expected − completion, in points): ≤ onTrackGap on track,
 *   ≤ atRiskGap at risk, beyond off track; a reported 0 while nothing is expected
 *   yet stays not_started.
 */
export function statusAgainstTime(
  completion: number | null,
  hasEntries: boolean,
  window: TimeWindow,
  asOfDay: number,
  thresholds: ScoreConfig['thresholds'],
): StatusResult {
  const expected = Math.round(linearShare(window.startDay, window.endDay, asOfDay) * 1000) / 10;
  if (!hasEntries || completion === null) return { status: 'not_started', expected };
  if (completion >= thresholds.doneAt) return { status: 'done', expected };
  if (asOfDay >= window.endDay) return { status: 'overdue', expected };
  const gap = expected - completion;
  if (gap <= thresholds.onTrackGap) return { status: completion <= 0 ? 'not_started' : 'on_track', expected };
  if (gap <= thresholds.atRiskGap) return { status: 'at_risk', expected };
  return { status: 'off_track', expected };
}
