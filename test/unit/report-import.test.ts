// Bulk entry from a 台账: the preview of every kind of row, and what is written.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseText } from '../../engine/parse/index.ts';
import type { Plan } from '../../engine/types.ts';
import type { ProgressEntry } from '../../engine/progress/schema.ts';
import { applyImport, previewImport, sheetDate, type ImportOptions } from '../../engine/report/import.ts';
import { readCsv, readXlsx, type SheetRows } from '../../engine/report/sheet.ts';
import { buildReport } from '../../engine/report/model.ts';
import { reportWords } from '../../engine/report/words.ts';
import { reportToXlsx } from '../../engine/report/xlsx.ts';
import { reportToCsv } from '../../engine/report/csv.ts';
import { toCsv } from '../../engine/snapshot/csv.ts';
import zhMain from '../../utils/locales/zh-CN.json';
import zhReport from '../../utils/locales/report/zh-CN.json';

const ROOT = join(import.meta.dirname, '..', '..');
const zh = { ...zhMain, ...zhReport };
const words = reportWords(zh, 'zh-CN');
let plan: Plan;
let stored: ProgressEntry[];
let ids = 0;
const options = (): ImportOptions => ({ words, date: '2025-07-01', now: '2025-07-01T10:00:00.000Z', newId: () => `new_${++ids}` });

beforeAll(() => {
  plan = parseText(readFileSync(join(ROOT, 'seeds', '000_5c7a958c132072e2.txt'), 'utf8')).plans[0]!;
  const m = plan.measures;
  const t17 = m.find((x) => x.number === '17')!;
  stored = [
    { id: 's1', planId: plan.id, measureId: m[0]!.id, kind: 'status', milestone: '推进中', date: '2025-04-01', updatedAt: '2025-04-01T08:00:00.000Z' },
    { id: 's2', planId: plan.id, measureId: m[1]!.id, kind: 'status', percent: 100, date: '2025-06-01', updatedAt: '2025-06-01T08:00:00.000Z' },
    // Edited at 2025-06-30, after the sheet below was exported (its 更新时间 says 2025-06-15).
    { id: 's3', planId: plan.id, measureId: m[2]!.id, kind: 'status', percent: 40, date: '2025-06-10', updatedAt: '2025-06-30T08:00:00.000Z' },
    { id: 'v1', planId: plan.id, measureId: t17.id, kind: 'value', targetId: t17.targets[0]!.id, value: 9, date: '2025-05-10', updatedAt: '2025-05-10T08:00:00.000Z' },
  ];
});

function sheet(rows: (string | number | null)[][]): SheetRows[] {
  return [readCsv(toCsv(rows))];
}

describe('bulk entry preview', () => {
  it('sorts rows into new, changed, unchanged, unmatched and malformed, each with its reason', () => {
    const rows = sheet([
      ['序号', '目标事项', '最新值', '完成度', '进展日期', '填报人', '佐证', '更新时间'],
      ['17', '最长免费居住期', 12, null, '2025-06-30', '王五', 'https://www.gov.cn/x', null], // new value
      ['1', null, null, 75, '2025-04-01', null, null, null], // changes s1 (same day)
      ['2', null, null, 100, '2025/6/1', null, null, null], // unchanged
      ['99', null, null, 50, null, null, null, null], // unmatched: no measure 99
      ['17', '不存在的指标', 3, null, '2025-06-30', null, null, null], // unmatched target
      ['4', null, null, 'abc', null, null, null, null], // malformed completion
      ['5', null, null, 30, '2025-02-30', null, null, null], // malformed date
      ['6', null, 'x12', null, null, null, null, null], // malformed value
      [null, null, null, 30, null, null, null, null], // malformed: no key
      ['3', null, null, 60, '2025-06-10', null, null, '2025-06-15T00:00:00.000Z'], // changed over a newer edit
      ['7', null, null, '基本完成', null, null, null, null], // new, default date
      ['8', null, null, 50, '2025-07-03', null, null, null], // malformed: after tomorrow (now is 2025-07-01)
      ['8', null, null, 50, '2025-07-02', null, null, null], // new: tomorrow is allowed (time zones)
    ]);
    const preview = previewImport(rows, [plan], stored, options());
    const kinds = preview.rows.map((r) => `${r.row}:${r.kind}`);
    expect(kinds).toEqual(['2:new', '3:changed', '4:unchanged', '5:unmatched', '6:unmatched', '7:malformed', '8:malformed', '9:malformed', '10:malformed', '11:changed', '12:new', '13:malformed', '14:new']);
    expect(preview.counts).toEqual({ new: 3, changed: 2, unchanged: 1, unmatched: 2, malformed: 5 });
    const byRow = new Map(preview.rows.map((r) => [r.row, r]));
    expect(byRow.get(3)!.reason).toBe('替换 2025-04-01 的填报：推进中 → 75%');
    expect(byRow.get(5)!.reason).toContain('序号“99”');
    expect(byRow.get(7)!.reason).toContain('abc');
    expect(byRow.get(8)!.reason).toContain('2025-02-30');
    expect(byRow.get(11)!.newer).toBe(true);
    expect(byRow.get(11)!.accepted).toBe(false);
    expect(byRow.get(11)!.reason).toContain('已有更新的填报');
    expect(byRow.get(12)!.reason).toContain('按 2025-07-01 记');
    expect(byRow.get(13)!.reason).toBe('2025-07-03 是未来的日期：只能填报已到日期的进度');
    const written = byRow.get(2)!.entry!;
    expect(written).toMatchObject({ kind: 'value', value: 12, date: '2025-06-30', reporter: '王五', source: { url: 'https://www.gov.cn/x' } });
  });

  it('writes exactly the accepted rows, and the newer one only when chosen', () => {
    const rows = sheet([
      ['序号', '完成度', '进展日期', '更新时间'],
      ['1', 75, '2025-04-01', null],
      ['2', 100, '2025-06-01', null],
      ['3', 60, '2025-06-10', '2025-06-15T00:00:00.000Z'],
      ['8', 20, '2025-06-01', null],
      ['99', 20, '2025-06-01', null],
    ]);
    const preview = previewImport(rows, [plan], stored, options());
    const written = applyImport(preview);
    expect(written.map((e) => e.measureId).sort()).toEqual([plan.measures[0]!.id, plan.measures[7]!.id].sort());
    expect(written.find((e) => e.measureId === plan.measures[0]!.id)!.id).toBe('s1'); // replaced in place
    // The user unticks row 5 (measure 8) and ticks the newer one.
    const chosen = applyImport(preview, (r) => r.row !== 5 && (r.accepted || !!r.newer));
    expect(chosen.map((e) => e.id).sort()).toEqual(['s1', 's3']);
  });

  it('reads its own exported 台账 (.xlsx and CSV) back as unchanged', async () => {
    const report = buildReport([plan], stored, { asOf: '2025-07-01', words });
    const xlsx = await readXlsx(await reportToXlsx(report, words));
    const fromXlsx = previewImport(xlsx, [plan], stored, options());
    expect(fromXlsx.counts).toMatchObject({ new: 0, changed: 0, unmatched: 0, malformed: 0 });
    expect(fromXlsx.counts.unchanged).toBe(plan.measures.length + report.targets.length);
    const fromCsv = previewImport([readCsv(reportToCsv(report, words))], [plan], stored, options());
    expect(fromCsv.counts).toMatchObject({ new: 0, changed: 0, unchanged: plan.measures.length });
  });

  it('reads dates as people type them', () => {
    expect(sheetDate('2025年6月3日')).toBe('2025-06-03');
    expect(sheetDate('2025.6.3')).toBe('2025-06-03');
    expect(sheetDate(45839)).toBe('2025-07-01');
    expect(sheetDate(new Date(Date.UTC(2025, 5, 3)))).toBe('2025-06-03');
    expect(sheetDate('6/3')).toBeNull();
    expect(sheetDate('')).toBeUndefined();
  });

  it('reads CSV as written: BOM, quotes, CRLF, escaped formulas', () => {
    const rows = readCsv('\uFEFF序号,措施\r\n1,"a, ""b"""\r\n2,\'=SUM(1)\n');
    expect(rows.rows).toEqual([['序号', '措施'], ['1', 'a, "b"'], ['2', '=SUM(1)']]);
  });
});
