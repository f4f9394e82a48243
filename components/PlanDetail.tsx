// A plan in the dashboard: its measures as a sortable, filterable table with
// inline entry and history, its charts, indicators and orphaned entries.
import { Fragment } from 'preact';
import { useMemo, useState } from 'preact/hooks';
import { getDb, type PlanRecord, type EntryRecord, type HistoryRecord } from '../lib/db.ts';
import { liveEntriesOf, type Settings } from '../lib/store.ts';
import type { Measure } from '../engine/types.ts';
import type { Entry } from '../lib/messages.ts';
import { Legend } from './Legend.tsx';
import { measureIndicators } from '../lib/indicators-glue.ts';
import { IndicatorPanel } from './IndicatorPanel.tsx';
import { TagChips } from './TagChips.tsx';
import { getLanguage, t } from '../utils/i18n.ts';
import { explainScore } from '../engine/score/explain.ts';
import { displayStatus, percentText, statusColour, statusWord, STATUS_ORDER } from '../utils/status.ts';
import { useLive } from '../hooks/live.ts';
import { bg, scoreWith } from '../utils/ext.ts';
import { OrphanEntries } from './OrphanEntries.tsx';
import { ReportExport } from './ReportExport.tsx';
import { SheetImport } from './SheetImport.tsx';
import { FilterSelect } from './FilterSelect.tsx';
import { MeasureDetail } from './MeasureDetail.tsx';
import { PlanCharts } from './PlanCharts.tsx';
import { readHistory, type PlanView } from '../lib/dashboard-view.ts';
import { useAfterFirstPaint } from '../hooks/after-first-paint.ts';

type SortKey = 'index' | 'section' | 'status' | 'completion' | 'entries';

/** `initial`: this plan's data as read for the dashboard's first view (lib/dashboard-view.ts), if it was. */
export function PlanDetail(props: { planId: string; settings: Settings; initial?: PlanView; onError(e: unknown): void }) {
  const db = getDb();
  const record = useLive(() => db.plans.get(props.planId), [props.planId], props.initial?.record as PlanRecord | undefined);
  const entries = useLive(() => liveEntriesOf(db, props.planId), [props.planId], props.initial?.entries ?? ([] as EntryRecord[]));
  const history = useLive(() => readHistory(db), [], props.initial?.history ?? ([] as HistoryRecord[]));
  const plan = record?.plan;
  const score = useMemo(() => (plan ? scoreWith(plan, entries, props.settings) : null), [plan, entries, props.settings]);
  const [filters, setFilters] = useState({ section: '', owner: '', status: '', indicator: '', q: '' });
  const [sort, setSort] = useState<{ key: SortKey; dir: 1 | -1 }>({ key: 'index', dir: 1 });
  const [open, setOpen] = useState<string | null>(null);
  // Indicator tags (each measure's text scored against the lexicon) come one frame after the rows.
  const later = useAfterFirstPaint(score !== null);
  if (!record || !plan || !score) return <div class="muted">…</div>;

  const sectionOf = new Map<string, string>();
  for (const s of plan.sections) {
    for (const id of s.measureIds) sectionOf.set(id, s.title);
    for (const sub of s.subsections) for (const id of sub.measureIds) sectionOf.set(id, s.title);
  }
  const owners = [...new Set(plan.measures.flatMap((m) => m.units))].sort((a, b) => a.localeCompare(b, 'zh-CN'));
  const indicatorsOf = new Map(later ? plan.measures.map((m) => [m.id, measureIndicators(plan, m.id)]) : []);
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
      <PlanCharts plan={plan} score={score} entries={entries} history={history} settings={props.settings} radar={later} />
      {later && <IndicatorPanel plan={plan} score={score} />}
      <h3>{t('dash.measures')}</h3>
      <div class="filters">
        <FilterSelect label={t('dash.section')} value={filters.section} options={plan.sections.map((s) => [s.title, s.title] as const)} onChange={(section) => setFilters({ ...filters, section })} />
        <FilterSelect label={t('dash.owner')} value={filters.owner} options={owners.map((u) => [u, u] as const)} onChange={(owner) => setFilters({ ...filters, owner })} />
        <FilterSelect label={t('dash.status')} value={filters.status} options={STATUS_ORDER.map((s) => [s, statusWord(s)] as const)} onChange={(status) => setFilters({ ...filters, status })} />
        <FilterSelect label={t('dash.indicator')} value={filters.indicator} options={indicatorNames.map((n) => [n, n] as const)} onChange={(indicator) => setFilters({ ...filters, indicator })} />
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
                    {later && <TagChips plan={plan} measureId={m.id} />}
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

