// What the dashboard shows first, read in one go before its first render
// (issue 15: the dashboard's first render): the settings, the plan list (the
// light plan index) and the plan shown with its entries and score history.
// The views then keep it live (hooks/live.ts); read here, nothing waits for a
// render, a paint and an effect before the plan shown is asked for.
import { getSettings, listPlans, liveEntriesOf, type Settings } from './store.ts';
import type { EntryRecord, HistoryRecord, PlanIndexRecord, PlanMeterDB, PlanRecord } from './db.ts';

export interface PlanView {
  record: PlanRecord | undefined;
  entries: EntryRecord[];
  history: HistoryRecord[];
}

export interface FirstView extends PlanView {
  settings: Settings;
  plans: PlanIndexRecord[];
  /** The plan shown, or null when the address names none and no plan is tracked. */
  planId: string | null;
}

/** The plan the user came from (?plan=), else the first plan they track; the bundled seeds are examples, never the default. */
export function shownPlanId(asked: string | null, plans: readonly PlanIndexRecord[]): string | null {
  return asked ?? plans.find((p) => p.tracked)?.id ?? null;
}

/** Score history points, oldest first (the score-over-time chart). */
export function readHistory(db: PlanMeterDB): Promise<HistoryRecord[]> {
  return db.history.orderBy('createdAt').toArray();
}

async function readPlanView(db: PlanMeterDB, planId: string): Promise<PlanView> {
  const [record, entries, history] = await Promise.all([db.plans.get(planId), liveEntriesOf(db, planId), readHistory(db)]);
  return { record, entries, history };
}

/** Everything of the first view; a plan named in the address is read alongside the list, not after it. */
export async function loadFirstView(db: PlanMeterDB, asked: string | null): Promise<FirstView> {
  const [settings, plans, early] = await Promise.all([getSettings(db), listPlans(db), asked ? readPlanView(db, asked) : undefined]);
  const planId = shownPlanId(asked, plans);
  const view = early ?? (planId ? await readPlanView(db, planId) : { record: undefined, entries: [], history: [] });
  return { settings, plans, planId, ...view };
}
