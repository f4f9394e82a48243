// Reminders, as supervision systems give them: a yellow light days before a
// deadline, red after it. The list of a tracked plan's measures and targets
// that are due within N days or overdue and not done — the one source of the
// toolbar badge's count, the daily notification and the dashboard's 到期/逾期
// view.
import type { Plan } from '../types.ts';
import type { ProgressEntry } from '../progress/schema.ts';
import { isCalendarDate } from '../progress/schema.ts';
import { scorePlan } from '../score/rollups.ts';

export interface DueItem {
  planId: string;
  planTitle: string;
  measureId: string;
  measureNumber: string;
  measureTitle: string;
  /** Set when the item is one target whose deadline is earlier than its measure's. */
  targetId?: string;
  /** What is due: the measure's title, or the target's label. */
  label: string;
  /** YYYY-MM-DD */
  deadline: string;
  /** Where the deadline comes from: set in the card, the measure's or target's own, or the end of the plan period. */
  deadlineFrom: 'set' | 'measure' | 'target' | 'period';
  /** Days from the as-of day to the deadline: negative when overdue, 0 on the day. */
  daysLeft: number;
  state: 'due' | 'overdue';
  /** Completion 0–100 now (null: nothing entered). */
  completion: number | null;
}

export interface DueOptions {
  /** Today, YYYY-MM-DD. */
  asOf: string;
  /** Items due within this many days (and all overdue ones). */
  withinDays: number;
  /** Deadlines set by the user: planId → measureId → YYYY-MM-DD (they replace the plan's). */
  deadlines?: Readonly<Record<string, Readonly<Record<string, string>>>>;
}

/** Default look-ahead of the badge: two weeks. */
export const DEFAULT_REMIND_DAYS = 14;

function dayNumber(date: string): number {
  return Math.floor(Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10))) / 86_400_000);
}

function done(completion: number | null): boolean {
  return completion !== null && completion >= 100;
}

/**
 * Measures and targets of the plans due within `withinDays` of `asOf` or past
 * their deadline, and not done; overdue first, then by deadline. A measure's
 * deadline is the one set in the card, else its own, else the end of the plan
 * period; a target is listed on its own only when its deadline is earlier
 * than its measure's.
 */
export function dueItems(plans: readonly Plan[], entries: readonly ProgressEntry[], options: DueOptions): DueItem[] {
  if (!isCalendarDate(options.asOf)) throw new Error(`asOf must be a date YYYY-MM-DD, got "${options.asOf}"`);
  if (!Number.isInteger(options.withinDays) || options.withinDays < 0 || options.withinDays > 366) throw new Error(`withinDays must be a whole number of days 0–366, got ${options.withinDays}`);
  const today = dayNumber(options.asOf);
  const out: DueItem[] = [];
  for (const plan of plans) {
    const score = scorePlan(plan, entries.filter((e) => e.planId === plan.id), { asOf: options.asOf });
    const set = options.deadlines?.[plan.id] ?? {};
    const periodEnd = plan.period ? `${plan.period.end}-12-31` : undefined;
    for (const m of plan.measures) {
      const ms = score.measures[m.id];
      const own = set[m.id] && isCalendarDate(set[m.id]!) ? { date: set[m.id]!, from: 'set' as const } : m.deadlineDate ? { date: m.deadlineDate, from: 'measure' as const } : periodEnd ? { date: periodEnd, from: 'period' as const } : null;
      const push = (deadline: { date: string; from: DueItem['deadlineFrom'] }, completion: number | null, target?: { id: string; label: string }) => {
        const daysLeft = dayNumber(deadline.date) - today;
        if (daysLeft > options.withinDays || done(completion)) return;
        const item: DueItem = {
          planId: plan.id,
          planTitle: plan.title,
          measureId: m.id,
          measureNumber: m.number,
          measureTitle: m.title,
          label: target ? target.label || m.title : m.title,
          deadline: deadline.date,
          deadlineFrom: deadline.from,
          daysLeft,
          state: daysLeft < 0 ? 'overdue' : 'due',
          completion,
        };
        if (target) item.targetId = target.id;
        out.push(item);
      };
      if (own) push(own, ms?.completion ?? null);
      m.targets.forEach((t, k) => {
        if (!t.deadlineDate || !isCalendarDate(t.deadlineDate)) return;
        if (own && t.deadlineDate >= own.date) return; // covered by the measure's own item
        push({ date: t.deadlineDate, from: 'target' }, ms?.targets[k]?.completion ?? null, t);
      });
    }
  }
  return out.sort((a, b) => (a.state === b.state ? 0 : a.state === 'overdue' ? -1 : 1) || a.deadline.localeCompare(b.deadline) || a.planTitle.localeCompare(b.planTitle) || a.measureNumber.localeCompare(b.measureNumber, 'en', { numeric: true }));
}

/** The toolbar badge for a list: the count ('' when none; 999+ past that) and red when anything is overdue, amber otherwise. */
export function badgeOf(items: readonly DueItem[]): { text: string; colour: string } {
  if (items.length === 0) return { text: '', colour: '#9a6700' };
  return { text: items.length > 999 ? '999+' : String(items.length), colour: items.some((i) => i.state === 'overdue') ? '#cf222e' : '#bf8700' };
}

/** The daily notification: a title with the counts and one line per item (the first `max`). */
export function reminderNotification(items: readonly DueItem[], language: 'zh-CN' | 'en', max = 5): { title: string; lines: string[]; more: number } {
  const overdue = items.filter((i) => i.state === 'overdue').length;
  const due = items.length - overdue;
  const title = language === 'en' ? `PlanMeter: ${overdue} overdue, ${due} due soon` : `方案进度计：逾期 ${overdue} 项，即将到期 ${due} 项`;
  const lines = items.slice(0, max).map((i) => {
    const what = `${i.measureNumber ? `${i.measureNumber}. ` : ''}${i.label}`;
    if (language === 'en') return `${i.state === 'overdue' ? `${-i.daysLeft} days overdue` : `due in ${i.daysLeft} days`}: ${what} (${i.planTitle}, ${i.deadline})`;
    return `${i.state === 'overdue' ? `逾期 ${-i.daysLeft} 天` : `${i.daysLeft} 天后到期`}：${what}（${i.planTitle}，${i.deadline}）`;
  });
  return { title, lines, more: Math.max(0, items.length - max) };
}
