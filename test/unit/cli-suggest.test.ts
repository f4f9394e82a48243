// `planmeter suggest PAGE --plans P… [--progress S.json] [--json]`, run as a user would.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runPlanmeter } from '../fixtures/cli.ts';

const SLOW = 120_000;

const planmeter = (...args: string[]) => runPlanmeter(args);

describe('planmeter suggest', () => {
  it('prints suggestions best first as JSON with the contract fields', { timeout: SLOW }, async () => {
    const r = await planmeter('suggest', 'test/suggest/docs/guangdong-2024-report.txt', '--plans', 'test/suggest/docs/guangdong-2024-plan.txt', '--as-of', '2026-01-01', '--json');
    expect(r.code).toBe(0);
    const list = JSON.parse(r.stdout) as Record<string, unknown>[];
    expect(list.length).toBe(4);
    for (const s of list) for (const key of ['targetId', 'targetQuote', 'planId', 'measureNumber', 'value', 'unit', 'quote', 'span', 'score', 'reasons']) expect(s, key).toHaveProperty(key);
    const scores = list.map((s) => s.score as number);
    expect([...scores].sort((a, b) => b - a)).toEqual(scores);
    expect(list.find((s) => s.targetQuote === '城鎮新增就業人數110萬人以上')).toMatchObject({ value: 1_430_000, unit: '人', quote: '城镇新增就业超143万人' });
  });

  it('prints a readable list, and takes --progress into account', { timeout: SLOW }, async () => {
    const text = await planmeter('suggest', 'seeds/002_92a4fd714a6d6f65.txt', '--plans', 'seeds/000_5c7a958c132072e2.txt', '--as-of', '2025-07-01');
    expect(text.code).toBe(0);
    expect(text.stdout).toMatch(/^no suggestions/u); // a 2021 report for a 2025 plan
    const dir = mkdtempSync(join(tmpdir(), 'pm-suggest-'));
    const page = join(dir, 'page.txt');
    writeFileSync(page, '光明区2025年上半年工作成效\n2025年，光明区已发放知识产权服务包200个。\n');
    const first = await planmeter('suggest', page, '--plans', 'seeds/000_5c7a958c132072e2.txt', '--as-of', '2025-07-01');
    expect(first.stdout).toMatch(/可作为《光明区2025年优化营商环境改革工作方案》第6项的进展: 200个 → 完成度 100%/u);
    const id = (JSON.parse((await planmeter('suggest', page, '--plans', 'seeds/000_5c7a958c132072e2.txt', '--as-of', '2025-07-01', '--json')).stdout) as { targetId: string }[])[0]!.targetId;
    const snap = join(dir, 's.json');
    const rec = await planmeter('record', snap, '--target', id, '--value', '200', '--date', '2025-06-30');
    expect(rec.code).toBe(0);
    const again = await planmeter('suggest', page, '--plans', 'seeds/000_5c7a958c132072e2.txt', '--progress', snap, '--as-of', '2025-07-01');
    expect(again.stdout).toMatch(/^no suggestions/u); // already recorded
  });

  it('says what is wrong with bad arguments', { timeout: SLOW }, async () => {
    const none = await planmeter('suggest', 'seeds/002_92a4fd714a6d6f65.txt');
    expect(none.code).not.toBe(0);
    expect(none.stderr).toMatch(/give the tracked plans with --plans/u);
    const notPlan = await planmeter('suggest', 'seeds/000_5c7a958c132072e2.txt', '--plans', 'seeds/002_92a4fd714a6d6f65.txt');
    expect(notPlan.stderr).toMatch(/not a plan — no numbered measures and no 主要预期目标 found/u);
    const badDate = await planmeter('suggest', 'seeds/002_92a4fd714a6d6f65.txt', '--plans', 'seeds/000_5c7a958c132072e2.txt', '--as-of', '2025-02-30');
    expect(badDate.stderr).toMatch(/as-of/u);
  });
});
