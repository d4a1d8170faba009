// Which Docker engine to talk to, and a dockerode client for it: the address saved on the Registry page, else
// DOCKER_HOST, else the default socket. Connection failures become "no engine reachable at …", never a stack trace.
import type Docker from 'dockerode';
import { existsSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { AppError } from '../../../shared/errors';
import type { RegistryView } from '../../../shared/contracts/registry';

export type EngineAddress = RegistryView['engine'];

export function resolveEngineAddress(saved: string, env: NodeJS.ProcessEnv): EngineAddress {
  if (saved.trim()) return { address: saved.trim(), source: 'setting' };
  if (env.DOCKER_HOST?.trim()) return { address: env.DOCKER_HOST.trim(), source: 'DOCKER_HOST' };
  if (process.platform === 'win32') return { address: 'npipe:////./pipe/docker_engine', source: 'default' };
  // Docker Desktop's per-user socket when it exists, as the docker CLI does; else the system socket.
  const home = env.HOME || homedir();
  const user = join(home, '.docker', 'run', 'docker.sock');
  return { address: `unix://${existsSync(user) ? user : '/var/run/docker.sock'}`, source: 'default' };
}

/** dockerode options for an address; every connection field is explicit so the modem never falls back to env. */
export function engineOptions(address: string, env: NodeJS.ProcessEnv): Docker.DockerOptions {
  const base: Docker.DockerOptions = { host: undefined, port: undefined, protocol: undefined, socketPath: undefined };
  if (address.startsWith('unix://')) return { ...base, socketPath: address.slice('unix://'.length) };
  if (address.startsWith('npipe://')) return { ...base, socketPath: address.slice('npipe://'.length) };
  let url: URL;
  try {
    url = new URL(address.includes('://') ? address : `tcp://${address}`);
  } catch {
    throw new AppError({
      code: 'invalid-input',
      message: `The Docker engine address "${address}" is not valid`,
      hint: 'Use unix:///var/run/docker.sock or tcp://HOST:PORT',
    });
  }
  const tls = url.protocol === 'https:' || env.DOCKER_TLS_VERIFY === '1' || url.port === '2376';
  const opts: Docker.DockerOptions = {
    ...base,
    host: url.hostname,
    port: url.port || (tls ? '2376' : '2375'),
    protocol: tls ? 'https' : 'http',
  };
  const certPath = env.DOCKER_CERT_PATH;
  if (tls && certPath) {
    opts.ca = readFileSync(join(certPath, 'ca.pem'));
    opts.cert = readFileSync(join(certPath, 'cert.pem'));
    opts.key = readFileSync(join(certPath, 'key.pem'));
  }
  return opts;
}

export function engineUnreachable(address: string, e: unknown): AppError {
  const why = e instanceof Error ? ((e as NodeJS.ErrnoException).code ?? e.message) : String(e);
  return new AppError({
    code: 'unreachable',
    message: `No Docker engine reachable at ${address} (${why})`,
    hint:
      why === 'EACCES'
        ? 'Your user may not use that socket: add it to the "docker" group, or choose another engine address'
        : 'Start Docker, or set the engine address on the Registry page (or DOCKER_HOST) to a running engine',
  });
}

/** A client for the engine, after a ping proves it answers. dockerode is imported here, on first use, so CLI
 * commands that never talk to an engine do not pay for its import (~0.2 s). */
export async function connectEngine(engine: EngineAddress, env: NodeJS.ProcessEnv): Promise<Docker> {
  const { default: DockerClient } = await import('dockerode');
  const docker = new DockerClient({ ...engineOptions(engine.address, env), timeout: 0 });
  const abort = AbortSignal.timeout(10_000);
  try {
    // dockerode's ping takes options (abortSignal) though its types do not say so.
    const ping = docker.ping.bind(docker) as unknown as (o: { abortSignal: AbortSignal }) => Promise<unknown>;
    await ping({ abortSignal: abort });
  } catch (e) {
    throw engineUnreachable(engine.address, abort.aborted ? new Error('no answer in 10 s') : e);
  }
  return docker;
}
