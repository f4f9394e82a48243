// The 台账 as an Excel workbook (exceljs): 措施台账 (one row per measure),
// 目标台账 (one per target), 按责任单位 and 按部分 summaries. Frozen header,
// column widths, wrapped text, status colours, completion as a number with a
// % format (the cell holds 75, not 0.75, so it reads back as entered).
// exceljs runs in Node and in the browser; the dashboard loads this module
// with a dynamic import, so it never reaches the content script.
import ExcelJS from 'exceljs';
import type { Status } from '../score/index.ts';
import type { Report } from './model.ts';
import type { ReportWords } from './words.ts';

/** Light fills for the status cell (the word is always in the cell too). */
const STATUS_FILL: Record<Status, string> = {
  done: 'FFD7F0DD',
  on_track: 'FFDCE9FB',
  at_risk: 'FFFCE8CC',
  off_track: 'FFF9D4D6',
  not_started: 'FFE9ECEF',
  overdue: 'FFF2C4D0',
};

const PERCENT_FORMAT = '0.0"%"';

/** Width in Excel's character units: CJK and full-width characters count two. */
function textWidth(text: string): number {
  let w = 0;
  for (const ch of text) w += /[\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef\u3000-\u303f]/u.test(ch) ? 2 : 1;
  return w;
}

interface Column {
  key: string;
  header: string;
  width: number;
  wrap?: boolean;
  format?: string;
  hidden?: boolean;
}

function addSheet(workbook: ExcelJS.Workbook, name: string, columns: Column[], rows: (string | number | null)[][], statusColumn?: string, statuses?: Status[]): ExcelJS.Worksheet {
  const sheet = workbook.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1 }], pageSetup: { paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0 } });
  sheet.columns = columns.map((c) => ({ key: c.key, header: c.header, width: c.width, hidden: c.hidden ?? false, style: { alignment: { vertical: 'top', wrapText: c.wrap ?? false }, ...(c.format ? { numFmt: c.format } : {}) } }));
  const wrapped = columns.map((c, i) => (c.wrap ? i + 1 : 0)).filter(Boolean);
  for (const r of rows) {
    const row = sheet.addRow(r);
    // Set on each cell too: not every reader applies the column style to cells.
    for (const c of wrapped) row.getCell(c).alignment = { vertical: 'top', wrapText: true };
    // Readers do not all fit a row to wrapped text on opening (LibreOffice keeps the default
    // height): give each row the lines its longest wrapped cell needs, up to 8.
    const lines = Math.max(1, ...wrapped.map((c) => Math.ceil(textWidth(String(r[c - 1] ?? '')) / Math.max(1, columns[c - 1]!.width - 1))));
    if (lines > 1) row.height = 16.5 * Math.min(lines, 8);
  }
  const header = sheet.getRow(1);
  header.font = { bold: true };
  header.alignment = { vertical: 'middle', horizontal: 'center', wrapText: true };
  header.eachCell((cell) => {
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFEFF3F8' } };
    cell.border = { bottom: { style: 'thin', color: { argb: 'FF8C959F' } } };
  });
  sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: columns.length } };
  sheet.pageSetup.printTitlesRow = '1:1';
  if (statusColumn && statuses) {
    const col = columns.findIndex((c) => c.key === statusColumn) + 1;
    statuses.forEach((status, i) => {
      const cell = sheet.getRow(i + 2).getCell(col);
      cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: STATUS_FILL[status] } };
    });
  }
  return sheet;
}

/** The workbook's bytes. */
export async function reportToXlsx(report: Report, words: ReportWords): Promise<Uint8Array> {
  const t = words.t;
  const multi = report.plans.length > 1;
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'PlanMeter';
  workbook.title = `${report.plans.map((p) => p.title).join('、')} ${t('report.asOf', { date: report.asOf })}`;
  workbook.created = new Date(`${report.asOf}T00:00:00Z`);
  workbook.modified = workbook.created;

  const plan: Column[] = multi ? [{ key: 'plan', header: t('report.col.plan'), width: 24, wrap: true }] : [];
  const measureColumns: Column[] = [
    ...plan,
    { key: 'number', header: t('report.col.number'), width: 6 },
    { key: 'section', header: t('report.col.section'), width: 20, wrap: true },
    { key: 'measure', header: t('report.col.measure'), width: 40, wrap: true },
    { key: 'lead', header: t('report.col.lead'), width: 16, wrap: true },
    { key: 'support', header: t('report.col.support'), width: 20, wrap: true },
    { key: 'deadline', header: t('report.col.deadline'), width: 12, wrap: true },
    { key: 'goal', header: t('report.col.goal'), width: 30, wrap: true },
    { key: 'latest', header: t('report.col.latest'), width: 30, wrap: true },
    { key: 'latestDate', header: t('report.col.latestDate'), width: 12 },
    { key: 'completion', header: t('report.col.completion'), width: 9, format: PERCENT_FORMAT },
    { key: 'status', header: t('report.col.status'), width: 10 },
    { key: 'evidence', header: t('report.col.evidence'), width: 24, wrap: true },
    { key: 'reporter', header: t('report.col.reporter'), width: 10 },
    { key: 'updatedAt', header: t('report.col.updatedAt'), width: 20 },
    { key: 'measureId', header: t('report.col.measureId'), width: 12, hidden: true },
  ];
  addSheet(
    workbook,
    t('report.sheet.measures'),
    measureColumns,
    report.measures.map((r) => [
      ...(multi ? [r.planTitle] : []),
      r.number,
      r.section,
      r.title,
      r.lead,
      r.support.join('、'),
      r.deadline,
      r.goal,
      r.latest,
      r.latestDate,
      r.completion,
      r.statusWord,
      r.evidence,
      r.reporter,
      r.updatedAt,
      r.measureId,
    ]),
    'status',
    report.measures.map((r) => r.status),
  );

  const targetColumns: Column[] = [
    ...plan,
    { key: 'number', header: t('report.col.number'), width: 6 },
    { key: 'measure', header: t('report.col.measure'), width: 30, wrap: true },
    { key: 'target', header: t('report.col.target'), width: 20, wrap: true },
    { key: 'goal', header: t('report.col.goal'), width: 34, wrap: true },
    { key: 'targetValue', header: t('report.col.targetValue'), width: 10, format: '#,##0.####' },
    { key: 'unit', header: t('report.col.unit'), width: 8 },
    { key: 'deadline', header: t('report.col.deadline'), width: 12, wrap: true },
    { key: 'latestValue', header: t('report.col.latestValue'), width: 10, format: '#,##0.####' },
    { key: 'latestDate', header: t('report.col.latestDate'), width: 12 },
    { key: 'completion', header: t('report.col.completion'), width: 9, format: PERCENT_FORMAT },
    { key: 'status', header: t('report.col.status'), width: 10 },
    { key: 'evidence', header: t('report.col.evidence'), width: 24, wrap: true },
    { key: 'reporter', header: t('report.col.reporter'), width: 10 },
    { key: 'updatedAt', header: t('report.col.updatedAt'), width: 20 },
    { key: 'targetId', header: t('report.col.targetId'), width: 12, hidden: true },
  ];
  addSheet(
    workbook,
    t('report.sheet.targets'),
    targetColumns,
    report.targets.map((r) => [
      ...(multi ? [r.planTitle] : []),
      r.number,
      r.measureTitle,
      r.label,
      r.quote,
      r.goal,
      r.unit,
      r.deadline,
      r.latest,
      r.latestDate,
      r.completion,
      r.statusWord,
      r.evidence,
      r.reporter,
      r.updatedAt,
      r.targetId,
    ]),
    'status',
    report.targets.map((r) => r.status),
  );

  const units = addSheet(
    workbook,
    t('report.sheet.units'),
    [
      { key: 'unit', header: t('report.col.owner'), width: 28, wrap: true },
      { key: 'lead', header: t('report.col.leadCount'), width: 8 },
      { key: 'support', header: t('report.col.supportCount'), width: 8 },
      { key: 'measures', header: t('report.col.measureCount'), width: 8 },
      { key: 'done', header: t('report.col.done'), width: 8 },
      { key: 'lagging', header: t('report.col.laggingCount'), width: 8 },
      { key: 'average', header: t('report.col.average'), width: 12, format: PERCENT_FORMAT },
    ],
    report.units.map((u) => [u.unit, u.leadCount, u.supportCount, u.measureCount, u.doneCount, u.laggingCount, u.averageCompletion]),
  );
  for (const u of report.units) if (u.laggingCount > 0) units.getRow(report.units.indexOf(u) + 2).getCell(6).font = { bold: true, color: { argb: 'FFCF222E' } };

  addSheet(
    workbook,
    t('report.sheet.sections'),
    [
      ...plan,
      { key: 'section', header: t('report.col.section'), width: 36, wrap: true },
      { key: 'measures', header: t('report.col.measureCount'), width: 8 },
      { key: 'done', header: t('report.col.done'), width: 8 },
      { key: 'lagging', header: t('report.col.laggingCount'), width: 8 },
      { key: 'average', header: t('report.col.average'), width: 12, format: PERCENT_FORMAT },
    ],
    report.sections.map((s) => [...(multi ? [report.plans.find((p) => p.id === s.planId)?.title ?? s.planId] : []), s.section, s.measureCount, s.doneCount, s.laggingCount, s.averageCompletion]),
  );
  const buffer = await workbook.xlsx.writeBuffer();
  return new Uint8Array(buffer as ArrayBuffer);
}
