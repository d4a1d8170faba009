// Build errors met through the real pipeline and the bench registry, each failing at its step with its hint: no
// Docker engine with --engine docker (offers the registry path), a base image the registry does not have (names the
// registry asked), a base reference with a bad part (says which), Maven not found at the configured path.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { useBench } from '../fixtures/use-bench.ts';
import type { DockerBench } from '../fixtures/docker/part.ts';
import { build, buildServices, cleanup, jobDocument, stepOf } from './build-helpers';
import { smallJar } from './build-registries-helpers';

let bench: DockerBench;
const dirs: string[] = [];
const noEngine = { DOCKER_HOST: 'unix:///nonexistent/flink-desk-test/docker.sock' };
beforeAll(async () => {
  bench = await useBench<DockerBench>('docker');
});
afterAll(() => cleanup(dirs));

async function servicesWithJar(env: NodeJS.ProcessEnv) {
  const s = await buildServices(bench, { ...env, DOCKER_CONFIG: '/nonexistent/flink-desk-test/docker-config' });
  dirs.push(s.home);
  return { s, jar: smallJar(s.home, 'job', 'dev.flinkdesk.examples.Errors', `errors ${Date.now()}`) };
}

describe('build errors through the pipeline', () => {
  it('no Docker engine with the engine asked for: the resolve step fails and offers the registry path', async () => {
    const { s, jar } = await servicesWithJar(noEngine);
    const op = await build(s, jobDocument('no-engine', { jar }, bench.baseImage), 'docker');
    expect(op.status).toBe('failed');
    expect(stepOf(op, 'resolve').status).toBe('failed');
    expect(op.error?.code).toBe('unreachable');
    expect(op.error?.message).toContain('/nonexistent/flink-desk-test/docker.sock');
    expect(op.error?.hint).toContain('--engine registry');
    expect(op.error?.hint).toContain('Image engine to Registry');
  });

  it('a base image the registry lacks: not found, naming the registry asked', async () => {
    const { s, jar } = await servicesWithJar(noEngine);
    const missing = `${bench.registry}/library/flink:0.0-not-there`;
    const op = await build(s, jobDocument('no-base', { jar }, missing));
    expect(stepOf(op, 'resolve').status).toBe('failed');
    expect(op.error?.code).toBe('not-found');
    expect(op.error?.message).toContain(`The base image ${missing} is not in the registry ${bench.registry}`);
    expect(op.error?.hint).toContain('spec.image.base');
  });

  it('a base reference with a bad part: refused before the build starts, saying which part', async () => {
    const { s, jar } = await servicesWithJar(noEngine);
    const started = s.client.invoke('build.start', { document: jobDocument('bad-base', { jar }, `${bench.registry}/Library/flink:1.20`) });
    await expect(started).rejects.toMatchObject({ code: 'invalid-input' });
    const e = (await started.catch((x: unknown) => x)) as { message: string; fields?: Record<string, string> };
    expect(e.message).toBe(
      'spec.image.base: must be an image reference: its path component "Library" has uppercase letters: repository names are lowercase',
    );
    expect(e.fields).toEqual({ 'spec.image.base': e.message.slice('spec.image.base: '.length) });
  });

  it('Maven not found at the configured path: the artifact step names the command and the setting', async () => {
    const { s } = await servicesWithJar(noEngine);
    const mvn = join(s.home, 'no-maven', 'bin', 'mvn');
    await s.client.invoke('settings.update', { 'build.maven-command': mvn });
    const project = join(s.home, 'project');
    const op = await build(s, jobDocument('no-maven', { maven: { project } }, bench.baseImage));
    expect(stepOf(op, 'resolve').status).toBe('succeeded');
    expect(stepOf(op, 'artifact').status).toBe('failed');
    expect(op.error).toMatchObject({ code: 'tool-missing', message: `The Maven command ${mvn} (Settings → Build) cannot be run` });
    expect(op.error?.hint).toContain('Settings → Build → Maven command');
  });
});
