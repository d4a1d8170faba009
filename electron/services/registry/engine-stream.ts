// Follows a dockerode progress stream (build, push, pull) to its end. Errors inside the stream ({error,
// errorDetail}) reject, with the engine's text; every other message goes to onMessage.
import type Docker from 'dockerode';

export interface ProgressMessage {
  stream?: string;
  status?: string;
  id?: string;
  progress?: string;
  progressDetail?: { current?: number; total?: number };
  error?: string;
  errorDetail?: { message?: string };
  aux?: { ID?: string; Tag?: string; Digest?: string; Size?: number };
}

export class EngineStreamError extends Error {}

export function followStream(
  docker: Docker,
  stream: NodeJS.ReadableStream,
  onMessage: (m: ProgressMessage) => void = () => undefined,
): Promise<ProgressMessage[]> {
  return new Promise((resolve, reject) => {
    let failed: string | undefined;
    docker.modem.followProgress(
      stream,
      (err: Error | null, all: ProgressMessage[]) => {
        if (err) reject(err);
        else if (failed !== undefined) reject(new EngineStreamError(failed));
        else resolve(all);
      },
      (m: ProgressMessage) => {
        if (m.error || m.errorDetail?.message) failed ??= m.errorDetail?.message ?? m.error ?? 'error';
        else onMessage(m);
      },
    );
  });
}
