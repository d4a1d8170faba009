// The `serve` host: the built renderer and a WebSocket binding of the contract on 127.0.0.1, behind a random token.
// The printed URL carries the token once; the server trades it for an HttpOnly, SameSite=Strict cookie and drops it
// from the address bar. Requests from other origins or Host names are refused (no DNS rebinding, no cross-site use).
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer } from 'ws';
import { RENDERER_CSP } from '../../shared/csp';
import type { Dispatch } from '../services/rpc/dispatcher';
import { bindSocket, type SocketBroadcaster } from './ws-rpc';
import { serveStatic } from './static-files';

export interface HostOptions {
  dispatch: Dispatch;
  broadcaster: SocketBroadcaster;
  rendererDir: string;
  port?: number;
  token?: string;
  /** Pages of the host's own beside the renderer, behind the same token (the Flink Web UI's frame pages); false: not one. */
  routes?: (req: IncomingMessage, url: URL, res: ServerResponse) => boolean;
}

export interface RunningHost {
  url: string;
  origin: string;
  port: number;
  token: string;
  server: Server;
  close(): Promise<void>;
}

const COOKIE = 'flinkdesk_token';

export async function startHost(options: HostOptions): Promise<RunningHost> {
  const token = options.token ?? randomBytes(24).toString('base64url');
  const server = createServer();
  const wss = new WebSocketServer({ noServer: true, maxPayload: 1024 * 1024 });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  const allowedHosts = new Set([`127.0.0.1:${port}`, `localhost:${port}`]);
  const allowedOrigins = new Set([...allowedHosts].map((h) => `http://${h}`));

  const tokenOk = (candidate: string | undefined) => {
    if (!candidate) return false;
    const a = Buffer.from(candidate);
    const b = Buffer.from(token);
    return a.length === b.length && timingSafeEqual(a, b);
  };
  const authorized = (req: IncomingMessage, url: URL) =>
    tokenOk(readCookie(req, COOKIE)) || tokenOk(url.searchParams.get('token') ?? undefined);

  server.on('request', (req, res) => {
    const url = new URL(req.url ?? '/', `http://${req.headers.host ?? 'invalid'}`);
    if (!allowedHosts.has(req.headers.host ?? '')) {
      res.writeHead(421, { 'content-type': 'text/plain; charset=utf-8' }).end('Unexpected Host header.');
      return;
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { allow: 'GET, HEAD' }).end();
      return;
    }
    if (!authorized(req, url)) {
      res.writeHead(401, { 'content-type': 'text/plain; charset=utf-8' });
      res.end('Flink Desk: open the address printed by "npm run serve" — it carries the access token.');
      return;
    }
    if (url.searchParams.has('token')) {
      url.searchParams.delete('token');
      res.writeHead(303, {
        location: url.pathname + (url.search || '') + url.hash,
        'set-cookie': `${COOKIE}=${token}; HttpOnly; SameSite=Strict; Path=/`,
      });
      res.end();
      return;
    }
    if (options.routes?.(req, url, res)) return;
    res.setHeader('content-security-policy', `${RENDERER_CSP}; frame-ancestors 'none'`);
    res.setHeader('x-content-type-options', 'nosniff');
    res.setHeader('referrer-policy', 'no-referrer');
    res.setHeader('x-frame-options', 'DENY');
    void serveStatic(options.rendererDir, url.pathname, res, { head: req.method === 'HEAD' });
  });

  server.on('upgrade', (req, socket, head) => {
    const url = new URL(req.url ?? '/', `http://${req.headers.host ?? 'invalid'}`);
    const origin = req.headers.origin;
    const originOk = origin === undefined ? tokenOk(url.searchParams.get('token') ?? undefined) : allowedOrigins.has(origin);
    if (url.pathname !== '/rpc' || !allowedHosts.has(req.headers.host ?? '') || !originOk || !authorized(req, url)) {
      socket.end('HTTP/1.1 403 Forbidden\r\nconnection: close\r\n\r\n');
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => {
      options.broadcaster.add(ws);
      bindSocket(ws, options.dispatch);
    });
  });

  const origin = `http://127.0.0.1:${port}`;
  return {
    url: `${origin}/?token=${token}`,
    origin,
    port,
    token,
    server,
    close: async () => {
      for (const c of wss.clients) c.terminate();
      await new Promise<void>((r) => wss.close(() => r()));
      server.closeAllConnections();
      await new Promise<void>((r) => server.close(() => r()));
    },
  };
}

function readCookie(req: IncomingMessage, name: string): string | undefined {
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const [k, ...v] = part.trim().split('=');
    if (k === name) return v.join('=');
  }
  return undefined;
}
