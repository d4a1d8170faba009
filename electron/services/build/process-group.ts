// A child process in a process group of its own (detached), its output line by line, and a cancel that stops the
// whole tree at once: Maven forks (surefire, compilers, mvnw's java) would outlive a kill of the first process
// only. SIGTERM to the group, SIGKILL to whatever is left after a short grace; the promise settles only when the
// group is gone, so "cancelled" means nothing of it still runs. Argument arrays only, never a shell.
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';

export interface RunOptions {
  cwd: string;
  env: NodeJS.ProcessEnv;
  signal: AbortSignal;
  onLine(line: string, stream: 'out' | 'err'): void;
  onStart?(pid: number): void;
  /** Grace between SIGTERM and SIGKILL. */
  killAfterMs?: number;
}

export interface RunResult {
  code: number | null;
  /** The group was stopped because the signal aborted. */
  aborted: boolean;
}

export class SpawnError extends Error {
  constructor(
    readonly command: string,
    readonly code: string,
  ) {
    super(`${command}: ${code}`);
  }
}

// eslint-disable-next-line no-control-regex -- the escape character is what an ANSI colour code starts with
const ANSI = /\u001b\[[0-9;?]*[A-Za-z]/g;

function groupAlive(pid: number): boolean {
  try {
    process.kill(-pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function killGroup(pid: number, sig: NodeJS.Signals): void {
  try {
    if (process.platform === 'win32') {
      // No process groups on Windows: taskkill walks the tree.
      spawn('taskkill', ['/pid', String(pid), '/T', '/F'], { stdio: 'ignore', windowsHide: true });
    } else process.kill(-pid, sig);
  } catch {
    /* already gone */
  }
}

/** SIGKILL is not instant: the members are gone once the kernel has reaped them (bounded wait). */
async function untilGone(pid: number, maxMs = 5_000): Promise<void> {
  const until = Date.now() + maxMs;
  while (groupAlive(pid) && Date.now() < until) await new Promise((r) => setTimeout(r, 20));
}

export function runGroup(command: string, args: string[], o: RunOptions): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    if (o.signal.aborted) return resolve({ code: null, aborted: true });
    const child = spawn(command, args, {
      cwd: o.cwd,
      env: o.env,
      detached: process.platform !== 'win32',
      stdio: ['ignore', 'pipe', 'pipe'],
      windowsHide: true,
    });
    let aborted = false;
    let killTimer: NodeJS.Timeout | undefined;
    const pid = child.pid;
    const onAbort = () => {
      if (!pid) return;
      aborted = true;
      killGroup(pid, 'SIGTERM');
      killTimer = setTimeout(() => killGroup(pid, 'SIGKILL'), o.killAfterMs ?? 3_000);
    };
    const lines = (stream: NodeJS.ReadableStream, which: 'out' | 'err') =>
      createInterface({ input: stream, crlfDelay: Infinity }).on('line', (l) => o.onLine(l.replace(ANSI, ''), which));
    lines(child.stdout, 'out');
    lines(child.stderr, 'err');
    child.on('error', (e: NodeJS.ErrnoException) => {
      o.signal.removeEventListener('abort', onAbort);
      reject(new SpawnError(command, e.code ?? e.message));
    });
    child.on('close', (code) => {
      o.signal.removeEventListener('abort', onAbort);
      if (killTimer) clearTimeout(killTimer);
      // The leader is gone; what it started may not be (a fork that ignored SIGTERM, or a normal exit that left a
      // daemon behind after a cancel): none of it may outlive a cancel.
      if (aborted && pid && process.platform !== 'win32' && groupAlive(pid)) {
        killGroup(pid, 'SIGKILL');
        void untilGone(pid).then(() => resolve({ code, aborted }));
      } else resolve({ code, aborted });
    });
    if (pid) o.onStart?.(pid);
    o.signal.addEventListener('abort', onAbort, { once: true });
  });
}

export { groupAlive };
