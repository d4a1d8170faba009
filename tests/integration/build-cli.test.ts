// `flink-desk build` (the CLI's own code, in process, over real services) against the bench registry: -f job.yaml
// with --json prints one object {image, digest, uploadedBytes, steps} on stdout and the steps on stderr, exit 0; a
// failing build exits non-zero with the error in that object; bad flags are usage errors (exit 2).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { runCli } from '../../electron/cli/main';
import { useBench } from '../fixtures/use-bench.ts';
import type { DockerBench } from '../fixtures/docker/part.ts';
import { buildServices, cleanup, clusterIdOf, jobDocument, projectCopy } from './build-helpers';

let bench: DockerBench;
const dirs: string[] = [];
beforeAll(async () => {
  bench = await useBench<DockerBench>('docker');
});
afterAll(() => cleanup(dirs));

function io() {
  const out: string[] = [];
  const err: string[] = [];
  return { out, err, io: { out: (t: string) => void out.push(t), err: (t: string) => void err.push(t) } };
}

describe('flink-desk build', () => {
  it('-f job.yaml --engine registry --json: one object on stdout, steps on stderr, exit 0', async () => {
    const s = await buildServices(bench, {});
    dirs.push(s.home);
    const file = join(s.home, 'job.yaml');
    writeFileSync(file, stringify(jobDocument('cli-job', { maven: { project: projectCopy('cli') } }, bench.baseImage)));
    const c = io();
    const code = await runCli(['build', '-f', file, '--engine', 'registry', '--json'], s, c.io);
    expect(code, c.err.join('\n')).toBe(0);
    expect(c.out).toHaveLength(1);
    const r = JSON.parse(c.out[0]!) as { image: string; digest: string; uploadedBytes: number; steps: { id: string; status: string }[] };
    expect(r.image).toMatch(new RegExp(`/streamx/${clusterIdOf('cli-job')}:[0-9a-f]{12}$`));
    expect(r.digest).toMatch(/^sha256:/);
    expect(typeof r.uploadedBytes).toBe('number');
    expect(r.steps.map((st) => st.id)).toEqual(['resolve', 'artifact', 'dependencies', 'image', 'push']);
    expect(c.err.some((l) => l.startsWith('✓ Build or check the job jar'))).toBe(true);
  });

  it('exits non-zero with the error in the JSON object when a step fails, and 2 for a bad flag', async () => {
    const s = await buildServices(bench, {});
    dirs.push(s.home);
    const file = join(s.home, 'job.yaml');
    writeFileSync(file, stringify(jobDocument('no-jar', { jar: join(s.home, 'missing.jar') }, bench.baseImage)));
    const c = io();
    const code = await runCli(['build', '-f', file, '--engine', 'registry', '--json'], s, c.io);
    expect(code).toBe(1);
    expect(c.out).toHaveLength(1);
    const r = JSON.parse(c.out[0]!) as { status: string; error: { code: string; message: string } };
    expect(r.status).toBe('failed');
    expect(r.error).toMatchObject({ code: 'not-found' });
    expect(c.err.some((l) => l.includes('✗ Build or check the job jar'))).toBe(true);

    const bad = io();
    expect(await runCli(['build', '-f', file, '--engine', 'podman'], s, bad.io)).toBe(2);
    expect(bad.err.join('\n')).toContain('--engine must be docker, registry or auto');
  });
});
