// The CLI's errors about files, JSON, snapshots, locks, limits and the command
// line, in Chinese when the locale is zh (LANG=zh_CN.UTF-8), each naming the
// file or field; English (LANG=C) exactly as before.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CliError } from '../../engine/cli/errors.ts';
import { withFileLock, writeSnapshotFile } from '../../engine/cli/files.ts';
import { MESSAGES } from '../../engine/cli/messages.ts';
import type { Snapshot } from '../../engine/snapshot/index.ts';
import { runPlanmeter, type CliRun } from '../fixtures/cli.ts';

const SLOW = 120_000;
const dir = mkdtempSync(join(tmpdir(), 'planmeter-zh-'));

/** Runs the CLI with only LANG deciding the language. */
function planmeter(lang: string, ...args: string[]): Promise<CliRun> {
  const env: NodeJS.ProcessEnv = { ...process.env, LANG: lang };
  delete env.PLANMETER_LANG;
  delete env.LC_ALL;
  delete env.LC_MESSAGES;
  return runPlanmeter(args, env);
}

const ZH = 'zh_CN.UTF-8';
const missing = join(dir, 'nope.json');
const broken = join(dir, 'broken.json');
writeFileSync(broken, '{"format": "planmeter-snapshot",\n "version": 1,,}');
const foreign = join(dir, 'foreign.json');
writeFileSync(foreign, JSON.stringify({ format: 'nope', version: 99 }));
const planJson = join(dir, 'plan.json');
writeFileSync(planJson, JSON.stringify({ plans: [{ id: 7 }] }));

describe('the message catalog', () => {
  it('has every message in both languages; the Chinese fills every placeholder the English does', () => {
    const ids = Object.keys(MESSAGES);
    expect(ids.length).toBeGreaterThan(20);
    for (const [id, text] of Object.entries(MESSAGES)) {
      const en: string = text.en;
      const zh: string = text['zh-CN'];
      expect(en.trim(), id).not.toBe('');
      expect(zh.trim(), id).not.toBe('');
      expect(zh, `${id} is not translated`).toMatch(/[\u4e00-\u9fff]/u);
      const names = (s: string) => [...new Set(s.match(/\{\w+\}/gu) ?? [])].sort();
      for (const name of names(en)) expect(zh, `${id} lacks ${name}`).toContain(name);
    }
  });
});

describe('CLI errors in Chinese (LANG=zh_CN.UTF-8)', () => {
  it('a missing snapshot file, a malformed one (with the JSON position), one of another format (by field)', { timeout: SLOW }, async () => {
    const [gone, bad, other] = await Promise.all([planmeter(ZH, 'diff', missing, missing), planmeter(ZH, 'diff', broken, broken), planmeter(ZH, 'diff', foreign, foreign)]);
    expect(gone.code).toBe(2);
    expect(gone.stderr).toBe(`planmeter: ${missing}：文件不存在；请检查文件名和所在文件夹\n`);
    expect(bad.stderr).toContain(`planmeter: ${broken}：不是可用的快照文件：\n  (file)：JSON 格式错误：`);
    expect(bad.stderr).toMatch(/position \d+/u);
    expect(other.stderr).toContain(`${foreign}：不是可用的快照文件：`);
    expect(other.stderr).toContain('  format：不是 PlanMeter 快照：format 为 "nope"，应为 "planmeter.snapshot"');
    expect(other.stderr).toMatch(/ {2}plans：缺少该字段或类型不对：应为 array（.*）/u);
    expect(other.stderr).toContain('  version：版本 99 比本 PlanMeter 能读取的版本（1）新；请更新 PlanMeter');
  });

  it('a malformed plan JSON names the file and the field; unknown commands and options are named', { timeout: SLOW }, async () => {
    const [plan, command, option] = await Promise.all([planmeter(ZH, 'score', planJson), planmeter(ZH, 'frobnicate'), planmeter(ZH, 'diff', missing, missing, '--colour')]);
    expect(plan.stderr).toMatch(new RegExp(`^planmeter: ${planJson.replace(/[.*+?^${}()|[\]\\]/gu, '\\$&')}：规划 JSON 有误：plans\\[0\\]\\.\\S+`, 'u'));
    expect(plan.stderr).toContain('请给出 "planmeter parse PAGE --json" 的输出');
    expect(command.code).toBe(2);
    expect(command.stderr).toMatch(/^planmeter: 未知命令 "frobnicate"\n\nusage: planmeter/u);
    expect(option.stderr).toBe('planmeter: 未知选项 --colour；请查看该命令的用法\n');
  });

  it('English is unchanged under LANG=C', { timeout: SLOW }, async () => {
    const [gone, bad, option] = await Promise.all([planmeter('C', 'diff', missing, missing), planmeter('C', 'diff', broken, broken), planmeter('C', 'diff', missing, missing, '--colour')]);
    expect(gone.stderr).toBe(`planmeter: ${missing}: no such file; check the name and folder\n`);
    expect(bad.stderr).toMatch(new RegExp(`^planmeter: .*broken\\.json: not a usable snapshot:\n  \\(file\\): not valid JSON: .*position \\d+`, 'u'));
    expect(option.stderr).toBe('planmeter: unknown option --colour\n');
  });
});

describe('lock and size-limit errors in Chinese', () => {
  it('a lock held by a live process names the file, the holder and the lock file', async () => {
    const file = join(dir, 'held.json');
    writeFileSync(`${file}.lock`, JSON.stringify({ pid: process.pid, host: hostname(), at: Date.now() }));
    const error = await withFileLock(file, async () => undefined, { waitMs: 50 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CliError);
    expect((error as CliError).message).toMatch(/held\.json: process \d+ on .* is writing this file \(lock .*held\.json\.lock\); try again/u);
    expect((error as CliError).say('zh-CN')).toMatch(new RegExp(`held\\.json：进程 ${process.pid}（主机 .*）正在写入这个文件（锁文件 .*held\\.json\\.lock）；请等它完成后再试`, 'u'));
  });

  it('a snapshot over the entry limit is refused with the split command for that file', async () => {
    const file = join(dir, 'big.json');
    const snapshot = { entries: { length: 200_001 } } as unknown as Snapshot;
    const error = (await writeSnapshotFile(file, snapshot).catch((e: unknown) => e)) as CliError;
    expect(error.message).toBe(`${file}: the file would hold 200001 entries, more than the 200000 any PlanMeter reads back; nothing was written; move older entries to another file with "planmeter split ${file} --before YYYY-MM-DD" (or export fewer plans per file)`);
    expect(error.say('zh-CN')).toBe(`${file}：快照超出上限：文件将有 200001 条记录，超过 PlanMeter 能读回的 200000 条；未写入任何内容；请用 "planmeter split ${file} --before YYYY-MM-DD" 把较早的记录移到另一个文件（或每个文件导出较少的规划）`);
  });
});
