// Bench parts of a test's own: started under a state directory of their own (not the shared one that
// `npm run fixtures` and the other tests use), so a test may stop, kill and start again their processes — an API
// server taken down for a while, a TaskManager killed and started again — without disturbing anyone. The parts are
// the bench's real ones (tests/fixtures/parts.ts); only their state directory differs. `down()` stops them all.
import { spawn } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, readFileSync, readlinkSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { PartOptions } from '../fixtures/part.ts';
import { loadPart } from '../fixtures/parts.ts';
import { benchContext, readSaved, removeSaved, savedKeys, writeSaved } from '../fixtures/state.ts';

interface Saved<T> {
  part: string;
  options: PartOptions;
  output: T;
}

export interface OwnBench {
  stateDir: string;
  /** Starts a part here and returns its whole output, its `_private` bookkeeping (pids, dirs) included. */
  up<T extends object>(part: string, options?: PartOptions): Promise<T>;
  /** Changes what `down()` will stop (a process started again has a new pid). */
  update<T extends object>(key: string, change: (output: T) => T): void;
  /** Stops every part started here and removes the state directory. */
  down(): Promise<void>;
}

export function ownBench(tag: string): OwnBench {
  const shared = benchContext();
  const ctx = {
    ...shared,
    stateDir: mkdtempSync(join(tmpdir(), `fd-own-bench-${tag}-`)),
    log: (line: string) => shared.log(`(own ${tag}) ${line}`),
  };
  return {
    stateDir: ctx.stateDir,
    async up<T extends object>(name: string, options: PartOptions = {}) {
      const part = await loadPart(name);
      const output = (await part.up(options, ctx)) as T;
      writeSaved(ctx, part.key(options), { part: name, options, output } satisfies Saved<T>);
      return output;
    },
    update<T extends object>(key: string, change: (output: T) => T) {
      const saved = readSaved<Saved<T>>(ctx, key);
      if (!saved) throw new Error(`own bench ${tag}: no part ${key} was started here`);
      writeSaved(ctx, key, { ...saved, output: change(saved.output) });
    },
    async down() {
      for (const key of savedKeys(ctx)) {
        const saved = readSaved<Saved<object>>(ctx, key);
        if (!saved) continue;
        await (await loadPart(saved.part)).down(saved.output, ctx).catch((e: unknown) => ctx.log(`${key}: ${String(e)}`));
        removeSaved(ctx, key);
      }
      rmSync(ctx.stateDir, { recursive: true, force: true });
    },
  };
}

/** How a running process was started, read from /proc, so that it can be started again the same way. */
export interface ProcessRecipe {
  argv: string[];
  cwd: string;
  env: NodeJS.ProcessEnv;
  /** Where its stdout went (a log file the part opened for it), if a file. */
  log?: string;
}

export function recipeOf(pid: number): ProcessRecipe {
  const nulSplit = (file: string) => readFileSync(file, 'utf8').split('\0').filter(Boolean);
  const env: NodeJS.ProcessEnv = {};
  for (const kv of nulSplit(`/proc/${pid}/environ`)) {
    const at = kv.indexOf('=');
    if (at > 0) env[kv.slice(0, at)] = kv.slice(at + 1);
  }
  let log: string | undefined;
  try {
    const out = readlinkSync(`/proc/${pid}/fd/1`);
    if (out.startsWith('/')) log = out;
  } catch {
    /* no stdout */
  }
  return { argv: nulSplit(`/proc/${pid}/cmdline`), cwd: readlinkSync(`/proc/${pid}/cwd`), env, ...(log ? { log } : {}) };
}

/** Starts a process again from its recipe (detached, its own process group, output appended to its log); its pid. */
export function respawn(recipe: ProcessRecipe): number {
  const fd = recipe.log ? openSync(recipe.log, 'a') : 'ignore';
  const [bin, ...args] = recipe.argv;
  const child = spawn(bin!, args, { cwd: recipe.cwd, env: recipe.env, detached: true, stdio: ['ignore', fd, fd] });
  if (typeof fd === 'number') closeSync(fd);
  child.on('error', () => undefined);
  child.unref();
  if (!child.pid) throw new Error(`could not start ${bin} again`);
  return child.pid;
}

/** Is `pid` a live process (a zombie counts as gone)? */
export function alive(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const state = stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3);
    return state !== 'Z' && state !== 'X';
  } catch {
    return false;
  }
}

/** Sends `signal` to the process and resolves when it is gone (bounded: rejects after `timeoutMs`). */
export async function kill(pid: number, signal: NodeJS.Signals, timeoutMs = 20_000): Promise<void> {
  try {
    process.kill(pid, signal);
  } catch {
    return;
  }
  const deadline = Date.now() + timeoutMs;
  while (alive(pid)) {
    if (Date.now() > deadline) throw new Error(`process ${pid} still runs ${timeoutMs / 1000} s after ${signal}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
