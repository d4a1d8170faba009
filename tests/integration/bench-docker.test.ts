// Proves the `docker` bench part is real software: a real dockerd builds an image FROM the stand-in Flink base
// (a named test double, no Flink inside), pushes it with htpasswd auth to a real distribution registry, pulls it back
// after deleting it locally, and the added file is there; the registry refuses anonymous clients.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { useBench } from '../fixtures/use-bench.ts';
import { dockerCli, dockerEnv, type DockerBench } from '../fixtures/docker/part.ts';
import { httpGet, run } from '../fixtures/docker/procs.ts';

let bench: DockerBench;
let docker: string;
let work: string;
let env: NodeJS.ProcessEnv; // logged in to the bench registry (its own DOCKER_CONFIG dir)
let anonEnv: NodeJS.ProcessEnv; // no credentials at all
const made: string[] = [];

const registryPort = () => Number(bench.registry.split(':')[1]);
const basic = () => `Basic ${Buffer.from(`${bench.username}:${bench.password}`).toString('base64')}`;
const manifestTypes = ['application/vnd.docker.distribution.manifest.v2+json', 'application/vnd.oci.image.manifest.v1+json'].join(', ');

beforeAll(async () => {
  bench = await useBench<DockerBench>('docker');
  docker = dockerCli();
  work = mkdtempSync(join(tmpdir(), 'bench-docker-test-'));
  // The classic builder: it resolves FROM against the engine's local images (the stand-in is there after `up`).
  env = { ...dockerEnv(bench.dockerHost, join(work, 'config-auth')), DOCKER_BUILDKIT: '0' };
  anonEnv = { ...dockerEnv(bench.dockerHost, join(work, 'config-anon')), DOCKER_BUILDKIT: '0' };
  mkdirSync(join(work, 'config-auth'));
  mkdirSync(join(work, 'config-anon'));
  await run(docker, ['login', '--username', bench.username, '--password-stdin', bench.registry], { env, input: bench.password });
});

afterAll(async () => {
  if (docker && env) for (const ref of made) await run(docker, ['rmi', '-f', ref], { env, allowFail: true });
  if (work) rmSync(work, { recursive: true, force: true });
});

describe('bench part: docker', () => {
  it('describes the engine, the registry and the stand-in base image', () => {
    expect(bench.dockerHost).toMatch(/^unix:\/\/\//);
    expect(bench.registry).toMatch(/^127\.0\.0\.1:\d+$/);
    expect(bench.baseImage).toBe(`${bench.registry}/library/flink:1.20-stand-in`);
    expect(bench.username).not.toBe('');
    expect(bench.password.length).toBeGreaterThanOrEqual(16);
  });

  it('is a real dockerd (vfs) that treats the loopback registry as insecure (plain HTTP) by default', async () => {
    const socketPath = bench.dockerHost.replace(/^unix:\/\//, '');
    const version = JSON.parse((await httpGet({ socketPath }, '/version')).body) as { Version: string; ApiVersion: string };
    expect(version.Version).toMatch(/^\d+\.\d+\./);
    const info = JSON.parse((await httpGet({ socketPath }, '/info')).body) as {
      Driver: string;
      RegistryConfig: { InsecureRegistryCIDRs: string[] };
    };
    expect(info.Driver).toBe('vfs');
    expect(info.RegistryConfig.InsecureRegistryCIDRs).toContain('127.0.0.0/8');
  });

  it('the registry answers an anonymous GET /v2/ with 401 and a Basic challenge, and 200 with the password', async () => {
    const anon = await httpGet({ port: registryPort() }, '/v2/');
    expect(anon.status).toBe(401);
    expect(String(anon.headers['www-authenticate'])).toMatch(/^Basic realm=/);
    const wrong = await httpGet({ port: registryPort() }, '/v2/', {
      Authorization: `Basic ${Buffer.from(`${bench.username}:not-the-password`).toString('base64')}`,
    });
    expect(wrong.status).toBe(401);
    expect((await httpGet({ port: registryPort() }, '/v2/', { Authorization: basic() })).status).toBe(200);
  });

  it('the base image is the labelled stand-in test double, present in the engine and in the registry', async () => {
    const labels = JSON.parse(
      (await run(docker, ['image', 'inspect', '--format', '{{json .Config.Labels}}', bench.baseImage], { env })).stdout,
    ) as Record<string, string>;
    expect(labels['org.flinkdesk.test-double']).toBe('stand-in-flink-base');
    const m = await httpGet({ port: registryPort() }, '/v2/library/flink/manifests/1.20-stand-in', {
      Authorization: basic(),
      Accept: manifestTypes,
    });
    expect(m.status).toBe(200);
  });

  it('refuses a push without credentials', async () => {
    const ref = `${bench.registry}/bench-test/anonymous:${randomBytes(4).toString('hex')}`;
    await run(docker, ['tag', bench.baseImage, ref], { env });
    made.push(ref);
    const r = await run(docker, ['push', ref], { env: anonEnv, allowFail: true });
    expect(r.code).not.toBe(0);
    expect(r.stderr + r.stdout).toMatch(/no basic auth credentials|unauthorized|authentication required/i);
  });

  it('builds FROM the stand-in with a file added, pushes with auth, pulls it back and finds the file', async () => {
    const token = `flink-desk-bench ${randomBytes(8).toString('hex')}\n`;
    const ctxDir = join(work, 'build');
    mkdirSync(ctxDir);
    writeFileSync(join(ctxDir, 'job.txt'), token);
    writeFileSync(join(ctxDir, 'Dockerfile'), `FROM ${bench.baseImage}\nCOPY job.txt /opt/flink/usrlib/job.txt\n`);
    const repo = `bench-test/app-${randomBytes(4).toString('hex')}`;
    const ref = `${bench.registry}/${repo}:1`;
    made.push(ref);

    await run(docker, ['build', '--tag', ref, ctxDir], { env });
    const push = await run(docker, ['push', ref], { env });
    const digest = /digest: (sha256:[0-9a-f]{64})/.exec(push.stdout)?.[1];
    expect(digest, push.stdout).toBeDefined();

    // The registry holds it under that digest.
    const m = await httpGet({ port: registryPort() }, `/v2/${repo}/manifests/1`, { Authorization: basic(), Accept: manifestTypes });
    expect(m.status).toBe(200);
    expect(m.headers['docker-content-digest']).toBe(digest);

    // Gone locally (its own layer with it), then pulled back from the registry.
    await run(docker, ['rmi', ref], { env });
    expect((await run(docker, ['image', 'inspect', ref], { env, allowFail: true })).code).not.toBe(0);
    const pull = await run(docker, ['pull', ref], { env });
    expect(pull.stdout).toContain(`Digest: ${digest}`);

    // The file, read without running anything (create + cp) and by running the image with no network.
    const cid = (await run(docker, ['create', ref, 'true'], { env })).stdout.trim();
    try {
      const out = join(work, 'out');
      mkdirSync(out);
      await run(docker, ['cp', `${cid}:/opt/flink/usrlib/job.txt`, out], { env });
      expect(readFileSync(join(out, 'job.txt'), 'utf8')).toBe(token);
    } finally {
      await run(docker, ['rm', '-f', cid], { env, allowFail: true });
    }
    const ran = await run(docker, ['run', '--rm', '--network', 'none', ref, 'cat', '/opt/flink/usrlib/job.txt'], { env });
    expect(ran.stdout).toBe(token);

    // storage.delete.enabled: the manifest can be deleted by digest.
    const del = await httpGet({ port: registryPort() }, `/v2/${repo}/manifests/${digest}`, { Authorization: basic() }, 5_000, 'DELETE');
    expect(del.status).toBe(202);
    const after = await httpGet({ port: registryPort() }, `/v2/${repo}/manifests/1`, { Authorization: basic(), Accept: manifestTypes });
    expect(after.status).toBe(404);
  });
});
