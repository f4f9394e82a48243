// Dashboard (the options page, opened in a tab): all plans; a plan's measures
// as a sortable, filterable table with inline entry and history; charts;
// import / export / merge / diff; settings. Views are live (Dexie liveQuery).
import { Fragment } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { getDb, type PlanIndexRecord } from '../lib/db.ts';
import { getSettings, listPlans, reindexPlans, type Settings } from '../lib/store.ts';
import { MessageError } from '../lib/messages.ts';
import { DueView } from './DueView.tsx';
import { setLanguage, t, type Language } from '../utils/i18n.ts';
import { useLive } from '../hooks/live.ts';
import { bg, requestPersistence } from '../utils/ext.ts';
import { ReportExport } from './ReportExport.tsx';
import { PlanDetail } from './PlanDetail.tsx';
import { DataPanel } from './DataPanel.tsx';
import { SettingsPanel } from './SettingsPanel.tsx';
import { exportJson } from '../utils/snapshot-export.ts';
import { shownPlanId, type FirstView } from '../lib/dashboard-view.ts';
import { useAfterFirstPaint } from '../hooks/after-first-paint.ts';

type PlanSummary = PlanIndexRecord;

/** `first`: the first view, read before the first render (entrypoints/dashboard/main.tsx); the views keep it live. */
export function Dashboard(props: { first?: FirstView }) {
  const db = getDb();
  const settings = useLive(() => getSettings(db), [], props.first?.settings as Settings | undefined);
  if (settings) setLanguage(settings.language);
  // The list reads the light plan index, not whole plans.
  const plans = useLive(() => listPlans(db), [], props.first?.plans ?? ([] as PlanSummary[]));
  useEffect(() => {
    void reindexPlans(db).catch(() => {});
  }, []);
  const [selected, setSelectedState] = useState<string | null>(new URLSearchParams(location.search).get('plan'));
  // The first view's plan data seeds the plan shown first only; a plan chosen later is read by its own view.
  const [first, setFirst] = useState(props.first);
  // The address names the plan shown (?plan=ID): a reload, a bookmark or the popup's link opens that plan.
  const setSelected = (id: string) => {
    setFirst(undefined);
    setSelectedState(id);
    const url = new URL(location.href);
    url.searchParams.set('plan', id);
    history.replaceState(null, '', url);
  };
  const [notice, setNotice] = useState<{ kind: 'quota' | 'persist' | 'error'; text: string } | null>(null);
  useEffect(() => {
    // With unlimitedStorage the browser does not evict our data; otherwise warn when persistence is refused.
    const unlimited = browser.runtime.getManifest().permissions?.includes('unlimitedStorage') ?? false;
    void requestPersistence().then((ok) => {
      if (!ok && !unlimited) setNotice({ kind: 'persist', text: t('dash.persistDenied') });
    });
  }, []);
  const planId = shownPlanId(selected, plans);
  // The panels below the plan (data, all-plan reports, settings) come one frame after the first view.
  const later = useAfterFirstPaint(true);
  const ownPlans = plans.filter((p) => p.tracked || p.origin !== 'seed');
  const examples = plans.filter((p) => !p.tracked && p.origin === 'seed');
  const planLink = (p: PlanSummary) => (
    <button key={p.id} aria-current={p.id === planId ? 'true' : 'false'} data-pm-plan-link={p.id} data-pm-example={p.origin === 'seed' && !p.tracked ? 'true' : undefined} onClick={() => setSelected(p.id)}>
      <div>{p.title || p.id}</div>
      <div class="meta">
        {t('overlay.measures', { n: p.measures })} {p.tracked ? `· ${t('dash.tracked')}` : ''}
      </div>
    </button>
  );
  const report = (e: unknown) => {
    if (e instanceof MessageError && e.code === 'quota') setNotice({ kind: 'quota', text: t('dash.quota') });
    else setNotice({ kind: 'error', text: t('error.generic', { message: String((e as Error).message ?? e) }) });
  };

  return (
    <div class="dash" data-pm-dashboard="">
      <header>
        <h1>{t('dash.title')}</h1>
        <select
          aria-label={t('dash.language')}
          value={settings?.language ?? 'zh-CN'}
          onChange={async (e) => {
            if (!settings) return;
            const language = (e.currentTarget as HTMLSelectElement).value as Language;
            await bg('settings.put', { settings: { ...settings, language } }).catch(report);
          }}
        >
          <option value="zh-CN">中文</option>
          <option value="en">English</option>
        </select>
        <button class="btn secondary" onClick={() => window.print()}>
          {t('dash.print')}
        </button>
      </header>
      <nav class="plans" aria-label={t('dash.plans')}>
        <h2 style={{ fontSize: '13px' }}>{t('dash.plans')}</h2>
        {plans.length === 0 && <div class="muted">{t('dash.noPlans')}</div>}
        {ownPlans.map(planLink)}
        {examples.length > 0 && (
          <Fragment>
            <h2 style={{ fontSize: '13px', marginTop: '12px' }}>{t('dash.examples')}</h2>
            {examples.map(planLink)}
          </Fragment>
        )}
      </nav>
      <div class="content">
        {notice && (
          <div class="banner no-print" data-pm-notice={notice.kind}>
            {notice.text}{' '}
            {notice.kind === 'quota' && (
              <button class="btn" onClick={() => void exportJson(report)}>
                {t('dash.exportJson')}
              </button>
            )}
            <button class="btn secondary" onClick={() => setNotice(null)}>
              ×
            </button>
          </div>
        )}
        <DueView onError={report} onOpenPlan={setSelected} />
        {!planId && plans.length > 0 && <div class="muted" data-pm-no-tracked="">{t('dash.noTracked')}</div>}
        {planId && settings && <PlanDetail key={planId} planId={planId} settings={settings} initial={first?.planId === planId ? first : undefined} onError={report} />}
        {later && <DataPanel planId={planId} onError={report} />}
        {later && <ReportExport settings={settings} onError={report} />}
        {later && settings && <SettingsPanel settings={settings} onError={report} />}
      </div>
    </div>
  );
}
