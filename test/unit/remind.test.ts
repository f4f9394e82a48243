// Reminders: the engine's list of measures and targets due within N days or
// overdue and not done, and the extension's toolbar badge and notification,
// which must show exactly that list on a date the test sets.
import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { badgeOf, dueItems, reminderNotification } from '../../engine/remind/index.ts';
import { makePlan, statusEntry, valueEntry } from './fixtures/plan.ts';
import { backgroundOn, seededDb } from '../fixtures/db-tools.ts';
import { currentReminders, notifyReminders, refreshBadge, saveReminderSettings, type NotificationsLike } from '../../lib/reminders.ts';
import { liveEntriesOf } from '../../lib/store.ts';

const plan = makePlan({
  id: 'p',
  title: '光明区2025年工作方案',
  period: { start: 2025, end: 2025 },
  measures: [
    { title: '6月底前完成', deadlineDate: '2025-06-30', targets: [{ label: '服务包', value: 200, unit: '个' }] },
    { title: '9月底前完成', deadlineDate: '2025-09-30' },
    { title: '年内完成' },
    { title: '早有期限的目标', targets: [{ label: '企业', value: 10, unit: '家', deadlineDate: '2025-03-31' }] },
  ],
});
const [m1, m2, m3, m4] = plan.measures;

describe('dueItems', () => {
  it('lists overdue items first, then those due within N days; done ones never', () => {
    const items = dueItems([plan], [], { asOf: '2025-09-20', withinDays: 14 });
    expect(items.map((i) => [i.measureId, i.targetId ?? null, i.state, i.daysLeft, i.deadlineFrom])).toEqual([
      [m4!.id, m4!.targets[0]!.id, 'overdue', -173, 'target'],
      [m1!.id, null, 'overdue', -82, 'measure'],
      [m2!.id, null, 'due', 10, 'measure'],
    ]);
    // Doing measure 1's target finishes it; a milestone finishes measure 2.
    const entries = [valueEntry(plan, m1!.targets[0]!.id, 200, '2025-06-20'), statusEntry(plan, m2!.id, { milestone: '已完成' }, '2025-09-01')];
    expect(dueItems([plan], entries, { asOf: '2025-09-20', withinDays: 14 }).map((i) => i.measureId)).toEqual([m4!.id]);
  });

  it('takes the end of the plan period for measures without a deadline, and deadlines set by the user first', () => {
    expect(dueItems([plan], [], { asOf: '2025-12-20', withinDays: 14 }).some((i) => i.measureId === m3!.id && i.deadlineFrom === 'period')).toBe(true);
    const set = dueItems([plan], [], { asOf: '2025-09-20', withinDays: 14, deadlines: { p: { [m3!.id]: '2025-09-25', [m2!.id]: '2025-12-01' } } });
    expect(set.find((i) => i.measureId === m3!.id)).toMatchObject({ deadline: '2025-09-25', deadlineFrom: 'set', state: 'due', daysLeft: 5 });
    expect(set.some((i) => i.measureId === m2!.id)).toBe(false); // moved out of the window
  });

  it('refuses a bad date or window with a clear message', () => {
    expect(() => dueItems([plan], [], { asOf: '2025-02-30', withinDays: 14 })).toThrow(/asOf must be a date/u);
    expect(() => dueItems([plan], [], { asOf: '2025-09-20', withinDays: -1 })).toThrow(/withinDays/u);
  });

  it('gives a badge (red when anything is overdue) and a notification of the same items', () => {
    const items = dueItems([plan], [], { asOf: '2025-09-20', withinDays: 14 });
    expect(badgeOf(items)).toEqual({ text: '3', colour: '#cf222e' });
    expect(badgeOf(items.filter((i) => i.state === 'due'))).toEqual({ text: '1', colour: '#bf8700' });
    expect(badgeOf([]).text).toBe('');
    const n = reminderNotification(items, 'zh-CN');
    expect(n.title).toBe('方案进度计：逾期 2 项，即将到期 1 项');
    expect(n.lines).toHaveLength(3);
    expect(n.lines[2]).toBe('10 天后到期：2. 9月底前完成（光明区2025年工作方案，2025-09-30）');
  });
});

describe('the toolbar badge and the notification', () => {
  it('with the date set, the badge count equals the engine count and the notification lists the same items', async () => {
    const { db, plan: seed } = await seededDb();
    const now = new Date(2025, 11, 20, 9, 0, 0); // 2025-12-20 local time: the plan period ends in 11 days
    const badge: { text?: string; color?: string } = {};
    const action = { setBadgeText: ({ text }: { text: string }) => void (badge.text = text), setBadgeBackgroundColor: ({ color }: { color: string }) => void (badge.color = color) };
    const items = await refreshBadge(db, now, action);
    const engine = dueItems([seed], await liveEntriesOf(db, seed.id), { asOf: '2025-12-20', withinDays: 14 });
    expect(items).toEqual(engine);
    expect(engine.length).toBeGreaterThan(0);
    expect(badge.text).toBe(String(engine.length));

    // Off by default; once on, one notification listing the engine's items.
    const created: Parameters<NotificationsLike['create']>[] = [];
    const notifications: NotificationsLike = { create: (...args) => void created.push(args) };
    expect(await notifyReminders(db, now, notifications, 'icon.png')).toBeNull();
    await saveReminderSettings(db, { withinDays: 14, notify: true });
    await notifyReminders(db, now, notifications, 'icon.png');
    expect(created).toHaveLength(1);
    const expected = reminderNotification(engine, 'zh-CN');
    expect(created[0]![1].title).toBe(expected.title);
    expect(created[0]![1].items.slice(0, expected.lines.length).map((x) => x.message)).toEqual(expected.lines);

    // A deadline set from the card moves the count the same way for both.
    const { send } = backgroundOn(db, () => now);
    const listed = engine[0]!;
    expect((await send('deadline.set', { planId: seed.id, measureId: listed.measureId, date: '2026-06-30' })).ok).toBe(true);
    const after = await refreshBadge(db, now, action);
    expect(after.length).toBe(engine.length - 1);
    expect(after.some((i) => i.measureId === listed.measureId)).toBe(false);
    expect(badge.text).toBe(String(after.length));
    const reply = (await send('reminders.get', {})) as { ok: boolean; data: { items: unknown[] } };
    expect(reply.data.items).toEqual((await currentReminders(db, now)).items);
    const bad = await send('deadline.set', { planId: seed.id, measureId: 'nope', date: '2025-09-25' });
    expect(bad).toMatchObject({ ok: false, code: 'unknown_measure' });
  });
});
