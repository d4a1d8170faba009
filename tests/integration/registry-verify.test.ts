// Registry verification against the bench's real dockerd and distribution registry (htpasswd): the right
// credentials pass all four steps; a wrong password fails at login and nothing is pushed; a registry with nothing
// listening and an engine that is not there both fail clearly; a cancel stops the engine's push. The password is
// nowhere in plain text. Every wait is on the event that ends it (the operation's done/error event), never a sleep.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rmSync } from 'node:fs';
import type { OperationSnapshot } from '../../shared/operations';
import { useBench } from '../fixtures/use-bench.ts';
import type { DockerBench } from '../fixtures/docker/part.ts';
import {
  allFilesText,
  closedPort,
  holdingRegistryProxy,
  nextEvent,
  operationEnd,
  recordingEngineProxy,
  registryServices,
  type RegistryTestServices,
} from './registry-helpers';

let bench: DockerBench;
const homes: string[] = [];

beforeAll(async () => {
  bench = await useBench<DockerBench>('docker');
});
afterAll(() => {
  for (const h of homes) rmSync(h, { recursive: true, force: true });
});

function services(env: NodeJS.ProcessEnv = { DOCKER_HOST: bench.dockerHost }): RegistryTestServices {
  const s = registryServices(env);
  homes.push(s.home);
  return s;
}

async function verify(s: RegistryTestServices): Promise<OperationSnapshot> {
  const started = await s.client.invoke('registry.verify');
  expect(started.status).toBe('running');
  expect(started.steps.map((st) => st.id)).toEqual(['login', 'push', 'pull', 'cleanup']);
  await operationEnd(s, started.id);
  return s.client.invoke('operations.get', { id: started.id });
}

/** The registry.changed event that carries the final result of the verification `opId`. */
const verificationResult = (s: RegistryTestServices, opId: string) =>
  nextEvent(s, 'registry.changed', (v) => v.lastVerification?.opId === opId && v.lastVerification.status !== 'running');

const stepOf = (op: OperationSnapshot, id: string) => op.steps.find((st) => st.id === id)!;

describe('registry verification (real engine and registry)', () => {
  it('passes login, push, pull and cleanup with the right credentials, and remembers the result', async () => {
    const s = services();
    await s.client.invoke('registry.save', {
      address: bench.registry,
      namespace: 'streamx',
      username: bench.username,
      password: bench.password,
    });
    const op = await verify(s);
    expect(op.status, JSON.stringify(op.steps, null, 1)).toBe('succeeded');
    expect(op.steps.map((st) => st.status)).toEqual(['succeeded', 'succeeded', 'succeeded', 'succeeded']);
    const result = op.result as { reference: string; digest: string };
    expect(result.reference).toMatch(new RegExp(`^${bench.registry.replace(/\./g, '\\.')}/streamx/flink-desk-probe:[0-9a-f]{12}$`));
    expect(result.digest).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(stepOf(op, 'cleanup').detail).toContain('deleted it from the registry');

    // The step events streamed while it ran, each step going running → succeeded.
    const stepEvents = s.events.events.filter((e) => e.event === 'op' && (e.payload as { type: string }).type === 'step');
    for (const id of ['login', 'push', 'pull', 'cleanup']) {
      const statuses = stepEvents
        .map((e) => (e.payload as { step: { id: string; status: string } }).step)
        .filter((st) => st.id === id)
        .map((st) => st.status);
      expect(statuses[0]).toBe('running');
      expect(statuses.at(-1)).toBe('succeeded');
    }

    // The registry really lost the probe manifest (the cleanup's remote delete), and the engine its local copy.
    const auth = `Basic ${Buffer.from(`${bench.username}:${bench.password}`).toString('base64')}`;
    const tag = result.reference.split(':').at(-1)!;
    const r = await fetch(`http://${bench.registry}/v2/streamx/flink-desk-probe/manifests/${tag}`, {
      headers: { Authorization: auth, Accept: 'application/vnd.docker.distribution.manifest.v2+json' },
    });
    expect(r.status).toBe(404);

    expect((await verificationResult(s, op.id)).lastVerification?.status).toBe('passed');
    const view = await s.client.invoke('registry.get');
    expect(view.lastVerification?.steps.map((st) => st.status)).toEqual(['succeeded', 'succeeded', 'succeeded', 'succeeded']);
    expect(view.hasPassword).toBe(true);

    // Nowhere in plain text (nor base64): the store files, the log, the events, what registry.get returns.
    const b64 = Buffer.from(bench.password).toString('base64');
    for (const text of [
      allFilesText(s.home),
      s.logLines.join('\n'),
      JSON.stringify(s.events.events),
      JSON.stringify(view),
      JSON.stringify(op),
    ]) {
      expect(text).not.toContain(bench.password);
      expect(text).not.toContain(b64);
    }
  });

  it('fails at login with a wrong password, says so, and never tries the push', async () => {
    const s = services();
    await s.client.invoke('registry.save', {
      address: bench.registry,
      namespace: 'streamx',
      username: bench.username,
      password: 'not-the-password',
    });
    const op = await verify(s);
    expect(op.status).toBe('failed');
    expect(stepOf(op, 'login').status).toBe('failed');
    expect(stepOf(op, 'login').detail).toMatch(/refused the user name or password/);
    expect(stepOf(op, 'login').hint).toMatch(/Check the user name and password/);
    expect(stepOf(op, 'push').status).toBe('skipped');
    expect(stepOf(op, 'pull').status).toBe('skipped');
    expect(op.error?.code).toBe('unauthorized');
    // push never started: no 'running' event for it
    const pushRunning = s.events.events.some(
      (e) =>
        e.event === 'op' &&
        (e.payload as { type: string; step?: { id: string; status: string } }).step?.id === 'push' &&
        (e.payload as { step: { status: string } }).step.status === 'running',
    );
    expect(pushRunning).toBe(false);
    expect((await verificationResult(s, op.id)).lastVerification?.status).toBe('failed');
  });

  it('reports a registry with nothing listening as unreachable, naming it', async () => {
    const s = services();
    const address = `127.0.0.1:${await closedPort()}`;
    await s.client.invoke('registry.save', { address, namespace: 'streamx', username: bench.username, password: bench.password });
    const op = await verify(s);
    expect(op.status).toBe('failed');
    expect(op.error?.code).toBe('unreachable');
    expect(stepOf(op, 'login').detail).toContain(`The registry ${address} cannot be reached`);
    expect(stepOf(op, 'login').hint).toMatch(/registry is running/);
    expect(stepOf(op, 'push').status).toBe('skipped');
  });

  it('a cancel stops the push on the engine: its push stream is destroyed, and no engine call but the cleanup follows', async () => {
    // The registry stalls the push's first upload, so the push is surely in flight on the engine when the cancel
    // comes; the engine would wait there for good. So the push call to the engine ends before its answer only if
    // Flink Desk destroys it (the engine then cancels the push): were the abort signal not honoured, `cutByClient`
    // would never come and the test would time out.
    const registry = await holdingRegistryProxy(bench.registry, (req) => req.method === 'POST' && /\/blobs\/uploads\//.test(req.url ?? ''));
    const engine = await recordingEngineProxy(bench.dockerHost);
    try {
      const s = services({ DOCKER_HOST: engine.dockerHost });
      await s.client.invoke('registry.save', {
        address: registry.address,
        namespace: 'streamx',
        username: bench.username,
        password: bench.password,
      });
      const started = await s.client.invoke('registry.verify');
      expect((await registry.held).url).toBe('/v2/streamx/flink-desk-probe/blobs/uploads/');
      const push = engine.calls.find((c) => /^POST \/images\/.+\/push$/.test(c.call))!;
      expect(push).toBeDefined();
      await s.client.invoke('operations.cancel', { id: started.id });
      await push.cutByClient;
      const op = await operationEnd(s, started.id);
      expect(op.status).toBe('cancelled');
      expect(op.steps.map((st) => [st.id, st.status, st.detail])).toEqual([
        ['login', 'succeeded', `Logged in to ${registry.address} as ${bench.username}`],
        ['push', 'failed', 'Cancelled during the push step'],
        ['pull', 'skipped', 'Not tried: the push step failed'],
        ['cleanup', 'succeeded', 'Removed the local probe image'],
      ]);
      // Every engine call the run made is in by its end: after the push, only the cleanup's removal of the probe.
      const reference = push.call.replace(/^POST \/images\/(.+)\/push$/, '$1');
      expect(engine.calls.map((c) => c.call)).toEqual([
        'GET /_ping',
        'POST /auth',
        'POST /images/create',
        `POST /images/${reference}/push`,
        `DELETE /images/${reference}`,
      ]);
      expect((await verificationResult(s, op.id)).lastVerification?.status).toBe('interrupted');
    } finally {
      await engine.close();
      await registry.close();
    }
  }, 60_000);

  it('reports an engine that is not there as unreachable, naming its address', async () => {
    const s = services({ DOCKER_HOST: 'unix:///tmp/flink-desk-no-such-engine.sock' });
    await s.client.invoke('registry.save', {
      address: bench.registry,
      namespace: 'streamx',
      username: bench.username,
      password: bench.password,
    });
    const op = await verify(s);
    expect(op.status).toBe('failed');
    expect(op.error?.code).toBe('unreachable');
    expect(stepOf(op, 'login').detail).toBe('No Docker engine reachable at unix:///tmp/flink-desk-no-such-engine.sock (ENOENT)');
    expect(stepOf(op, 'login').hint).toMatch(/Start Docker/);
    // Another engine: the password saved for the first is dropped, and verify refuses to send it anywhere.
    const moved = await s.client.invoke('registry.save', {
      address: bench.registry,
      namespace: 'streamx',
      username: bench.username,
      dockerHost: bench.dockerHost,
    });
    expect(moved.hasPassword).toBe(false);
    await expect(s.client.invoke('registry.verify')).rejects.toMatchObject({ message: `No password is saved for ${bench.registry}` });
    // Entered again for it, and the engine address saved on the page wins over DOCKER_HOST.
    await s.client.invoke('registry.save', {
      address: bench.registry,
      namespace: 'streamx',
      username: bench.username,
      password: bench.password,
      dockerHost: bench.dockerHost,
    });
    const again = await verify(s);
    expect(again.status).toBe('succeeded');
  });
});
