// The documents staff hand in: the 台账 (.xlsx, CSV) and the 工作进展情况
// draft (.docx), for the plan on screen or for every tracked plan, as of
// today. exceljs and docx are loaded only when a button is clicked (dynamic
// import: they stay out of the dashboard's first load and never reach the
// content script).
import { useState } from 'preact/hooks';
import type { Plan } from '../engine/types.ts';
import type { EntryRecord } from '../lib/db.ts';
import { getDb } from '../lib/db.ts';
import type { Settings } from '../lib/store.ts';
import { buildReport, reportFileName } from '../engine/report/model.ts';
import { reportToCsv } from '../engine/report/csv.ts';
import type { ReportChart } from '../engine/report/docx.ts';
import { currentReportWords, rt } from '../utils/report-words.ts';
import { download } from '../utils/ext.ts';
import { today } from '../utils/status.ts';

type Kind = 'xlsx' | 'docx' | 'csv';

/** The dashboard's charts as PNG images, with their titles. */
function chartImages(): ReportChart[] {
  const out: ReportChart[] = [];
  for (const box of Array.from(document.querySelectorAll<HTMLElement>('[data-pm-chart]'))) {
    const canvas = box.querySelector('canvas');
    if (!canvas || canvas.width === 0 || canvas.height === 0) continue;
    const url = canvas.toDataURL('image/png');
    const png = Uint8Array.from(atob(url.split(',')[1] ?? ''), (c) => c.charCodeAt(0));
    out.push({ title: box.querySelector('header span')?.textContent ?? '', png, width: canvas.width, height: canvas.height });
  }
  return out;
}

/** Builds and saves one document for `plans` (charts only when one plan is on screen). */
async function exportDocument(kind: Kind, plans: Plan[], entries: readonly EntryRecord[], settings: Settings | undefined, withCharts: boolean): Promise<void> {
  const w = currentReportWords();
  const asOf = today();
  const report = buildReport(plans, entries, { asOf, words: w, ...(settings?.scoreConfig ? { config: settings.scoreConfig } : {}) });
  const titles = plans.map((p) => p.title);
  if (kind === 'csv') {
    download(reportFileName(titles, w.t('report.sheet.measures'), asOf, 'csv'), reportToCsv(report, w), 'text/csv;charset=utf-8');
  } else if (kind === 'xlsx') {
    const { reportToXlsx } = await import('../engine/report/xlsx.ts');
    const bytes = await reportToXlsx(report, w);
    download(reportFileName(titles, w.t('report.sheet.measures'), asOf, 'xlsx'), new Blob([bytes as BlobPart], { type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' }));
  } else {
    const { reportToDocx } = await import('../engine/report/docx.ts');
    const bytes = await reportToDocx(report, w, { charts: withCharts ? chartImages() : [], generatedOn: asOf });
    download(reportFileName(titles, w.language === 'en' ? 'report' : '进展情况', asOf, 'docx'), new Blob([bytes as BlobPart], { type: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document' }));
  }
}

/** The buttons; `plan` given: that plan with the charts on screen; else every tracked plan. */
export function ReportExport(props: { plan?: Plan; entries?: EntryRecord[]; settings: Settings | undefined; onError(e: unknown): void }) {
  const [busy, setBusy] = useState(false);
  const make = async (kind: Kind) => {
    setBusy(true);
    try {
      if (props.plan) {
        await exportDocument(kind, [props.plan], props.entries ?? [], props.settings, true);
      } else {
        const db = getDb();
        const plans = (await db.plans.where('tracked').equals(1).toArray()).map((r) => r.plan);
        const ids = new Set(plans.map((p) => p.id));
        const entries = (await db.entries.toArray()).filter((e) => !e.deleted && ids.has(e.planId));
        if (plans.length) await exportDocument(kind, plans, entries, props.settings, false);
      }
    } catch (e) {
      props.onError(e);
    } finally {
      setBusy(false);
    }
  };
  const scope = props.plan ? '' : 'all';
  return (
    <div class="report-tools no-print" data-pm-report={scope}>
      {!props.plan && <span>{rt('report.allTracked')}</span>}
      <button class="btn" disabled={busy} data-pm-export="xlsx" onClick={() => void make('xlsx')}>
        {rt('report.exportXlsx')}
      </button>
      <button class="btn" disabled={busy} data-pm-export="docx" onClick={() => void make('docx')}>
        {rt('report.exportDocx')}
      </button>
      <button class="btn secondary" disabled={busy} data-pm-export="csv" onClick={() => void make('csv')}>
        {rt('report.exportCsv')}
      </button>
      {busy && <span class="muted">{rt('report.working')}</span>}
    </div>
  );
}
