// Dashboard (the options page, opened in a tab): all plans; a plan's measures
// as a sortable, filterable table with inline entry and history; charts;
// import / export / merge / diff; settings. Views are live (Dexie liveQuery).
import { Fragment } from 'preact';
import { useEffect, useMemo, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { getDb, type PlanRecord, type EntryRecord, type HistoryRecord, type PlanIndexRecord } from '../lib/db.ts';
import { getSettings, listPlans, liveEntriesOf, reindexPlans, type Settings } from '../lib/store.ts';
import { diffSnapshots, parseSnapshot, snapshotToCsv, type SnapshotDiff } from '../engine/snapshot/index.ts';
import { formatPercentChange } from '../engine/score/format.ts';
import type { Measure, Plan } from '../engine/types.ts';
import type { PlanScore } from '../engine/score/index.ts';
import type { Entry } from '../lib/messages.ts';
import { MessageError } from '../lib/messages.ts';
import { EntryForm } from './EntryForm.tsx';
import { Legend } from './Legend.tsx';
import { DeleteEntryButton } from './DeleteEntryButton.tsx';
import { useUndoBar } from '../hooks/undo-bar.tsx';
import { MergePreview, type Preview } from './MergePreview.tsx';
import { UndoHistory } from './UndoHistory.tsx';
import { SourceView } from './SourceView.tsx';
import { DueView } from './DueView.tsx';
import { measureIndicators } from '../lib/indicators-glue.ts';
import { IndicatorPanel } from './IndicatorPanel.tsx';
import { IndicatorRadar } from './IndicatorRadar.tsx';
import { TagChips } from './TagChips.tsx';
import { getLanguage, setLanguage, t, type Language } from '../utils/i18n.ts';
import { explainScore } from '../engine/score/explain.ts';
import { displayStatus, percentText, statusColour, statusWord, STATUS_ORDER, today } from '../utils/status.ts';
import { useLive } from '../hooks/live.ts';
import { bg, download, requestPersistence, scoreWith } from '../utils/ext.ts';
import { OrphanEntries } from './OrphanEntries.tsx';
import { ChartBox, barOptions } from './Charts.tsx';
import { ReportExport } from './ReportExport.tsx';
import { SheetImport } from './SheetImport.tsx';

type PlanSummary = PlanIndexRecord;

export function Dashboard() {
  const db = getDb();
  const settings = useLive(() => getSettings(db), [], undefined as Settings | undefined);
  if (settings) setLanguage(settings.language);
  // The list reads the light plan index, not whole plans.
  const plans = useLive(() => listPlans(db), [], [] as PlanSummary[]);
  useEffect(() => {
    void reindexPlans(db).catch(() => {});
  }, []);
  const [selected, setSelectedState] = useState<string | null>(new URLSearchParams(location.search).get('plan'));
  // The address names the plan shown (?plan=ID): a reload, a bookmark or the popup's link opens that plan.
  const setSelected = (id: string) => {
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
  // The plan the user came from (?plan=), else the first plan they track; the bundled seeds are examples, never the default.
  const planId = selected ?? plans.find((p) => p.tracked)?.id ?? null;
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
        {planId && settings && <PlanDetail key={planId} planId={planId} settings={settings} onError={report} />}
        <DataPanel planId={planId} onError={report} />
        <ReportExport settings={settings} onError={report} />
        {settings && <SettingsPanel settings={settings} onError={report} />}
      </div>
    </div>
  );
}

async function exportJson(onError: (e: unknown) => void) {
  try {
    const { json, filename } = await bg('snapshot.export', {});
    download(filename, json);
  } catch (e) {
    onError(e);
  }
}

type SortKey = 'index' | 'section' | 'status' | 'completion' | 'entries';

function PlanDetail(props: { planId: string; settings: Settings; onError(e: unknown): void }) {
  const db = getDb();
  const record = useLive(() => db.plans.get(props.planId), [props.planId], undefined as PlanRecord | undefined);
  const entries = useLive(() => liveEntriesOf(db, props.planId), [props.planId], [] as EntryRecord[]);
  const history = useLive(() => db.history.orderBy('createdAt').toArray(), [], [] as HistoryRecord[]);
  const plan = record?.plan;
  const score = useMemo(() => (plan ? scoreWith(plan, entries, props.settings) : null), [plan, entries, props.settings]);
  const [filters, setFilters] = useState({ section: '', owner: '', status: '', indicator: '', q: '' });
  const [sort, setSort] = useState<{ key: SortKey; dir: 1 | -1 }>({ key: 'index', dir: 1 });
  const [open, setOpen] = useState<string | null>(null);
  if (!record || !plan || !score) return <div class="muted">…</div>;

  const sectionOf = new Map<string, string>();
  for (const s of plan.sections) {
    for (const id of s.measureIds) sectionOf.set(id, s.title);
    for (const sub of s.subsections) for (const id of sub.measureIds) sectionOf.set(id, s.title);
  }
  const owners = [...new Set(plan.measures.flatMap((m) => m.units))].sort((a, b) => a.localeCompare(b, 'zh-CN'));
  const indicatorsOf = new Map(plan.measures.map((m) => [m.id, measureIndicators(plan, m.id)]));
  const indicatorNames = [...new Set([...indicatorsOf.values()].flat())].sort();
  const countOf = new Map<string, number>();
  for (const e of entries) countOf.set(e.measureId, (countOf.get(e.measureId) ?? 0) + 1);
  const q = filters.q.trim();
  const rows = plan.measures
    .filter((m) => !filters.section || sectionOf.get(m.id) === filters.section)
    .filter((m) => !filters.owner || m.units.includes(filters.owner))
    .filter((m) => !filters.status || score.measures[m.id]?.status === filters.status)
    .filter((m) => !filters.indicator || indicatorsOf.get(m.id)?.includes(filters.indicator))
    .filter((m) => !q || m.title.includes(q) || m.text.includes(q));
  const value = (m: Measure): number | string => {
    switch (sort.key) {
      case 'section':
        return sectionOf.get(m.id) ?? '';
      case 'status':
        return STATUS_ORDER.indexOf((score.measures[m.id]?.status ?? 'not_started'));
      case 'completion':
        return score.measures[m.id]?.completion ?? -1;
      case 'entries':
        return countOf.get(m.id) ?? 0;
      default:
        return m.index;
    }
  };
  rows.sort((a, b) => {
    const va = value(a);
    const vb = value(b);
    const c = typeof va === 'number' && typeof vb === 'number' ? va - vb : String(va).localeCompare(String(vb), 'zh-CN');
    return (c || a.index - b.index) * sort.dir;
  });
  const th = (key: SortKey, label: string) => (
    <th onClick={() => setSort({ key, dir: sort.key === key ? (-sort.dir as 1 | -1) : 1 })} aria-sort={sort.key === key ? (sort.dir === 1 ? 'ascending' : 'descending') : 'none'}>
      {label} {sort.key === key ? (sort.dir === 1 ? '▲' : '▼') : ''}
    </th>
  );
  const save = async (entry: Entry) => {
    try {
      await bg('entry.put', { entry });
    } catch (e) {
      props.onError(e);
      throw e;
    }
  };

  return (
    <Fragment>
      <h2 data-pm-plan-title="">{plan.title}</h2>
      <div class="muted">
        {plan.issuer} {plan.date} {plan.docNumber ?? ''} · {t('dash.asOf', { date: score.asOf })}
      </div>
      <div class="summary">
        <div>
          {t('overlay.score')} <div class="big" data-pm-plan-score={String(score.score)}>{percentText(score.score)}</div>
        </div>
        <div style={{ minWidth: '220px' }}>
          <div class="bar">
            <i style={{ width: `${score.score}%` }} />
            <b style={{ left: `${score.expected}%` }} />
          </div>
          <div class="muted">
            {t('overlay.expected')} {percentText(score.expected)} · {t('overlay.coverage')} {percentText(score.coverage)}
          </div>
        </div>
        <div>
          {STATUS_ORDER.filter((s) => score.statusCounts[s] > 0).map((s) => (
            <span class="chip" key={s} style={{ background: statusColour(s) }}>
              {statusWord(s)} {score.statusCounts[s]}
            </span>
          ))}
          <Legend class="legend" />
        </div>
        <button
          class="btn secondary no-print"
          onClick={() => void (record.tracked ? bg('plan.untrack', { planId: record.id }) : bg('plan.track', { url: record.source, plan })).catch(props.onError)}
        >
          {record.tracked ? t('dash.untrack') : t('overlay.track')}
        </button>
      </div>
      <OrphanEntries plan={plan} entries={entries} onError={props.onError} />
      <ReportExport plan={plan} entries={entries} settings={props.settings} onError={props.onError} />
      <SheetImport plan={plan} entries={entries} onError={props.onError} />
      <h3>{t('dash.charts')}</h3>
      <PlanCharts plan={plan} score={score} entries={entries} history={history} settings={props.settings} />
      <IndicatorPanel plan={plan} score={score} />
      <h3>{t('dash.measures')}</h3>
      <div class="filters">
        <select aria-label={t('dash.section')} value={filters.section} onChange={(e) => setFilters({ ...filters, section: (e.currentTarget as HTMLSelectElement).value })}>
          <option value="">{t('dash.section')}: {t('dash.all')}</option>
          {plan.sections.map((s) => (
            <option key={s.id} value={s.title}>
              {s.title}
            </option>
          ))}
        </select>
        <select aria-label={t('dash.owner')} value={filters.owner} onChange={(e) => setFilters({ ...filters, owner: (e.currentTarget as HTMLSelectElement).value })}>
          <option value="">{t('dash.owner')}: {t('dash.all')}</option>
          {owners.map((u) => (
            <option key={u} value={u}>
              {u}
            </option>
          ))}
        </select>
        <select aria-label={t('dash.status')} value={filters.status} onChange={(e) => setFilters({ ...filters, status: (e.currentTarget as HTMLSelectElement).value })}>
          <option value="">{t('dash.status')}: {t('dash.all')}</option>
          {STATUS_ORDER.map((s) => (
            <option key={s} value={s}>
              {statusWord(s)}
            </option>
          ))}
        </select>
        <select aria-label={t('dash.indicator')} value={filters.indicator} onChange={(e) => setFilters({ ...filters, indicator: (e.currentTarget as HTMLSelectElement).value })}>
          <option value="">{t('dash.indicator')}: {t('dash.all')}</option>
          {indicatorNames.map((n) => (
            <option key={n} value={n}>
              {n}
            </option>
          ))}
        </select>
        <input type="search" placeholder={t('dash.search')} value={filters.q} onInput={(e) => setFilters({ ...filters, q: (e.currentTarget as HTMLInputElement).value })} />
        <span class="muted">
          {rows.length} / {plan.measures.length}
        </span>
      </div>
      <table class="measures" data-pm-table="">
        <thead>
          <tr>
            {th('index', t('dash.number'))}
            <th>{t('dash.measure')}</th>
            {th('section', t('dash.section'))}
            <th>{t('dash.owner')}</th>
            {th('status', t('dash.status'))}
            {th('completion', t('dash.completion'))}
            {th('entries', t('dash.entries'))}
          </tr>
        </thead>
        <tbody>
          {rows.map((m) => {
            const ms = score.measures[m.id];
            const status = ms?.status ?? 'not_started';
            const shown = displayStatus(ms);
            return (
              <Fragment key={m.id}>
                <tr data-pm-row={m.id} data-pm-completion={ms?.completion === null || ms?.completion === undefined ? '' : String(Math.round(ms.completion))} data-pm-status={status} onClick={() => setOpen(open === m.id ? null : m.id)} style={{ cursor: 'pointer' }}>
                  <td class="num">{m.number || m.index}</td>
                  <td>
                    <button type="button" class="linkish" aria-expanded={open === m.id} onClick={(ev) => {
                      ev.stopPropagation();
                      setOpen(open === m.id ? null : m.id);
                    }}>
                      {m.title}
                    </button>
                    <TagChips plan={plan} measureId={m.id} />
                  </td>
                  <td>{sectionOf.get(m.id) ?? ''}</td>
                  <td>{m.units.join('、')}</td>
                  <td>
                    <span class="chip" style={{ background: statusColour(shown) }} data-pm-display-status={shown}>
                      {statusWord(shown)}
                    </span>
                  </td>
                  <td class="num">{percentText(ms?.completion)}</td>
                  <td class="num">{countOf.get(m.id) ?? 0}</td>
                </tr>
                {open === m.id && (
                  <tr class="detail">
                    <td colSpan={7}>
                      <p class="tags-why">
                        {t('ind.tags')}: <TagChips plan={plan} measureId={m.id} detailed />
                      </p>
                      <MeasureDetail plan={plan} measure={m} entries={entries.filter((e) => e.measureId === m.id)} explanation={explainScore(ms, getLanguage())} onSave={save} onError={props.onError} />
                    </td>
                  </tr>
                )}
              </Fragment>
            );
          })}
        </tbody>
      </table>
    </Fragment>
  );
}

function MeasureDetail(props: { plan: Plan; measure: Measure; entries: EntryRecord[]; explanation: string; onSave(e: Entry): Promise<void>; onError(e: unknown): void }) {
  const { measure } = props;
  const undo = useUndoBar((id) => bg('undo.apply', { id }), props.onError);
  const what = (e: EntryRecord) =>
    e.kind === 'value' ? `${measure.targets.find((x) => x.id === e.targetId)?.label ?? ''} ${e.value}${e.unit ?? ''}` : e.milestone ? t(`milestone.${e.milestone}`) : percentText(e.percent);
  const sorted = [...props.entries].sort((a, b) => (b.date + b.updatedAt).localeCompare(a.date + a.updatedAt));
  return (
    <div style={{ display: 'grid', gridTemplateColumns: '1fr 320px', gap: '16px' }}>
      <div>
        <div class="muted">{props.explanation}</div>
        <div style={{ whiteSpace: 'pre-wrap', margin: '4px 0' }}>{measure.text}</div>
        <strong>{t('dash.history')}</strong>
        {sorted.length === 0 ? (
          <div class="muted">{t('card.noEntries')}</div>
        ) : (
          <ul data-pm-history={measure.id}>
            {sorted.map((e) => (
              <li key={e.id}>
                {e.date} ·{' '}
                {what(e)} {e.note ? `· ${e.note}` : ''}{' '}
                <DeleteEntryButton class="btn secondary" entryId={e.id} date={e.date} what={what(e)} onDelete={(id) => bg('entry.delete', { id })} onDeleted={undo.show} onError={props.onError} undoable />
                <SourceView entry={e} />
              </li>
            ))}
          </ul>
        )}
        {undo.bar}
      </div>
      <div>
        <strong>{t('card.add')}</strong>
        <EntryForm planId={props.plan.id} measure={measure} onSave={props.onSave} entries={props.entries} />
      </div>
    </div>
  );
}

/** Score by month end from the entries dated up to then (when the snapshot history is still short). */
function scoreSeries(plan: Plan, entries: EntryRecord[], history: HistoryRecord[], settings: Settings): { labels: string[]; values: number[] } {
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

function PlanCharts(props: { plan: Plan; score: PlanScore; entries: EntryRecord[]; history: HistoryRecord[]; settings: Settings }) {
  const { plan, score } = props;
  const sections = score.sections;
  const ownerScores = [...score.units].sort((a, b) => b.score - a.score).slice(0, 15);
  const series = useMemo(() => scoreSeries(plan, props.entries, props.history, props.settings), [plan, props.entries, props.history, props.settings]);
  return (
    <div class="charts">
      <ChartBox
        name="sections"
        title="dash.sectionBars"
        empty={sections.length === 0}
        config={{
          type: 'bar',
          data: { labels: sections.map((s) => truncate(s.title, 14)), datasets: [{ data: sections.map((s) => s.score), backgroundColor: '#0b5cad' }] },
          options: barOptions(false),
        }}
      />
      <ChartBox
        name="units"
        title="dash.ownerRanking"
        empty={ownerScores.length === 0}
        config={{
          type: 'bar',
          data: { labels: ownerScores.map((u) => truncate(u.unit, 12)), datasets: [{ data: ownerScores.map((u) => u.score), backgroundColor: '#2f81f7' }] },
          options: barOptions(true),
        }}
      />
      <IndicatorRadar plan={plan} score={score} />
      <ChartBox
        name="over-time"
        title="dash.overTime"
        config={{
          type: 'line',
          data: { labels: series.labels, datasets: [{ data: series.values, borderColor: '#1a7f37', backgroundColor: 'rgba(26,127,55,.15)', fill: true, tension: 0.2 }] },
          options: { responsive: true, maintainAspectRatio: false, plugins: { legend: { display: false } }, scales: { y: { min: 0, max: 100 } } },
        }}
      />
    </div>
  );
}

function entryValue(e: EntryRecord): string {
  return e.kind === 'value' ? `${e.value}${e.unit ?? ''}` : e.milestone ? t(`milestone.${e.milestone}`) : percentText(e.percent);
}

function truncate(s: string, n: number): string {
  return s.length > n ? `${s.slice(0, n)}…` : s;
}

function DataPanel(props: { planId: string | null; onError(e: unknown): void }) {
  const db = getDb();
  // Points whose file is kept (exports, imports, recent automatic ones), newest first; files load only for a diff.
  const history = useLive(
    async () => {
      const withFile = new Set((await db.snapshots.toCollection().primaryKeys()).map(String));
      return (await db.history.orderBy('createdAt').reverse().toArray()).filter((h) => withFile.has(h.id)).slice(0, 50);
    },
    [],
    [] as HistoryRecord[],
  );
  const [result, setResult] = useState<{ text: string; problems: { path: string; message: string }[]; warnings: string[] } | null>(null);
  const [diff, setDiff] = useState<SnapshotDiff | null>(null);
  const [diffWith, setDiffWith] = useState('');

  // Each file is previewed first (what it will change, entry by entry); nothing is written until the user accepts.
  const [queue, setQueue] = useState<{ name: string; json: string; preview: Preview }[]>([]);
  const [undoTick, setUndoTick] = useState(0);
  const importFiles = async (files: FileList | null) => {
    if (!files) return;
    const next: { name: string; json: string; preview: Preview }[] = [];
    const problems: { path: string; message: string }[] = [];
    for (const file of Array.from(files)) {
      try {
        const json = await file.text();
        const preview = await bg('snapshot.preview', { json });
        if (preview.items.length === 0 && preview.problems.length > 0 && preview.counts.new + preview.counts.changed === 0) {
          problems.push(...preview.problems.map((p) => ({ path: `${file.name}: ${p.path}`, message: p.message })));
          continue;
        }
        next.push({ name: file.name, json, preview });
      } catch (e) {
        props.onError(e);
      }
    }
    if (problems.length) setResult({ text: t('dash.importResult', { accepted: 0, rejected: problems.length, plans: 0 }), problems, warnings: [] });
    setQueue(next);
  };
  const importOne = async (reject: string[]) => {
    const [file, ...rest] = queue;
    if (!file) return;
    try {
      const r = await bg('snapshot.import', { json: file.json, reject, label: file.name });
      setResult({
        text: t('dash.importResult', { accepted: r.accepted, rejected: r.rejected, plans: r.plansAdded }),
        problems: r.problems.map((p) => ({ path: `${file.name}: ${p.path}`, message: p.message })),
        warnings: r.warnings.map((w) => `${file.name}: ${w}`),
      });
      setUndoTick((n) => n + 1);
    } catch (e) {
      props.onError(e);
    }
    setQueue(rest);
  };

  const exportCsv = async () => {
    try {
      const { json } = await bg('snapshot.export', {});
      const parsed = parseSnapshot(json);
      if (!parsed.ok) throw new Error(parsed.problems[0]?.message ?? 'export failed');
      const records = await db.plans.bulkGet(parsed.snapshot.plans.map((p) => p.id));
      const csv = snapshotToCsv(parsed.snapshot, records.filter((r): r is PlanRecord => !!r).map((r) => r.plan));
      // snapshotToCsv already starts with the byte-order mark Excel needs (a second one would show in cell A1).
      download(`planmeter-${today()}.csv`, new Blob([csv], { type: 'text/csv;charset=utf-8' }));
    } catch (e) {
      props.onError(e);
    }
  };

  const runDiff = async () => {
    const earlier = diffWith ? await db.snapshots.get(diffWith) : undefined;
    if (!earlier?.json) return;
    try {
      const { json } = await bg('snapshot.export', {});
      const a = parseSnapshot(earlier.json);
      const b = parseSnapshot(json);
      if (a.ok && b.ok) setDiff(diffSnapshots(a.snapshot, b.snapshot));
    } catch (e) {
      props.onError(e);
    }
  };

  return (
    <section class="panel no-print" data-pm-data="">
      <h3>{t('dash.data')}</h3>
      <div style={{ display: 'flex', gap: '8px', flexWrap: 'wrap', alignItems: 'center' }}>
        <button class="btn" data-pm-export-json="" onClick={() => void exportJson(props.onError)}>
          {t('dash.exportJson')}
        </button>
        <button class="btn" data-pm-export-csv="" onClick={() => void exportCsv()}>
          {t('dash.exportCsv')}
        </button>
        <label>
          {t('dash.import')}
          <input type="file" accept=".json,application/json" multiple data-pm-import="" onChange={(e) => void importFiles((e.currentTarget as HTMLInputElement).files)} />
        </label>
      </div>
      {queue[0] && <MergePreview key={queue[0].name + queue.length} file={queue[0].name} preview={queue[0].preview} onImport={importOne} onCancel={() => setQueue(queue.slice(1))} />}
      {result && (
        <div data-pm-import-result="" role="status">
          <div class={result.problems.length ? 'error' : 'ok'}>{result.text}</div>
          {(result.problems.length > 0 || result.warnings.length > 0) && (
            <div class="problems">
              {result.problems.map((p, i) => (
                <div key={`p${i}`}>
                  {p.path}: {p.message}
                </div>
              ))}
              {result.warnings.map((w, i) => (
                <div key={`w${i}`} class="muted">
                  {w}
                </div>
              ))}
            </div>
          )}
        </div>
      )}
      <div style={{ marginTop: '8px' }}>
        {t('dash.diff')}:{' '}
        {history.length === 0 ? (
          <span class="muted">{t('dash.diffNone')}</span>
        ) : (
          <Fragment>
            <select aria-label={t('dash.diff')} value={diffWith} onChange={(e) => setDiffWith((e.currentTarget as HTMLSelectElement).value)}>
              <option value="">—</option>
              {history.map((h) => (
                <option key={h.id} value={h.id}>
                  {h.createdAt.replace('T', ' ').slice(0, 16)} ({h.reason})
                </option>
              ))}
            </select>{' '}
            <button class="btn secondary" onClick={() => void runDiff()}>
              {t('dash.diff')}
            </button>
          </Fragment>
        )}
      </div>
      {diff && (
        <div data-pm-diff="">
          <div>
            {t('dash.added')} {diff.entries.added.length} · {t('dash.removed')} {diff.entries.removed.length} · {t('dash.changed')} {diff.entries.changed.length}
          </div>
          <ul data-pm-diff-entries="">
            {diff.entries.changes.slice(0, 200).map((c) => (
              <li key={c.id} data-pm-diff-kind={c.kind}>
                {c.kind} · {(c.after ?? c.before)!.date} · {c.before && !c.before.deleted ? entryValue(c.before) : '—'} → {c.after && !c.after.deleted ? entryValue(c.after) : '—'}
                {c.by ? ` · ${c.by}` : ''}
                {c.at ? ` · ${c.at.replace('T', ' ').slice(0, 16)}` : ''}
              </li>
            ))}
          </ul>
          <ul>
            {diff.scores
              .filter((s) => s.delta !== 0)
              .map((s) => (
                <li key={s.planId}>
                  {s.title}: {percentText(s.before)} → {percentText(s.after)} ({formatPercentChange(s.before, s.after)})
                </li>
              ))}
          </ul>
        </div>
      )}
      <UndoHistory tick={undoTick} onError={props.onError} />
    </section>
  );
}

function SettingsPanel(props: { settings: Settings; onError(e: unknown): void }) {
  const s = props.settings;
  const th = s.scoreConfig.thresholds ?? {};
  const [sites, setSites] = useState(s.sites.join('\n'));
  const [onTrackGap, setOnTrack] = useState(String(th.onTrackGap ?? 10));
  const [atRiskGap, setAtRisk] = useState(String(th.atRiskGap ?? 25));
  const [doneAt, setDoneAt] = useState(String(th.doneAt ?? 100));
  const [weights, setWeights] = useState(
    Object.entries(s.scoreConfig.weights?.measures ?? {})
      .map(([k, v]) => `${k}=${v}`)
      .join('\n'),
  );
  const [saved, setSaved] = useState('');

  const save = async () => {
    const measures: Record<string, number> = {};
    for (const line of weights.split('\n')) {
      const m = /^\s*([^=\s]+)\s*=\s*([\d.]+)\s*$/u.exec(line);
      if (m) measures[m[1]!] = Number(m[2]);
    }
    const next: Settings = {
      ...s,
      scoreConfig: { ...s.scoreConfig, thresholds: { onTrackGap: Number(onTrackGap), atRiskGap: Number(atRiskGap), doneAt: Number(doneAt) }, weights: { ...s.scoreConfig.weights, measures } },
    };
    try {
      await bg('settings.put', { settings: next });
      setSaved(t('card.saved'));
    } catch (e) {
      props.onError(e);
    }
  };

  const saveSites = async () => {
    const list = sites
      .split('\n')
      .map((x) => x.trim())
      .filter(Boolean);
    try {
      // Host access is asked for here, on the user's click, one list at a time.
      const granted = list.length ? await browser.permissions.request({ origins: list }) : true;
      if (!granted) return;
      await bg('settings.put', { settings: { ...s, sites: list } });
      await bg('sites.register', { sites: list });
      setSaved(t('card.saved'));
    } catch (e) {
      props.onError(e);
    }
  };

  return (
    <section class="panel no-print" data-pm-settings="">
      <h3>{t('dash.settings')}</h3>
      <div id="pm-sites-label">{t('dash.sites')}</div>
      <textarea aria-labelledby="pm-sites-label" value={sites} onInput={(e) => setSites((e.currentTarget as HTMLTextAreaElement).value)} />
      <button class="btn" onClick={() => void saveSites()}>
        {t('dash.saveSites')}
      </button>
      <div style={{ marginTop: '8px' }}>{t('dash.thresholds')}</div>
      <label>
        {t('dash.onTrackGap')} <input type="number" min={0} max={100} value={onTrackGap} onInput={(e) => setOnTrack((e.currentTarget as HTMLInputElement).value)} />
      </label>
      <label>
        {t('dash.atRiskGap')} <input type="number" min={0} max={100} value={atRiskGap} onInput={(e) => setAtRisk((e.currentTarget as HTMLInputElement).value)} />
      </label>
      <label>
        {t('dash.doneAt')} <input type="number" min={1} max={100} value={doneAt} onInput={(e) => setDoneAt((e.currentTarget as HTMLInputElement).value)} />
      </label>
      <div style={{ marginTop: '8px' }} id="pm-weights-label">{t('dash.weights')}</div>
      <textarea aria-labelledby="pm-weights-label" value={weights} onInput={(e) => setWeights((e.currentTarget as HTMLTextAreaElement).value)} />
      <button class="btn" onClick={() => void save()}>
        {t('dash.save')}
      </button>{' '}
      <span class="ok">{saved}</span>
    </section>
  );
}
