// One cluster's Flink Web UI in serve mode: an HTTP server on 127.0.0.1 (a port, so an origin, of its own) that
// proxies every request to the cluster's local proxy of the access layer. Its own token: a one-time ticket in the
// iframe's first address is traded for an HttpOnly, SameSite=Strict cookie named after its port (cookies ignore
// ports: the app's and the other UIs' arrive here too and go no further). The Flink dashboard uses relative paths,
// so it works at the root of its own origin. The app's /rpc is another origin, refused by the host's Origin check.
import { randomBytes } from 'node:crypto';
import { createServer, request, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { pipeline } from 'node:stream/promises';
import { admit, answerHeaders, readCookie, upstreamHeaders } from './ui-request-rules';
import { sameSecret, Tickets } from './tickets';

export const TICKET_PARAM = 'flinkdesk-ticket';

export interface UiOriginOptions {
  name: string;
  /** The cluster's local proxy (http://127.0.0.1:PORT). */
  proxyUrl: string;
  /** The app's own origin, the only one allowed to frame this UI (known once the host listens). */
  appOrigin: () => string | undefined;
}

function text(res: ServerResponse, status: number, message: string): void {
  res.writeHead(status, { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' }).end(message);
}

export class UiOrigin {
  readonly tickets = new Tickets();
  private readonly session = randomBytes(24).toString('base64url');
  private proxy: URL;

  private constructor(
    private readonly server: Server,
    readonly port: number,
    private readonly options: UiOriginOptions,
  ) {
    this.proxy = new URL(options.proxyUrl);
  }

  get origin(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  get cookieName(): string {
    return `flinkdesk_ui_${this.port}`;
  }

  get proxyUrl(): string {
    return this.proxy.origin;
  }

  /** The local proxy may be opened anew (the cluster tracked again): later requests go there. */
  retarget(proxyUrl: string): void {
    this.proxy = new URL(proxyUrl);
  }

  /** The iframe's first address: the UI with a fresh one-time ticket. */
  entryUrl(hash = '#/overview'): string {
    return `${this.origin}/?${TICKET_PARAM}=${this.tickets.issue()}${hash}`;
  }

  static async open(options: UiOriginOptions): Promise<UiOrigin> {
    const server = createServer({ requestTimeout: 0 });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(0, '127.0.0.1', () => {
        server.off('error', reject);
        resolve();
      });
    });
    const ui = new UiOrigin(server, (server.address() as AddressInfo).port, options);
    server.on('request', (req, res) => ui.handle(req, res));
    // The dashboard needs no WebSocket; nothing is upgraded.
    server.on('upgrade', (_req, socket) => socket.end('HTTP/1.1 403 Forbidden\r\nconnection: close\r\n\r\n'));
    return ui;
  }

  async close(): Promise<void> {
    const closed = new Promise<void>((r) => this.server.close(() => r()));
    this.server.closeAllConnections();
    await closed;
  }

  private handle(req: IncomingMessage, res: ServerResponse): void {
    const verdict = admit(req.headers, { origin: this.origin, port: this.port });
    if (!verdict.ok) return text(res, verdict.status, verdict.message);
    const url = new URL(req.url ?? '/', this.origin);
    const ticket = url.searchParams.get(TICKET_PARAM);
    if (ticket !== null) {
      if (req.method !== 'GET' || !this.tickets.redeem(ticket))
        return text(res, 401, 'Flink Desk: this Flink Web UI link was used already or is too old — open it again from the job page.');
      url.searchParams.delete(TICKET_PARAM);
      res.writeHead(303, {
        location: url.pathname + url.search,
        'set-cookie': `${this.cookieName}=${this.session}; HttpOnly; SameSite=Strict; Path=/`,
        'cache-control': 'no-store',
      });
      return void res.end();
    }
    if (!sameSecret(readCookie(req.headers.cookie, this.cookieName), this.session))
      return text(res, 401, 'Flink Desk: open this Flink Web UI from the job page in Flink Desk — it carries the access token.');
    this.forward(req, res);
  }

  private forward(req: IncomingMessage, res: ServerResponse): void {
    const target = this.proxy;
    const upstream = request({
      protocol: target.protocol,
      hostname: target.hostname,
      port: target.port,
      method: req.method,
      path: req.url,
      headers: upstreamHeaders(req.headers, target.host),
    });
    upstream.on('response', (answer) => {
      res.writeHead(answer.statusCode ?? 502, answerHeaders(answer.headers, target.origin, this.options.appOrigin()));
      pipeline(answer, res).catch(() => res.destroy());
    });
    upstream.on('error', (e: NodeJS.ErrnoException) => {
      if (res.headersSent) return void res.destroy();
      text(
        res,
        502,
        `Flink Desk: the local proxy of ${this.options.name} did not answer (${e.code ?? e.message}); it closes when the cluster is no longer tracked.`,
      );
    });
    res.on('close', () => {
      if (!res.writableFinished) upstream.destroy();
    });
    pipeline(req, upstream).catch(() => upstream.destroy());
  }
}
