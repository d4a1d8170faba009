// A dockerode client for an engine, after a ping proves it answers. Connection failures become "no engine reachable
// at …" with a hint, never a stack trace.
import type Docker from 'dockerode';
import { AppError } from '../../../shared/errors';
import { engineOptions, type EngineAddress } from './engine-address';

const PING_TIMEOUT_MS = 10_000;

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

/** dockerode is imported here, on first use, so CLI commands that never talk to an engine do not pay for its
 * import (~0.2 s). `signal` cancels the ping (the caller's cancel), besides its own time limit. */
export async function connectEngine(engine: EngineAddress, env: NodeJS.ProcessEnv, signal?: AbortSignal): Promise<Docker> {
  const { default: DockerClient } = await import('dockerode');
  const docker = new DockerClient({ ...engineOptions(engine.address, env), timeout: 0 });
  const timeout = AbortSignal.timeout(PING_TIMEOUT_MS);
  const abort = signal ? AbortSignal.any([signal, timeout]) : timeout;
  try {
    // dockerode's ping takes options (abortSignal) though its types do not say so.
    const ping = docker.ping.bind(docker) as unknown as (o: { abortSignal: AbortSignal }) => Promise<unknown>;
    await ping({ abortSignal: abort });
  } catch (e) {
    if (signal?.aborted) throw e;
    throw engineUnreachable(engine.address, timeout.aborted ? new Error(`no answer in ${PING_TIMEOUT_MS / 1000} s`) : e);
  }
  return docker;
}
