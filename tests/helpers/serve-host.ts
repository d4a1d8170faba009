// Starts the BUILT serve host (out/main/host.js) as a user would, and returns the tokenized URL it prints. Hermetic:
// the process gets its own HOME (so ~/.kube/config and ~/.docker/config.json are empty temp places), its own
// FLINK_DESK_HOME, no KUBECONFIG, no Docker engine or config and no session bus (the OS keychain) of the developer's
// — a test that needs one passes it in `env`.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

export const repoDir = resolve(import.meta.dirname, '..', '..');

export interface ServeHost {
  url: string;
  origin: string;
  /** FLINK_DESK_HOME. */
  home: string;
  /** The process's HOME. */
  userHome: string;
  process: ChildProcess;
  stop(): Promise<void>;
}

/** What would let the developer's own files, engine or keychain reach a test. */
const PERSONAL = [
  'HOME',
  'USERPROFILE',
  'KUBECONFIG',
  'FLINK_DESK_HOME',
  'DOCKER_HOST',
  'DOCKER_CONFIG',
  'DOCKER_CONTEXT',
  'DOCKER_CERT_PATH',
  'DOCKER_TLS_VERIFY',
  'XDG_CONFIG_HOME',
  'XDG_DATA_HOME',
  'XDG_STATE_HOME',
  'XDG_CACHE_HOME',
  'XDG_RUNTIME_DIR',
  'DBUS_SESSION_BUS_ADDRESS',
];

export function hermeticEnv(home: string, userHome: string, env: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  const base = Object.fromEntries(Object.entries(process.env).filter(([k]) => !PERSONAL.includes(k)));
  return { ...base, HOME: userHome, KUBECONFIG: '', ...env, FLINK_DESK_HOME: home };
}

export async function startServeHost(home = mkdtempSync(join(tmpdir(), 'fd-home-')), env: NodeJS.ProcessEnv = {}): Promise<ServeHost> {
  const entry = join(repoDir, 'out', 'main', 'host.js');
  if (!existsSync(entry)) throw new Error(`${entry} is missing: run "npm run build" before the e2e tests`);
  const userHome = env.HOME ?? mkdtempSync(join(tmpdir(), 'fd-user-home-'));
  mkdirSync(userHome, { recursive: true });
  const child = spawn(process.execPath, [entry], {
    env: hermeticEnv(home, userHome, env),
    cwd: userHome,
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
    userHome,
    process: child,
    stop: () =>
      new Promise((r) => {
        if (child.exitCode !== null) return r();
        child.once('exit', () => r());
        child.kill('SIGTERM');
      }),
  };
}
