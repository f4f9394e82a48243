// The dashboard's 到期/逾期 view: the measures and targets of tracked plans due
// within N days or overdue and not done (the list the toolbar badge counts),
// with the look-ahead and the opt-in daily notification.
import { useEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { t } from '../utils/i18n.ts';
import { bg } from '../utils/ext.ts';
import { percentText } from '../utils/status.ts';
import type { DueItemData } from '../lib/messages.ts';

/** What the dashboard shows first: a plan's rows, or the note that no plan is tracked. */
const FIRST_VIEW_SHOWN = '[data-pm-table] tr[data-pm-row], [data-pm-no-tracked]';
/** The longest the due list waits for the dashboard's first view (a plan with no rows never shows one). */
const DUE_LIST_WAIT_MS = 1500;
/**
 * Rows shown before "show all": the list is sorted most urgent first, and a user
 * with thousands of due items (100 plans, 50,000 entries: 4,977 rows) had the
 * plan pushed ~114,000 px down the page and 0.6–1 s of layout per change.
 */
export const DUE_LIST_FIRST_ROWS = 200;

export function DueView(props: { onError(e: unknown): void; onOpenPlan(planId: string): void; tick?: number }) {
  const [data, setData] = useState<{ items: DueItemData[]; withinDays: number; notify: boolean } | null>(null);
  const [days, setDays] = useState('');
  const [reload, setReload] = useState(0);
  const [showAll, setShowAll] = useState(false);
  useEffect(() => {
    // The list reads every tracked plan's entries (50,000 of them for some
    // users): it is asked for once the page is idle, so the plan list and the
    // plan shown come first (issue 15: the dashboard's first render).
    let cancelled = false;
    const load = () =>
      bg('reminders.get', {})
        .then((d) => {
          if (cancelled) return;
          setData(d);
          setDays(String(d.withinDays));
        })
        .catch(props.onError);
    // An idle moment alone comes too early (the page idles while the database
    // reads the plan shown): the list waits until the plan's rows (or the note
    // that there is no plan to show) are on screen, at most DUE_LIST_WAIT_MS.
    const started = performance.now();
    let frame = 0;
    const wait = () => {
      if (cancelled) return;
      if (document.querySelector(FIRST_VIEW_SHOWN) || performance.now() - started > DUE_LIST_WAIT_MS) void load();
      else frame = requestAnimationFrame(wait);
    };
    frame = requestAnimationFrame(wait);
    return () => {
      cancelled = true;
      cancelAnimationFrame(frame);
    };
  }, [reload, props.tick]);
  if (!data) return null;
  const save = async (notify: boolean) => {
    const withinDays = Number(days);
    if (!Number.isInteger(withinDays) || withinDays < 0 || withinDays > 366) {
      props.onError(new Error(t('due.badDays')));
      return;
    }
    try {
      // The notification permission is asked for only when the user turns reminders on.
      if (notify && !data.notify) {
        const granted = await browser.permissions.request({ permissions: ['notifications'] });
        if (!granted) notify = false;
      }
      await bg('reminders.settings', { withinDays, notify });
      setReload((n) => n + 1);
    } catch (e) {
      props.onError(e);
    }
  };
  const overdue = data.items.filter((i) => i.state === 'overdue').length;
  const shown = showAll ? data.items : data.items.slice(0, DUE_LIST_FIRST_ROWS);
  return (
    <section class="panel" data-pm-due="">
      <h3>
        {t('due.title')} <span class="muted">{t('due.counts', { overdue, due: data.items.length - overdue, days: data.withinDays })}</span>
      </h3>
      {data.items.length === 0 ? (
        <div class="muted">{t('due.none')}</div>
      ) : (
        <table>
          <thead>
            <tr>
              <th>{t('due.state')}</th>
              <th>{t('due.deadline')}</th>
              <th>{t('due.what')}</th>
              <th>{t('dash.plans')}</th>
              <th>%</th>
            </tr>
          </thead>
          <tbody>
            {shown.map((i) => (
              <tr key={`${i.planId}|${i.measureId}|${i.targetId ?? ''}`} data-pm-due-item={i.measureId} data-pm-due-state={i.state}>
                <td>
                  <span class="chip" style={{ background: i.state === 'overdue' ? '#cf222e' : '#bf8700' }}>
                    {i.state === 'overdue' ? t('due.overdueDays', { n: -i.daysLeft }) : t('due.dueDays', { n: i.daysLeft })}
                  </span>
                </td>
                <td>
                  {i.deadline} <span class="muted">{t(`due.from.${i.deadlineFrom}`)}</span>
                </td>
                <td>
                  {i.measureNumber ? `${i.measureNumber}. ` : ''}
                  {i.label}
                </td>
                <td>
                  <button class="linkish" style={{ background: 'none', border: 0, padding: 0, color: '#0b5cad', textAlign: 'left' }} onClick={() => props.onOpenPlan(i.planId)}>
                    {i.planTitle}
                  </button>
                </td>
                <td>{percentText(i.completion)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {shown.length < data.items.length ? (
        <div class="no-print" style={{ marginTop: '6px' }}>
          <span class="muted">{t('due.shownOf', { shown: shown.length, all: data.items.length })}</span>{' '}
          <button class="btn secondary" onClick={() => setShowAll(true)} data-pm-due-all="">
            {t('due.showAll', { all: data.items.length })}
          </button>
        </div>
      ) : null}
      <div class="no-print" style={{ marginTop: '6px' }}>
        <label>
          {t('due.within')} <input type="number" min={0} max={366} value={days} style={{ width: '60px' }} onInput={(e) => setDays((e.currentTarget as HTMLInputElement).value)} data-pm-due-days="" />
        </label>{' '}
        <button class="btn secondary" onClick={() => void save(data.notify)}>
          {t('card.save')}
        </button>{' '}
        <label>
          <input type="checkbox" checked={data.notify} onChange={(e) => void save((e.currentTarget as HTMLInputElement).checked)} data-pm-due-notify="" /> {t('due.notify')}
        </label>
      </div>
    </section>
  );
}
