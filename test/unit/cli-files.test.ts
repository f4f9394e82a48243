// How the CLI writes snapshot files: parallel writers all land (a lock), a
// stale lock is taken over, symlinks, modes and hard links are kept, and
// temporary files a killed writer left behind are cleaned up.
import { execFile, spawnSync } from 'node:child_process';
import { chmodSync, existsSync, linkSync, lstatSync, mkdtempSync, readFileSync, readdirSync, statSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { withFileLock, writeFileAtomic, STALE_LOCK_MS } from '../../engine/cli/files.ts';
import { CliError } from '../../engine/cli/errors.ts';
import { parseText } from '../../engine/parse/index.ts';
import { parseSnapshot } from '../../engine/snapshot/index.ts';
import type { Plan } from '../../engine/types.ts';

const ROOT = join(import.meta.dirname, '..', '..');
const SEED = join(ROOT, 'seeds', '000_5c7a958c132072e2.txt');
const run = promisify(execFile);
const SLOW = 180_000;

async function planmeter(env: Record<string, string>, ...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, ['--import', 'tsx', 'engine/cli/main.ts', ...args], { cwd: ROOT, env: { ...process.env, ...env }, maxBuffer: 64 * 1024 * 1024 });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

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

  it('record refuses a date after tomorrow, naming the flag, and writes nothing', async () => {
    const snap = join(tmp(), 'p.json');
    const target = plan.measures.flatMap((m) => m.targets)[0]!;
    const r = await planmeter({}, 'record', snap, '--target', target.id, '--value', '5', '--date', '2999-12-31');
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^planmeter: --date: date 2999-12-31 is in the future \(today is \d{4}-\d{2}-\d{2}\); progress can only be reported for a day that has come/u);
    expect(existsSync(snap)).toBe(false);
  }, SLOW);
});
