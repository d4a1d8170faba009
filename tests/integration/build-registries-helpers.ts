// For the build tests that involve registries besides the bench's own: the docker CLI run without blocking (a test
// double in this process, such as a token service, must answer while it runs), the stand-in base image copied into
// another registry with it (an independent client), a Docker client config holding one registry's login (as
// `docker login` writes it), and a small real jar made by the JDK's jar tool (no Maven run needed).
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { dockerCli, dockerEnv, type DockerBench } from '../fixtures/docker/part.ts';
import { findTool, run } from '../fixtures/docker/procs.ts';

export type DockerRun = (args: string[], input?: string) => Promise<string>;

/** The docker CLI against the bench engine with the client config in `configDir` (the one dockerAs logged in). */
export function dockerAsync(bench: DockerBench, configDir: string): DockerRun {
  const env = { ...dockerEnv(bench.dockerHost, configDir), DOCKER_BUILDKIT: '0' };
  return async (args, input) => (await run(dockerCli(), args, { env, ...(input !== undefined ? { input } : {}) })).stdout;
}

/** `docker pull from`, tag, push to `to`; the docker CLI must be logged in to `to` when it needs it. The local
 * tag is removed again (with its repo digest), so the engine holds the image only under the bench's name. */
export async function copyImage(docker: DockerRun, from: string, to: string): Promise<void> {
  await docker(['pull', '-q', from]);
  await docker(['tag', from, to]);
  await docker(['push', '-q', to]);
  await docker(['rmi', to]);
}

/** A DOCKER_CONFIG directory whose config.json has `auths` for one registry only. */
export function dockerConfigWith(dir: string, host: string, username: string, password: string): string {
  mkdirSync(dir, { recursive: true });
  writeFileSync(
    join(dir, 'config.json'),
    JSON.stringify({ auths: { [host]: { auth: Buffer.from(`${username}:${password}`).toString('base64') } } }),
    { mode: 0o600 },
  );
  return dir;
}

/** A jar with a manifest naming `mainClass` and one resource unique to this call: made by the JDK's jar tool. */
export function smallJar(dir: string, name: string, mainClass: string, content: string): string {
  const jar = findTool('jar', 'openjdk-17-jdk-headless');
  const src = join(dir, `${name}-src`);
  mkdirSync(src, { recursive: true });
  writeFileSync(join(src, 'flink-desk-test.txt'), content);
  const out = join(dir, `${name}.jar`);
  const r = spawnSync(jar, ['--create', '--file', out, '--main-class', mainClass, '-C', src, '.'], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`jar --create failed: ${r.stderr}`);
  return out;
}
