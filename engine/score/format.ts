// One rounding rule for every view (badges, panel, popup, dashboard, CLI):
// percentages are shown as whole numbers, and a change between two of them is
// the difference of the numbers shown, so "4% → 6% (+2)" never contradicts
// itself (the raw values stay in the JSON).

/** Numbers as people write them: no trailing zeros, at most 4 decimals. */
export function formatNumber(n: number): string {
  // Past ~1e304, n × 10000 overflows to Infinity: such numbers have no decimals to round.
  if (!Number.isFinite(n * 10_000)) return String(n);
  return String(Math.round(n * 10_000) / 10_000);
}

/** A percentage as shown: whole number, half away from zero. */
export function roundPercent(n: number): number {
  const r = Math.sign(n) * Math.round(Math.abs(n));
  return Object.is(r, -0) ? 0 : r;
}

/** "45%", or "—" when there is nothing to show. */
export function formatPercent(n: number | null | undefined): string {
  return n === null || n === undefined || !Number.isFinite(n) ? '—' : `${roundPercent(n)}%`;
}

/** The change between two shown percentages: "+2", "−3", "±0" (missing counts as 0). */
export function formatPercentChange(before: number | null | undefined, after: number | null | undefined): string {
  const shown = (n: number | null | undefined) => (n === null || n === undefined || !Number.isFinite(n) ? 0 : roundPercent(n));
  const d = shown(after) - shown(before);
  return d > 0 ? `+${d}` : d < 0 ? `−${-d}` : '±0';
}
