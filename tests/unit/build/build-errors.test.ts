// The build errors a user can act on, each with its hint: the registry's answers at the base image and at the push
// (not found naming the registry asked, unauthorized pointing at Verify or at docker login, denied, no room), the
// engine's texts (disk full, unauthorized, base not found, bad reference), the local disk full, and Maven not found
// (a real spawn of a command that is not there). Maven's own failures are in maven-output.test.ts, jar choice in
// jar-and-layers.test.ts, references part by part in image-inputs.test.ts.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { engineFailure, localFailure, registryFailure, type StageContext } from '../../../electron/services/build/build-errors';
import { runMaven } from '../../../electron/services/build/maven-runner';
import type { OperationContext } from '../../../electron/services/operations/operation-registry';
import { checkJobDocument } from '../../../shared/jobs/spec';

const push: StageContext = {
  host: 'reg.example.com',
  reference: 'reg.example.com/streamx/orders:abc',
  username: 'ci',
  namespace: 'streamx',
};
const baseOf = (more: Partial<StageContext> = {}): StageContext => ({
  host: 'other.example.com',
  reference: 'other.example.com/library/flink:1.20',
  ...more,
});

describe('registry answers during a build', () => {
  it('base image not found: names the image and the registry asked', () => {
    const e = registryFailure('base', { status: 404, said: 'MANIFEST_UNKNOWN: manifest unknown' }, baseOf());
    expect(e.code).toBe('not-found');
    expect(e.message).toBe(
      'The base image other.example.com/library/flink:1.20 is not in the registry other.example.com — the registry said: MANIFEST_UNKNOWN: manifest unknown',
    );
    expect(e.hint).toContain('spec.image.base');
  });

  it('push unauthorized: the user named, the hint points at Verify', () => {
    const e = registryFailure('push', { status: 401, said: 'UNAUTHORIZED: authentication required' }, push);
    expect(e.code).toBe('unauthorized');
    expect(e.message).toContain('The registry reg.example.com refused the user name or password for ci');
    expect(e.hint).toContain('run Verify there');
  });

  it('base unauthorized: no login says docker login there; a Docker config login says log in again; the own registry says Verify', () => {
    const none = registryFailure('base', { status: 401, said: '' }, baseOf());
    expect(none.message).toContain('wants a login to give the base image other.example.com/library/flink:1.20');
    expect(none.hint).toContain('docker login other.example.com');
    const stale = registryFailure('base', { status: 401, said: '' }, baseOf({ username: 'me', dockerConfigLogin: true }));
    expect(stale.message).toContain('refused the login for me found in the Docker client config');
    expect(stale.hint).toContain('docker login other.example.com');
    expect(stale.hint).not.toContain('Verify');
    const own = registryFailure('base', { status: 401, said: '' }, baseOf({ username: 'ci' }));
    expect(own.hint).toContain('Verify');
  });

  it('push denied: the namespace named; no room: free space or raise the quota', () => {
    const denied = registryFailure('push', { status: 403, said: 'DENIED: requested access to the resource is denied' }, push);
    expect(denied.code).toBe('forbidden');
    expect(denied.hint).toContain('push rights on streamx');
    const full = registryFailure('push', { status: 413, said: '' }, push);
    expect(full.message).toContain('has no room for reg.example.com/streamx/orders:abc');
    expect(full.hint).toContain('quota');
  });
});

describe('engine texts during a build', () => {
  it('disk full on the engine: docker system prune', () => {
    const e = engineFailure('build', '(HTTP code 500) server error - write /var/lib/docker/tmp/x: no space left on device', push);
    expect(e.message).toContain('The disk of the Docker engine is full');
    expect(e.hint).toContain('docker system prune');
  });

  it('push unauthorized by the engine: Verify; a base pull refused without a login: docker login', () => {
    const p = engineFailure('push', 'unauthorized: authentication required', push);
    expect(p).toMatchObject({ code: 'unauthorized' });
    expect(p.hint).toContain('Verify');
    const b = engineFailure(
      'base',
      'Get "http://other.example.com/v2/library/flink/manifests/sha256:aa": no basic auth credentials',
      baseOf(),
    );
    expect(b).toMatchObject({ code: 'unauthorized' });
    expect(b.hint).toContain('docker login other.example.com');
  });

  it('base not found by the engine: the registry named; a bad reference: which reference', () => {
    const nf = engineFailure('base', 'manifest for other.example.com/library/flink:1.99 not found: manifest unknown', baseOf());
    expect(nf.code).toBe('not-found');
    expect(nf.message).toContain('not in the registry other.example.com');
    const bad = engineFailure('push', 'invalid reference format: repository name must be lowercase', push);
    expect(bad.code).toBe('invalid-input');
    expect(bad.message).toContain('The image reference reg.example.com/streamx/orders:abc is not valid');
  });

  it('disk full on this machine: the workspace named', () => {
    const e = localFailure(Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' }), 'the build workspace');
    expect(e?.message).toBe('The disk is full: the build workspace could not be written');
    expect(e?.hint).toContain('Free space');
    expect(localFailure(Object.assign(new Error('EACCES'), { code: 'EACCES' }), 'x')).toBeUndefined();
  });
});

describe('invalid references in the job spec', () => {
  const withBase = (base: string) =>
    checkJobDocument({
      apiVersion: 'flinkdesk/v1',
      kind: 'FlinkJob',
      metadata: { name: 'orders' },
      spec: { mode: 'application', clusterId: 'orders', flinkVersion: '1.20', image: { base }, artifact: { jar: '/job.jar' } },
    });

  it('say which part is wrong, in the words the build uses', () => {
    const problems = (base: string) => {
      const r = withBase(base);
      return r.ok ? [] : r.problems.map((p) => `${p.field}: ${p.message}`);
    };
    expect(problems('reg.example.com/Team/flink:1.20')).toEqual([
      'spec.image.base: must be an image reference: its path component "Team" has uppercase letters: repository names are lowercase',
    ]);
    expect(problems('reg.example.com/team/flink:-x')[0]).toContain('its tag "-x" must be letters');
    expect(problems('https://reg.example.com/flink')[0]).toContain('its start is a URL scheme');
    expect(problems('reg.example.com/team/flink:1.20')).toEqual([]);
  });
});

describe('Maven not found', () => {
  const op: OperationContext = {
    id: 'maven-not-found',
    signal: new AbortController().signal,
    step: () => undefined,
    log: () => undefined,
    logTo: () => undefined,
  };
  const cwd = mkdtempSync(join(tmpdir(), 'fd-no-mvn-'));

  it('on PATH: install Maven or set its path; from the setting: names the command', async () => {
    const onPath = runMaven(op, 'artifact', { command: 'flink-desk-no-such-mvn', source: 'PATH' }, ['-B', 'package'], {
      cwd,
      env: { PATH: cwd },
      what: 'Maven build',
    });
    await expect(onPath).rejects.toMatchObject({ code: 'tool-missing', message: 'Maven (mvn) is not on PATH' });
    await expect(onPath).rejects.toMatchObject({ hint: expect.stringContaining('Settings → Build → Maven command') });
    const configured = join(cwd, 'opt', 'maven', 'bin', 'mvn');
    const fromSetting = runMaven(op, 'artifact', { command: configured, source: 'setting' }, ['-B'], { cwd, env: {}, what: 'Maven build' });
    await expect(fromSetting).rejects.toMatchObject({
      code: 'tool-missing',
      message: `The Maven command ${configured} (Settings → Build) cannot be run`,
    });
  });
});
