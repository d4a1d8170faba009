// One cluster's local reverse proxy on 127.0.0.1 (a free port): every request — any method and path, bodies streamed
// both ways — goes to the upstream its route gives now (route.ts), so the REST client and the embedded Web UI keep
// one address while the way behind it changes. A request that fails before any answer came (refused, reset, a
// port-forward to a pod that is gone, the API server refusing the service proxy) is reported to the route, which
// re-resolves the way or falls back to the next one; a request without a body (GET, HEAD, OPTIONS) is then sent again
// on the new way, bounded by MAX_ATTEMPTS, so a JobManager pod restart costs no failed request. Requests whose Host
// or Origin is not this proxy's own are refused (DNS rebinding, cross-site requests from a browser).
import { createServer, request as httpRequest, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { AddressInfo } from 'node:net';
import { pipeline } from 'node:stream/promises';
import { AppError } from '../../../shared/errors';
import type { Logger } from '../ports';
import { answerHeaders, outgoingRequest } from './outgoing';
import type { Upstream } from './upstream';

export interface RouteLike {
  /** The upstream to use now; an AppError when no way works. */
  acquire(): Promise<Upstream>;
  /** A request through `up` failed before any answer: `problem` says why. */
  failed(up: Upstream, problem: string): void;
  /** `up` answered. */
  succeeded(up: Upstream): void;
}

export interface LocalProxyOptions {
  logger: Logger;
  /** What the proxy is for, in logs: the cluster id. */
  name: string;
  /** How long a new upstream connection may take before the way counts as failed. */
  connectTimeoutMs?: number;
}

const MAX_ATTEMPTS = 4;
const MAX_REFUSAL_BODY = 64 * 1024;
const REPLAYABLE = new Set(['GET', 'HEAD', 'OPTIONS']);

/** `fresh`: the way asked for fresh credentials (a 401): worth one more try on the same way before it counts. */
type Outcome = { kind: 'answered' } | { kind: 'failed'; problem: string; fresh?: boolean } | { kind: 'gone' };

export class LocalProxy {
  private constructor(
    private readonly server: Server,
    readonly url: string,
    private readonly port: number,
  ) {}

  static async open(route: RouteLike, options: LocalProxyOptions): Promise<LocalProxy> {
    // A jar upload may take longer than Node's default request timeout: the client and the upstream bound it.
    const server = createServer({ requestTimeout: 0 });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(0, '127.0.0.1', () => {
        server.off('error', reject);
        resolve();
      });
    });
    const port = (server.address() as AddressInfo).port;
    const proxy = new LocalProxy(server, `http://127.0.0.1:${port}`, port);
    server.on('request', (req: IncomingMessage, res: ServerResponse) => {
      proxy.handle(route, options, req, res).catch((e: unknown) => {
        options.logger.warn('local proxy request failed', { cluster: options.name, error: e instanceof Error ? e.message : String(e) });
        if (!res.headersSent) refuse(res, 502, 'Flink Desk’s local proxy failed');
        else res.destroy();
      });
    });
    return proxy;
  }

  async close(): Promise<void> {
    const closed = new Promise<void>((r) => this.server.close(() => r()));
    this.server.closeAllConnections();
    await closed;
  }

  private ownHost(value: string | undefined): boolean {
    return value === `127.0.0.1:${this.port}` || value === `localhost:${this.port}`;
  }

  private async handle(route: RouteLike, options: LocalProxyOptions, req: IncomingMessage, res: ServerResponse): Promise<void> {
    const origin = req.headers.origin;
    if (!this.ownHost(req.headers.host) || (origin !== undefined && !this.ownHost(origin.replace(/^http:\/\//, ''))))
      return refuse(res, 403, `Flink Desk’s local proxy answers only requests to ${this.url}`);
    const method = req.method ?? 'GET';
    const bodiless = !req.headers['transfer-encoding'] && (req.headers['content-length'] ?? '0') === '0';
    const replayable = REPLAYABLE.has(method) && bodiless;
    let problem = 'no way tried';
    let refreshed = false;
    for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      let up: Upstream;
      try {
        up = await route.acquire();
      } catch (e) {
        return refuse(res, 502, e instanceof AppError || e instanceof Error ? e.message : String(e));
      }
      const outcome = await this.forward(up, req, res, bodiless, options);
      if (outcome.kind === 'gone') return;
      if (outcome.kind === 'answered') return route.succeeded(up);
      problem = outcome.problem;
      const again = outcome.fresh && !refreshed && replayable;
      refreshed ||= !!outcome.fresh;
      if (!again) route.failed(up, problem);
      if (!replayable || res.destroyed) break;
    }
    // A request whose body went (partly) to a failed upstream cannot be sent again: its client is told.
    if (!res.destroyed) {
      if (!bodiless) res.setHeader('connection', 'close');
      refuse(res, 502, `Cannot reach the Flink REST endpoint of ${options.name}: ${problem}`);
    }
  }

  /** One try through `up`; settles once the answer's head is sent on (its body streams on), or on failure. */
  private async forward(
    up: Upstream,
    req: IncomingMessage,
    res: ServerResponse,
    bodiless: boolean,
    options: LocalProxyOptions,
  ): Promise<Outcome> {
    let target;
    try {
      target = await up.target();
    } catch (e) {
      return { kind: 'failed', problem: e instanceof Error ? e.message : String(e) };
    }
    const out = outgoingRequest(target, req.method ?? 'GET', req.url, req.headers);
    const { href, ...requestOptions } = out;
    const upstreamReq = (out.protocol === 'https:' ? httpsRequest : httpRequest)(requestOptions);
    let released = false;
    const release = () => {
      if (released) return;
      released = true;
      target.release();
    };
    return new Promise<Outcome>((resolve) => {
      let settled = false;
      const settle = (o: Outcome) => {
        if (settled) return;
        settled = true;
        res.off('close', onClientGone);
        resolve(o);
      };
      const onClientGone = () => {
        upstreamReq.destroy();
        release();
        settle({ kind: 'gone' });
      };
      res.on('close', onClientGone);
      upstreamReq.on('socket', (socket) => {
        if (!socket.connecting) return;
        const timer = setTimeout(
          () => upstreamReq.destroy(Object.assign(new Error('connect timeout'), { code: 'ETIMEDOUT' })),
          options.connectTimeoutMs ?? 5000,
        );
        socket.once('connect', () => clearTimeout(timer));
        socket.once('close', () => clearTimeout(timer));
      });
      upstreamReq.on('error', (e: NodeJS.ErrnoException) => {
        release();
        if (!bodiless) req.unpipe(upstreamReq);
        if (settled) return void res.destroy(e);
        settle({ kind: 'failed', problem: up.lastProblem?.() ?? describe(e, href) });
      });
      upstreamReq.on('response', (answer) => {
        void (async () => {
          if (up.mayRefuse?.(answer)) {
            const body = await readUpTo(answer, MAX_REFUSAL_BODY);
            const refusal = body && up.refusal?.(answer, body);
            if (refusal || !body) {
              release();
              const fresh = answer.statusCode === 401 && !!up.unauthorized;
              if (fresh) up.unauthorized?.();
              return settle({ kind: 'failed', problem: refusal || 'the answer broke off', fresh });
            }
            res.writeHead(answer.statusCode ?? 502, answerHeaders(answer.headers, target.base));
            res.end(body);
            release();
            return settle({ kind: 'answered' });
          }
          res.writeHead(answer.statusCode ?? 502, answerHeaders(answer.headers, target.base));
          settle({ kind: 'answered' });
          // A break in the middle of the answer reaches the client as a broken answer, never as a complete one.
          await pipeline(answer, res).catch(() => res.destroy());
          release();
        })();
      });
      if (bodiless) upstreamReq.end();
      else req.pipe(upstreamReq);
    });
  }
}

/** Reads a small answer whole; undefined when it broke off or is larger than `max`. */
async function readUpTo(answer: IncomingMessage, max: number): Promise<Buffer | undefined> {
  const chunks: Buffer[] = [];
  let size = 0;
  try {
    for await (const c of answer as AsyncIterable<Buffer>) {
      size += c.length;
      if (size > max) {
        answer.destroy();
        return undefined;
      }
      chunks.push(c);
    }
  } catch {
    return undefined;
  }
  return Buffer.concat(chunks);
}

function describe(e: NodeJS.ErrnoException, href: string): string {
  const where = new URL(href).host;
  switch (e.code) {
    case 'ECONNREFUSED':
      return `${where} refused the connection`;
    case 'ETIMEDOUT':
      return `${where} did not accept a connection in time`;
    case 'ECONNRESET':
      return `the connection to ${where} was closed before an answer came`;
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
      return `no route to ${where}`;
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return `cannot resolve ${new URL(href).hostname}`;
    default:
      return `${where}: ${e.code ?? e.message}`;
  }
}

function refuse(res: ServerResponse, status: number, message: string): void {
  if (res.headersSent) return void res.destroy();
  // Shaped like Flink's own errors, so its REST client and the Web UI show the reason.
  const body = JSON.stringify({ errors: [message] });
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(body) });
  res.end(body);
}
