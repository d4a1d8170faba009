// How the Flink REST client's requests travel. A JSON call (every poll of the tracking loops: a thousand calls a
// round) goes through node:http with keep-alive agents, about half the CPU of fetch() per call (measured: 840 GETs
// at a time against one loopback server, 150–175 ms of CPU against 280–310 ms). (undici's request() is cheaper in
// that test, but not in the tracking benchmark: 8.78 % of a core against 8.58 %, and RSS max 306 MiB against 232.)
// A multipart upload (a jar streamed from disk as a Blob) goes through fetch(), whose FormData encoding is the one
// Node ships. Tests pass a fetch of their own, which then carries every call.
import { Agent as HttpAgent, request as httpRequest, type ClientRequest, type IncomingMessage } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import { abortScope, onAbort } from '../runtime/abort-scope';

export interface RestRequest {
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE';
  headers: Record<string, string>;
  body?: string | FormData;
  /** Ends the call: it then rejects with the signal's reason. */
  signal: AbortSignal;
  /** No answer whole within this: the call rejects with an error named 'TimeoutError'. */
  timeoutMs: number;
}

export interface RestAnswer {
  status: number;
  text: string;
}

export type RestTransport = (url: string, req: RestRequest) => Promise<RestAnswer>;

const timeoutError = (ms: number) => new DOMException(`No answer within ${ms} ms`, 'TimeoutError');
const abortError = (signal: AbortSignal): Error =>
  signal.reason instanceof Error ? signal.reason : new DOMException(String(signal.reason ?? 'The operation was aborted'), 'AbortError');

export function fetchTransport(fetchImpl: typeof fetch): RestTransport {
  return async (url, { method, headers, body, signal, timeoutMs }) => {
    const scope = abortScope(signal);
    const timer = setTimeout(() => scope.controller.abort(timeoutError(timeoutMs)), timeoutMs);
    try {
      const res = await fetchImpl(url, { method, headers, signal: scope.signal, ...(body !== undefined ? { body } : {}) });
      return { status: res.status, text: await res.text() };
    } finally {
      clearTimeout(timer);
      scope.dispose();
    }
  };
}

const viaFetch = fetchTransport((...a) => fetch(...a));

// Idle connections are kept longer than a polling interval (the tracking loops reuse them every round). A server may
// close one first: a GET that meets such a reset on a reused connection is sent once more (Node's documented pattern).
// Every idle connection is kept, however many calls one address had in flight at once (many clusters behind one
// gateway, a session cluster's jobs read together): with Node's default of 256 idle per address, those beyond it were
// closed after each round and opened again at the next — measured, that churn cost a bare loop of the benchmark's
// calls 40 % more CPU (148 µs a call against 105). They are bounded anyway by the calls in flight at once and close
// after IDLE_MS unused.
const IDLE_MS = 30_000;
const KEEP = { keepAlive: true, timeout: IDLE_MS, maxFreeSockets: Infinity };
const agents = { http: new HttpAgent(KEEP), https: new HttpsAgent(KEEP) };

/** node:http for JSON calls, fetch() for a multipart form. The caller's signal and the timeout end a call through
 * one listener per signal (abort-scope.ts) and a timer, not an AbortController of its own and Node's `signal` option
 * (an EventTarget listener and a stream-end watcher on every request): a tracking round makes a thousand calls. */
export const defaultTransport: RestTransport = (url, req) => {
  const body = req.body;
  if (body instanceof FormData) return viaFetch(url, req);
  const https = url.startsWith('https:');
  const options = { method: req.method, headers: req.headers, agent: https ? agents.https : agents.http };
  return new Promise<RestAnswer>((resolve, reject) => {
    if (req.signal.aborted) return reject(abortError(req.signal));
    let current: ClientRequest | undefined;
    let done = false;
    const end = () => {
      if (done) return false;
      done = true;
      clearTimeout(timer);
      letGo();
      return true;
    };
    const succeed = (answer: RestAnswer) => end() && resolve(answer);
    const fail = (error: Error) => {
      if (!end()) return;
      current?.destroy();
      reject(error);
    };
    const timer = setTimeout(() => fail(timeoutError(req.timeoutMs)), req.timeoutMs);
    const letGo = onAbort(req.signal, () => fail(abortError(req.signal)));
    const send = (retry: boolean) => {
      if (done) return;
      const onAnswer = (res: IncomingMessage) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (text += chunk));
        res.on('end', () => succeed({ status: res.statusCode ?? 0, text }));
        res.on('error', fail);
      };
      const r = https ? httpsRequest(url, options, onAnswer) : httpRequest(url, options, onAnswer);
      current = r;
      r.on('error', (e: NodeJS.ErrnoException) => {
        if (done) return;
        if (retry && r.reusedSocket && e.code === 'ECONNRESET') send(false);
        else fail(e);
      });
      r.end(body);
    };
    send(req.method === 'GET');
  });
};
