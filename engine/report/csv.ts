// The 台账 as CSV: the 措施台账 sheet's columns, one row per measure, through
// the snapshot CSV writer (UTF-8 BOM, CRLF, RFC 4180 quoting, formula escaping).
import { toCsv, type Cell } from '../snapshot/csv.ts';
import type { Report } from './model.ts';
import type { ReportWords } from './words.ts';

export function reportToCsv(report: Report, words: ReportWords): string {
  const t = words.t;
  const multi = report.plans.length > 1;
  const header = [
    ...(multi ? [t('report.col.plan')] : []),
    ...['number', 'section', 'measure', 'lead', 'support', 'deadline', 'goal', 'latest', 'latestDate', 'completion', 'status', 'evidence', 'reporter', 'updatedAt', 'measureId'].map((k) => t(`report.col.${k}`)),
  ];
  const rows: Cell[][] = [header];
  for (const r of report.measures) {
    rows.push([...(multi ? [r.planTitle] : []), r.number, r.section, r.title, r.lead, r.support.join('、'), r.deadline, r.goal, r.latest, r.latestDate, r.completion, r.statusWord, r.evidence, r.reporter, r.updatedAt, r.measureId]);
  }
  return toCsv(rows);
}
