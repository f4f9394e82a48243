// How the CLI writes snapshot files: parallel writers all land (a lock), a
// stale lock is taken over, symlinks, modes and hard links are kept, and
// temporary files a killed writer left behind are cleaned up.
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, linkSync, lstatSync, mkdtempSync, readFileSync, readdirSync, statSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { withFileLock, writeFileAtomic, STALE_LOCK_MS } from '../../engine/cli/files.ts';
import { CliError } from '../../engine/cli/errors.ts';
import { parseText } from '../../engine/parse/index.ts';
import { parseSnapshot } from '../../engine/snapshot/index.ts';
import type { Plan } from '../../engine/types.ts';
import { runPlanmeter } from '../fixtures/cli.ts';

const ROOT = join(import.meta.dirname, '..', '..');
const SEED = join(ROOT, 'seeds', '000_5c7a958c132072e2.txt');
const SLOW = 180_000;

const planmeter = (env: Record<string, string>, ...args: string[]) => runPlanmeter(args, { ...process.env, ...env });

/** A pid that is certainly not running: a child that has exited. */
function deadPid(): number {
  const child = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))']);
  return Number(child.stdout.toString());
}

const tmp = () => mkdtempSync(join(tmpdir(), 'planmeter-files-'));
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('withFileLock', () => {
  it('serialises read-modify-write: ten overlapping writers keep all ten additions', async () => {
    const file = join(tmp(), 'counter.json');
    writeFileSync(file, '[]');
    await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        withFileLock(file, async () => {
          const list = JSON.parse(readFileSync(file, 'utf8')) as number[];
          await sleep(20); // every writer would have read the same old list
          await writeFileAtomic(file, JSON.stringify([...list, i]));
        }),
      ),
    );
    expect((JSON.parse(readFileSync(file, 'utf8')) as number[]).sort((a, b) => a - b)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(existsSync(`${file}.lock`)).toBe(false);
  });

  it('takes over a lock whose process is gone, and one older than the stale age', async () => {
    const dir = tmp();
    const file = join(dir, 's.json');
    writeFileSync(`${file}.lock`, JSON.stringify({ pid: deadPid(), host: hostname(), at: Date.now() }));
    expect(await withFileLock(file, async () => 'ran', { waitMs: 2_000 })).toBe('ran');
    // A live pid (this very process), but the lock is older than the stale age.
    writeFileSync(`${file}.lock`, JSON.stringify({ pid: process.pid, host: hostname(), at: Date.now() - STALE_LOCK_MS - 1_000 }));
    expect(await withFileLock(file, async () => 'again', { waitMs: 2_000 })).toBe('again');
    // A damaged (empty) lock file: waited for while fresh, taken over once old.
    writeFileSync(`${file}.lock`, '');
    expect(await withFileLock(file, async () => 'early', { waitMs: 100 }).catch((e: Error) => e.message)).toContain('is writing this file');
    utimesSync(`${file}.lock`, new Date(Date.now() - 60_000), new Date(Date.now() - 60_000));
    expect(await withFileLock(file, async () => 'third', { waitMs: 2_000 })).toBe('third');
    expect(readdirSync(dir)).toEqual([]);
  });

  it('waits for a live lock, then refuses naming the holder and what to do', async () => {
    const file = join(tmp(), 's.json');
    writeFileSync(`${file}.lock`, JSON.stringify({ pid: process.pid, host: hostname(), at: Date.now() }));
    let ran = false;
    const error = await withFileLock(file, async () => void (ran = true), { waitMs: 150 }).catch((e: unknown) => e);
    expect(ran).toBe(false);
    expect(error).toBeInstanceOf(CliError);
    expect((error as Error).message).toContain(`process ${process.pid}`);
    expect((error as Error).message).toContain('delete the lock file if no planmeter is running');
  });

  it('names a missing folder instead of ENOENT', async () => {
    const error = await withFileLock(join(tmp(), 'no-such-folder', 's.json'), async () => 1).catch((e: unknown) => e);
    expect((error as Error).message).toMatch(/the folder .*no-such-folder does not exist; create it first/u);
  });
});

describe('writeFileAtomic keeps what the file is', () => {
  it('writes through a symlink: the link stays a link and the shared file gets the text', async () => {
    const dir = tmp();
    const shared = join(dir, 'shared.json');
    const link = join(dir, 'mine.json');
    writeFileSync(shared, 'old');
    symlinkSync(shared, link);
    await writeFileAtomic(link, 'new');
    expect(lstatSync(link).isSymbolicLink()).toBe(true);
    expect(readFileSync(shared, 'utf8')).toBe('new');
  });

  it('keeps a mode 600 file at 600', async () => {
    const file = join(tmp(), 'private.json');
    writeFileSync(file, 'old');
    chmodSync(file, 0o600);
    await writeFileAtomic(file, 'new');
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(readFileSync(file, 'utf8')).toBe('new');
  });

  it('keeps hard links linked: every name sees the new text', async () => {
    const dir = tmp();
    const a = join(dir, 'a.json');
    const b = join(dir, 'b.json');
    writeFileSync(a, 'old');
    linkSync(a, b);
    await writeFileAtomic(a, 'new');
    expect(readFileSync(b, 'utf8')).toBe('new');
    expect(statSync(a).ino).toBe(statSync(b).ino);
    expect(readdirSync(dir).sort()).toEqual(['a.json', 'b.json']);
  });

  it('removes temporary files a killed writer left behind, and no others', async () => {
    const dir = tmp();
    const file = join(dir, 's.json');
    const dead = join(dir, `.s.json.${deadPid()}.0badf00d.tmp`);
    const old = join(dir, `.s.json.${process.pid + 1}.0badf00e.tmp`);
    const unrelated = join(dir, '.other.json.1.0badf00d.tmp');
    for (const f of [dead, old, unrelated]) writeFileSync(f, 'half');
    utimesSync(old, new Date(Date.now() - 2 * 3600_000), new Date(Date.now() - 2 * 3600_000));
    await writeFileAtomic(file, 'new');
    expect(readdirSync(dir).sort()).toEqual(['.other.json.1.0badf00d.tmp', 's.json']);
  });
});

describe('planmeter record in parallel', () => {
  let plan: Plan;
  beforeAll(() => {
    plan = parseText(readFileSync(SEED, 'utf8')).plans[0]!;
  });

  it('ten record processes on one snapshot at once: every "recorded" entry is in the file', async () => {
    const snap = join(tmp(), 'progress.json');
    const target = plan.measures.flatMap((m) => m.targets)[0]!;
    // Each run waits 300 ms between reading the file and writing it: without
    // the lock, runs that overlap would each write back their own list.
    const env = { PLANMETER_TEST_WRITE_DELAY_MS: '300' };
    const results = await Promise.all(Array.from({ length: 10 }, (_, i) => planmeter(env, 'record', snap, '--target', target.id, '--value', String(i + 1), '--date', '2025-06-30', '--yes')));
    for (const r of results) expect(r.stderr).toBe('');
    expect(results.map((r) => r.code)).toEqual(Array(10).fill(0));
    const acknowledged = results.map((r) => /recorded (entry_\S+)/u.exec(r.stdout)?.[1]);
    const parsed = parseSnapshot(readFileSync(snap, 'utf8'));
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    expect(parsed.snapshot.entries.map((e) => e.id).sort()).toEqual([...acknowledged].sort());
    expect(parsed.snapshot.entries.map((e) => (e.kind === 'value' ? e.value : 0)).sort((a, b) => a - b)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(readdirSync(join(snap, '..')).sort()).toEqual(['progress.json']);
  }, SLOW);
});

describe('planmeter split and future dates', () => {
  let plan: Plan;
  beforeAll(() => {
    plan = parseText(readFileSync(SEED, 'utf8')).plans[0]!;
  });

  it('split moves entries dated before a day to another file; both files read back', async () => {
    const dir = tmp();
    const snap = join(dir, 'progress.json');
    const m = plan.measures[0]!;
    const entries = ['2025-03-01', '2025-05-31', '2025-06-01', '2025-07-01'].map((date, i) => ({ id: `e${i}`, planId: plan.id, measureId: m.id, kind: 'status' as const, percent: 10 * (i + 1), date, updatedAt: `${date}T00:00:00.000Z` }));
    const { createSnapshot, serializeSnapshot } = await import('../../engine/snapshot/index.ts');
    writeFileSync(snap, serializeSnapshot(createSnapshot({ plans: [plan], entries, asOf: '2025-09-01', appVersion: '0.1.0', createdAt: '2025-09-01T00:00:00.000Z' })));
    const r = await planmeter({}, 'split', snap, '--before', '2025-06-01');
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const archive = join(dir, 'progress.before-2025-06-01.json');
    expect(r.stdout).toContain(`2 entries dated before 2025-06-01 moved to ${archive}; 2 kept`);
    const kept = parseSnapshot(readFileSync(snap, 'utf8'));
    const moved = parseSnapshot(readFileSync(archive, 'utf8'));
    expect(kept.ok && kept.snapshot.entries.map((e) => e.id)).toEqual(['e2', 'e3']);
    expect(moved.ok && moved.snapshot.entries.map((e) => e.id)).toEqual(['e0', 'e1']);
    // Splitting again into the same archive is refused rather than overwriting it.
    expect((await planmeter({}, 'split', snap, '--before', '2025-06-01')).stderr).toMatch(/already exists; give another file with -o/u);
  }, SLOW);

  it('split rescues a file past the entry limit (one nothing else reads), and refuses a split that leaves a file past it', async () => {
    const { createSnapshot, serializeSnapshot, MAX_SNAPSHOT_ENTRIES } = await import('../../engine/snapshot/index.ts');
    const dir = tmp();
    const snap = join(dir, 'big.json');
    const m = plan.measures[0]!;
    const n = MAX_SNAPSHOT_ENTRIES + 2;
    // Half dated 2024, half 2025; an older version could write such a file.
    const entries = Array.from({ length: n }, (_, i) => ({ id: `e${String(i).padStart(6, '0')}`, planId: plan.id, measureId: m.id, kind: 'status' as const, percent: i % 100, date: i % 2 ? '2025-01-02' : '2024-01-02', updatedAt: '2025-02-01T00:00:00.000Z' }));
    const text = serializeSnapshot({ ...createSnapshot({ plans: [plan], entries: [], asOf: '2025-09-01', appVersion: '0.1.0', createdAt: '2025-09-01T00:00:00.000Z' }), entries });
    writeFileSync(snap, text);
    expect(parseSnapshot(text)).toMatchObject({ ok: false, problems: [{ path: 'entries', message: expect.stringMatching(/^too many entries: 200002, at most 200000/u) }] });
    // Every entry dated on or after the --before day stays: the file would still be too large.
    const refused = await planmeter({}, 'split', snap, '--before', '2024-01-01');
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/big\.json: the file would hold 200002 entries, more than the 200000 .*nothing was written.*pick an earlier --before date/u);
    expect(readFileSync(snap, 'utf8')).toBe(text);
    expect(readdirSync(dir).sort()).toEqual(['big.json']);
    // Split at 2025: both halves are readable again, and together hold every entry.
    const r = await planmeter({}, 'split', snap, '--before', '2025-01-01', '-o', join(dir, 'old.json'));
    expect(r.stderr).toBe('');
    expect(r.stdout).toContain(`${n / 2} entries dated before 2025-01-01 moved to ${join(dir, 'old.json')}; ${n / 2} kept`);
    const kept = parseSnapshot(readFileSync(snap, 'utf8'));
    const moved = parseSnapshot(readFileSync(join(dir, 'old.json'), 'utf8'));
    expect(kept.ok && moved.ok).toBe(true);
    if (!kept.ok || !moved.ok) return;
    expect([...moved.snapshot.entries, ...kept.snapshot.entries].map((e) => e.id).sort()).toEqual(entries.map((e) => e.id));
  }, SLOW);

  it('record refuses a date after tomorrow, naming the flag, and writes nothing', async () => {
    const snap = join(tmp(), 'p.json');
    const target = plan.measures.flatMap((m) => m.targets)[0]!;
    const r = await planmeter({}, 'record', snap, '--target', target.id, '--value', '5', '--date', '2999-12-31');
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^planmeter: --date: date 2999-12-31 is in the future \(today is \d{4}-\d{2}-\d{2}\); progress can only be reported for a day that has come/u);
    expect(existsSync(snap)).toBe(false);
    // In the user's language, as record's other messages are.
    const zh = await planmeter({ PLANMETER_LANG: 'zh-CN' }, 'record', snap, '--target', target.id, '--value', '5', '--date', '2999-12-31');
    expect(zh.code).toBe(2);
    expect(zh.stderr).toMatch(/^planmeter: --date：2999-12-31 是未来的日期（今天是 \d{4}-\d{2}-\d{2}）：只能填报已到日期的进度；请填写数值属实的那一天/u);
    expect(existsSync(snap)).toBe(false);
  }, SLOW);

  it('merge refuses a snapshot carrying progress dated after tomorrow, naming file and entry, and writes nothing', async () => {
    const { createSnapshot, serializeSnapshot } = await import('../../engine/snapshot/index.ts');
    const dir = tmp();
    const m = plan.measures[0]!;
    const entry = (id: string, date: string, deleted = false) => ({ id, planId: plan.id, measureId: m.id, kind: 'status' as const, percent: 40, date, updatedAt: '2025-08-01T00:00:00.000Z', ...(deleted ? { deleted } : {}) });
    const write = (name: string, entries: ReturnType<typeof entry>[]) => {
      const file = join(dir, name);
      writeFileSync(file, serializeSnapshot(createSnapshot({ plans: [plan], entries, asOf: '2025-09-01', appVersion: '0.1.0', createdAt: '2025-09-01T00:00:00.000Z' })));
      return file;
    };
    const mine = write('mine.json', [entry('a', '2025-06-01')]);
    const before = readFileSync(mine, 'utf8');
    // A colleague's file: one real entry, one dated 2999, and a deletion dated 2999 (a tombstone carries no reading).
    const theirs = write('theirs.json', [entry('b', '2025-07-01'), entry('c', '2999-12-31'), entry('d', '2999-01-01', true)]);
    const r = await planmeter({ PLANMETER_LANG: 'en' }, 'merge', mine, theirs, '-o', mine);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(`planmeter: merge refused, nothing written: 1 entry is dated after tomorrow:\n  ${theirs}: entries[1] (c): date 2999-12-31 is in the future (today is ${new Date().toISOString().slice(0, 10)}); progress can only be reported for a day that has come\ncorrect the dates in those files (or ask whoever recorded them), then merge again\n`);
    expect(readFileSync(mine, 'utf8')).toBe(before);
    const zh = await planmeter({ PLANMETER_LANG: 'zh-CN' }, 'merge', mine, theirs, '--dry-run');
    expect(zh.stderr).toMatch(/^planmeter: 未合并，未写入任何文件：1 条进度的日期在明天之后：\n.*theirs\.json: entries\[1\] \(c\): 2999-12-31 是未来的日期/u);
    // Without it the merge goes through.
    const ok = write('fixed.json', [entry('b', '2025-07-01'), entry('d', '2999-01-01', true)]);
    const merged = await planmeter({}, 'merge', mine, ok, '-o', join(dir, 'out.json'));
    expect(merged.code).toBe(0);
    expect(merged.stdout).toContain('3 entries');
  }, SLOW);
});
