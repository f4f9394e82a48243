// Time in whole days (UTC), so "expected by the as-of date" does not depend on
// the clock or time zone of the machine doing the sum.
import type { PlanPeriod } from '../types.ts';

const DAY_MS = 86_400_000;

function digits(text: string, from: number, to: number): number {
  let n = 0;
  for (let i = from; i < to; i++) {
    const d = text.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return Number.NaN;
    n = n * 10 + d;
  }
  return n;
}

/**
 * Days since 1970-01-01 of a YYYY-MM-DD date (anything after the day is
 * ignored); NaN when malformed. Hinnant's days-from-civil, no Date object:
 * scoring calls this for every entry.
 */
export function dayNumber(date: string): number {
  if (date.length < 10 || date.charCodeAt(4) !== 45 || date.charCodeAt(7) !== 45) return Number.NaN;
  let y = digits(date, 0, 4);
  const m = digits(date, 5, 7);
  const d = digits(date, 8, 10);
  if (!(m >= 1 && m <= 12 && d >= 1 && d <= 31)) return Number.NaN;
  y -= m <= 2 ? 1 : 0;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

export function dateOfDay(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

/**
 * The plan period as days: from 1 January of the first year to the end of
 * 31 December of the last (so `end` is 1 January of the year after, exclusive).
 */
export function periodDays(period: PlanPeriod): { start: number; end: number } {
  return { start: dayNumber(`${period.start}-01-01`), end: dayNumber(`${period.end + 1}-01-01`) };
}

/**
 * Share (0–1) of the work expected to be done by the end of `asOfDay`, if it
 * runs linearly from `start` (inclusive) to `end` (exclusive).
 */
export function linearShare(start: number, end: number, asOfDay: number): number {
  if (!(end > start)) return asOfDay >= start ? 1 : 0;
  const elapsed = asOfDay + 1 - start;
  return Math.min(1, Math.max(0, elapsed / (end - start)));
}

/**
 * Share (0–1, not a percentage) of a plan expected to be done by the end of
 * the as-of day, linear over the plan period: a 2025 plan expects 0 before
 * 2025-01-01, 1/365 at the end of 1 January, 1 from 31 December on. With no
 * period there is no schedule to be behind, so the share is 0.
 */
export function expectedShare(period: PlanPeriod | null, asOf: string): number {
  if (!period) return 0;
  const { start, end } = periodDays(period);
  return linearShare(start, end, dayNumber(asOf));
}
