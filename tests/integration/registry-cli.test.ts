// The built CLI against the bench's engine and registry: set with --password-stdin, show --json without the
// password, verify --json exit 0 when login, push and pull pass (1 when the password is wrong, with step progress on
// stderr in text mode). The password is in no output and no file of FLINK_DESK_HOME.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { useBench } from '../fixtures/use-bench.ts';
import { dockerCli, dockerEnv, type DockerBench } from '../fixtures/docker/part.ts';
import { repoDir } from '../helpers/serve-host';
import { allFilesText } from './registry-helpers';

let bench: DockerBench;
let home: string;
const outputs: string[] = [];
const bin = join(repoDir, 'electron', 'cli', 'flink-desk.mjs');

function cli(args: string[], input?: string, extraEnv: NodeJS.ProcessEnv = {}) {
  const r = spawnSync(process.execPath, [bin, 'registry', ...args], {
    env: { ...process.env, FLINK_DESK_HOME: home, DOCKER_HOST: bench.dockerHost, ...extraEnv },
    encoding: 'utf8',
    ...(input !== undefined ? { input } : {}),
  });
  outputs.push(r.stdout, r.stderr);
  return r;
}

beforeAll(async () => {
  bench = await useBench<DockerBench>('docker');
  home = mkdtempSync(join(tmpdir(), 'fd-registry-cli-'));
});
afterAll(() => rmSync(home, { recursive: true, force: true }));

describe('flink-desk registry (built CLI, real engine and registry)', () => {
  it('set --password-stdin, then show --json says hasPassword and has no password', () => {
    const set = cli(
      ['set', '--address', bench.registry, '--namespace', 'streamx', '--username', bench.username, '--password-stdin'],
      `${bench.password}\n`,
    );
    expect(set.status, set.stderr).toBe(0);
    const show = cli(['show', '--json']);
    expect(show.status).toBe(0);
    const view = JSON.parse(show.stdout) as Record<string, unknown>;
    expect(view).toMatchObject({ address: bench.registry, namespace: 'streamx', username: bench.username, hasPassword: true });
    expect(Object.keys(view)).not.toContain('password');
  });

  it('verify --json exits 0 with all four steps passed', () => {
    const r = cli(['verify', '--json']);
    expect(r.status, r.stdout + r.stderr).toBe(0);
    const out = JSON.parse(r.stdout) as { passed: boolean; steps: { id: string; status: string }[] };
    expect(out.passed).toBe(true);
    expect(out.steps.map((s) => [s.id, s.status])).toEqual([
      ['login', 'succeeded'],
      ['push', 'succeeded'],
      ['pull', 'succeeded'],
      ['cleanup', 'succeeded'],
    ]);
  });

  it('verify (text) with a wrong password exits 1, prints the steps on stderr, push never tried', () => {
    expect(cli(['set', '--password-stdin'], 'definitely-wrong').status).toBe(0);
    const r = cli(['verify']);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain(`✗ Log in: The registry ${bench.registry} refused the user name or password for ${bench.username}`);
    expect(r.stderr).toContain('hint: Check the user name and password');
    expect(r.stderr).toContain('- Push a probe image: Not tried: the login step failed');
    expect(r.stderr).not.toContain('Pushing');
    expect(r.stdout).toContain('Verification failed');
  });

  it('import-docker-config takes the credentials of a real `docker login`, and verify then passes', () => {
    const dockerConfig = mkdtempSync(join(tmpdir(), 'fd-docker-config-'));
    const login = spawnSync(dockerCli(), ['login', '--username', bench.username, '--password-stdin', bench.registry], {
      env: dockerEnv(bench.dockerHost, dockerConfig),
      input: bench.password,
      encoding: 'utf8',
    });
    expect(login.status, login.stderr).toBe(0);
    const imported = cli(['import-docker-config'], undefined, { DOCKER_CONFIG: dockerConfig });
    expect(imported.status, imported.stderr).toBe(0);
    expect(imported.stdout).toContain(`Imported the credentials for ${bench.registry} from ${join(dockerConfig, 'config.json')} (auths)`);
    const r = cli(['verify', '--json']);
    expect(r.status, r.stdout).toBe(0);
    rmSync(dockerConfig, { recursive: true, force: true });
  });

  it('the password is in no CLI output and no file under FLINK_DESK_HOME', () => {
    const b64 = Buffer.from(bench.password).toString('base64');
    for (const text of [...outputs, allFilesText(home)]) {
      expect(text).not.toContain(bench.password);
      expect(text).not.toContain(b64);
    }
  });
});
