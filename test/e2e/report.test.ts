// The documents from the dashboard's own buttons: the 台账 .xlsx and the
// .docx report download and open; bulk entry from a sheet previews and writes
// only the accepted rows; the dashboard prints to A4 with nothing cut at the
// right edge, page numbers and no controls.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { Plan } from '../../engine/types.ts';
import { allPages } from './pages.ts';
import { sendFromExtensionPage } from './harness.ts';
import { useExtensionBrowser } from './use-browser.ts';
import { allSeedPlans } from './expected.ts';

const env = useExtensionBrowser(allPages().slice(0, 1));
const dir = mkdtempSync(join(tmpdir(), 'pm-report-e2e-'));
let plan: Plan;
let dash: Page;

const A4_WIDTH_MM = 210;
const SIDE_MARGIN_MM = 12; // @page margin in components/dashboard.css
const PX_PER_MM = 96 / 25.4;

beforeAll(async () => {
  plan = (await allSeedPlans()).find((p) => p.title.startsWith('光明区2025年'))!;
  const b = env.browser;
  dash = await b.context.newPage();
  await dash.goto(`chrome-extension://${b.extensionId}/dashboard.html?plan=${plan.id}`);
  await dash.waitForFunction(() => document.querySelectorAll('[data-pm-plan-link]').length > 0, undefined, { timeout: 60_000 });
  await dash.locator('[data-pm-report=""]').waitFor({ timeout: 60_000 });
  const m = plan.measures;
  await sendFromExtensionPage(dash, 'entry.put', { entry: { id: 'r1', planId: plan.id, measureId: m[0]!.id, kind: 'status', milestone: '推进中', date: '2025-04-01', updatedAt: '2025-04-01T08:00:00.000Z' } });
  await sendFromExtensionPage(dash, 'entry.put', { entry: { id: 'r2', planId: plan.id, measureId: m[1]!.id, kind: 'status', percent: 100, date: '2025-06-01', updatedAt: '2025-06-01T08:00:00.000Z' } });
  await dash.locator('[data-pm-row] >> nth=0').waitFor();
}, 120_000);

async function save(button: string): Promise<{ name: string; bytes: Buffer }> {
  const [download] = await Promise.all([dash.waitForEvent('download', { timeout: 60_000 }), dash.locator(`[data-pm-report=""] [data-pm-export="${button}"]`).click()]);
  const file = join(dir, download.suggestedFilename());
  await download.saveAs(file);
  return { name: download.suggestedFilename(), bytes: readFileSync(file) };
}

describe('report documents from the dashboard', () => {
  it('downloads a 台账 .xlsx named for the plan and day, with every measure', async () => {
    const { name, bytes } = await save('xlsx');
    expect(name).toMatch(new RegExp(`^${plan.title}-措施台账-\\d{4}-\\d{2}-\\d{2}\\.xlsx$`, 'u'));
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(bytes as never);
    const sheet = book.getWorksheet('措施台账')!;
    expect(sheet.rowCount).toBe(plan.measures.length + 1);
    expect(sheet.getRow(3).getCell(11).value).toBe('已完成');
  }, 120_000);

  it('downloads a .docx report with the title and the charts', async () => {
    const { name, bytes } = await save('docx');
    expect(name.endsWith('.docx')).toBe(true);
    const path = join(dir, 'r.docx');
    writeFileSync(path, bytes);
    const listing = execFileSync('python3', ['-c', 'import sys,zipfile;z=zipfile.ZipFile(sys.argv[1]);print("\\n".join(z.namelist()));print(z.read("word/document.xml").decode())', path], { encoding: 'utf8', maxBuffer: 64 << 20 });
    expect(listing).toContain(`《${plan.title}》工作进展情况`);
    expect(listing).toMatch(/word\/media\/\S+\.png/u);
  }, 120_000);

  it('saves a chart as a PNG carrying its title, the plan and the date', async () => {
    const box = dash.locator('[data-pm-chart="sections"]');
    const canvasHeight = await box.locator('canvas').evaluate((c: HTMLCanvasElement) => c.height);
    const [download] = await Promise.all([dash.waitForEvent('download', { timeout: 60_000 }), box.locator('header button').click()]);
    expect(download.suggestedFilename()).toMatch(new RegExp(`^${plan.title}-各部分完成度-\\d{4}-\\d{2}-\\d{2}\\.png$`, 'u'));
    const file = join(dir, 'chart.png');
    await download.saveAs(file);
    const png = readFileSync(file);
    expect(png.subarray(1, 4).toString()).toBe('PNG');
    // The caption lines are drawn above the chart: the picture is taller than the chart's canvas.
    expect(png.readUInt32BE(20)).toBeGreaterThan(canvasHeight);
  }, 120_000);

  it('previews a sheet and writes only the accepted rows', async () => {
    const csv = ['序号,完成度,进展日期', '1,75,2025-04-01', '2,100,2025-06-01', '3,30,2025-06-15', '99,10,2025-06-15', '4,abc,2025-06-15'].join('\r\n');
    const file = join(dir, 'sheet.csv');
    writeFileSync(file, `\uFEFF${csv}\r\n`);
    await dash.locator('[data-pm-sheet-import] input[type=file]').setInputFiles(file);
    await dash.locator('[data-pm-import-counts]').waitFor();
    const kinds = await dash.locator('[data-pm-import-row]').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-pm-import-row')));
    expect(kinds).toEqual(['changed', 'unchanged', 'new', 'unmatched', 'malformed']);
    // Untick the new row: only the change is written.
    await dash.locator('[data-pm-import-row="new"] input[type=checkbox]').uncheck();
    await dash.locator('[data-pm-import-accept]').click();
    await dash.locator('[data-pm-import-message]').waitFor();
    expect(await dash.locator('[data-pm-import-message]').textContent()).toContain('1');
    const score = (await sendFromExtensionPage<{ score: { measures: Record<string, { completion: number | null }> } }>(dash, 'score.get', { planId: plan.id })).score;
    expect(score.measures[plan.measures[0]!.id]!.completion).toBe(75);
    expect(score.measures[plan.measures[2]!.id]!.completion).toBeNull();
  }, 120_000);

  it('prints to A4 with nothing past the right edge, page numbers and no controls', async () => {
    const printable = (A4_WIDTH_MM - 2 * SIDE_MARGIN_MM) * PX_PER_MM;
    await dash.setViewportSize({ width: Math.floor(printable), height: 1000 });
    await dash.emulateMedia({ media: 'print' });
    const overflow = await dash.evaluate((limit) => {
      const out: string[] = [];
      for (const el of Array.from(document.querySelectorAll<HTMLElement>('.content *'))) {
        const r = el.getBoundingClientRect();
        if (r.width === 0 || r.height === 0 || getComputedStyle(el).visibility === 'hidden') continue;
        if (r.right > limit + 1) out.push(`${el.tagName}.${el.className} ${Math.round(r.right)}`);
      }
      return out;
    }, printable);
    expect(overflow).toEqual([]);
    const charts = await dash.locator('[data-pm-chart] canvas').count();
    expect(charts).toBeGreaterThanOrEqual(2);
    const pdf = await dash.pdf({ format: 'A4', preferCSSPageSize: true, printBackground: true });
    const pdfPath = join(dir, 'print.pdf');
    writeFileSync(pdfPath, pdf);
    await dash.emulateMedia({ media: 'screen' });
    // Every word of the PDF inside the page, right margin included (pdftotext word boxes, points).
    const html = execFileSync('pdftotext', ['-bbox', pdfPath, '-'], { encoding: 'utf8', maxBuffer: 64 << 20 });
    const pageWidth = Number(/<page width="([\d.]+)"/u.exec(html)![1]);
    const rightEdge = pageWidth - (SIDE_MARGIN_MM / 25.4) * 72;
    const words = [...html.matchAll(/<word xMin="([\d.]+)" yMin="[\d.]+" xMax="([\d.]+)" yMax="[\d.]+">([^<]*)<\/word>/gu)];
    expect(words.length).toBeGreaterThan(100);
    const past = words.filter((w) => Number(w[2]) > rightEdge + 1).map((w) => w[3]);
    expect(past).toEqual([]);
    const text = execFileSync('pdftotext', ['-layout', pdfPath, '-'], { encoding: 'utf8', maxBuffer: 64 << 20 });
    expect(text).toContain(plan.title);
    expect(text).toMatch(/截至 \d{4}-\d{2}-\d{2}/u);
    const pages = text.split('\f').filter((p) => p.trim());
    expect(pages.length).toBeGreaterThan(1);
    // The page number at the foot (pdftotext may drop the spaces around the slash).
    expect(pages[0]).toMatch(new RegExp(`\\b1\\s*/\\s*${pages.length}\\s*$`, 'u'));
    for (const control of ['导出台账', '生成进展报告', '批量填报', '打印报告', '保存为PNG']) expect(text).not.toContain(control);
    // The last measure's title is printed (the table is not cut off at the bottom either).
    expect(text.replace(/\s+/gu, '')).toContain(plan.measures.at(-1)!.title.replace(/\s+/gu, ''));
  }, 120_000);
});
