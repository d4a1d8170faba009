// The registry path (no Docker engine) against the bench's real registry and a real Maven build of the example job:
// the image is pushed under <registry>/streamx/<clusterId>:<hash>, keeps the base's entrypoint and env, has the jar
// in /opt/flink/usrlib (pulled and copied out with the bench's engine, an independent reader); the same inputs again
// give the same tag with nothing uploaded; a moved base tag gives a new tag; a dependency lands in /opt/flink/lib;
// auto without an engine takes this path; a wrong password is refused with the hint to Verify.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { useBench } from '../fixtures/use-bench.ts';
import type { DockerBench } from '../fixtures/docker/part.ts';
import { build, buildServices, cleanup, clusterIdOf, dockerAs, jobDocument, projectCopy, stepOf } from './build-helpers';

let bench: DockerBench;
let docker: ReturnType<typeof dockerAs>;
const dirs: string[] = [];
// No engine for Flink Desk in these tests: DOCKER_HOST names a socket that does not exist.
const noEngine = { DOCKER_HOST: 'unix:///nonexistent/flink-desk-test/docker.sock' };

beforeAll(async () => {
  bench = await useBench<DockerBench>('docker');
  docker = dockerAs(bench);
  dirs.push(docker.dir);
});
afterAll(() => cleanup(dirs));

const sha = (b: Buffer) => `sha256:${createHash('sha256').update(b).digest('hex')}`;

describe('build by the registry path (no engine)', () => {
  it('builds the example with Maven, pushes it, and an unchanged rebuild uploads nothing', async () => {
    const s = await buildServices(bench, noEngine);
    dirs.push(s.home);
    const project = projectCopy('registry-path');
    const doc = jobDocument('datagen-reg', { maven: { project, args: ['package'] } }, bench.baseImage);
    const op = await build(s, doc);
    expect(op.status, JSON.stringify(op.steps, null, 1) + JSON.stringify(op.error)).toBe('succeeded');
    const r = op.result!;
    expect(r.engine).toBe('registry');
    expect(stepOf(op, 'resolve').detail).toContain('registry path');
    expect(r.image).toMatch(new RegExp(`^${bench.registry.replace(/\./g, '\\.')}/streamx/${clusterIdOf('datagen-reg')}:[0-9a-f]{12}$`));
    expect(r.image.endsWith(`:${r.inputHash.slice(0, 12)}`)).toBe(true);
    expect(r.digest).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(r.pinned).toBe(`${bench.registry}/streamx/${clusterIdOf('datagen-reg')}@${r.digest}`);
    expect(r.entryClass).toBe('dev.flinkdesk.examples.DatagenJob');
    expect(r.jar.name).toBe('flink-datagen-job-1.0.jar');
    expect(r.uploadedBytes).toBeGreaterThan(r.jar.size / 2);
    expect(stepOf(op, 'dependencies').status).toBe('skipped');
    // Maven's output went into the artifact step's log, line by line.
    const log = await s.client.invoke('operations.log', { id: op.id, step: 'artifact' });
    expect(log.lines.some((l) => l.includes('BUILD SUCCESS'))).toBe(true);

    // An independent reader: the engine pulls it by digest; the jar in usrlib is the one built.
    docker.run(['pull', '-q', r.pinned]);
    const inspect = (JSON.parse(docker.run(['image', 'inspect', r.pinned])) as unknown[])[0] as {
      Config: { Entrypoint: string[]; Env: string[]; WorkingDir: string; Labels: Record<string, string> };
    };
    const baseInspect = (JSON.parse(docker.run(['image', 'inspect', bench.baseImage]).trim() || '[]') as unknown[])[0] as
      { Config: { Entrypoint: string[]; Env: string[] } } | undefined;
    expect(inspect.Config.Entrypoint).toEqual(['/docker-entrypoint.sh']);
    expect(inspect.Config.Env).toContain('FLINK_HOME=/opt/flink');
    if (baseInspect) expect(inspect.Config.Env).toEqual(baseInspect.Config.Env);
    expect(inspect.Config.WorkingDir).toBe('/opt/flink');
    expect(inspect.Config.Labels['dev.flinkdesk.input-hash']).toBe(r.inputHash);
    expect(inspect.Config.Labels['org.flinkdesk.test-double']).toBe('stand-in-flink-base');
    const cid = docker.run(['create', r.pinned]).trim();
    const out = join(docker.dir, 'usrlib.jar');
    docker.run(['cp', `${cid}:/opt/flink/usrlib/flink-datagen-job-1.0.jar`, out]);
    docker.run(['rm', cid]);
    expect(sha(readFileSync(out))).toBe(r.jar.sha256);

    // Same inputs again: Maven rebuilds a byte-identical jar, the tag is found, nothing is built or uploaded.
    const again = await build(s, doc);
    expect(again.status).toBe('succeeded');
    expect(again.result!.image).toBe(r.image);
    expect(again.result!.digest).toBe(r.digest);
    expect(again.result!.uploadedBytes).toBe(0);
    expect(again.result!.reused).toBe(true);
    expect(stepOf(again, 'push').status).toBe('skipped');

    // Both builds are kept with the job, newest first.
    const builds = await s.client.invoke('build.list', { name: 'datagen-reg' });
    expect(builds.map((b) => [b.opId, b.outcome, b.uploadedBytes])).toEqual([
      [again.id, 'succeeded', 0],
      [op.id, 'succeeded', r.uploadedBytes],
    ]);
  });

  it('gives a new tag when the base tag moves, and puts a dependency into /opt/flink/lib', async () => {
    const s = await buildServices(bench, noEngine);
    dirs.push(s.home);
    const moving = `${bench.registry}/library/flink-moving:1.20`;
    docker.run(['pull', '-q', bench.baseImage]);
    docker.run(['tag', bench.baseImage, moving]);
    docker.run(['push', '-q', moving]);
    const jar = join(projectCopy('registry-path'), 'target', 'flink-datagen-job-1.0.jar');
    const doc = jobDocument('moving-base', { jar }, moving, { dependencies: ['org.apache.flink:flink-connector-datagen:1.20.5'] });
    const first = await build(s, doc, 'registry');
    expect(first.status, JSON.stringify(first.steps, null, 1)).toBe('succeeded');
    expect(stepOf(first, 'artifact').detail).toContain('entry class dev.flinkdesk.examples.DatagenJob');
    expect(first.result!.dependencies.map((d) => d.name)).toEqual(['flink-connector-datagen-1.20.5.jar']);

    const cid = docker.run(['create', first.result!.pinned]).trim();
    docker.run(['cp', `${cid}:/opt/flink/lib/flink-connector-datagen-1.20.5.jar`, join(docker.dir, 'dep.jar')]);
    docker.run(['rm', cid]);
    expect(sha(readFileSync(join(docker.dir, 'dep.jar')))).toBe(first.result!.dependencies[0]!.sha256);

    // The base tag moves to another image (a label added on the engine): the next build has another input hash.
    docker.run(['build', '-q', '-t', moving, '-'], `FROM ${bench.baseImage}\nLABEL moved=yes\n`);
    docker.run(['push', '-q', moving]);
    const second = await build(s, doc, 'registry');
    expect(second.status).toBe('succeeded');
    expect(second.result!.base.digest).not.toBe(first.result!.base.digest);
    expect(second.result!.image).not.toBe(first.result!.image);
    expect(second.result!.reused).toBe(false);
  });

  it('refuses a wrong registry password with a hint to Verify, and names nothing secret', async () => {
    const s = await buildServices(bench, noEngine, 'not-the-password');
    dirs.push(s.home);
    const jar = join(projectCopy('registry-path'), 'target', 'flink-datagen-job-1.0.jar');
    const op = await build(s, jobDocument('wrong-password', { jar }, bench.baseImage), 'registry');
    expect(op.status).toBe('failed');
    expect(op.error?.code).toBe('unauthorized');
    expect(op.error?.message).toContain(`refused the user name or password for ${bench.username}`);
    expect(op.error?.hint).toContain('Verify');
    expect(JSON.stringify(op)).not.toContain('not-the-password');
    expect(stepOf(op, 'push').status).toBe('skipped');
  });
});
