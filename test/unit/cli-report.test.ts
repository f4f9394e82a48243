// `planmeter report` and `planmeter import-sheet`, run as a user would.
import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseText } from '../../engine/parse/index.ts';
import { createSnapshot, parseSnapshot, serializeSnapshot } from '../../engine/snapshot/index.ts';
import type { Plan } from '../../engine/types.ts';
import { runPlanmeter } from '../fixtures/cli.ts';

const ROOT = join(import.meta.dirname, '..', '..');
const SEED = join(ROOT, 'seeds', '000_5c7a958c132072e2.txt');
const SLOW = 120_000;

const planmeter = (...args: string[]) => runPlanmeter(args);

let dir: string;
let plan: Plan;
let snapshotPath: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'planmeter-report-cli-'));
  plan = parseText(readFileSync(SEED, 'utf8')).plans[0]!;
  const m = plan.measures;
  const entries = [
    { id: 'a', planId: plan.id, measureId: m[0]!.id, kind: 'status' as const, milestone: '推进中' as const, date: '2025-04-01', updatedAt: '2025-04-01T08:00:00.000Z' },
    { id: 'b', planId: plan.id, measureId: m[1]!.id, kind: 'status' as const, percent: 100, date: '2025-06-01', updatedAt: '2025-06-01T08:00:00.000Z' },
  ];
  snapshotPath = join(dir, 'progress.json');
  writeFileSync(snapshotPath, serializeSnapshot(createSnapshot({ plans: [plan], entries, asOf: '2025-07-01', appVersion: '0.1.0', createdAt: '2025-07-01T00:00:00.000Z' })));
});

describe('planmeter report / import-sheet', () => {
  it('writes the 台账 .xlsx into a folder under a name with the plan and the date', async () => {
    const out = mkdtempSync(join(dir, 'out-'));
    const r = await planmeter('report', SEED, '--progress', snapshotPath, '--as-of', '2025-07-01', '--xlsx', out);
    expect(r.stderr).toBe('');
    const [name] = readdirSync(out);
    expect(name).toBe(`${plan.title}-措施台账-2025-07-01.xlsx`);
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(join(out, name!));
    expect(book.getWorksheet('措施台账')!.rowCount).toBe(plan.measures.length + 1);
  }, SLOW);

  it('writes the .docx and CSV, and English with --lang en', async () => {
    const docx = join(dir, 'r.docx');
    expect((await planmeter('report', SEED, '--progress', snapshotPath, '--as-of', '2025-07-01', '--docx', docx)).code).toBe(0);
    expect(readFileSync(docx).subarray(0, 2).toString()).toBe('PK');
    const csv = await planmeter('report', SEED, '--progress', snapshotPath, '--as-of', '2025-07-01', '--csv', '--lang', 'en');
    expect(csv.stdout.startsWith('\uFEFFNo.,Section,Measure,Lead unit')).toBe(true);
    expect(csv.stdout).toContain(',Done,');
  }, SLOW);

  it('refuses unclear requests with a plain reason', async () => {
    const both = await planmeter('report', SEED, '--progress', snapshotPath, '--xlsx', 'a.xlsx', '--csv');
    expect(both.code).toBe(2);
    expect(both.stderr).toContain('choose exactly one of --xlsx, --docx and --csv');
    const noProgress = await planmeter('report', SEED, '--csv');
    expect(noProgress.stderr).toContain('--progress S.json is needed');
    const notSheet = join(dir, 'x.pdf');
    writeFileSync(notSheet, 'x');
    const bad = await planmeter('import-sheet', snapshotPath, notSheet);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('expected an .xlsx or .csv file');
  }, SLOW);

  it('import-sheet --dry-run previews and leaves the snapshot alone; without it writes the accepted rows', async () => {
    const sheet = join(dir, 'sheet.csv');
    writeFileSync(sheet, '\uFEFF序号,完成度,进展日期\r\n1,75,2025-04-01\r\n2,100,2025-06-01\r\n3,30,2025-06-15\r\n99,10,2025-06-15\r\n4,abc,2025-06-15\r\n');
    const before = readFileSync(snapshotPath, 'utf8');
    const dry = await planmeter('import-sheet', snapshotPath, sheet, '--dry-run');
    expect(dry.code).toBe(0);
    expect(dry.stdout).toContain('新增 1 · 变更 1 · 未变 1 · 未匹配 1 · 格式错误 1');
    expect(dry.stdout).toMatch(/CSV!5\t未匹配\t99\t序号“99”在方案中没有对应的措施/u);
    expect(readFileSync(snapshotPath, 'utf8')).toBe(before);
    const wet = await planmeter('import-sheet', snapshotPath, sheet);
    expect(wet.stdout).toContain('已写入 2 条进展');
    const after = parseSnapshot(readFileSync(snapshotPath, 'utf8'));
    if (!after.ok) throw new Error('snapshot unreadable');
    expect(after.snapshot.entries).toHaveLength(3);
    const first = after.snapshot.entries.find((e) => e.id === 'a')!;
    expect(first).toMatchObject({ kind: 'status', percent: 75, date: '2025-04-01' });
  }, SLOW);
});
