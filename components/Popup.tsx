// Popup: the current tab's plan (score, status counts, the five most lagging
// measures with a quick entry), tracked plans with scores, dashboard and export.
// The tab is the active one, or `?tab=<id>` (tests and the demo open the popup
// as a normal page aimed at a tab).
import { useEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { getDb } from '../lib/db.ts';
import { getSettings, listPlans, liveEntriesOf } from '../lib/store.ts';
import { callTab, type PlanViewData, type Entry } from '../lib/messages.ts';
import { setLanguage, t } from '../utils/i18n.ts';
import { percentText } from '../utils/status.ts';
import { useLive } from '../hooks/live.ts';
import { bg, download, scoreWith } from '../utils/ext.ts';
import { SuggestionList } from './SuggestionList.tsx';
import type { SuggestionData } from '../lib/messages.ts';
import { ReadAsPlan } from './ReadAsPlan.tsx';
import { PagePlan } from './PagePlan.tsx';

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

