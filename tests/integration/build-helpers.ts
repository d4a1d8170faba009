// Build tests against the bench: real services over a temp data dir with the bench registry saved, copies of the
// example Maven project kept in the bench cache dir (so Maven's own incremental build makes reruns cheap), job
// documents for them, and the docker CLI to look inside what was pushed.
import { randomBytes } from 'node:crypto';
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import type { BuildResult } from '../../shared/contracts/build';
import type { JobDocumentInput } from '../../shared/jobs/spec';
import type { OperationSnapshot } from '../../shared/operations';
import { benchContext } from '../fixtures/state.ts';
import { dockerCli, dockerEnv, type DockerBench } from '../fixtures/docker/part.ts';
import { operationEnd, registryServices, type RegistryTestServices } from './registry-helpers';

export const repoDir = join(import.meta.dirname, '..', '..');
export const exampleProject = join(repoDir, 'resources', 'examples', 'flink-datagen-job');

/** A copy of the example project under the bench cache dir, by name (kept between runs: target/ stays warm). */
export function projectCopy(name: string): string {
  const dir = join(benchContext().cacheDir, 'build-tests', name);
  mkdirSync(dir, { recursive: true });
  cpSync(exampleProject, dir, { recursive: true, filter: (p) => !relative(exampleProject, p).startsWith('target') });
  // A jar of this run's own (its layer unknown to a bench registry that outlived an earlier run).
  mkdirSync(join(dir, 'src', 'main', 'resources'), { recursive: true });
  writeFileSync(join(dir, 'src', 'main', 'resources', 'flink-desk-test-run.txt'), `${RUN}\n`);
  return dir;
}

export async function buildServices(bench: DockerBench, env: NodeJS.ProcessEnv, password = bench.password): Promise<RegistryTestServices> {
  const s = registryServices({ HOME: process.env.HOME, PATH: process.env.PATH, JAVA_HOME: process.env.JAVA_HOME, ...env });
  await s.client.invoke('registry.save', { address: bench.registry, namespace: 'streamx', username: bench.username, password });
  return s;
}

/** Per test run: images are tagged by content under <clusterId>, and the bench's registry may outlive a run, so a
 * run's first build must not find the previous run's image. */
const RUN = randomBytes(3).toString('hex');
export const clusterIdOf = (name: string): string => `${name}-${RUN}`;

export function jobDocument(
  name: string,
  artifact: JobDocumentInput['spec']['artifact'],
  base: string,
  more: Partial<JobDocumentInput['spec']> = {},
): JobDocumentInput {
  return {
    apiVersion: 'flinkdesk/v1',
    kind: 'FlinkJob',
    metadata: { name },
    spec: { mode: 'application', clusterId: clusterIdOf(name), flinkVersion: '1.20', image: { base }, artifact, ...more },
  };
}

export async function build(
  s: RegistryTestServices,
  document: JobDocumentInput,
  engine?: 'docker' | 'registry' | 'auto',
): Promise<OperationSnapshot & { result?: BuildResult }> {
  const started = await s.client.invoke('build.start', { document, ...(engine ? { engine } : {}) });
  await operationEnd(s, started.id);
  return s.client.invoke('operations.get', { id: started.id }) as Promise<OperationSnapshot & { result?: BuildResult }>;
}

export const stepOf = (op: OperationSnapshot, id: string) => op.steps.find((st) => st.id === id)!;

/** The docker CLI against the bench engine, logged in to the bench registry, in its own config dir. */
export function dockerAs(bench: DockerBench): { run(args: string[], input?: string): string; dir: string } {
  const dir = mkdtempSync(join(tmpdir(), 'fd-build-docker-'));
  const env = { ...dockerEnv(bench.dockerHost, join(dir, 'config')), DOCKER_BUILDKIT: '0' };
  const run = (args: string[], input?: string) => {
    const r = spawnSync(dockerCli(), args, { env, encoding: 'utf8', ...(input !== undefined ? { input } : {}), maxBuffer: 64 << 20 });
    if (r.status !== 0) throw new Error(`docker ${args.join(' ')} failed: ${r.stderr || r.stdout}`);
    return r.stdout;
  };
  run(['login', '--username', bench.username, '--password-stdin', bench.registry], bench.password);
  return { run, dir };
}

/** Files under dir/target that are jars (to see what a build left). */
export function targetJars(project: string): string[] {
  const t = join(project, 'target');
  return existsSync(t) ? readdirSync(t).filter((f) => f.endsWith('.jar')) : [];
}

export function cleanup(dirs: string[]): void {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
}
