// The Docker-engine path against the bench's real dockerd and registry, and the Maven failures a user meets: the
// example job built with Maven and pushed through the engine (per-layer push progress; the jar pulled back out of
// /opt/flink/usrlib), an unchanged rebuild that uploads nothing, auto choosing the engine when it answers, a plain
// jar artifact, a compile error named by file and line, and a cancel during Maven that leaves no process of its
// tree behind.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { OperationEvent } from '../../shared/operations';
import { useBench } from '../fixtures/use-bench.ts';
import type { DockerBench } from '../fixtures/docker/part.ts';
import { build, buildServices, cleanup, clusterIdOf, dockerAs, jobDocument, projectCopy, stepOf } from './build-helpers';
import { nextEvent, operationEnd } from './registry-helpers';

let bench: DockerBench;
let docker: ReturnType<typeof dockerAs>;
const dirs: string[] = [];

beforeAll(async () => {
  bench = await useBench<DockerBench>('docker');
  docker = dockerAs(bench);
  dirs.push(docker.dir);
});
afterAll(() => cleanup(dirs));

const sha = (b: Buffer) => `sha256:${createHash('sha256').update(b).digest('hex')}`;

function groupAlive(pgid: number): boolean {
  try {
    process.kill(-pgid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code !== 'ESRCH';
  }
}

/** Pids whose process group is `pgid` (from /proc: field 5 of stat). */
function membersOf(pgid: number): { pid: number; comm: string }[] {
  const out: { pid: number; comm: string }[] = [];
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      const close = stat.lastIndexOf(')');
      const fields = stat.slice(close + 2).split(' ');
      if (Number(fields[2]) === pgid) out.push({ pid: Number(name), comm: stat.slice(stat.indexOf('(') + 1, close) });
    } catch {
      /* gone meanwhile */
    }
  }
  return out;
}

describe('build by the Docker engine', () => {
  it('builds the example with Maven, pushes it with per-layer progress, and an unchanged rebuild uploads nothing', async () => {
    const s = await buildServices(bench, { DOCKER_HOST: bench.dockerHost });
    dirs.push(s.home);
    const project = projectCopy('engine-path');
    const doc = jobDocument('datagen-engine', { maven: { project, args: ['package'] } }, bench.baseImage);
    const op = await build(s, doc, 'docker');
    expect(op.status, JSON.stringify(op.steps, null, 1) + JSON.stringify(op.error)).toBe('succeeded');
    const r = op.result!;
    expect(r.engine).toBe('docker');
    expect(r.image).toMatch(new RegExp(`/streamx/${clusterIdOf('datagen-engine')}:${r.inputHash.slice(0, 12)}$`));
    expect(r.uploadedBytes).toBeGreaterThan(0);
    // The push step moved its progress bar (per-layer progress from the engine).
    const progress = s.events.events.filter(
      (e) => e.event === 'op' && (e.payload as OperationEvent).opId === op.id && (e.payload as OperationEvent).type === 'progress',
    );
    expect(progress.some((e) => (e.payload as { stepId: string }).stepId === 'push')).toBe(true);
    const imageLog = await s.client.invoke('operations.log', { id: op.id, step: 'image' });
    expect(imageLog.lines.some((l) => /^Step \d+\/\d+ : FROM .*@sha256:/.test(l))).toBe(true);

    docker.run(['pull', '-q', r.pinned]);
    const cid = docker.run(['create', r.pinned]).trim();
    docker.run(['cp', `${cid}:/opt/flink/usrlib/flink-datagen-job-1.0.jar`, join(docker.dir, 'engine.jar')]);
    docker.run(['rm', cid]);
    expect(sha(readFileSync(join(docker.dir, 'engine.jar')))).toBe(r.jar.sha256);
    const labels = (JSON.parse(docker.run(['image', 'inspect', r.pinned])) as { Config: { Labels: Record<string, string> } }[])[0]!.Config
      .Labels;
    expect(labels['dev.flinkdesk.input-hash']).toBe(r.inputHash);
    expect(labels['dev.flinkdesk.job']).toBe('datagen-engine');

    const again = await build(s, doc, 'docker');
    expect(again.result).toMatchObject({ image: r.image, digest: r.digest, uploadedBytes: 0, reused: true });
  });

  it('takes the engine under auto when one answers, and builds a plain jar artifact', async () => {
    const s = await buildServices(bench, { DOCKER_HOST: bench.dockerHost });
    dirs.push(s.home);
    const jar = join(projectCopy('engine-path'), 'target', 'flink-datagen-job-1.0.jar');
    const op = await build(s, jobDocument('plain-jar', { jar }, bench.baseImage));
    expect(op.status, JSON.stringify(op.error)).toBe('succeeded');
    expect(op.result!.engine).toBe('docker');
    expect(stepOf(op, 'artifact').detail).toContain('flink-datagen-job-1.0.jar');
    expect(op.result!.entryClass).toBe('dev.flinkdesk.examples.DatagenJob');

    // Not a jar: refused at the artifact step, before any image work.
    const bogus = join(s.home, 'not-a.jar');
    writeFileSync(bogus, 'hello');
    const bad = await build(s, jobDocument('bogus-jar', { jar: bogus }, bench.baseImage));
    expect(bad.status).toBe('failed');
    expect(stepOf(bad, 'artifact')).toMatchObject({ status: 'failed' });
    expect(bad.error?.message).toContain('is not a jar');
    expect(stepOf(bad, 'image').status).toBe('skipped');
  });

  it('names the file and line of a compile error', async () => {
    const s = await buildServices(bench, { DOCKER_HOST: bench.dockerHost });
    dirs.push(s.home);
    const project = projectCopy('compile-error');
    const src = join(project, 'src', 'main', 'java', 'dev', 'flinkdesk', 'examples', 'DatagenJob.java');
    const text = readFileSync(src, 'utf8');
    const line = text.split('\n').findIndex((l) => l.includes('env.execute(')) + 1;
    writeFileSync(src, text.replace('env.execute(', 'env.executeNoSuchMethod('));
    const op = await build(s, jobDocument('broken', { maven: { project } }, bench.baseImage));
    expect(op.status).toBe('failed');
    const artifact = stepOf(op, 'artifact');
    expect(artifact.status).toBe('failed');
    expect(artifact.detail).toContain(`${src}:${line}:`);
    expect(artifact.detail).toContain('cannot find symbol');
    expect(artifact.hint).toContain(`DatagenJob.java line ${line}`);
    expect(op.error?.code).toBe('invalid-input');
  });

  it('stops the whole Maven process tree on cancel', async () => {
    const s = await buildServices(bench, { DOCKER_HOST: bench.dockerHost });
    dirs.push(s.home);
    const project = projectCopy('cancel');
    // Maven starts a child process that would run for ten minutes (exec:exec of sleep): the tree to stop.
    const args = ['org.codehaus.mojo:exec-maven-plugin:3.5.0:exec', '-Dexec.executable=sleep', '-Dexec.args=600'];
    const started = await s.client.invoke('build.start', {
      document: jobDocument('cancel-me', { maven: { project, args } }, bench.baseImage),
    });
    const groupLine = await nextEvent(
      s,
      'op',
      (e) => e.opId === started.id && e.type === 'log' && e.lines.some((l) => l.startsWith('started Maven (process group')),
    );
    const pgid = Number(/process group (\d+)/.exec((groupLine as { lines: string[] }).lines.join('\n'))![1]);
    await nextEvent(
      s,
      'op',
      (e) => e.opId === started.id && e.type === 'log' && e.lines.some((l) => l.includes('exec-maven-plugin:3.5.0:exec')),
    );
    // The sleep child appears once the goal runs; bounded wait for it (a positive condition, then the cancel).
    const until = Date.now() + 60_000;
    while (!membersOf(pgid).some((m) => m.comm === 'sleep') && Date.now() < until) await new Promise((r) => setTimeout(r, 100));
    const members = membersOf(pgid);
    expect(members.map((m) => m.comm)).toContain('sleep');

    await s.client.invoke('operations.cancel', { id: started.id });
    const end = await operationEnd(s, started.id);
    expect(end.status).toBe('cancelled');
    expect(stepOf(end, 'artifact').status).toBe('failed');
    expect(groupAlive(pgid)).toBe(false);
    for (const m of members) expect(() => process.kill(m.pid, 0)).toThrow();
  });
});
