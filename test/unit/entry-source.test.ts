// Evidence on every entry: an optional source (URL, title, quote, 文号) and a
// 填报人, validated on the way in, carried through snapshots, merges and CSV.
import { describe, expect, it } from 'vitest';
import { ProgressEntry } from '../../engine/progress/schema.ts';
import { createSnapshot, mergeSnapshots, parseSnapshot, serializeSnapshot, snapshotToCsv } from '../../engine/snapshot/index.ts';
import { EntrySchema } from '../../lib/messages.ts';
import * as zm from 'zod/mini';
import { makePlan, valueEntry } from './fixtures/plan.ts';
import { readCsv } from '../fixtures/csv.ts';

const plan = makePlan({ title: '光明区2025年优化营商环境改革工作方案', measures: [{ title: '打造知识产权保护服务样板', targets: [{ value: 200, label: '知识产权服务包' }] }] });
const target = plan.measures[0]!.targets[0]!;
const source = { url: 'https://www.szgm.gov.cn/xxgk/2025/report.html', title: '光明区2025年上半年工作成效', quote: '已发放知识产权服务包200个', docNumber: '深光府办〔2025〕3号' };
const entry = valueEntry(plan, target.id, 200, '2025-06-30', { source, reporter: '王五' });

describe('entry evidence', () => {
  it('accepts a full source and a reporter, and keeps them', () => {
    const parsed = ProgressEntry.parse(entry);
    expect(parsed.source).toEqual(source);
    expect(parsed.reporter).toBe('王五');
    expect(zm.safeParse(EntrySchema, entry).success).toBe(true);
  });

  it('refuses non-http(s) URLs, in both the engine and the message schema', () => {
    for (const url of ['javascript:alert(1)', 'data:text/html,<b>x</b>', 'file:///etc/passwd', 'ftp://x.gov.cn/a', 'www.gov.cn/a', 'https://', 'http:// x']) {
      const bad = { ...entry, source: { ...source, url } };
      const r = ProgressEntry.safeParse(bad);
      expect(r.success, url).toBe(false);
      if (!r.success) expect(r.error.issues[0]!.message).toMatch(/http:\/\/ or https:\/\//u);
      expect(zm.safeParse(EntrySchema, bad).success, url).toBe(false);
    }
    expect(ProgressEntry.safeParse({ ...entry, source: { ...source, url: 'HTTP://WWW.GOV.CN/a?b=1#c' } }).success).toBe(true);
  });

  it('bounds every field and refuses an empty source', () => {
    const long = (n: number) => '字'.repeat(n);
    expect(ProgressEntry.safeParse({ ...entry, source: { ...source, quote: long(2001) } }).success).toBe(false);
    expect(ProgressEntry.safeParse({ ...entry, source: { ...source, title: long(1001) } }).success).toBe(false);
    expect(ProgressEntry.safeParse({ ...entry, source: { ...source, docNumber: long(201) } }).success).toBe(false);
    expect(ProgressEntry.safeParse({ ...entry, source: { ...source, url: `https://a.gov.cn/${'a'.repeat(2000)}` } }).success).toBe(false);
    expect(ProgressEntry.safeParse({ ...entry, reporter: long(201) }).success).toBe(false);
    const empty = ProgressEntry.safeParse({ ...entry, source: {} });
    expect(empty.success).toBe(false);
    if (!empty.success) expect(empty.error.issues[0]!.message).toMatch(/文号/u);
    expect(zm.safeParse(EntrySchema, { ...entry, reporter: long(201) }).success).toBe(false);
  });

  it('survives export → import → export, and a merge', () => {
    const snap = createSnapshot({ plans: [plan], entries: [entry], asOf: '2025-07-01', appVersion: '0.1.0', createdAt: '2025-07-01T08:00:00Z' });
    const text = serializeSnapshot(snap);
    const back = parseSnapshot(text);
    expect(back.ok).toBe(true);
    if (!back.ok) return;
    expect(back.snapshot.entries[0]!.source).toEqual(source);
    expect(back.snapshot.entries[0]!.reporter).toBe('王五');
    expect(serializeSnapshot(back.snapshot)).toBe(text);
    const other = createSnapshot({ plans: [plan], entries: [{ ...entry, updatedAt: '2025-06-01T00:00:00.000Z', source: undefined }], asOf: '2025-07-01', appVersion: '0.1.0', createdAt: '2025-06-01T08:00:00Z' });
    const merged = mergeSnapshots([other, back.snapshot]).snapshot;
    expect(merged.entries[0]!.source).toEqual(source);
  });

  it('CSV shows the source and the reporter in their own columns, formula-safe', () => {
    const evil = valueEntry(plan, target.id, 100, '2025-05-30', { source: { title: '=HYPERLINK("x")', quote: '@SUM(1)' }, reporter: '+王' });
    const snap = createSnapshot({ plans: [plan], entries: [entry, evil], asOf: '2025-07-01', appVersion: '0.1.0', createdAt: '2025-07-01T08:00:00Z' });
    const rows = readCsv(snapshotToCsv(snap, [plan]).replace(/^\uFEFF/u, ''));
    const header = rows[0]!;
    const col = (name: string) => header.indexOf(name);
    for (const name of ['来源链接', '来源标题', '来源引文', '文号', '填报人(来源)']) expect(col(name), name).toBeGreaterThan(0);
    const row = rows.find((r) => r[col('来源链接')] === source.url)!;
    expect(row[col('来源引文')]).toBe(source.quote);
    expect(row[col('文号')]).toBe(source.docNumber);
    expect(row[col('填报人(来源)')]).toBe('王五');
    const evilRow = rows.find((r) => r[col('填报值')] === '100')!;
    expect(evilRow[col('来源标题')]).toBe(`'=HYPERLINK("x")`);
    expect(evilRow[col('来源引文')]).toBe(`'@SUM(1)`);
    expect(evilRow[col('填报人(来源)')]).toBe(`'+王`);
  });
});
