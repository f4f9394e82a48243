// The 工作进展情况 / 督查通报 draft as a Word document (docx): title, 截至日期,
// headline figures, progress by section, the 滞后事项清单 grouped by lead
// unit with deadlines, the targets table and, when the caller has them, the
// charts as images. Typography as official documents use (GB/T 9704): A4,
// margins top 37 mm, bottom 35 mm, left 28 mm, right 26 mm; body 仿宋_GB2312
// 三号 (16 pt) on a 28 pt line; headings 黑体; page numbers "— 1 —" at the foot.
import { AlignmentType, BorderStyle, Document, Footer, ImageRun, Packer, PageNumber, Paragraph, Table, TableCell, TableRow, TextRun, WidthType, type IRunOptions } from 'docx';
import type { MeasureRow, Report } from './model.ts';
import { percent, type ReportWords } from './words.ts';

export interface ReportChart {
  title: string;
  png: Uint8Array;
  /** Pixel size of the image; it is scaled to the text width. */
  width: number;
  height: number;
}

export interface DocxOptions {
  charts?: readonly ReportChart[];
  /** The day the document is generated (YYYY-MM-DD), for its footnote. */
  generatedOn?: string;
}

const MM = 56.7; // twips per millimetre
const FANGSONG = { ascii: 'Times New Roman', hAnsi: 'Times New Roman', eastAsia: '仿宋_GB2312' };
const HEITI = { ascii: 'Times New Roman', hAnsi: 'Times New Roman', eastAsia: '黑体' };
const KAITI = { ascii: 'Times New Roman', hAnsi: 'Times New Roman', eastAsia: '楷体_GB2312' };
const LINE = { line: 560, lineRule: 'exact' as const }; // 28 pt
/** Text width: 210 − 28 − 26 mm = 156 mm, in pixels at 96 dpi. */
const TEXT_WIDTH_PX = Math.round((156 / 25.4) * 96);

function run(text: string, options: Partial<IRunOptions> = {}): TextRun {
  return new TextRun({ text, font: FANGSONG, size: 32, ...options });
}

function body(text: string): Paragraph {
  return new Paragraph({ children: [run(text)], indent: { firstLine: 640 }, spacing: LINE, alignment: AlignmentType.JUSTIFIED });
}

function heading(text: string): Paragraph {
  return new Paragraph({ outlineLevel: 0, children: [run(text, { font: HEITI })], indent: { firstLine: 640 }, spacing: LINE });
}

function subheading(text: string): Paragraph {
  return new Paragraph({ outlineLevel: 1, children: [run(text, { font: KAITI })], indent: { firstLine: 640 }, spacing: LINE });
}

function cell(text: string, header = false): TableCell {
  return new TableCell({
    children: [new Paragraph({ children: [run(text, { size: 21, ...(header ? { font: HEITI } : {}) })], alignment: header ? AlignmentType.CENTER : AlignmentType.LEFT })],
    margins: { top: 40, bottom: 40, left: 80, right: 80 },
  });
}

function table(header: string[], rows: string[][], widths: number[]): Table {
  const border = { style: BorderStyle.SINGLE, size: 4, color: '000000' };
  return new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    columnWidths: widths,
    borders: { top: border, bottom: border, left: border, right: border, insideHorizontal: border, insideVertical: border },
    rows: [new TableRow({ tableHeader: true, children: header.map((h) => cell(h, true)) }), ...rows.map((r) => new TableRow({ cantSplit: true, children: r.map((c) => cell(c)) }))],
  });
}

function measureLabel(r: MeasureRow): string {
  return `${r.number}. ${r.title}`;
}

/** The document's bytes. */
export async function reportToDocx(report: Report, words: ReportWords, options: DocxOptions = {}): Promise<Uint8Array> {
  const t = words.t;
  const title = t('report.title', { plan: report.plans.map((p) => p.title).join('、') });
  const children: (Paragraph | Table)[] = [
    new Paragraph({ children: [run(title, { font: HEITI, size: 44 })], alignment: AlignmentType.CENTER, spacing: { line: 700, lineRule: 'exact' } }),
    new Paragraph({ children: [run(t('report.asOf', { date: report.asOf }), { font: KAITI })], alignment: AlignmentType.CENTER, spacing: { ...LINE, after: 280 } }),
  ];
  for (const p of report.plans) {
    const c = p.statusCounts;
    if (report.plans.length > 1) children.push(subheading(p.title));
    children.push(
      body(
        t('report.headline', {
          measures: p.measureCount,
          score: percent(p.score),
          expected: percent(p.expected),
          covered: p.coveredCount,
          done: c.done,
          onTrack: c.on_track,
          atRisk: c.at_risk,
          offTrack: c.off_track,
          overdue: c.overdue,
          lagging: p.laggingCount,
          notStarted: c.not_started,
        }),
      ),
    );
  }

  children.push(heading(t('report.bySection')));
  for (const s of report.sections) {
    children.push(body(t('report.sectionLine', { section: s.section, measures: s.measureCount, score: percent(s.averageCompletion), done: s.doneCount, lagging: s.laggingCount })));
  }

  children.push(heading(t('report.laggingList')));
  if (report.lagging.length === 0) children.push(body(t('report.laggingNone')));
  const byOwner = new Map<string, MeasureRow[]>();
  for (const r of report.lagging) {
    const unit = r.lead || words.ownerNone;
    byOwner.set(unit, [...(byOwner.get(unit) ?? []), r]);
  }
  const ordered = [...byOwner].sort((a, b) => b[1].length - a[1].length || a[0].localeCompare(b[0], 'zh-CN'));
  for (const [unit, rows] of ordered) {
    children.push(subheading(`${unit}（${rows.length}）`));
    children.push(
      table(
        [t('report.col.number'), t('report.col.measure'), t('report.col.support'), t('report.col.deadline'), t('report.col.completion'), t('report.col.status')],
        rows.map((r) => [r.number, (report.plans.length > 1 ? `${r.planTitle}：` : '') + r.title, r.support.join('、'), r.deadline || t('report.noDeadline'), percent(r.completion), r.statusWord]),
        [600, 3400, 1800, 1300, 900, 900],
      ),
    );
  }

  if (report.targets.length) {
    children.push(heading(t('report.targets')));
    children.push(
      table(
        [t('report.col.number'), t('report.col.goal'), t('report.col.targetValue'), t('report.col.latestValue'), t('report.col.completion'), t('report.col.status')],
        report.targets.map((r) => [r.number, r.quote || r.label, r.goal === null ? '' : `${r.goal}${r.unit}`, r.latest === null ? '—' : `${r.latest}${r.unit}（${r.latestDate}）`, percent(r.completion), r.statusWord]),
        [600, 3600, 1300, 1900, 900, 900],
      ),
    );
  }

  const charts = options.charts ?? [];
  if (charts.length) {
    children.push(heading(t('report.charts')));
    for (const chart of charts) {
      const scale = Math.min(1, TEXT_WIDTH_PX / chart.width);
      children.push(new Paragraph({ children: [new ImageRun({ type: 'png', data: chart.png, transformation: { width: Math.round(chart.width * scale), height: Math.round(chart.height * scale) } })], alignment: AlignmentType.CENTER }));
      children.push(new Paragraph({ children: [run(chart.title, { size: 24 })], alignment: AlignmentType.CENTER, spacing: { after: 200 } }));
    }
  }
  if (options.generatedOn) children.push(new Paragraph({ children: [run(t('report.generated', { date: options.generatedOn }), { size: 21 })], spacing: { before: 400 } }));

  const doc = new Document({
    creator: 'PlanMeter',
    title,
    styles: { default: { document: { run: { font: FANGSONG, size: 32 } } } },
    sections: [
      {
        properties: { page: { size: { width: 11906, height: 16838 }, margin: { top: Math.round(37 * MM), bottom: Math.round(35 * MM), left: Math.round(28 * MM), right: Math.round(26 * MM), footer: Math.round(25 * MM) } } },
        footers: { default: new Footer({ children: [new Paragraph({ alignment: AlignmentType.CENTER, children: [new TextRun({ children: ['— ', PageNumber.CURRENT, ' —'], font: { ascii: '宋体', hAnsi: '宋体', eastAsia: '宋体' }, size: 28 })] })] }) },
        children,
      },
    ],
  });
  return new Uint8Array(await Packer.toArrayBuffer(doc));
}
