// Typed numbers, merge previews and per-entry diffs from the command line:
// `record --value` reads numbers as the extension's forms do and refuses what
// could be read two ways; `merge --dry-run --json` lists what a merge would
// change entry by entry; `diff --json` carries per-entry changes.
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseText } from '../../engine/parse/index.ts';
import { createSnapshot, parseSnapshot, serializeSnapshot } from '../../engine/snapshot/index.ts';
import type { ProgressEntry } from '../../engine/progress/schema.ts';
import type { Plan } from '../../engine/types.ts';
import { runPlanmeter } from '../fixtures/cli.ts';

const ROOT = join(import.meta.dirname, '..', '..');
const SEED = join(ROOT, 'seeds', '000_5c7a958c132072e2.txt');

const planmeter = (env: Record<string, string>, ...args: string[]) => runPlanmeter(args, { ...process.env, ...env });
const EN = { PLANMETER_LANG: 'en' };
const ZH = { PLANMETER_LANG: 'zh-CN' };
const SLOW = 180_000;

describe('planmeter record --value: numbers as people type them', () => {
  let dir: string;
  let plan: Plan;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'planmeter-entry-'));
    plan = parseText(readFileSync(SEED, 'utf8')).plans[0]!;
  });
  const target = () => plan.measures.find((m) => m.number === '6')!.targets[0]!; // ≥200 个

  it('refuses 0x10, 0b101 and 1,5 (issue 10 item 11) with what was wrong and an example, writing nothing', async () => {
    const snap = join(dir, 'loose.json');
    const hex = await planmeter(EN, 'record', snap, '--target', target().id, '--value', '0x10');
    expect(hex.code).toBe(2);
    expect(hex.stderr).toContain('--value must be a number: "0x10" is hexadecimal');
    const bin = await planmeter(ZH, 'record', snap, '--target', target().id, '--value', '0b101');
    // The whole message in the user's language, the flag's name aside.
    expect(bin.stderr).toBe('planmeter: --value：“0b101”是二进制写法，无法确定数值；请用十进制数字，例如 5\n');
    const comma = await planmeter(EN, 'record', snap, '--target', target().id, '--value', '1,5');
    expect(comma.stderr).toContain('e.g. 1,200');
    expect(existsSync(snap)).toBe(false);
  }, SLOW);

  it('stores full-width digits, 万 and a unit typed after the number in the target unit; refuses −5; asks about 1200 of 200', async () => {
    const snap = join(dir, 'typed.json');
    expect(target().unit).toBe('个');
    const fw = await planmeter(EN, 'record', snap, '--target', target().id, '--value', '１５０个', '--date', '2025-06-30');
    expect(fw.stderr).toBe('');
    expect(fw.stdout).toContain('150 of 200 个 (75%)');
    const neg = await planmeter(ZH, 'record', snap, '--target', target().id, '--value', '−5');
    expect(neg.code).toBe(2);
    expect(neg.stderr).toContain("planmeter: --value：该目标（单位“个”）不可能为负数");
    const big = await planmeter(EN, 'record', snap, '--target', target().id, '--value', '1,200');
    expect(big.code).toBe(2);
    expect(big.stderr).toContain('6× the target of 200');
    expect(big.stderr).toContain('--yes');
    const parsed = parseSnapshot(readFileSync(snap, 'utf8'));
    expect(parsed.ok && parsed.snapshot.entries.map((e) => (e.kind === 'value' ? e.value : null))).toEqual([150]);
    const yes = await planmeter(EN, 'record', snap, '--target', target().id, '--value', '1,200', '--yes');
    expect(yes.code).toBe(0);
    const after = parseSnapshot(readFileSync(snap, 'utf8'));
    expect(after.ok && after.snapshot.entries.map((e) => (e.kind === 'value' ? e.value : null)).sort()).toEqual([1200, 150]);
  }, SLOW);
});

describe('planmeter merge --dry-run --json and diff --json', () => {
  it("lists a colleague's deletion of my entry, writes nothing, and diff --json carries per-entry changes", async () => {
    const dir = mkdtempSync(join(tmpdir(), 'planmeter-preview-'));
    const plan = parseText(readFileSync(SEED, 'utf8')).plans[0]!;
    const m = plan.measures.find((x) => x.number === '6')!;
    const mine: ProgressEntry[] = [
      { id: 'e1', kind: 'value', planId: plan.id, measureId: m.id, targetId: m.targets[0]!.id, value: 100, date: '2025-05-31', updatedAt: '2025-06-01T08:00:00.000Z', author: '张三' },
      { id: 'e2', kind: 'value', planId: plan.id, measureId: m.id, targetId: m.targets[0]!.id, value: 160, date: '2025-06-30', updatedAt: '2025-07-01T08:00:00.000Z', author: '张三' },
    ];
    const theirs: ProgressEntry[] = [{ ...mine[0]!, value: 120, updatedAt: '2025-07-02T08:00:00.000Z', author: '李四' } as ProgressEntry, { ...mine[1]!, deleted: true, updatedAt: '2025-07-02T09:00:00.000Z', author: '李四' }];
    const a = join(dir, 'mine.json');
    const b = join(dir, 'theirs.json');
    writeFileSync(a, serializeSnapshot(createSnapshot({ plans: [plan], entries: mine, asOf: '2025-07-01', appVersion: '0.1.0', createdAt: '2025-07-01T08:00:00.000Z' })));
    writeFileSync(b, serializeSnapshot(createSnapshot({ plans: [plan], entries: theirs, asOf: '2025-07-02', appVersion: '0.1.0', createdAt: '2025-07-02T09:00:00.000Z' })));
    const before = readFileSync(a, 'utf8');

    const dry = await planmeter(EN, 'merge', a, b, '--dry-run', '--json', '--author', '张三');
    expect(dry.code).toBe(0);
    const out = JSON.parse(dry.stdout) as { items: { id: string; kind: string; mine: boolean; before: ProgressEntry; after: ProgressEntry; later: string }[]; counts: Record<string, number> };
    expect(out.counts).toMatchObject({ changed: 1, deleted: 1, mineDeleted: 1, new: 0 });
    const del = out.items.find((i) => i.id === 'e2')!;
    expect(del).toMatchObject({ kind: 'deleted', mine: true, later: 'incoming', after: { author: '李四', deleted: true } });
    expect(out.items.find((i) => i.id === 'e1')).toMatchObject({ kind: 'changed', before: { value: 100 }, after: { value: 120 } });
    expect(readFileSync(a, 'utf8')).toBe(before);

    const text = await planmeter(EN, 'merge', a, b, '--dry-run', '--author', '张三');
    expect(text.stdout).toContain('1 deleted (1 of them written locally)');
    expect(text.stdout).toMatch(/deleted e2 .*160 deleted by 李四 at 2025-07-02T09:00:00.000Z — an entry written locally/u);
    expect((await planmeter(EN, 'merge', a, b, '--dry-run', '-o', join(dir, 'x.json'))).code).toBe(2);

    const diff = await planmeter(EN, 'diff', a, b, '--json');
    const d = JSON.parse(diff.stdout) as { entries: { changed: unknown[]; changes: { id: string; kind: string; by: string; later: string }[] } };
    expect(d.entries.changed).toHaveLength(2); // the old key stays
    expect(d.entries.changes.map((c) => [c.id, c.kind, c.by, c.later])).toEqual([['e1', 'changed', '李四', 'after'], ['e2', 'deleted', '李四', 'after']]);
    const diffText = await planmeter(EN, 'diff', a, b);
    expect(diffText.stdout).toContain('e1 2025-05-31 100 → 120');
  }, SLOW);
});
