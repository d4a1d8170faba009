// Which Docker engine to talk to: the address the user saved, else DOCKER_HOST, else the default socket (Docker
// Desktop's per-user socket when it exists, as the docker CLI does); and the dockerode options for an address.
import type Docker from 'dockerode';
import { existsSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { AppError } from '../../../shared/errors';

export interface EngineAddress {
  address: string;
  source: 'setting' | 'DOCKER_HOST' | 'default';
}

export function resolveEngineAddress(saved: string, env: NodeJS.ProcessEnv): EngineAddress {
  if (saved.trim()) return { address: saved.trim(), source: 'setting' };
  if (env.DOCKER_HOST?.trim()) return { address: env.DOCKER_HOST.trim(), source: 'DOCKER_HOST' };
  if (process.platform === 'win32') return { address: 'npipe:////./pipe/docker_engine', source: 'default' };
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
