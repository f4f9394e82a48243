// How the CLI writes the files staff keep their numbers in.
//
// Three guarantees, each with its test in test/unit/cli-files.test.ts:
//
// 1. **No acknowledged write is lost** (`withFileLock`). `record` is a
//    read-modify-write: two processes that both read the file, add an entry
//    and write back would keep only the last writer's entry, though both
//    printed "recorded". Every command that changes a snapshot therefore holds
//    an exclusive lock file (`FILE.lock`, created with O_CREAT|O_EXCL, which
//    is atomic on every local file system) from *before it reads* the file
//    until after the new file is in place. We chose a lock over
//    append-and-compact because the snapshot stays one plain, canonical JSON
//    file that a colleague can open, diff and merge; and over re-read-and-merge
//    without a lock because two writers could still both re-read before either
//    renamed. A lock left behind by a process that was killed is recognised
//    (its pid is no longer running on this host, or it is older than
//    STALE_LOCK_MS) and taken over; a live lock is waited for, then refused
//    with the holder's pid and what to do.
// 2. **A crash leaves the old file or the new one** (`writeFileAtomic`): the
//    text goes to a temporary file beside the real file, is flushed, then
//    renamed over it.
// 3. **The write lands in the file the user means, as it was**: a symlink is
//    followed (the shared file gets the entry, the link stays a link), the
//    file's mode is kept (a 600 file stays 600), and a file with several hard
//    links is rewritten in place (after a flushed backup copy), so every link
//    sees the new content.
import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import { chmod, link, lstat, open, readFile, readdir, realpath, rename, stat, unlink } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { serializeSnapshot, snapshotWriteProblem, type Snapshot } from '../snapshot/index.ts';
import { CliError } from './errors.ts';
import type { CliMessage } from './messages.ts';

/** A lock older than this is stale whatever its pid says (a pid may be reused). */
export const STALE_LOCK_MS = 10 * 60_000;
/** How long a writer waits for another before giving up. */
export const LOCK_WAIT_MS = 120_000;
/** Temporary files older than this, left by a killed writer, are removed on the next write. */
export const STALE_TEMP_MS = 60 * 60_000;
/** An unreadable lock file (damaged by something else) is stale after this. */
export const UNREADABLE_LOCK_MS = 5_000;

interface LockInfo {
  pid: number;
  host: string;
  at: number;
}

function errno(error: unknown): string | undefined {
  return (error as NodeJS.ErrnoException | undefined)?.code;
}

/** The real file a path names: symlinks followed; a missing file's directory resolved. */
export async function realTarget(path: string): Promise<string> {
  try {
    return await realpath(path);
  } catch (error) {
    if (errno(error) !== 'ENOENT') throw error;
    // A dangling symlink: write where it points.
    try {
      const info = await lstat(path);
      if (info.isSymbolicLink()) {
        const { readlink } = await import('node:fs/promises');
        return resolve(dirname(path), await readlink(path));
      }
    } catch {
      // not a link either: a new file
    }
    try {
      return join(await realpath(dirname(path)), basename(path));
    } catch (dirError) {
      if (errno(dirError) === 'ENOENT') throw CliError.of('write.noFolder', { path, folder: dirname(path) });
      throw dirError;
    }
  }
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return errno(error) === 'EPERM'; // exists, owned by someone else
  }
}

function isStale(info: LockInfo | null, now: number, mtimeMs: number): boolean {
  // Locks are linked into place whole, so an unreadable one was damaged by
  // something else: it is stale once it has not changed for a while.
  if (!info) return now - mtimeMs > UNREADABLE_LOCK_MS;
  if (now - info.at > STALE_LOCK_MS) return true;
  return info.host === hostname() && !processAlive(info.pid);
}

async function readLock(lockPath: string): Promise<{ info: LockInfo | null; text: string; mtimeMs: number } | null> {
  let text: string;
  let mtimeMs: number;
  try {
    text = await readFile(lockPath, 'utf8');
    mtimeMs = (await stat(lockPath)).mtimeMs;
  } catch (error) {
    if (errno(error) === 'ENOENT') return null;
    throw error;
  }
  try {
    const info = JSON.parse(text) as LockInfo;
    return { info: typeof info.pid === 'number' && typeof info.at === 'number' ? info : null, text, mtimeMs };
  } catch {
    return { info: null, text, mtimeMs };
  }
}

/**
 * Takes a stale lock away. It is renamed aside first and checked to be the
 * very lock judged stale: if another process replaced it meanwhile, it is put
 * back (link() refuses to overwrite, so a third writer's lock is never lost).
 */
async function breakStaleLock(lockPath: string, judged: string): Promise<void> {
  const aside = `${lockPath}.stale.${process.pid}.${randomBytes(4).toString('hex')}`;
  try {
    await rename(lockPath, aside);
  } catch (error) {
    if (errno(error) === 'ENOENT') return;
    throw error;
  }
  const text = await readFile(aside, 'utf8').catch(() => judged);
  if (text !== judged) await link(aside, lockPath).catch(() => undefined);
  await unlink(aside).catch(() => undefined);
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Runs `fn` while holding `FILE.lock` (FILE's real path). `fn` must read the
 * file itself, inside the lock: what it read before is stale.
 */
export async function withFileLock<T>(path: string, fn: () => Promise<T>, options: { waitMs?: number } = {}): Promise<T> {
  const target = await realTarget(path);
  const lockPath = `${target}.lock`;
  const deadline = Date.now() + (options.waitMs ?? LOCK_WAIT_MS);
  const mine: LockInfo = { pid: process.pid, host: hostname(), at: Date.now() };
  let pause = 5;
  for (;;) {
    // The lock's content is written to a private file first and then linked
    // into place: link() fails atomically when the lock exists, and a reader
    // never sees a lock whose holder has not yet written its pid.
    const draft = `${lockPath}.${process.pid}.${randomBytes(4).toString('hex')}.draft`;
    try {
      await writeFlushed(draft, JSON.stringify(mine), 'wx', 0o600);
      await link(draft, lockPath);
      break;
    } catch (error) {
      const code = errno(error);
      if (code === 'ENOENT') throw CliError.of('write.noFolder', { path, folder: dirname(path) });
      if (code === 'EACCES' || code === 'EROFS' || code === 'EPERM') throw CliError.of('lock.cannotCreate', { path, lock: lockPath, reason: code, folder: dirname(target) });
      if (code !== 'EEXIST') throw error;
    } finally {
      await unlink(draft).catch(() => undefined);
    }
    const held = await readLock(lockPath);
    if (held && isStale(held.info, Date.now(), held.mtimeMs)) {
      await breakStaleLock(lockPath, held.text);
      continue;
    }
    if (Date.now() > deadline) {
      if (!held?.info) throw CliError.of('lock.heldUnknown', { path, lock: lockPath });
      throw CliError.of('lock.held', { path, lock: lockPath, pid: held.info.pid, host: held.info.host, since: new Date(held.info.at).toISOString() });
    }
    await sleep(pause + Math.random() * pause);
    pause = Math.min(pause * 2, 100);
  }
  try {
    return await fn();
  } finally {
    await unlink(lockPath).catch(() => undefined);
  }
}

/** Removes temporary files a killed writer left beside `target` (ours are `.NAME.PID.HEX.tmp`). */
async function removeStaleTemps(target: string, now = Date.now()): Promise<void> {
  const dir = dirname(target);
  const prefix = `.${basename(target)}.`;
  let names: string[];
  try {
    names = await readdir(dir);
  } catch {
    return;
  }
  for (const name of names) {
    if (!name.startsWith(prefix) || !/\.\d+\.[0-9a-f]{8}\.tmp$/u.test(name)) continue;
    const pid = Number(/\.(\d+)\.[0-9a-f]{8}\.tmp$/u.exec(name)![1]);
    const full = join(dir, name);
    const info = await stat(full).catch(() => null);
    if (!info) continue;
    if (pid !== process.pid && (!processAlive(pid) || now - info.mtimeMs > STALE_TEMP_MS)) await unlink(full).catch(() => undefined);
  }
}

async function writeFlushed(path: string, text: string | Uint8Array, flags: string, mode?: number): Promise<void> {
  const handle = await open(path, flags, mode);
  try {
    if (flags.startsWith('r+')) await handle.truncate(0);
    await handle.writeFile(text, 'utf8');
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/**
 * Writes a file so that a crash never leaves half of it, through symlinks,
 * keeping the file's mode, and keeping hard links linked (see the top of this file).
 */
export async function writeFileAtomic(path: string, text: string | Uint8Array): Promise<void> {
  let target: string;
  try {
    target = await realTarget(path);
  } catch (error) {
    if (error instanceof CliError) throw error;
    throw CliError.of('write.failed', { path, reason: errno(error) ?? (error as Error).message, hint: '' });
  }
  const temp = join(dirname(target), `.${basename(target)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  try {
    await removeStaleTemps(target);
    const old = await stat(target).catch((error: unknown) => {
      if (errno(error) === 'ENOENT') return null;
      throw error;
    });
    const mode = old ? old.mode & 0o7777 : undefined;
    if (old && old.nlink > 1) {
      // Renaming would cut this name off from the file's other links. Keep a
      // flushed copy of the old content, rewrite the file in place, then drop
      // the copy: a crash leaves either the new file or the copy to restore.
      await writeFlushed(temp, await readFile(target), 'wx', mode);
      await writeFlushed(target, text, 'r+');
      await unlink(temp);
      return;
    }
    await writeFlushed(temp, text, 'wx');
    if (mode !== undefined) await chmod(temp, mode); // open() applies the umask; the file keeps its own mode
    await rename(temp, target);
  } catch (error) {
    await unlink(temp).catch(() => undefined);
    const code = errno(error);
    const hint: CliMessage | '' = code === 'ENOSPC' ? { id: 'write.hintDiskFull' } : code === 'EACCES' || code === 'EPERM' ? { id: 'write.hintPermission', params: { folder: dirname(target) } } : '';
    throw CliError.of('write.failed', { path, reason: code ?? (error instanceof Error ? error.message : 'unknown error'), hint });
  }
}

/** Writes a snapshot, refusing one that no PlanMeter could read back (over the size or entry limits). */
export async function writeSnapshotFile(path: string, snapshot: Snapshot): Promise<void> {
  // The entry count first: a file over it is refused without serialising it.
  let problem = snapshotWriteProblem(snapshot, '');
  let text = '';
  if (!problem) {
    text = serializeSnapshot(snapshot);
    problem = snapshotWriteProblem(snapshot, text);
  }
  if (problem) {
    // The way out names this file (the engine's text says FILE).
    const wayOut: CliMessage = { id: 'snapshot.wayOut', params: { path } };
    const text = problem.text ? { id: problem.text.id as CliMessage['id'], params: { ...problem.text.params, wayOut } } : problem.message.replace(/FILE/u, path);
    throw CliError.of('snapshot.notWritten', { path, problem: text });
  }
  await writeFileAtomic(path, text);
}
