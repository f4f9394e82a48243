// Popup: the current tab's plan (score, status counts, the five most lagging
// measures with a quick entry), tracked plans with scores, dashboard and export.
// The tab is the active one, or `?tab=<id>` (tests and the demo open the popup
// as a normal page aimed at a tab).
import { useEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { getDb } from '../lib/db.ts';
import { getSettings, listPlans, liveEntriesOf } from '../lib/store.ts';
import { callTab, type PlanViewData, type Entry } from '../lib/messages.ts';
import { getLanguage, setLanguage, t } from '../utils/i18n.ts';
import { explainScore } from '../engine/score/explain.ts';
import { percentText, statusColour, statusWord, STATUS_ORDER, displayStatus } from '../utils/status.ts';
import { useLive } from '../hooks/live.ts';
import { bg, download, scoreWith } from '../utils/ext.ts';
import { EntryForm } from './EntryForm.tsx';
import { SuggestionList } from './SuggestionList.tsx';
import type { SuggestionData } from '../lib/messages.ts';
import { ReadAsPlan } from './ReadAsPlan.tsx';

async function targetTabId(): Promise<number | null> {
  const param = new URLSearchParams(location.search).get('tab');
  if (param && /^\d+$/u.test(param)) return Number(param);
  const [tab] = await browser.tabs.query({ active: true, currentWindow: true });
  return tab?.id ?? null;
}

export function Popup() {
  const db = getDb();
  const settings = useLive(() => getSettings(db), [], undefined);
  if (settings) setLanguage(settings.language);
  const [tabId, setTabId] = useState<number | null>(null);
  const [views, setViews] = useState<PlanViewData[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [tick, setTick] = useState(0);
  const [page, setPage] = useState<{ url: string; title: string; suggestions: SuggestionData[] }>({ url: '', title: '', suggestions: [] });

  useEffect(() => {
    void targetTabId().then(setTabId);
  }, []);
  useEffect(() => {
    if (tabId === null) return;
    callTab(browser.tabs, tabId, 'tab.state', {})
      .then((s) => {
        setViews(s.views);
        setPage({ url: s.url, title: s.title ?? '', suggestions: s.suggestions ?? [] });
      })
      .catch(() => setViews([]));
  }, [tabId, tick]);

  // Tracked plans with the scores of the latest history point (kept fresh by the
  // background a few seconds after each edit); a plan missing there is scored here.
  const tracked = useLive(
    async () => {
      const plans = (await listPlans(db)).filter((p) => p.tracked === 1);
      const latest = await db.history.orderBy('createdAt').last();
      const s = await getSettings(db);
      const out = [];
      for (const p of plans) {
        let score = latest?.scores[p.id];
        if (score === undefined) {
          const record = await db.plans.get(p.id);
          score = record ? scoreWith(record.plan, await liveEntriesOf(db, p.id), s).score : 0;
        }
        out.push({ id: p.id, title: p.title, score });
      }
      return out;
    },
    [],
    [] as { id: string; title: string; score: number }[],
  );

  const save = async (entry: Entry) => {
    await bg('entry.put', { entry });
    if (tabId !== null) await callTab(browser.tabs, tabId, 'tab.refresh', { planId: entry.planId }).catch(() => {});
    setTick((n) => n + 1);
  };

  return (
    <main style={{ width: '380px', padding: '10px' }} data-pm-popup="">
      <h1 style={{ fontSize: '15px', margin: '0 0 6px' }}>{t('app.name')}</h1>
      <h2 style={{ fontSize: '13px', margin: '6px 0' }}>{t('popup.thisPage')}</h2>
      {views === null ? (
        <div class="muted">…</div>
      ) : views.length === 0 ? (
        <div>
          <div class="muted" data-pm-noplan="">{t('popup.noPlan')}</div>
          {tabId !== null && <ReadAsPlan tabId={tabId} onDone={() => setTick((n) => n + 1)} />}
        </div>
      ) : (
        views.map((v) => <PagePlan key={v.planId} view={v} tabId={tabId!} onSave={save} onChanged={() => setTick((n) => n + 1)} />)
      )}
      <SuggestionList
        suggestions={page.suggestions}
        onAccept={async (s) => {
          await bg('suggestion.accept', { suggestion: s, url: page.url, title: page.title });
          if (tabId !== null) await callTab(browser.tabs, tabId, 'tab.refresh', { planId: s.planId }).catch(() => {});
          setTick((n) => n + 1);
        }}
      />
      <h2 style={{ fontSize: '13px', margin: '10px 0 4px' }}>{t('popup.tracked')}</h2>
      {tracked.length === 0 ? (
        <div class="muted">{t('popup.none')}</div>
      ) : (
        <ul style={{ margin: 0, paddingLeft: '16px', maxHeight: '160px', overflow: 'auto' }}>
          {tracked.map((p) => (
            <li key={p.id} data-pm-tracked={p.id}>
              {p.title} — <strong>{percentText(p.score)}</strong>
            </li>
          ))}
        </ul>
      )}
      <div style={{ display: 'flex', gap: '6px', marginTop: '10px' }}>
        <button
          class="btn"
          data-pm-open-dashboard=""
          onClick={() => {
            // The dashboard opens on the plan of this page (its address names it).
            const planId = views?.find((v) => v.known)?.planId ?? views?.[0]?.planId;
            if (planId) void browser.tabs.create({ url: `${browser.runtime.getURL('/dashboard.html')}?plan=${encodeURIComponent(planId)}` });
            else void browser.runtime.openOptionsPage();
          }}
        >
          {t('popup.openDashboard')}
        </button>
        <button
          class="btn secondary"
          data-pm-export=""
          onClick={async () => {
            try {
              const { json, filename } = await bg('snapshot.export', {});
              download(filename, json);
            } catch (e) {
              setError(String((e as Error).message));
            }
          }}
        >
          {t('popup.export')}
        </button>
      </div>
      {error && <div class="error">{t('error.generic', { message: error })}</div>}
    </main>
  );
}

function PagePlan(props: { view: PlanViewData; tabId: number; onSave(e: Entry): Promise<void>; onChanged(): void }) {
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
