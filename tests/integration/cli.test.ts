// The built CLI, run as a user runs it after `npm ci && npm run build`.
import { describe, expect, it } from 'vitest';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defaultSettings } from '../../shared/settings';
import { repoDir } from '../helpers/serve-host';

const bin = join(repoDir, 'electron', 'cli', 'flink-desk.mjs');
const fresh = () => ({ ...process.env, FLINK_DESK_HOME: mkdtempSync(join(tmpdir(), 'fd-cli-')) });

describe('flink-desk (built)', () => {
  it('settings get --json on a fresh FLINK_DESK_HOME prints the seed defaults', () => {
    const out = execFileSync(process.execPath, [bin, 'settings', 'get', '--json'], { env: fresh(), encoding: 'utf8' });
    const settings = JSON.parse(out) as Record<string, unknown>;
    expect(settings).toEqual(defaultSettings);
    expect(settings).toMatchObject({
      'docker.register.image-namespace': 'streamx',
      'flink-k8s.tracking.polling-task-timeout-sec.job-status': 120,
      'flink-k8s.tracking.polling-task-timeout-sec.cluster-metric': 120,
      'flink-k8s.tracking.polling-interval-sec.job-status': 5,
      'flink-k8s.tracking.polling-interval-sec.cluster-metric': 10,
      'flink-k8s.tracking.silent-state-keep-sec': 60,
    });
  });

  it('settings set persists, and a bad value exits 2 naming the rule', () => {
    const env = fresh();
    execFileSync(process.execPath, [bin, 'settings', 'set', 'flink-k8s.tracking.silent-state-keep-sec', '90'], { env });
    expect(
      execFileSync(process.execPath, [bin, 'settings', 'get', 'flink-k8s.tracking.silent-state-keep-sec'], {
        env,
        encoding: 'utf8',
      }).trim(),
    ).toBe('90');
    const bad = spawnSync(process.execPath, [bin, 'settings', 'set', 'flink-k8s.tracking.silent-state-keep-sec', '0'], {
      env,
      encoding: 'utf8',
    });
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain('from 1 to 86400');
  });

  it('is also reachable through npx', () => {
    const out = execFileSync('npx', ['--no-install', 'flink-desk', 'settings', 'get', '--json'], {
      env: fresh(),
      encoding: 'utf8',
      cwd: repoDir,
    });
    expect(JSON.parse(out)).toEqual(defaultSettings);
  });
});
