// Starts the BUILT serve host (out/main/host.js) as a user would, with its own FLINK_DESK_HOME, and returns the
// tokenized URL it prints.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

export const repoDir = resolve(import.meta.dirname, '..', '..');

export interface ServeHost {
  url: string;
  origin: string;
  home: string;
  process: ChildProcess;
  stop(): Promise<void>;
}

export async function startServeHost(home = mkdtempSync(join(tmpdir(), 'fd-home-')), env: NodeJS.ProcessEnv = {}): Promise<ServeHost> {
  const entry = join(repoDir, 'out', 'main', 'host.js');
  if (!existsSync(entry)) throw new Error(`${entry} is missing: run "npm run build" before the e2e tests`);
  const child = spawn(process.execPath, [entry], {
    env: { ...process.env, ...env, FLINK_DESK_HOME: home },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const url = await new Promise<string>((res, rej) => {
    const timer = setTimeout(() => rej(new Error(`serve host printed no URL in 20 s:\n${output}`)), 20_000);
    const onData = (d: Buffer) => {
      output += d.toString();
      const m = /(http:\/\/127\.0\.0\.1:\d+\/\?token=[\w-]+)/.exec(output);
      if (m) {
        clearTimeout(timer);
        res(m[1]!);
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.once('exit', (code) => rej(new Error(`serve host exited with ${code}:\n${output}`)));
  });
  return {
    url,
    origin: new URL(url).origin,
    home,
    process: child,
    stop: () =>
      new Promise((r) => {
        if (child.exitCode !== null) return r();
        child.once('exit', () => r());
        child.kill('SIGTERM');
      }),
  };
}
