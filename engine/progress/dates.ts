// Dates that progress entries may carry.
//
// A progress date says on which day the number was true, so it cannot be
// after today; one day of slack covers time zones (a colleague east of us is
// already on tomorrow). An edit time (updatedAt) decides which version of an
// entry wins a merge; one set in the future by a wrong clock would win every
// merge and bring deleted entries back, so such a time never beats a real one
// (engine/snapshot/merge.ts, lib/store.ts).

/** Days a progress date may lie after today (time zones). */
export const MAX_DAYS_AHEAD = 1;
/** How far ahead of now an edit time may be before it counts as a wrong clock (time zones are in the ISO offset already; this is clock drift). */
export const MAX_EDIT_AHEAD_MS = 24 * 3600_000;

/** YYYY-MM-DD of a Date in UTC, shifted by `days`. */
export function isoDayPlus(now: Date, days: number): string {
  return new Date(now.getTime() + days * 86_400_000).toISOString().slice(0, 10);
}

/** The latest progress date accepted on `now`. */
export function latestAllowedDate(now: Date): string {
  return isoDayPlus(now, MAX_DAYS_AHEAD);
}

/** Why a progress date cannot be accepted on `now` (it is after tomorrow), or null. */
export function futureDateProblem(date: string, now: Date): string | null {
  const latest = latestAllowedDate(now);
  return date > latest ? `date ${date} is in the future (today is ${isoDayPlus(now, 0)}); progress can only be reported for a day that has come` : null;
}

/** True when an edit time lies further ahead of `now` than clock drift explains. */
export function isFutureEdit(updatedAt: string, now: Date): boolean {
  return Date.parse(updatedAt) > now.getTime() + MAX_EDIT_AHEAD_MS;
}

/** True for a real calendar date written YYYY-MM-DD (2025-02-30 is not one). */
export function isCalendarDate(text: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/u.exec(text);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  // A rolled-over day or month always moves the year or the day too, so two checks would do;
  // all three say what is meant. Years below 100 fail the first (Date.UTC reads 50 as 1950).
  return (
    date.getUTCFullYear() === year &&
    // Stryker disable next-line ConditionalExpression: a month that rolls over moves the year, so with the year and the day right the month is
    date.getUTCMonth() === month - 1 &&
    // Stryker disable next-line ConditionalExpression: a day that rolls over moves the month, so with the year and the month right the day is
    date.getUTCDate() === day
  );
}
