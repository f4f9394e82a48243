// The 台账 (.xlsx, CSV) and the .docx report, read back as a user's tools would.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inflateRawSync } from 'node:zlib';
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseText } from '../../engine/parse/index.ts';
import type { Plan } from '../../engine/types.ts';
import type { ProgressEntry } from '../../engine/progress/schema.ts';
import { buildReport, reportFileName, type Report } from '../../engine/report/model.ts';
import { reportWords } from '../../engine/report/words.ts';
import { reportToXlsx } from '../../engine/report/xlsx.ts';
import { reportToDocx } from '../../engine/report/docx.ts';
import { reportToCsv } from '../../engine/report/csv.ts';
import zhMain from '../../utils/locales/zh-CN.json';
import zhReport from '../../utils/locales/report/zh-CN.json';
import enMain from '../../utils/locales/en.json';
import enReport from '../../utils/locales/report/en.json';

const ROOT = join(import.meta.dirname, '..', '..');
const zh = { ...zhMain, ...zhReport };
const words = reportWords(zh, 'zh-CN');
const STATUS_WORDS_ZH = ['已完成', '进展正常', '有风险', '滞后', '未开始', '已逾期'];

/** The files of a zip (stored or deflated), read with Node alone: an independent reader. */
function unzip(bytes: Uint8Array): Map<string, string> {
  const buf = Buffer.from(bytes);
  const files = new Map<string, string>();
  // End of central directory.
  let eocd = buf.length - 22;
  while (eocd >= 0 && buf.readUInt32LE(eocd) !== 0x06054b50) eocd--;
  const count = buf.readUInt16LE(eocd + 10);
  let p = buf.readUInt32LE(eocd + 16);
  for (let i = 0; i < count; i++) {
    const method = buf.readUInt16LE(p + 10);
    const size = buf.readUInt32LE(p + 20);
    const nameLen = buf.readUInt16LE(p + 28);
    const extraLen = buf.readUInt16LE(p + 30);
    const commentLen = buf.readUInt16LE(p + 32);
    const local = buf.readUInt32LE(p + 42);
    const name = buf.toString('utf8', p + 46, p + 46 + nameLen);
    const start = local + 30 + buf.readUInt16LE(local + 26) + buf.readUInt16LE(local + 28);
    const data = buf.subarray(start, start + size);
    files.set(name, (method === 8 ? inflateRawSync(data) : data).toString('utf8'));
    p += 46 + nameLen + extraLen + commentLen;
  }
  return files;
}

function entry(e: Partial<ProgressEntry> & { id: string; measureId: string; date: string }): ProgressEntry {
  return { planId: plan.id, updatedAt: `${e.date}T08:00:00.000Z`, kind: 'status', percent: 0, ...e } as ProgressEntry;
}

let plan: Plan;
let entries: ProgressEntry[];
let report: Report;

beforeAll(() => {
  plan = parseText(readFileSync(join(ROOT, 'seeds', '000_5c7a958c132072e2.txt'), 'utf8')).plans[0]!;
  const m = plan.measures;
  const t17 = m.find((x) => x.number === '17')!;
  entries = [
    entry({ id: 'a', measureId: m[0]!.id, date: '2025-05-01', milestone: '推进中', percent: undefined, reporter: '张三', source: { docNumber: '光政办〔2025〕1号' } } as never),
    entry({ id: 'b', measureId: m[1]!.id, date: '2025-06-01', percent: 100 }),
    // Replaced: the later entry of the same measure is current.
    entry({ id: 'c1', measureId: m[2]!.id, date: '2025-03-01', percent: 80 }),
    entry({ id: 'c2', measureId: m[2]!.id, date: '2025-06-20', percent: 20 }),
    // Deleted: never shown.
    entry({ id: 'd', measureId: m[3]!.id, date: '2025-06-01', percent: 100, deleted: true }),
    // After the as-of date: not yet true on that day.
    entry({ id: 'f', measureId: m[4]!.id, date: '2025-09-01', percent: 100 }),
    { id: 'v', planId: plan.id, measureId: t17.id, kind: 'value', targetId: t17.targets[0]!.id, value: 12, date: '2025-06-10', updatedAt: '2025-06-10T08:00:00.000Z', author: '李四' },
  ];
  report = buildReport([plan], entries, { asOf: '2025-07-01', words });
});

describe('report model', () => {
  it('has one row per measure, reported on or not, and only current entries', () => {
    expect(report.measures.map((r) => r.measureId)).toEqual(plan.measures.map((m) => m.id));
    const [r1, r2, r3, r4, r5] = report.measures;
    expect(r1!.latest).toContain('推进中（2025-05-01）');
    expect(r1!.reporter).toBe('张三');
    expect(r1!.evidence).toContain('光政办〔2025〕1号');
    expect(r2!.status).toBe('done');
    expect(r2!.statusWord).toBe('已完成');
    expect(r3!.completion).toBe(20); // the replacing entry, not the older 80
    expect(r3!.latest).not.toContain('80');
    expect(r4!.entryCount).toBe(0); // deleted entry gone
    expect(r4!.latest).toBe('');
    expect(r5!.completion).toBeNull(); // entry dated after the as-of day
    const r17 = report.measures.find((r) => r.number === '17')!;
    expect(r17.reporter).toBe('李四');
    expect(r17.goal).toContain('15天');
    expect(report.targets.find((t) => t.measureId === r17.measureId)!.latest).toBe(12);
  });

  it('sums by unit to the measure count and by section to the plan', () => {
    expect(report.units.reduce((s, u) => s + u.leadCount, 0)).toBe(plan.measures.length);
    for (const u of report.units) expect(u.leadCount + u.supportCount).toBe(u.measureCount);
    expect(report.sections.reduce((s, x) => s + x.measureCount, 0)).toBe(plan.measures.length);
    expect(report.units.reduce((s, u) => s + u.laggingCount, 0)).toBeGreaterThanOrEqual(report.lagging.length);
  });

  it('speaks the UI language', () => {
    const english = buildReport([plan], entries, { asOf: '2025-07-01', words: reportWords({ ...enMain, ...enReport }, 'en', zh) });
    expect(english.measures[1]!.statusWord).toBe('Done');
  });

  it('names files after the plan and the date, safely', () => {
    expect(reportFileName(['光明区/方案:2025'], '台账', '2025-07-01', 'xlsx')).toBe('光明区_方案_2025-台账-2025-07-01.xlsx');
    expect(reportFileName(['A', 'B'], '台账', '2025-07-01', 'csv')).toBe('A等2个方案-台账-2025-07-01.csv');
  });
});

describe('台账 .xlsx', () => {
  let bytes: Uint8Array;
  let book: ExcelJS.Workbook;
  beforeAll(async () => {
    bytes = await reportToXlsx(report, words);
    book = new ExcelJS.Workbook();
    await book.xlsx.load(bytes as never);
  });

  it('reads back with exceljs: every measure a row, owners, deadlines, Chinese status words', () => {
    const sheet = book.getWorksheet('措施台账')!;
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    const header = (sheet.getRow(1).values as string[]).slice(1);
    expect(header.slice(0, 14)).toEqual(['序号', '部分', '措施', '牵头单位', '配合单位', '完成时限', '目标', '最新进展', '进展日期', '完成度', '状态', '佐证', '填报人', '更新时间']);
    expect(sheet.rowCount).toBe(plan.measures.length + 1);
    const col = (name: string) => header.indexOf(name) + 1;
    plan.measures.forEach((m, i) => {
      const row = sheet.getRow(i + 2);
      expect(row.getCell(col('措施')).value).toBe(m.title);
      expect(row.getCell(col('牵头单位')).value ?? '').toBe(m.units[0] ?? '');
      expect(String(row.getCell(col('完成时限')).value)).not.toBe('');
      expect(STATUS_WORDS_ZH).toContain(row.getCell(col('状态')).value);
    });
    expect(sheet.getRow(3).getCell(col('状态')).value).toBe('已完成');
    expect(sheet.getRow(3).getCell(col('完成度')).value).toBe(100);
    expect(sheet.getRow(3).getCell(col('完成度')).numFmt).toContain('%');
    expect(sheet.getColumn(col('措施')).width).toBeGreaterThan(20);
    expect((sheet.getRow(3).getCell(col('状态')).fill as ExcelJS.FillPattern).fgColor?.argb).toBe('FFD7F0DD');
  });

  it('has the targets sheet and a by-unit summary adding up to the measure count', () => {
    expect(book.getWorksheet('目标台账')!.rowCount).toBe(report.targets.length + 1);
    const units = book.getWorksheet('按责任单位')!;
    let lead = 0;
    units.eachRow((row, n) => {
      if (n > 1) lead += Number(row.getCell(2).value);
    });
    expect(lead).toBe(plan.measures.length);
    expect(book.getWorksheet('按部分')!.rowCount).toBe(plan.sections.length + 1);
  });

  it('is a well-formed OOXML package for an independent reader (Node zlib + the sheet XML)', () => {
    const files = unzip(bytes);
    expect(files.get('[Content_Types].xml')).toContain('spreadsheetml');
    const shared = files.get('xl/sharedStrings.xml')!;
    for (const m of plan.measures) expect(shared).toContain(m.title.replace(/&/gu, '&amp;'));
    expect(shared).toContain('已完成');
    expect(files.get('xl/worksheets/sheet1.xml')).toContain('state="frozen"');
  });

  it('opens in Python\'s zipfile + ElementTree when python3 is at hand', () => {
    let python = true;
    try {
      execFileSync('python3', ['--version']);
    } catch {
      python = false;
    }
    if (!python) return; // reported by the other reader above
    const dir = mkdtempSync(join(tmpdir(), 'pm-xlsx-'));
    const path = join(dir, 'a.xlsx');
    writeFileSync(path, bytes);
    const script = `
import sys, zipfile, xml.etree.ElementTree as ET
ns = {'m': 'http://schemas.openxmlformats.org/spreadsheetml/2006/main'}
z = zipfile.ZipFile(sys.argv[1])
strings = [''.join(t.text or '' for t in si.iter('{%s}t' % ns['m'])) for si in ET.fromstring(z.read('xl/sharedStrings.xml')).findall('m:si', ns)]
rows = ET.fromstring(z.read('xl/worksheets/sheet1.xml')).findall('.//m:sheetData/m:row', ns)
def val(c):
    v = c.find('m:v', ns)
    if v is None: return ''
    return strings[int(v.text)] if c.get('t') == 's' else v.text
print(len(rows))
print('|'.join(val(c) for c in rows[2]))
`;
    const out = execFileSync('python3', ['-c', script, path], { encoding: 'utf8' }).trim().split('\n');
    expect(Number(out[0])).toBe(plan.measures.length + 1);
    expect(out[1]).toContain(plan.measures[1]!.title);
    expect(out[1]).toContain('已完成');
  });
});

describe('台账 of several plans', () => {
  it('has a 方案 column and every measure of every plan', async () => {
    const other = parseText(readFileSync(join(ROOT, 'seeds', '004_e9acea2c6d31d80c.txt'), 'utf8')).plans[0]!;
    const both = buildReport([plan, other], entries, { asOf: '2025-07-01', words });
    expect(both.measures).toHaveLength(plan.measures.length + other.measures.length);
    expect(both.units.reduce((s, u) => s + u.leadCount, 0)).toBe(plan.measures.length + other.measures.length);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load((await reportToXlsx(both, words)) as never);
    const sheet = book.getWorksheet('措施台账')!;
    expect(sheet.getRow(1).getCell(1).value).toBe('方案');
    expect(sheet.getRow(sheet.rowCount).getCell(1).value).toBe(other.title);
    expect(reportFileName([plan.title, other.title], '措施台账', '2025-07-01', 'xlsx')).toBe(`${plan.title}等2个方案-措施台账-2025-07-01.xlsx`);
  });
});

describe('台账 CSV', () => {
  it('keeps the BOM and formula escaping, one row per measure', () => {
    const evil = { ...plan, measures: plan.measures.map((m, i) => (i === 0 ? { ...m, title: '=HYPERLINK("x")' } : m)) };
    const csv = reportToCsv(buildReport([evil], entries, { asOf: '2025-07-01', words }), words);
    expect(csv.startsWith('\uFEFF序号,')).toBe(true);
    expect(csv.split('\r\n').filter(Boolean)).toHaveLength(plan.measures.length + 1);
    expect(csv).toContain(`"'=HYPERLINK(""x"")"`);
  });
});

describe('进展情况 .docx', () => {
  it('unzips to a document with the title, the date, every lagging measure and its owner', async () => {
    const png = Uint8Array.from(Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8DwHwAFBQIAX8jx0gAAAABJRU5ErkJggg==', 'base64'));
    const bytes = await reportToDocx(report, words, { charts: [{ title: '分部分完成度', png, width: 800, height: 400 }], generatedOn: '2025-07-02' });
    const files = unzip(bytes);
    const xml = files.get('word/document.xml')!;
    const text = [...xml.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/gu)].map((m) => m[1]).join('');
    expect(text).toContain(`《${plan.title}》工作进展情况`);
    expect(text).toContain('截至2025-07-01');
    expect(report.lagging.length).toBeGreaterThan(5);
    for (const r of report.lagging) {
      expect(text).toContain(r.title.replace(/&/gu, '&amp;'));
      expect(text).toContain(r.lead || words.ownerNone);
    }
    expect(text).toContain('二、滞后事项清单');
    expect(xml).toContain('w:eastAsia="黑体"');
    expect(xml).toContain('w:eastAsia="仿宋_GB2312"');
    // A4 with the official margins (twips): 37 / 35 / 28 / 26 mm.
    expect(xml).toMatch(/<w:pgSz w:w="11906" w:h="16838"/u);
    expect(xml).toMatch(/w:top="2098"[^>]*w:right="1474"[^>]*w:bottom="1985"[^>]*w:left="1588"/u);
    expect([...files.keys()].some((f) => f.startsWith('word/media/'))).toBe(true);
    expect([...files.values()].some((f) => f.includes('PAGE'))).toBe(true);
  });
});
