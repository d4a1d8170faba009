// The stores under real process death and real contention: a writer SIGKILLed 100 times at random moments never
// leaves a corrupt file and loses at most the write in flight; two processes writing the same file at once (the
// app and the CLI) never lose each other's writes. The writer is bundled once with esbuild so each of the hundred
// starts costs milliseconds, not a TypeScript loader's second.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { build } from 'esbuild';
import { beforeAll, describe, expect, it } from 'vitest';
import { openStores } from '../../electron/services/store/stores';

let writer = '';

beforeAll(async () => {
  writer = join(mkdtempSync(join(tmpdir(), 'fd-writer-')), 'store-writer.cjs');
  await build({
    entryPoints: ['tests/helpers/children/store-writer.ts'],
    bundle: true,
    platform: 'node',
    format: 'cjs',
    outfile: writer,
    logLevel: 'error',
  });
});

/** Starts a writer; `acked()` is the last value it printed (its write had returned). */
function startWriter(dir: string, who: string, count = 1_000_000) {
  const child: ChildProcess = spawn(process.execPath, [writer, dir, who, String(count)], { stdio: ['ignore', 'pipe', 'pipe'] });
  let acked = 0;
  let stderr = '';
  const listeners: (() => void)[] = [];
  child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
  createInterface({ input: child.stdout! }).on('line', (line) => {
    if (line !== 'ready') acked = Number(line);
    for (const l of listeners.splice(0)) l();
  });
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return {
    child,
    exited,
    acked: () => acked,
    stderr: () => stderr,
    /** Resolves once it has acknowledged at least n writes. */
    until: (n: number) =>
      new Promise<void>((resolve, reject) => {
        const check = () => (acked >= n ? resolve() : listeners.push(check));
        void exited.then(() => (acked >= n ? resolve() : reject(new Error(`writer exited after ${acked} writes: ${stderr}`))));
        check();
      }),
  };
}

describe('stores under SIGKILL and contention', () => {
  it('a writer killed 100 times mid-write never leaves a corrupt file and loses at most the write in flight', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'fd-crash-'));
    const expected = new Map<string, number>();
    for (let round = 1; round <= 100; round++) {
      const who = `r${round}`;
      const w = startWriter(dir, who);
      // A random number of acknowledged writes, then the kill lands wherever the next write happens to be.
      await w.until(1 + Math.floor(Math.random() * 15));
      w.child.kill('SIGKILL');
      await w.exited;
      const acked = w.acked();

      const stores = openStores(dir);
      const jobs = stores.jobs.read().jobs as { who: string; n: number }[];
      expect(stores.warnings(), `round ${round}: no corrupt file`).toEqual([]);
      const mine = jobs.filter((j) => j.who === who).map((j) => j.n);
      expect([acked, acked + 1], `round ${round}: acked ${acked}, stored ${mine.length}`).toContain(mine.length);
      expect(mine, `round ${round}: every write, in order`).toEqual(mine.map((_, i) => i + 1));
      expected.set(who, mine.length);
      // Every earlier round's writes are still there.
      for (const [w2, n] of expected) expect(jobs.filter((j) => j.who === w2).length, `round ${round}: ${w2} kept`).toBe(n);
      const history = stores.history.recent({ subject: who }, 1_000);
      expect([acked, acked + 1]).toContain(history.length);
    }
  }, 300_000);

  it('two processes writing the same store at once lose none of each other’s writes', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'fd-race-'));
    const a = startWriter(dir, 'a', 200);
    const b = startWriter(dir, 'b', 200);
    expect(await a.exited, a.stderr()).toBe(0);
    expect(await b.exited, b.stderr()).toBe(0);
    const stores = openStores(dir);
    const jobs = stores.jobs.read().jobs as { who: string; n: number }[];
    // Without the lock and the re-read, one process's read-modify-write overwrites the other's entry.
    expect(jobs.filter((j) => j.who === 'a').map((j) => j.n)).toEqual(Array.from({ length: 200 }, (_, i) => i + 1));
    expect(jobs.filter((j) => j.who === 'b').map((j) => j.n)).toEqual(Array.from({ length: 200 }, (_, i) => i + 1));
    const lines = readFileSync(stores.history.path, 'utf8').trim().split('\n');
    expect(lines).toHaveLength(400);
    expect(stores.warnings()).toEqual([]);
  }, 120_000);
});
