// Which credentials go to which registry during a build: the Flink Desk registry's own (saved address, user and
// sealed password, through the registry capability's savedCredentials) for its host, ~/.docker/config.json's for
// any other (a base image on another registry), none when neither has any. Plain HTTP only for loopback or a
// registry the engine itself treats as insecure.
import { registryHost } from '../../../shared/contracts/registry';
import { apiHost, engineTreatsInsecure, isLoopbackHost, RegistryApi, type RegistryCredentials } from '../docker';
import { findDockerCredentials } from '../registry/docker-config-import';

export interface BuildCredentials {
  /** The Flink Desk registry: address (host[:port][/path]) and its credentials. */
  target: { address: string; host: string; credentials: RegistryCredentials };
  env: NodeJS.ProcessEnv;
  /** `docker info` of the engine when one answers: its insecure registries. */
  engineInfo?: unknown;
}

export async function credentialsFor(host: string, b: BuildCredentials): Promise<RegistryCredentials | undefined> {
  if (host === b.target.host) return b.target.credentials;
  try {
    const found = await findDockerCredentials(b.env, host);
    return { username: found.username, password: found.password };
  } catch {
    // Public base images need none; a private one fails later with "unauthorized", naming the registry.
    return undefined;
  }
}

export function allowPlainHttp(host: string, engineInfo: unknown): boolean {
  return isLoopbackHost(host) || engineTreatsInsecure(engineInfo, host);
}

export async function registryApi(host: string, b: BuildCredentials, signal: AbortSignal): Promise<RegistryApi> {
  const credentials = await credentialsFor(host, b);
  return new RegistryApi({
    host: apiHost(host),
    ...(credentials ? { credentials } : {}),
    allowPlainHttp: allowPlainHttp(host, b.engineInfo),
    signal,
  });
}

export const targetHostOf = (address: string) => registryHost(address);
