// A connection to one context's API server. client-node does the kubeconfig part — CA, client certificates,
// tokens, exec credential plugins — through applyToHTTPSOptions; the requests are plain node:https on one keep-alive
// agent, so every call has a hard timeout and its failure keeps its Node error code for error-mapping.ts.
import type { Cluster, KubeConfig } from '@kubernetes/client-node';
import { Agent as HttpAgent, request as httpRequest } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest, type RequestOptions } from 'node:https';
import { mapCredentialError, mapHttpError, mapTransportError, type Where } from './error-mapping';

export interface KubeReply<T = unknown> {
  status: number;
  body: T | undefined;
}

export interface KubeConnection {
  where: Where;
  timeoutMs: number;
  request<T = unknown>(method: string, path: string, body?: unknown): Promise<KubeReply<T>>;
  /** request() that throws a mapped AppError unless the status is 2xx. */
  expect<T = unknown>(method: string, path: string, what: string, body?: unknown): Promise<T>;
  close(): void;
}

export const defaultTimeoutMs = 10_000;

/** Prepares the credentials (runs an exec plugin if the user has one) and returns a connection. */
export async function connect(kc: KubeConfig, cluster: Cluster, timeoutMs = defaultTimeoutMs): Promise<KubeConnection> {
  const user = kc.getCurrentUser();
  const where: Where = { context: kc.getCurrentContext(), server: cluster.server, ...(user ? { user: user.name } : {}) };
  const execCommand = (user as { exec?: { command?: string } } | null)?.exec?.command;
  let base: URL;
  try {
    base = new URL(cluster.server);
  } catch {
    throw mapTransportError(Object.assign(new Error('invalid URL'), { code: 'ERR_INVALID_URL' }), where, timeoutMs);
  }
  const opts: RequestOptions = { headers: {} };
  try {
    await kc.applyToHTTPSOptions(opts);
  } catch (e) {
    throw mapCredentialError(e, where, execCommand);
  }
  const secure = base.protocol === 'https:';
  const agent = secure
    ? new HttpsAgent({
        keepAlive: true,
        maxSockets: 8,
        ...(opts.ca ? { ca: opts.ca } : {}),
        ...(opts.cert ? { cert: opts.cert } : {}),
        ...(opts.key ? { key: opts.key } : {}),
        ...(opts.rejectUnauthorized === false ? { rejectUnauthorized: false } : {}),
        ...(opts.servername ? { servername: opts.servername } : {}),
      })
    : new HttpAgent({ keepAlive: true, maxSockets: 8 });
  const prefix = base.pathname.replace(/\/$/, '');

  const request = <T>(method: string, path: string, body?: unknown): Promise<KubeReply<T>> =>
    new Promise((resolve, reject) => {
      const data = body === undefined ? undefined : JSON.stringify(body);
      const url = new URL(base.origin + prefix + path);
      const headers: Record<string, string | number> = { accept: 'application/json', 'user-agent': 'flink-desk' };
      for (const [k, v] of Object.entries(opts.headers ?? {})) if (typeof v === 'string') headers[k] = v;
      if (data !== undefined) {
        headers['content-type'] = 'application/json';
        headers['content-length'] = Buffer.byteLength(data);
      }
      const send = secure ? httpsRequest : httpRequest;
      const req = send(url, { method, agent, headers, ...(opts.auth ? { auth: opts.auth } : {}) }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('error', (e) => reject(mapTransportError(e, where, timeoutMs)));
        res.on('end', () => {
          clearTimeout(timer);
          const text = Buffer.concat(chunks).toString('utf8');
          let parsed: unknown;
          try {
            parsed = text ? JSON.parse(text) : undefined;
          } catch {
            parsed = { message: text.slice(0, 200) };
          }
          resolve({ status: res.statusCode ?? 0, body: parsed as T });
        });
      });
      // One deadline for the whole exchange, connect included.
      const timer = setTimeout(() => req.destroy(Object.assign(new Error('timeout'), { code: 'FD_TIMEOUT' })), timeoutMs);
      req.on('error', (e) => {
        clearTimeout(timer);
        reject(mapTransportError(e, where, timeoutMs));
      });
      req.end(data);
    });

  return {
    where,
    timeoutMs,
    request,
    async expect<T>(method: string, path: string, what: string, body?: unknown): Promise<T> {
      const r = await request<T>(method, path, body);
      if (r.status < 200 || r.status > 299) throw mapHttpError(r.status, r.body, where, what);
      return r.body as T;
    },
    close: () => agent.destroy(),
  };
}
