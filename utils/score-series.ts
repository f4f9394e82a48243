// A plan's score over time for the dashboard's chart: the snapshot history, or
// month ends computed from the entries while the history is still short.
import type { EntryRecord, HistoryRecord } from '../lib/db.ts';
import type { Settings } from '../lib/store.ts';
import type { Plan } from '../engine/types.ts';
import { today } from './status.ts';
import { scoreWith } from './ext.ts';

/** Score by month end from the entries dated up to then (when the snapshot history is still short). */
export function scoreSeries(plan: Plan, entries: EntryRecord[], history: HistoryRecord[], settings: Settings): { labels: string[]; values: number[] } {
  const points = history.filter((h) => typeof h.scores[plan.id] === 'number').map((h) => ({ label: h.day, value: h.scores[plan.id]! }));
  const byDay = new Map(points.map((p) => [p.label, p.value]));
  if (byDay.size >= 2) return { labels: [...byDay.keys()], values: [...byDay.values()] };
  const dates = entries.map((e) => e.date).sort();
  if (dates.length === 0) return { labels: [today()], values: [scoreWith(plan, entries, settings).score] };
  const out = new Map<string, number>();
  const first = dates[0]!;
  let y = Number(first.slice(0, 4));
  let mo = Number(first.slice(5, 7));
  const end = today();
  for (let guard = 0; guard < 120; guard++) {
    const last = new Date(Date.UTC(y, mo, 0)).toISOString().slice(0, 10);
    const asOf = last < end ? last : end;
    out.set(asOf, scoreWith(plan, entries.filter((e) => e.date <= asOf), settings, asOf).score);
    if (asOf === end) break;
    mo++;
    if (mo > 12) {
      mo = 1;
      y++;
    }
  }
  // Earlier days come from the history; today is always computed from the live entries.
  for (const [k, v] of byDay) if (k < end) out.set(k, v);
  const labels = [...out.keys()].sort();
  return { labels, values: labels.map((l) => out.get(l)!) };
}
