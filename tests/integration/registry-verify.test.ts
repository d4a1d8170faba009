// Registry verification against the bench's real dockerd and distribution registry (htpasswd): the right
// credentials pass all four steps; a wrong password fails at login and nothing is pushed; a registry with nothing
// listening and an engine that is not there both fail clearly. The password is nowhere in plain text.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rmSync } from 'node:fs';
import type { OperationSnapshot } from '../../shared/operations';
import { useBench } from '../fixtures/use-bench.ts';
import type { DockerBench } from '../fixtures/docker/part.ts';
import { allFilesText, closedPort, registryServices, type RegistryTestServices } from './registry-helpers';

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
  await expect
    .poll(async () => (await s.client.invoke('operations.get', { id: started.id })).status, { timeout: 120_000, interval: 200 })
    .not.toBe('running');
  return s.client.invoke('operations.get', { id: started.id });
}

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

    await expect.poll(async () => (await s.client.invoke('registry.get')).lastVerification?.status).toBe('passed');
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
    await expect.poll(async () => (await s.client.invoke('registry.get')).lastVerification?.status).toBe('failed');
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

  it('can be cancelled: the operation ends cancelled, no step is left running, the result says interrupted', async () => {
    const s = services();
    await s.client.invoke('registry.save', {
      address: bench.registry,
      namespace: 'streamx',
      username: bench.username,
      password: bench.password,
    });
    const started = await s.client.invoke('registry.verify');
    await s.client.invoke('operations.cancel', { id: started.id });
    await expect
      .poll(async () => (await s.client.invoke('operations.get', { id: started.id })).status, { timeout: 60_000, interval: 100 })
      .not.toBe('running');
    const op = await s.client.invoke('operations.get', { id: started.id });
    expect(op.status).toBe('cancelled');
    expect(op.steps.some((st) => st.status === 'running')).toBe(false);
    await expect.poll(async () => (await s.client.invoke('registry.get')).lastVerification?.status).toBe('interrupted');
  });

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
    // the engine address saved on the page wins over DOCKER_HOST
    await s.client.invoke('registry.save', {
      address: bench.registry,
      namespace: 'streamx',
      username: bench.username,
      dockerHost: bench.dockerHost,
    });
    const again = await verify(s);
    expect(again.status).toBe('succeeded');
  });
});
