// Pod logs: GET …/pods/NAME/log with follow, previous, tailLines, sinceSeconds, timestamps, container. Not client-node's
// Log: it turns every failure below HTTP (refused, reset, TLS) into "500 Error occurred in log request" and pipes the
// response without telling the reader when a follow breaks off. Here the request is the client's own (credentials per
// request, the same error mapping), and `ended` says how the stream ended.
import { Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { AppError } from '../../../shared/errors';
import { mapHttpError, mapTransportError } from './error-mapping';
import type { Closable, KubeStreamingConnection } from './kube-connection';

export interface PodLogOptions {
  container?: string;
  /** Keep the stream open and pass on new lines as the container writes them. */
  follow?: boolean;
  /** The log of the previous, terminated instance of the container (after a restart). */
  previous?: boolean;
  tailLines?: number;
  sinceSeconds?: number;
  timestamps?: boolean;
  limitBytes?: number;
}

export interface PodLog extends Closable {
  /** Settles when the log ends: undefined when complete or closed, the mapped error when the stream broke off. */
  readonly ended: Promise<AppError | undefined>;
}

export const podLogPath = (namespace: string, pod: string) =>
  `/api/v1/namespaces/${encodeURIComponent(namespace)}/pods/${encodeURIComponent(pod)}/log`;

/** Streams the log into `out` (ended with the log). Throws a mapped AppError when the server refuses (no such pod…). */
export async function podLog(
  conn: KubeStreamingConnection & { track(c: Closable): () => void },
  namespace: string,
  pod: string,
  out: Writable,
  options: PodLogOptions = {},
): Promise<PodLog> {
  const what = `read the log of pod ${namespace}/${pod}${options.container ? ` (container ${options.container})` : ''}`;
  const abort = new AbortController();
  const r = await conn.stream(podLogPath(namespace, pod), {
    signal: abort.signal,
    query: {
      container: options.container,
      follow: options.follow || undefined,
      previous: options.previous || undefined,
      tailLines: options.tailLines,
      sinceSeconds: options.sinceSeconds,
      timestamps: options.timestamps || undefined,
      limitBytes: options.limitBytes,
    },
  });
  if (r.status !== 200 || !r.response) throw mapHttpError(r.status, r.body, conn.where, what);
  let closed = false;
  let untrack = () => {};
  const response = r.response;
  const ended = pipeline(response, out).then(
    () => {
      untrack();
      // A follow whose connection drops between chunks ends like a complete body would, but for `complete`.
      return response.complete || closed ? undefined : brokeOff(conn, what);
    },
    (e: unknown) => {
      untrack();
      if (closed) return undefined;
      const code = (e as { code?: unknown }).code;
      return code === 'ERR_STREAM_PREMATURE_CLOSE' || code === 'ECONNRESET'
        ? brokeOff(conn, what)
        : mapTransportError(e, conn.where, conn.timeoutMs);
    },
  );
  const handle: PodLog = {
    ended,
    close: () => {
      closed = true;
      abort.abort();
      response.destroy();
    },
  };
  untrack = conn.track(handle);
  return handle;
}

function brokeOff(conn: KubeStreamingConnection, what: string): AppError {
  return new AppError({
    code: 'unreachable',
    message: `The connection to ${conn.where.server} closed while trying to ${what}`,
    hint: 'The API server or the node went away; follow the log again',
  });
}

/** The whole log (or its tail) as text. */
export async function readPodLog(
  conn: KubeStreamingConnection & { track(c: Closable): () => void },
  namespace: string,
  pod: string,
  options: Omit<PodLogOptions, 'follow'> = {},
): Promise<string> {
  const chunks: Buffer[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _enc, cb) {
      chunks.push(chunk);
      cb();
    },
  });
  const log = await podLog(conn, namespace, pod, sink, options);
  const error = await log.ended;
  if (error) throw error;
  return Buffer.concat(chunks).toString('utf8');
}
