// Reminders in the extension: settings (look-ahead days, the opt-in daily
// notification), deadlines the user sets in the card, and the toolbar badge.
// The list itself is the engine's (engine/remind dueItems): the badge, the
// notification and the dashboard's 到期/逾期 view all show that one list.
import * as z from 'zod/mini';
import '../engine/zod-english.ts';
import { badgeOf, dueItems, DEFAULT_REMIND_DAYS, reminderNotification, type DueItem } from '../engine/remind/index.ts';
import { isoDate } from '../engine/progress/schema.ts';
import type { PlanMeterDB } from './db.ts';
import { getSettings, liveEntriesOf, StoreError } from './store.ts';

export const ReminderSettings = z.object({
  withinDays: z._default(z.number().check(z.int(), z.gte(0), z.lte(366)), DEFAULT_REMIND_DAYS),
  /** The daily notification is off until the user turns it on. */
  notify: z._default(z.boolean(), false),
});
export type ReminderSettings = z.infer<typeof ReminderSettings>;

const Deadlines = z.record(z.string().check(z.minLength(1), z.maxLength(200)), z.record(z.string().check(z.minLength(1), z.maxLength(200)), isoDate));
type Deadlines = z.infer<typeof Deadlines>;

export async function getReminderSettings(db: PlanMeterDB): Promise<ReminderSettings> {
  const parsed = ReminderSettings.safeParse((await db.settings.get('reminders'))?.value ?? {});
  return parsed.success ? parsed.data : ReminderSettings.parse({});
}

export async function saveReminderSettings(db: PlanMeterDB, input: unknown): Promise<ReminderSettings> {
  const parsed = ReminderSettings.safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new StoreError('invalid', `reminders ${issue?.path.join('.')}: ${issue?.message}`, issue?.path.join('.') ?? '');
  }
  await db.settings.put({ key: 'reminders', value: parsed.data });
  return parsed.data;
}

export async function getDeadlines(db: PlanMeterDB): Promise<Deadlines> {
  const parsed = Deadlines.safeParse((await db.settings.get('deadlines'))?.value ?? {});
  return parsed.success ? parsed.data : {};
}

/** Sets (or, with null, clears) the deadline of a measure of a stored plan. */
export async function setDeadline(db: PlanMeterDB, planId: string, measureId: string, date: string | null): Promise<void> {
  const record = await db.plans.get(planId);
  if (!record) throw new StoreError('unknown_plan', `no plan with id ${planId}`, 'planId');
  if (!record.plan.measures.some((m) => m.id === measureId)) throw new StoreError('unknown_measure', `plan ${planId} has no measure ${measureId}`, 'measureId');
  if (date !== null && !isoDate.safeParse(date).success) throw new StoreError('invalid', `deadline must be a real date YYYY-MM-DD, got "${date}"`, 'date');
  await db.transaction('rw', db.settings, async () => {
    const all = await getDeadlines(db);
    const plan = { ...(all[planId] ?? {}) };
    if (date === null) delete plan[measureId];
    else plan[measureId] = date;
    await db.settings.put({ key: 'deadlines', value: { ...all, [planId]: plan } });
  });
}

export function localDay(d: Date): string {
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

/** The engine's list for the tracked plans as of `now`. */
export async function currentReminders(db: PlanMeterDB, now: Date): Promise<{ items: DueItem[]; settings: ReminderSettings }> {
  const settings = await getReminderSettings(db);
  const tracked = (await db.plans.toArray()).filter((r) => r.tracked === 1);
  const entries = (await Promise.all(tracked.map((r) => liveEntriesOf(db, r.id)))).flat();
  const items = dueItems(
    tracked.map((r) => r.plan),
    entries,
    { asOf: localDay(now), withinDays: settings.withinDays, deadlines: await getDeadlines(db) },
  );
  return { items, settings };
}

export interface ActionLike {
  setBadgeText(details: { text: string }): Promise<void> | void;
  setBadgeBackgroundColor(details: { color: string }): Promise<void> | void;
}

export interface NotificationsLike {
  create(id: string, options: { type: 'list'; iconUrl: string; title: string; message: string; items: { title: string; message: string }[] }): Promise<unknown> | void;
}

/** Sets the toolbar badge to the count of due and overdue items; returns the items. */
export async function refreshBadge(db: PlanMeterDB, now: Date, action: ActionLike): Promise<DueItem[]> {
  const { items } = await currentReminders(db, now);
  const badge = badgeOf(items);
  await action.setBadgeBackgroundColor({ color: badge.colour });
  await action.setBadgeText({ text: badge.text });
  return items;
}

/** The daily notification, when the user turned it on and there is something to say. Nothing leaves the machine. */
export async function notifyReminders(db: PlanMeterDB, now: Date, notifications: NotificationsLike | undefined, iconUrl: string): Promise<DueItem[] | null> {
  const { items, settings } = await currentReminders(db, now);
  if (!settings.notify || !notifications || items.length === 0) return null;
  const language = (await getSettings(db)).language;
  const n = reminderNotification(items, language);
  await notifications.create(`planmeter-due-${localDay(now)}`, {
    type: 'list',
    iconUrl,
    title: n.title,
    message: n.lines[0] ?? '',
    items: [...n.lines.map((line) => ({ title: '', message: line })), ...(n.more ? [{ title: '', message: language === 'en' ? `and ${n.more} more` : `另有 ${n.more} 项` }] : [])],
  });
  return items;
}
