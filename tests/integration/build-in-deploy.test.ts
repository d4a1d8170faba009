// The build a deploy runs first (a job on image.base, through jobs.apply) with the real pipeline against the bench
// registry: it is kept in the job's builds (build.list) under the deploy's operation id with its outcome, image and
// digest, and it is bounded by the build time limit (build.timeout-sec, on a ManualClock scheduler — a TEST DOUBLE
// of the timers) while a registry stalls (a holding proxy in front of the real registry, a TEST DOUBLE too); a
// cancelled deploy records the build as cancelled. No Kubernetes here: the spec names a context the empty
// kubeconfig lacks, so the deploy stops at its check step after the build, which is all these tests look at.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { OperationSnapshot } from '../../shared/operations';
import { useBench } from '../fixtures/use-bench.ts';
import type { DockerBench } from '../fixtures/docker/part.ts';
import { ManualClock } from '../helpers/manual-clock';
import { RecordingSink, testServices } from '../helpers/test-services';
import { cleanup, jobDocument, stepOf } from './build-helpers';
import { smallJar } from './build-registries-helpers';
import { holdingRegistryProxy, operationEnd } from './registry-helpers';

let bench: DockerBench;
const dirs: string[] = [];
beforeAll(async () => {
  bench = await useBench<DockerBench>('docker');
});
afterAll(() => cleanup(dirs));

async function services(registry: string, scheduler?: ManualClock) {
  const home = mkdtempSync(join(tmpdir(), 'fd-deploy-build-'));
  dirs.push(home);
  const kubeconfig = join(home, 'kubeconfig');
  writeFileSync(kubeconfig, 'apiVersion: v1\nkind: Config\nclusters: []\ncontexts: []\nusers: []\n');
  const env = {
    HOME: process.env.HOME,
    PATH: process.env.PATH,
    JAVA_HOME: process.env.JAVA_HOME,
    KUBECONFIG: kubeconfig,
    DOCKER_CONFIG: join(home, 'docker-config'),
    DOCKER_HOST: 'unix:///nonexistent/flink-desk-test/docker.sock',
  };
  const events = new RecordingSink();
  const s = { ...testServices(events, 'cli', { dir: join(home, 'data'), env, ...(scheduler ? { scheduler } : {}) }), events, home };
  await s.client.invoke('registry.save', { address: registry, namespace: 'streamx', username: bench.username, password: bench.password });
  return s;
}

function deployDocument(name: string, home: string, base: string) {
  const jar = smallJar(home, name, 'dev.flinkdesk.examples.Deployed', `${name} ${Date.now()}`);
  return jobDocument(name, { jar }, base, { context: 'flink-desk-no-such-context', namespace: 'default' });
}

describe('the build a deploy runs first', () => {
  it('is kept in the job builds under the deploy operation, with its outcome, image and digest', async () => {
    const s = await services(bench.registry);
    const started = await s.client.invoke('jobs.apply', { document: deployDocument('deploy-built', s.home, bench.baseImage) });
    await operationEnd(s, started.id);
    const op = await s.client.invoke('operations.get', { id: started.id });
    expect(stepOf(op, 'build').status, JSON.stringify(op.steps, null, 1)).toBe('succeeded');
    // After the build, the deploy went on to Kubernetes (and stopped there: no such context).
    expect(op.status).toBe('failed');
    expect(op.error?.message, JSON.stringify(op.error)).toContain('flink-desk-no-such-context');

    const builds = await s.client.invoke('build.list', { name: 'deploy-built' });
    expect(builds).toHaveLength(1);
    const b = builds[0]!;
    expect(b).toMatchObject({ opId: started.id, deployStep: 'build', version: 1, outcome: 'succeeded', engine: 'registry', reused: false });
    expect(b.image).toMatch(/\/streamx\/deploy-built-[0-9a-f]+:[0-9a-f]{12}$/);
    expect(b.digest).toMatch(/^sha256:[0-9a-f]{64}$/);
    // The image the deploy runs is the one recorded: pinned by that digest.
    expect(stepOf(op, 'build').detail).toBe(`${b.image!.slice(0, b.image!.lastIndexOf(':'))}@${b.digest}`);
    expect(b.uploadedBytes).toBeGreaterThan(0);
    // The build's log is the deploy's build step's.
    const log = await s.client.invoke('operations.log', { id: started.id, step: 'build' });
    expect(log.lines.some((l) => l.startsWith('input hash '))).toBe(true);
  });

  it('is stopped at the build time limit (the setting) while the registry stalls, with a clear error', { timeout: 120_000 }, async () => {
    const proxy = await holdingRegistryProxy(bench.registry, (req) => req.method === 'PUT' && /\/manifests\//.test(req.url ?? ''));
    try {
      const clock = new ManualClock();
      const s = await services(proxy.address, clock);
      await s.client.invoke('settings.update', { 'build.timeout-sec': 90 });
      const base = `${proxy.address}/library/flink:1.20-stand-in`;
      const started = await s.client.invoke('jobs.apply', { document: deployDocument('deploy-stalled', s.home, base) });
      const held = await proxy.held;
      expect(held.method).toBe('PUT');
      const running = (await s.client.invoke('build.list', { name: 'deploy-stalled' }))[0];
      expect(running).toMatchObject({ opId: started.id, deployStep: 'build', outcome: 'running' });

      // Just before the limit nothing has ended; at the limit the build is stopped.
      await clock.advance(89_999);
      expect((await s.client.invoke('operations.get', { id: started.id })).status).toBe('running');
      const ended = operationEnd(s, started.id);
      await clock.advance(1);
      const end: OperationSnapshot = await ended;
      expect(end.status).toBe('failed');
      expect(end.error).toMatchObject({ code: 'timeout' });
      expect(end.error?.message).toBe(
        'The image build took longer than the build time limit (90 s) and was stopped while pushing the image',
      );
      expect(end.error?.hint).toContain('build.timeout-sec');
      expect(stepOf(end, 'build')).toMatchObject({ status: 'failed', detail: end.error!.message });
      expect(end.steps.filter((st) => st.id !== 'build').every((st) => st.status === 'skipped')).toBe(true);

      const [b] = await s.client.invoke('build.list', { name: 'deploy-stalled' });
      expect(b).toMatchObject({ opId: started.id, outcome: 'failed', error: { code: 'timeout', message: end.error!.message } });
      expect(clock.pending).toBe(0);
    } finally {
      await proxy.close();
    }
  });

  it('is recorded as cancelled when the deploy is cancelled, and its time limit is dropped', { timeout: 120_000 }, async () => {
    const proxy = await holdingRegistryProxy(bench.registry, (req) => req.method === 'PUT' && /\/manifests\//.test(req.url ?? ''));
    try {
      const clock = new ManualClock();
      const s = await services(proxy.address, clock);
      const base = `${proxy.address}/library/flink:1.20-stand-in`;
      const started = await s.client.invoke('jobs.apply', { document: deployDocument('deploy-cancelled', s.home, base) });
      await proxy.held;
      expect(clock.pending).toBe(1);
      await s.client.invoke('operations.cancel', { id: started.id });
      const end = await operationEnd(s, started.id);
      expect(end.status).toBe('cancelled');
      const [b] = await s.client.invoke('build.list', { name: 'deploy-cancelled' });
      expect(b).toMatchObject({ opId: started.id, deployStep: 'build', outcome: 'cancelled' });
      expect(b!.error).toBeUndefined();
      expect(clock.pending).toBe(0);
    } finally {
      await proxy.close();
    }
  });

  it('is recorded as interrupted when Flink Desk stops during it', { timeout: 120_000 }, async () => {
    const proxy = await holdingRegistryProxy(bench.registry, (req) => req.method === 'PUT' && /\/manifests\//.test(req.url ?? ''));
    try {
      const s = await services(proxy.address, new ManualClock());
      const base = `${proxy.address}/library/flink:1.20-stand-in`;
      const started = await s.client.invoke('jobs.apply', { document: deployDocument('deploy-interrupted', s.home, base) });
      await proxy.held;
      await s.stop();
      const [b] = await s.client.invoke('build.list', { name: 'deploy-interrupted' });
      expect(b).toMatchObject({ opId: started.id, deployStep: 'build', outcome: 'interrupted' });
    } finally {
      await proxy.close();
    }
  });
});
