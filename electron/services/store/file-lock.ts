// A cross-process lock for a store file (the desktop app and the CLI write the same data directory). Hand-written
// because the holder is a local process: a lock file records its pid, so a lock whose owner died (SIGKILL, power
// cut) is stale at once, where proper-lockfile's time-based staleness would make the next write wait seconds.
// Held for a read-modify-write of a small file only (milliseconds), so waiting is a short synchronous back-off.
import { closeSync, linkSync, openSync, readFileSync, renameSync, unlinkSync, writeSync } from 'node:fs';
import { AppError } from '../../../shared/errors';

const WAIT_MS = 5_000;
/** A lock older than this is stale even if its pid looks alive (the pid was reused). */
const MAX_AGE_MS = 30_000;
const sleeper = new Int32Array(new SharedArrayBuffer(4));

export function withFileLock<T>(file: string, fn: () => T, waitMs = WAIT_MS): T {
  const lock = `${file}.lock`;
  const deadline = Date.now() + waitMs;
  for (let attempt = 0; ; attempt++) {
    if (tryAcquire(lock)) break;
    if (breakIfStale(lock)) continue;
    if (Date.now() > deadline)
      throw new AppError({
        code: 'conflict',
        message: `The data file ${file} is locked by another Flink Desk process`,
        hint: `If no other Flink Desk (app or CLI) is running, delete ${lock}`,
      });
    Atomics.wait(sleeper, 0, 0, Math.min(2 + attempt, 20));
  }
  try {
    return fn();
  } finally {
    try {
      unlinkSync(lock);
    } catch {
      /* already broken by someone who judged it stale */
    }
  }
}

function tryAcquire(lock: string): boolean {
  let fd: number;
  try {
    fd = openSync(lock, 'wx', 0o600);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw e;
  }
  try {
    writeSync(fd, JSON.stringify({ pid: process.pid, at: Date.now() }));
  } finally {
    closeSync(fd);
  }
  return true;
}

function readOwner(path: string): { pid: number; at: number } | undefined {
  try {
    const o = JSON.parse(readFileSync(path, 'utf8')) as { pid?: unknown; at?: unknown };
    return typeof o.pid === 'number' && typeof o.at === 'number' ? { pid: o.pid, at: o.at } : undefined;
  } catch {
    return undefined;
  }
}

function isStale(owner: { pid: number; at: number } | undefined): boolean {
  // No readable owner: a holder killed between create and write; or one that is mid-write this instant. Only the
  // first lasts, and MAX_AGE covers it without risking the second.
  if (!owner) return false;
  if (Date.now() - owner.at > MAX_AGE_MS) return true;
  if (owner.pid === process.pid) return false;
  try {
    process.kill(owner.pid, 0);
    return false;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'ESRCH';
  }
}

/** Moves a stale lock aside, then checks that what was moved is the stale one (not a lock taken meanwhile). */
function breakIfStale(lock: string): boolean {
  const owner = readOwner(lock);
  if (!isStale(owner)) {
    if (owner === undefined) return breakUnreadableIfOld(lock);
    return false;
  }
  const aside = `${lock}.stale-${process.pid}-${Date.now()}`;
  try {
    renameSync(lock, aside);
  } catch {
    return true; // someone else broke it first: try again
  }
  const moved = readOwner(aside);
  if (moved && owner && moved.pid !== owner.pid) {
    // We moved a live lock taken in between: put it back unless the place was taken again.
    try {
      linkSync(aside, lock);
    } catch {
      /* taken again: its holder goes on */
    }
  }
  try {
    unlinkSync(aside);
  } catch {
    /* gone */
  }
  return true;
}

const firstSeen = new Map<string, number>();
function breakUnreadableIfOld(lock: string): boolean {
  const seen = firstSeen.get(lock) ?? Date.now();
  firstSeen.set(lock, seen);
  if (Date.now() - seen < 1_000) return false;
  firstSeen.delete(lock);
  try {
    unlinkSync(lock);
  } catch {
    /* gone */
  }
  return true;
}
