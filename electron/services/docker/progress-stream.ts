// Follows an engine progress stream (build, import, push, pull) to its end. Errors inside the stream ({error,
// errorDetail}) reject with the engine's text; every other message goes to onMessage. On abort the stream is
// destroyed: the engine cancels a push, pull or build whose API client went away, so a cancel stops the work on
// the engine, not only our wait for it.
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

/** What a cancelled follow rejects with. */
export class EngineAbortError extends Error {
  override readonly name = 'AbortError';
  constructor() {
    super('The engine work was cancelled');
  }
}

type Followable = NodeJS.ReadableStream & { destroy?: (error?: Error) => void };

export function followStream(
  docker: Pick<Docker, 'modem'>,
  stream: Followable,
  onMessage: (m: ProgressMessage) => void = () => undefined,
  signal?: AbortSignal,
): Promise<ProgressMessage[]> {
  return new Promise((resolve, reject) => {
    let failed: string | undefined;
    const onAbort = () => {
      stream.destroy?.();
      reject(new EngineAbortError());
    };
    if (signal?.aborted) return onAbort();
    signal?.addEventListener('abort', onAbort, { once: true });
    docker.modem.followProgress(
      stream,
      (err: Error | null, all: ProgressMessage[]) => {
        signal?.removeEventListener('abort', onAbort);
        if (signal?.aborted) reject(new EngineAbortError());
        else if (err) reject(err);
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

/** A layer's transfer progress as a fraction, when the message carries one. */
export function progressOf(m: ProgressMessage): number | undefined {
  const { current, total } = m.progressDetail ?? {};
  return current !== undefined && total ? Math.min(1, current / total) : undefined;
}
