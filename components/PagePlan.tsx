// The popup's view of the current tab's plan: score, status counts, and the
// five most lagging measures, each with a quick entry form.
import { useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { callTab, type PlanViewData, type Entry } from '../lib/messages.ts';
import { getLanguage, t } from '../utils/i18n.ts';
import { explainScore } from '../engine/score/explain.ts';
import { percentText, statusColour, statusWord, STATUS_ORDER, displayStatus } from '../utils/status.ts';
import { EntryForm } from './EntryForm.tsx';

export function PagePlan(props: { view: PlanViewData; tabId: number; onSave(e: Entry): Promise<void>; onChanged(): void }) {
  const { view } = props;
  const s = view.score;
  // `?measure=<id>` puts that measure first with its entry form open (deep link from tests and the demo).
  const wanted = new URLSearchParams(location.search).get('measure');
  const ids = [...(wanted && view.plan.measures.some((m) => m.id === wanted) ? [wanted] : []), ...s.lagging.filter((id) => id !== wanted)].slice(0, 5);
  const lagging = ids.map((id) => view.plan.measures.find((m) => m.id === id)).filter((m) => !!m);
  const [open, setOpen] = useState<string | null>(wanted);
  const save = async (entry: Entry) => {
    // An untracked plan is tracked first: entries always belong to a stored plan.
    const planId = view.tracked ? view.planId : (await callTab(browser.tabs, props.tabId, 'tab.track', { pagePlanId: view.pagePlanId })).planId;
    await props.onSave({ ...entry, planId });
  };
  return (
    <section data-pm-page-plan={view.planId} style={{ borderTop: '1px solid #eaeef2', paddingTop: '4px' }}>
      <div style={{ fontWeight: 600 }}>{view.plan.title}</div>
      <div>
        <span style={{ fontSize: '22px', fontWeight: 700 }} data-pm-score={String(s.score)}>
          {percentText(s.score)}
        </span>{' '}
        <span class="muted">
          {t('overlay.expected')} {percentText(s.expected)}
        </span>
      </div>
      <div class="bar">
        <i style={{ width: `${Math.min(100, s.score ?? 0)}%` }} />
        {typeof s.expected === 'number' && <b style={{ left: `${Math.min(100, s.expected)}%` }} />}
      </div>
      <div style={{ margin: '4px 0' }}>
        {STATUS_ORDER.filter((st) => (s.statusCounts[st] ?? 0) > 0).map((st) => (
          <span class="chip" key={st} style={{ background: statusColour(st) }}>
            {statusWord(st)} {s.statusCounts[st]}
          </span>
        ))}
      </div>
      {!view.tracked && (
        <button
          class="btn"
          data-pm-track=""
          onClick={async () => {
            await callTab(browser.tabs, props.tabId, 'tab.track', { pagePlanId: view.pagePlanId });
            props.onChanged();
          }}
        >
          {t('overlay.track')}
        </button>
      )}
      <h3 style={{ fontSize: '12px', margin: '6px 0 2px' }}>{t('popup.lagging')}</h3>
      <ol style={{ margin: 0, paddingLeft: '18px' }}>
        {lagging.map((m) => {
          const ms = s.measures[m.id];
          return (
            <li key={m.id} data-pm-lagging={m.id}>
              <button class="linkish" style={{ background: 'none', border: 0, padding: 0, textAlign: 'left', color: '#0b5cad' }} onClick={() => setOpen(open === m.id ? null : m.id)}>
                {m.number ? `${m.number}. ` : ''}
                {m.title}
              </button>{' '}
              <span class="chip" style={{ background: statusColour(displayStatus(ms)) }} title={explainScore(ms, getLanguage()) || undefined}>
                {percentText(ms?.completion)} {statusWord(displayStatus(ms))}
              </span>
              {open === m.id && <EntryForm planId={view.planId} measure={m} onSave={save} entries={view.entries} compact />}
            </li>
          );
        })}
      </ol>
    </section>
  );
}
