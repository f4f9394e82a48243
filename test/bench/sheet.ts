// Bench: bulk entry preview of a 5,000-row 台账 (goal under 2 s), as CSV and
// as .xlsx (reading the workbook included). Timings are printed, never asserted.
import { syntheticEntries, syntheticPlans } from './synthetic.ts';
import { goal, ms, time, timeAsync } from './stats.ts';

export async function benchSheet(line: (text: string) => void): Promise<void> {
  const { previewImport } = await import('../../engine/report/import.ts');
  const { readCsv, readXlsx } = await import('../../engine/report/sheet.ts');
  const { reportWords } = await import('../../engine/report/words.ts');
  const { toCsv } = await import('../../engine/snapshot/csv.ts');
  const ExcelJS = (await import('exceljs')).default;
  const zh = { ...(await import('../../utils/locales/zh-CN.json')).default, ...(await import('../../utils/locales/report/zh-CN.json')).default };
  const words = reportWords(zh, 'zh-CN');
  const [plan] = syntheticPlans(1, 5000, []);
  const entries = syntheticEntries([plan!], 2);
  // One row per measure: a value for measures with a target, a completion for the others, a few bad rows.
  const rows: (string | number | null)[][] = [['序号', '目标事项', '最新值', '完成度', '进展日期', '填报人']];
  plan!.measures.forEach((m, i) => {
    const t = m.targets[0];
    if (i % 97 === 0) rows.push([String(m.index + 100_000), null, null, 50, '2025-06-30', '甲']);
    else if (t) rows.push([m.number, t.label, (t.value ?? 10) * 0.6, null, '2025-06-30', '甲']);
    else rows.push([m.number, null, null, (i * 7) % 101, '2025-06-30', '乙']);
  });
  const csv = toCsv(rows);
  let ids = 0;
  const options = { words, date: '2025-07-01', now: '2025-07-01T00:00:00.000Z', newId: () => `b${++ids}` };
  const csvTime = time(() => previewImport([readCsv(csv)], [plan!], entries, options), 5, 1);
  const counts = previewImport([readCsv(csv)], [plan!], entries, options).counts;
  line(`${rows.length - 1} rows (CSV, ${(csv.length / 1e6).toFixed(2)} MB) against ${entries.length} stored entries: ${ms(csvTime.median)} median, min ${ms(csvTime.min)} — goal under 2 s: ${goal(csvTime.median < 2000)}`);
  line(`  preview: ${Object.entries(counts).map(([k, v]) => `${k} ${v}`).join(', ')}`);
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet('台账');
  for (const r of rows) sheet.addRow(r);
  const bytes = new Uint8Array((await book.xlsx.writeBuffer()) as ArrayBuffer);
  const xlsxTime = await timeAsync(async () => previewImport(await readXlsx(bytes), [plan!], entries, options), 5, 1);
  line(`${rows.length - 1} rows (.xlsx, ${(bytes.length / 1e3).toFixed(0)} kB, reading the workbook included): ${ms(xlsxTime.median)} median, min ${ms(xlsxTime.min)} — goal under 2 s: ${goal(xlsxTime.median < 2000)}`);
}
