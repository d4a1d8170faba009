// A base image on another registry than the target: a second real registry on loopback (htpasswd, a login of its
// own) holds the stand-in base, the target is the bench's registry, and the base's login comes from the Docker
// client config (DOCKER_CONFIG → config.json `auths`), as `docker login` leaves it. Both paths build: the engine
// pulls the base with that login, and the registry path copies the base's layers from the one registry to the
// other (no cross-repository mount between two registries), read back with plain HTTP. Without that login, the
// base registry's refusal names it and says to docker login there.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { useBench } from '../fixtures/use-bench.ts';
import type { DockerBench } from '../fixtures/docker/part.ts';
import { startExtraRegistry, type ExtraRegistry } from '../fixtures/docker/extra-registry.ts';
import { build, buildServices, cleanup, clusterIdOf, dockerAs, jobDocument, stepOf } from './build-helpers';
import { copyImage, dockerAsync, dockerConfigWith, smallJar, type DockerRun } from './build-registries-helpers';
import { recordingEngineProxy } from './registry-helpers';

const baseUser = 'base-reader';
const basePassword = randomBytes(12).toString('base64url');
const noEngine = { DOCKER_HOST: 'unix:///nonexistent/flink-desk-test/docker.sock' };

let bench: DockerBench;
let cli: DockerRun;
let baseRegistry: ExtraRegistry;
let base: string;
let withLogin: string;
let withoutLogin: string;
let wrongLogin: string;
const dirs: string[] = [];

const basic = (u: string, p: string) => `Basic ${Buffer.from(`${u}:${p}`).toString('base64')}`;

/** Plain HTTP to a registry, as an independent reader of what is there. */
async function registryGet(host: string, path: string, auth: string, accept?: string): Promise<Response> {
  return fetch(`http://${host}${path}`, { headers: { Authorization: auth, ...(accept ? { Accept: accept } : {}) } });
}

beforeAll(async () => {
  bench = await useBench<DockerBench>('docker');
  const docker = dockerAs(bench);
  dirs.push(docker.dir);
  cli = dockerAsync(bench, join(docker.dir, 'config'));
  baseRegistry = await startExtraRegistry('base', { kind: 'htpasswd', username: baseUser, password: basePassword });
  await cli(['login', '--username', baseUser, '--password-stdin', baseRegistry.address], basePassword);
  base = `${baseRegistry.address}/library/flink:1.20-stand-in`;
  await copyImage(cli, bench.baseImage, base);
  const configs = mkdtempSync(join(tmpdir(), 'fd-docker-configs-'));
  dirs.push(configs);
  withLogin = dockerConfigWith(join(configs, 'with'), baseRegistry.address, baseUser, basePassword);
  withoutLogin = dockerConfigWith(join(configs, 'without'), 'registry.example.invalid', 'nobody', 'nothing');
  wrongLogin = dockerConfigWith(join(configs, 'wrong'), baseRegistry.address, baseUser, 'an-old-password');
});
afterAll(async () => {
  await baseRegistry?.stop();
  cleanup(dirs);
});

/** The base's manifest as the base registry has it: its layers' digests and sizes. */
async function baseLayers(): Promise<{ digest: string; size: number }[]> {
  const r = await registryGet(
    baseRegistry.address,
    '/v2/library/flink/manifests/1.20-stand-in',
    basic(baseUser, basePassword),
    'application/vnd.docker.distribution.manifest.v2+json, application/vnd.oci.image.manifest.v1+json',
  );
  expect(r.status).toBe(200);
  return ((await r.json()) as { layers: { digest: string; size: number }[] }).layers;
}

describe('a base image from another registry than the target', () => {
  it('registry path: the base read with the Docker config login, its layers copied across registries', async () => {
    const s = await buildServices(bench, { ...noEngine, DOCKER_CONFIG: withLogin });
    dirs.push(s.home);
    const jar = smallJar(s.home, 'cross', 'dev.flinkdesk.examples.Cross', `cross-registry ${randomBytes(6).toString('hex')}`);
    const op = await build(s, jobDocument('cross-reg', { jar }, base), 'registry');
    expect(op.status, JSON.stringify(op.steps, null, 1) + JSON.stringify(op.error)).toBe('succeeded');
    const r = op.result!;
    expect(r.engine).toBe('registry');
    expect(r.image.startsWith(`${bench.registry}/streamx/${clusterIdOf('cross-reg')}:`)).toBe(true);
    expect(r.base.reference).toBe(base);

    const layers = await baseLayers();
    const pushLog = (await s.client.invoke('operations.log', { id: op.id, step: 'push' })).lines;
    // Two registries: nothing to mount from, every base layer uploaded from the base's registry.
    expect(pushLog.some((l) => l.includes('mounted from'))).toBe(false);
    for (const l of layers)
      expect(pushLog).toContain(`${l.digest.slice(7, 19)}: copied from ${baseRegistry.address}/library/flink (${l.size} bytes)`);
    expect(r.uploadedBytes).toBeGreaterThan(layers.reduce((n, l) => n + l.size, 0));

    // The target registry has them in the job's repository now (read with plain HTTP and the bench's login).
    const repo = `streamx/${clusterIdOf('cross-reg')}`;
    const benchAuth = basic(bench.username, bench.password);
    for (const l of layers) expect((await registryGet(bench.registry, `/v2/${repo}/blobs/${l.digest}`, benchAuth)).status).toBe(200);
    // And the engine runs it from there: the base's entrypoint, the jar in usrlib.
    await cli(['pull', '-q', r.pinned]);
    const inspect = JSON.parse(await cli(['image', 'inspect', r.pinned])) as { Config: { Entrypoint: string[] } }[];
    expect(inspect[0]!.Config.Entrypoint).toEqual(['/docker-entrypoint.sh']);
    const listing = await cli(['run', '--rm', '--network', 'none', r.pinned, 'ls', '/opt/flink/usrlib']);
    expect(listing.trim()).toBe('cross.jar');
  });

  it('engine path: the engine pulls the base with the Docker config login, then pushes to the target', async () => {
    const proxy = await recordingEngineProxy(bench.dockerHost);
    try {
      const s = await buildServices(bench, { DOCKER_HOST: proxy.dockerHost, DOCKER_CONFIG: withLogin });
      dirs.push(s.home);
      const jar = smallJar(s.home, 'cross-engine', 'dev.flinkdesk.examples.Cross', `cross-engine ${randomBytes(6).toString('hex')}`);
      const op = await build(s, jobDocument('cross-engine', { jar }, base), 'docker');
      expect(op.status, JSON.stringify(op.steps, null, 1) + JSON.stringify(op.error)).toBe('succeeded');
      const r = op.result!;
      expect(r.engine).toBe('docker');
      // The engine did not have the base under that registry's name: it pulled it (which the registry allows only
      // with the login), from that registry, by digest.
      const imageLog = (await s.client.invoke('operations.log', { id: op.id, step: 'image' })).lines;
      expect(imageLog.some((l) => l.startsWith('the engine already has'))).toBe(false);
      expect(proxy.calls.map((c) => c.call)).toContain('POST /images/create');
      expect(imageLog.some((l) => l.includes(`FROM ${baseRegistry.address}/library/flink@${r.base.digest}`))).toBe(true);
      // Pushed to the bench registry: its manifest is there, by the digest the build recorded.
      const head = await fetch(`http://${bench.registry}/v2/streamx/${clusterIdOf('cross-engine')}/manifests/${r.digest}`, {
        method: 'HEAD',
        headers: { Authorization: basic(bench.username, bench.password) },
      });
      expect(head.status).toBe(200);
      await cli(['image', 'rm', `${baseRegistry.address}/library/flink@${r.base.digest}`]).catch(() => '');
    } finally {
      await proxy.close();
    }
  });

  it('without a login for the base registry: its refusal names it and says to docker login there', async () => {
    const s = await buildServices(bench, { ...noEngine, DOCKER_CONFIG: withoutLogin });
    dirs.push(s.home);
    const jar = smallJar(s.home, 'no-login', 'dev.flinkdesk.examples.Cross', `no-login ${randomBytes(6).toString('hex')}`);
    const op = await build(s, jobDocument('cross-no-login', { jar }, base));
    expect(op.status).toBe('failed');
    expect(stepOf(op, 'resolve').status).toBe('failed');
    expect(op.error).toMatchObject({ code: 'unauthorized' });
    expect(op.error?.message).toContain(`The registry ${baseRegistry.address} wants a login to give the base image ${base}`);
    expect(op.error?.hint).toContain(`docker login ${baseRegistry.address}`);
  });

  it("with a stale login in the Docker config: names that login and says to docker login again, not Flink Desk's Verify", async () => {
    const s = await buildServices(bench, { ...noEngine, DOCKER_CONFIG: wrongLogin });
    dirs.push(s.home);
    const jar = smallJar(s.home, 'stale-login', 'dev.flinkdesk.examples.Cross', `stale-login ${randomBytes(6).toString('hex')}`);
    const op = await build(s, jobDocument('cross-stale-login', { jar }, base));
    expect(op.status).toBe('failed');
    expect(stepOf(op, 'resolve').status).toBe('failed');
    expect(op.error).toMatchObject({ code: 'unauthorized' });
    expect(op.error?.message).toContain(
      `The registry ${baseRegistry.address} refused the login for ${baseUser} found in the Docker client config`,
    );
    expect(op.error?.hint).toContain(`docker login ${baseRegistry.address}`);
    expect(op.error?.hint).not.toContain('Verify');
    expect(JSON.stringify(op)).not.toContain('an-old-password');
  });
});
