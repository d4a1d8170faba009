// `npm start` and `npm run dev` as a new user runs them: in a fresh clone, where Electron 45 has not downloaded its
// binary (it no longer does at install). The download goes through Electron's own installer to a test double of
// Electron's release server on 127.0.0.1, which serves a zip holding a test double of the Electron binary: an
// executable that records how it was launched. The clone is of the committed HEAD; its node_modules links to this
// checkout's, except the electron package, which is a copy so the installer writes into the clone only.
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  realpathSync,
  rmSync,
  statSync,
  symlinkSync,
} from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { crc32 } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const repo = fileURLToPath(new URL('../..', import.meta.url));
const work = mkdtempSync(join(tmpdir(), 'fd-npm-start-'));
const clone = join(work, 'clone');
const electronCopy = join(clone, 'node_modules', 'electron');
const record = join(work, 'electron-double-launch.json');
const version = (JSON.parse(readFileSync(join(repo, 'node_modules', 'electron', 'package.json'), 'utf8')) as { version: string }).version;
const zipName = `electron-v${version}-${process.platform}-${process.arch}.zip`;

/** Test double of the Electron binary (named as one): records its arguments, working directory and dev URL, exits 0. */
const electronDouble = `#!${process.execPath}
require('node:fs').writeFileSync(${JSON.stringify(record)}, JSON.stringify({
  argv: process.argv.slice(2), cwd: process.cwd(), rendererUrl: process.env.ELECTRON_RENDERER_URL,
}));
`;

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

function npm(args: string[], env: NodeJS.ProcessEnv): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn('npm', args, { cwd: clone, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (c: string) => (stdout += c));
    child.stderr.setEncoding('utf8').on('data', (c: string) => (stderr += c));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/** The user's environment less anything that points Electron's installer or electron-vite elsewhere. */
function userEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) if (!/electron/i.test(k)) env[k] = v;
  return { ...env, electron_config_cache: join(work, 'electron-cache'), ...extra };
}

/** Test double of Electron's release download server: serves `files` by path, 404 for the rest, logs each request. */
async function releaseServer(files: Record<string, Buffer>): Promise<{ url: string; requests: string[]; server: Server }> {
  const requests: string[] = [];
  const server = createServer((req, res) => {
    requests.push(req.url ?? '');
    const body = files[req.url ?? ''];
    if (body) res.writeHead(200, { 'content-length': body.length }).end(body);
    else res.writeHead(404).end();
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`, requests, server };
}

async function closedPort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  const { port } = s.address() as AddressInfo;
  await new Promise<void>((r) => s.close(() => r()));
  return port;
}

/**
 * A zip of stored (uncompressed) entries with Unix modes: enough of the format for the download double. Hand-written
 * because no zip library is a dependency of the project, and the stored case is a few fixed headers.
 */
function zip(entries: { name: string; data: Buffer; mode: number }[]): Buffer {
  const local: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const e of entries) {
    const name = Buffer.from(e.name);
    const crc = crc32(e.data);
    const head = Buffer.alloc(30);
    head.writeUInt32LE(0x04034b50, 0);
    head.writeUInt16LE(10, 4);
    head.writeUInt16LE(0x21, 12); // 1980-01-01
    head.writeUInt32LE(crc, 14);
    head.writeUInt32LE(e.data.length, 18);
    head.writeUInt32LE(e.data.length, 22);
    head.writeUInt16LE(name.length, 26);
    const dir = Buffer.alloc(46);
    dir.writeUInt32LE(0x02014b50, 0);
    dir.writeUInt16LE((3 << 8) | 20, 4); // made by Unix: the external attributes carry the mode
    dir.writeUInt16LE(10, 6);
    dir.writeUInt16LE(0x21, 14);
    dir.writeUInt32LE(crc, 16);
    dir.writeUInt32LE(e.data.length, 20);
    dir.writeUInt32LE(e.data.length, 24);
    dir.writeUInt16LE(name.length, 28);
    dir.writeUInt32LE(((0o100000 | e.mode) << 16) >>> 0, 38);
    dir.writeUInt32LE(offset, 42);
    local.push(head, name, e.data);
    central.push(dir, name);
    offset += head.length + name.length + e.data.length;
  }
  const size = central.reduce((n, b) => n + b.length, 0);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(size, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...local, ...central, end]);
}

beforeAll(async () => {
  await new Promise<void>((resolve, reject) => {
    const git = spawn('git', ['clone', '--quiet', repo, clone], { stdio: 'inherit' });
    git.on('error', reject);
    git.on('close', (code) => (code === 0 ? resolve() : reject(new Error(`git clone exited ${code}`))));
  });
  mkdirSync(join(clone, 'node_modules'));
  for (const name of readdirSync(join(repo, 'node_modules'))) {
    if (name !== 'electron') symlinkSync(join(repo, 'node_modules', name), join(clone, 'node_modules', name));
  }
  mkdirSync(electronCopy);
  const original = join(repo, 'node_modules', 'electron');
  for (const name of readdirSync(original)) {
    if (name === 'dist' || name === 'path.txt') continue; // as a fresh `npm install` leaves it
    if (statSync(join(original, name)).isDirectory()) symlinkSync(join(original, name), join(electronCopy, name));
    else copyFileSync(join(original, name), join(electronCopy, name));
  }
}, 120_000);

afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('npm start from a clean clone', () => {
  it('a download that cannot connect says why and how to fix it, without a stack trace', async () => {
    const port = await closedPort();
    const run = await npm(['start'], userEnv({ ELECTRON_MIRROR: `http://127.0.0.1:${port}/` }));

    expect(run.code).toBe(1);
    expect(run.stderr).toContain(`Electron ${version} (${process.platform}-${process.arch}) could not be downloaded`);
    expect(run.stderr).toContain(`127.0.0.1:${port} refused the connection`);
    expect(run.stderr).toContain('HTTPS_PROXY=');
    expect(run.stderr).toContain(`now set to http://127.0.0.1:${port}/ by ELECTRON_MIRROR`);
    expect(run.stderr).toContain(`Downloads are cached in ${join(work, 'electron-cache')}`);
    expect(run.stderr + run.stdout).not.toMatch(/^\s+at /m);
    expect(run.stderr).not.toContain('TypeError');
    expect(existsSync(join(clone, 'out'))).toBe(false);
    expect(existsSync(record)).toBe(false);
  }, 120_000);

  it('a mirror without the file is reported as a 404 for that address', async () => {
    const mirror = await releaseServer({});
    try {
      const run = await npm(['start'], userEnv({ ELECTRON_MIRROR: mirror.url, electron_use_remote_checksums: '1' }));
      expect(run.code).toBe(1);
      expect(run.stderr).toMatch(new RegExp(`${mirror.url}v${version}/\\S+ answered 404`));
      expect(run.stderr).toContain(`it must end with "/" and hold a folder v${version}/`);
      expect(run.stderr + run.stdout).not.toMatch(/^\s+at /m);
    } finally {
      mirror.server.close();
    }
  }, 120_000);

  it("installs Electron's binary with its installer, builds, and launches it on the app's main entry", async () => {
    const zipped = zip([
      { name: 'electron', data: Buffer.from(electronDouble), mode: 0o755 },
      { name: 'version', data: Buffer.from(`v${version}`), mode: 0o644 },
    ]);
    const sha = createHash('sha256').update(zipped).digest('hex');
    const mirror = await releaseServer({
      [`/v${version}/${zipName}`]: zipped,
      [`/v${version}/SHASUMS256.txt`]: Buffer.from(`${sha} *${zipName}\n`),
    });
    let run: Run;
    try {
      run = await npm(['start'], userEnv({ ELECTRON_MIRROR: mirror.url, electron_use_remote_checksums: '1' }));
    } finally {
      mirror.server.close();
    }
    expect(run.stderr).not.toContain('Electron uninstall');
    expect(run.code, run.stdout + run.stderr).toBe(0);
    expect(run.stdout).toContain(`Electron ${version} is not downloaded yet`);
    expect(mirror.requests.filter((p) => p === `/v${version}/${zipName}`)).toHaveLength(1);
    expect(readFileSync(join(electronCopy, 'path.txt'), 'utf8')).toBe(process.platform === 'linux' ? 'electron' : expect.any(String));

    const launch = JSON.parse(readFileSync(record, 'utf8')) as { argv: string[]; cwd: string };
    expect(realpathSync(launch.cwd)).toBe(realpathSync(clone));
    const appDir = join(launch.cwd, launch.argv[0] ?? '');
    const main = (JSON.parse(readFileSync(join(appDir, 'package.json'), 'utf8')) as { main: string }).main;
    expect(main).toBe('out/main/index.js');
    // Built by this run: a clone has no out/.
    for (const built of [main, 'out/preload/index.cjs', 'out/renderer/index.html']) expect(existsSync(join(appDir, built))).toBe(true);
  }, 300_000);

  it('a second start and npm run dev use the installed binary, with no download', async () => {
    rmSync(record, { force: true });
    rmSync(join(clone, 'out'), { recursive: true, force: true });
    // Nothing listens there: a download would fail the run.
    const offline = userEnv({ ELECTRON_MIRROR: `http://127.0.0.1:${await closedPort()}/` });

    const start = await npm(['start'], offline);
    expect(start.code, start.stdout + start.stderr).toBe(0);
    expect(start.stdout).not.toContain('not downloaded yet');
    expect(existsSync(join(clone, 'out', 'main', 'index.js'))).toBe(true);

    rmSync(record);
    const dev = await npm(['run', 'dev'], offline);
    expect(dev.code, dev.stdout + dev.stderr).toBe(0);
    const launch = JSON.parse(readFileSync(record, 'utf8')) as { argv: string[]; rendererUrl?: string };
    expect(launch.argv[0]).toBe('.');
    expect(launch.rendererUrl).toMatch(/^http:\/\/(localhost|127\.0\.0\.1):\d+\/?$/);
  }, 300_000);
});
