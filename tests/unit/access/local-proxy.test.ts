// The local reverse proxy against real HTTP servers on 127.0.0.1 (stand-ins for a JobManager's REST endpoint, named
// so): any method and path, request and answer bodies streamed, hop-by-hop headers dropped; an upstream that goes
// away and comes back elsewhere is followed without a failed request (the route re-resolves, the request is sent
// again); a request with a body is never sent twice; a break mid-answer reaches the client as a break; Host and
// Origin of another site are refused; a client that leaves ends the upstream request.
import { createServer, request, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { LocalProxy, type RouteLike } from '../../../electron/services/access/local-proxy';
import { HttpUpstream, type Upstream } from '../../../electron/services/access/upstream';
import { silentLogger } from '../../../electron/services/ports';

interface StandIn {
  url: string;
  port: number;
  seen: { method: string; url: string; headers: IncomingMessage['headers']; body: Buffer }[];
  handler: (req: IncomingMessage, res: ServerResponse, body: Buffer) => void;
  close(): Promise<void>;
}

const open: { close(): Promise<void> }[] = [];
afterEach(async () => {
  await Promise.allSettled(open.splice(0).map((o) => o.close()));
});

async function standIn(name: string, port = 0): Promise<StandIn> {
  const server: Server = createServer();
  const s: StandIn = {
    url: '',
    port: 0,
    seen: [],
    handler: (req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ from: name, path: req.url }));
    },
    close: () =>
      new Promise<void>((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
  server.on('request', (req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      s.seen.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers, body });
      s.handler(req, res, body);
    });
  });
  await new Promise<void>((r) => server.listen(port, '127.0.0.1', r));
  s.port = (server.address() as AddressInfo).port;
  s.url = `http://127.0.0.1:${s.port}`;
  open.push(s);
  return s;
}

/** A route whose upstream is whatever `next()` gives; failures and successes recorded. */
class TestRoute implements RouteLike {
  failures: string[] = [];
  acquired = 0;
  private current: Upstream | undefined;
  constructor(private readonly next: () => Upstream) {}
  acquire(): Promise<Upstream> {
    this.acquired++;
    this.current ??= this.next();
    return Promise.resolve(this.current);
  }
  failed(up: Upstream, problem: string): void {
    this.failures.push(problem);
    if (this.current === up) this.current = undefined;
    void up.close();
  }
  succeeded(up: Upstream): void {
    up.worked = true;
  }
}

async function proxyFor(route: RouteLike): Promise<LocalProxy> {
  const p = await LocalProxy.open(route, { logger: silentLogger, name: 'kube:dev/flink/orders', connectTimeoutMs: 2000 });
  open.push(p);
  return p;
}

interface Answer {
  status: number;
  headers: IncomingMessage['headers'];
  body: string;
}

function call(
  url: string,
  init: { method?: string; headers?: Record<string, string>; body?: Buffer | string | string[] } = {},
): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method: init.method ?? 'GET', headers: init.headers ?? {}, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('error', reject);
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
    });
    req.on('error', reject);
    if (Array.isArray(init.body)) {
      // Chunked: written piece by piece, no Content-Length.
      for (const part of init.body) req.write(part);
      req.end();
    } else req.end(init.body);
  });
}

describe('the local proxy', () => {
  it('listens on 127.0.0.1 and carries any method and path, with the query, to the upstream', async () => {
    const jm = await standIn('jm');
    const proxy = await proxyFor(new TestRoute(() => new HttpUpstream('direct', 'test', jm.url)));
    expect(proxy.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const a = await call(`${proxy.url}/jobs/overview?x=1`);
    expect(a.status).toBe(200);
    expect(JSON.parse(a.body)).toEqual({ from: 'jm', path: '/jobs/overview?x=1' });
    await call(`${proxy.url}/jobs/abc?mode=cancel`, { method: 'PATCH' });
    await call(`${proxy.url}/jars/x`, { method: 'DELETE' });
    expect(jm.seen.map((r) => `${r.method} ${r.url}`)).toEqual(['GET /jobs/overview?x=1', 'PATCH /jobs/abc?mode=cancel', 'DELETE /jars/x']);
  });

  it('keeps a path inside the upstream base: dot segments are resolved first', async () => {
    const jm = await standIn('jm');
    const proxy = await proxyFor(new TestRoute(() => new HttpUpstream('direct', 'test', `${jm.url}/base/prefix`)));
    await call(`${proxy.url}/a/../../../secrets`);
    await call(`${proxy.url}/a/%2e%2e/%2E%2E/b`);
    expect(jm.seen.map((r) => r.url)).toEqual(['/base/prefix/secrets', '/base/prefix/b']);
  });

  it('streams a request body (a chunked upload) and an answer body, and drops hop-by-hop headers', async () => {
    const jm = await standIn('jm');
    jm.handler = (_req, res, body) => {
      res.writeHead(200, { 'content-type': 'application/octet-stream', 'x-flink': 'yes', 'keep-alive': 'timeout=5' });
      // Written in parts: the proxy must pass them on as they come.
      for (let i = 0; i < 4; i++) res.write(body.subarray((i * body.length) / 4, ((i + 1) * body.length) / 4));
      res.end();
    };
    const proxy = await proxyFor(new TestRoute(() => new HttpUpstream('direct', 'test', jm.url)));
    const parts = Array.from({ length: 64 }, (_, i) => `${String(i).padStart(4, '0')}${'x'.repeat(16 * 1024)}`);
    const a = await call(`${proxy.url}/jars/upload`, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-java-archive',
        'x-custom': 'kept',
        'proxy-authorization': 'Basic c2VjcmV0',
        te: 'trailers',
      },
      body: parts,
    });
    expect(a.status).toBe(200);
    expect(a.body).toBe(parts.join(''));
    expect(a.headers['x-flink']).toBe('yes');
    const seen = jm.seen[0]!;
    expect(seen.headers['transfer-encoding']).toBe('chunked');
    expect(seen.headers['x-custom']).toBe('kept');
    expect(seen.headers['proxy-authorization']).toBeUndefined();
    expect(seen.headers.te).toBeUndefined();
    expect(seen.headers.host).toBe(`127.0.0.1:${jm.port}`);
  });

  it('follows an upstream that went away and came back elsewhere: the same GET answered, no failure seen by the client', async () => {
    const first = await standIn('first');
    const second = await standIn('second');
    const ups = [first.url, second.url];
    const route = new TestRoute(() => new HttpUpstream('port-forward', 'test', ups.shift()!));
    const proxy = await proxyFor(route);
    expect(JSON.parse((await call(`${proxy.url}/overview`)).body)).toMatchObject({ from: 'first' });
    await first.close();
    const a = await call(`${proxy.url}/overview`);
    expect(a.status).toBe(200);
    expect(JSON.parse(a.body)).toMatchObject({ from: 'second' });
    expect(route.failures).toHaveLength(1);
    expect(route.failures[0]).toMatch(new RegExp(`127\\.0\\.0\\.1:${first.port} refused the connection|closed before an answer came`));
  });

  it('never sends a request with a body twice: its client gets 502 with the reason, the next request goes the new way', async () => {
    const gone = await standIn('gone');
    await gone.close();
    const jm = await standIn('jm');
    const ups = [gone.url, jm.url];
    const route = new TestRoute(() => new HttpUpstream('direct', 'test', ups.shift()!));
    const proxy = await proxyFor(route);
    const a = await call(`${proxy.url}/jars/abc/run`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    expect(a.status).toBe(502);
    expect(JSON.parse(a.body)).toEqual({
      errors: [`Cannot reach the Flink REST endpoint of kube:dev/flink/orders: 127.0.0.1:${gone.port} refused the connection`],
    });
    expect(jm.seen).toHaveLength(0);
    expect((await call(`${proxy.url}/jars/abc/run`, { method: 'POST', body: '{}' })).status).toBe(200);
    expect(jm.seen).toHaveLength(1);
  });

  it('a GET is tried a bounded number of times when every way fails, then answered 502', async () => {
    const gone = await standIn('gone');
    await gone.close();
    const route = new TestRoute(() => new HttpUpstream('direct', 'test', gone.url));
    const proxy = await proxyFor(route);
    const a = await call(`${proxy.url}/jobs/overview`);
    expect(a.status).toBe(502);
    expect(route.failures.length).toBe(4);
  });

  it('no way at all: 502 with the route’s reason, Flink-shaped so the REST client shows it', async () => {
    const route: RouteLike = {
      acquire: () => Promise.reject(new Error('No way to the REST endpoint of kube:dev/flink/orders works (port-forward: no pod)')),
      failed: () => {},
      succeeded: () => {},
    };
    const proxy = await proxyFor(route);
    const a = await call(`${proxy.url}/jobs/overview`);
    expect(a.status).toBe(502);
    expect(JSON.parse(a.body)).toEqual({ errors: ['No way to the REST endpoint of kube:dev/flink/orders works (port-forward: no pod)'] });
  });

  it('a break in the middle of an answer reaches the client as a break, not as a complete answer', async () => {
    const jm = await standIn('jm');
    jm.handler = (_req, res) => {
      res.writeHead(200, { 'content-type': 'text/plain', 'content-length': '1000' });
      res.write('partial');
      setImmediate(() => res.socket?.destroy());
    };
    const proxy = await proxyFor(new TestRoute(() => new HttpUpstream('direct', 'test', jm.url)));
    await expect(call(`${proxy.url}/log`)).rejects.toThrow(/aborted|socket hang up|ECONNRESET/);
  });

  it('refuses requests for another Host or from another Origin (DNS rebinding, cross-site pages)', async () => {
    const jm = await standIn('jm');
    const proxy = await proxyFor(new TestRoute(() => new HttpUpstream('direct', 'test', jm.url)));
    const port = new URL(proxy.url).port;
    expect((await call(`${proxy.url}/overview`, { headers: { host: `evil.example:${port}` } })).status).toBe(403);
    expect((await call(`${proxy.url}/jobs/x?mode=cancel`, { method: 'PATCH', headers: { origin: 'http://evil.example' } })).status).toBe(
      403,
    );
    expect((await call(`${proxy.url}/overview`, { headers: { origin: proxy.url } })).status).toBe(200);
    expect((await call(`${proxy.url}/overview`, { headers: { host: `localhost:${port}` } })).status).toBe(200);
    expect(jm.seen).toHaveLength(2);
  });

  it('a client that leaves ends the upstream request', async () => {
    const jm = await standIn('jm');
    let upstreamClosed!: () => void;
    const closed = new Promise<void>((r) => (upstreamClosed = r));
    let arrived!: () => void;
    const requested = new Promise<void>((r) => (arrived = r));
    jm.handler = (req, res) => {
      res.writeHead(200, { 'content-type': 'text/plain' });
      res.write('first line\n');
      req.socket.on('close', upstreamClosed);
      arrived();
    };
    const proxy = await proxyFor(new TestRoute(() => new HttpUpstream('direct', 'test', jm.url)));
    const req = request(`${proxy.url}/follow`, (res) => res.once('data', () => req.destroy()));
    req.on('error', () => {});
    req.end();
    await requested;
    await closed;
  });

  it('closed, it listens no more and its open connections end', async () => {
    const jm = await standIn('jm');
    const proxy = await proxyFor(new TestRoute(() => new HttpUpstream('direct', 'test', jm.url)));
    await call(`${proxy.url}/overview`);
    await proxy.close();
    await expect(call(`${proxy.url}/overview`)).rejects.toMatchObject({ code: 'ECONNREFUSED' });
  });
});
