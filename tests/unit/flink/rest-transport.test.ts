// The REST transport's keep-alive: a connection the server drops while a call is on it, after it carried an earlier
// one (a server closing idle connections first), costs a GET nothing — it is sent once more on a new connection — and
// is an error for anything else (never sent twice); and every connection a round opened is kept for the next, however
// many calls went to one address at once. Real node:http servers on 127.0.0.1: one drops the second request on each
// connection, the other counts the connections it is opened.
import { getEventListeners } from 'node:events';
import { createServer, type Server } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultTransport } from '../../../electron/services/flink/rest-transport';

let server: Server;
let url: string;
const perSocket = new Map<Socket, number>();
let answered = 0;

beforeAll(async () => {
  server = createServer((req, res) => {
    const n = (perSocket.get(req.socket) ?? 0) + 1;
    perSocket.set(req.socket, n);
    if (n > 1) return void req.socket.destroy();
    answered++;
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ n: answered }));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

const call = (method: 'GET' | 'POST') =>
  defaultTransport(`${url}/x`, { method, headers: { accept: 'application/json' }, signal: new AbortController().signal, timeoutMs: 5000 });

describe('defaultTransport', () => {
  it('sends a GET again on a new connection when a reused one is dropped under it', async () => {
    expect(await call('GET')).toEqual({ status: 200, text: '{"n":1}' });
    const sockets = perSocket.size;
    expect(await call('GET')).toEqual({ status: 200, text: '{"n":2}' });
    expect(perSocket.size).toBe(sockets + 1);
  });

  it('does not send a POST twice: the dropped connection is its error', async () => {
    // The GET's new connection is kept alive with one call on it: the POST goes on it and is dropped.
    const before = answered;
    await expect(call('POST')).rejects.toMatchObject({ code: 'ECONNRESET' });
    expect(answered).toBe(before);
  });
});

describe('defaultTransport keep-alive under a round of calls to one address', () => {
  it('keeps every connection a round opened, beyond the 256 idle per address Node keeps by default', async () => {
    let connections = 0;
    const s = createServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end('{}');
    });
    s.on('connection', () => connections++);
    s.keepAliveTimeout = 60_000;
    await new Promise<void>((r) => s.listen(0, '127.0.0.1', 1024, r));
    const base = `http://127.0.0.1:${(s.address() as AddressInfo).port}`;
    try {
      // As a metrics round of many clusters behind one gateway: 300 calls in flight at once, twice.
      const round = () =>
        Promise.all(
          Array.from({ length: 300 }, (_, i) =>
            defaultTransport(`${base}/c/${i}`, { method: 'GET', headers: {}, signal: new AbortController().signal, timeoutMs: 5000 }),
          ),
        );
      expect((await round()).every((a) => a.status === 200)).toBe(true);
      const first = connections;
      expect(first).toBeGreaterThan(256);
      await round();
      expect(connections).toBe(first);
    } finally {
      s.closeAllConnections();
      await new Promise<void>((r) => s.close(() => r()));
    }
  });
});

describe('defaultTransport ends a call', () => {
  let hanging: Server;
  let base: string;
  const closed: Promise<void>[] = [];
  beforeAll(async () => {
    // Never answers; says when the connection of each call closes.
    hanging = createServer((req) => closed.push(new Promise<void>((r) => req.socket.once('close', () => r()))));
    await new Promise<void>((r) => hanging.listen(0, '127.0.0.1', r));
    base = `http://127.0.0.1:${(hanging.address() as AddressInfo).port}`;
  });
  afterAll(() => {
    hanging.closeAllConnections();
    return new Promise<void>((r) => hanging.close(() => r()));
  });

  it('at the timeout: a TimeoutError, and its connection closed', async () => {
    const call = defaultTransport(`${base}/slow`, { method: 'GET', headers: {}, signal: new AbortController().signal, timeoutMs: 200 });
    await expect(call).rejects.toMatchObject({ name: 'TimeoutError' });
    await closed.at(-1);
  });

  it("when the caller's signal aborts: its reason, its connection closed, and the signal let go", async () => {
    const c = new AbortController();
    const call = defaultTransport(`${base}/slow`, { method: 'GET', headers: {}, signal: c.signal, timeoutMs: 60_000 });
    expect(getEventListeners(c.signal, 'abort')).toHaveLength(1);
    const n = closed.length;
    await new Promise<void>((r) => hanging.once('request', () => r()));
    c.abort(new Error('stopping'));
    await expect(call).rejects.toThrow('stopping');
    expect(closed.length).toBe(n + 1);
    await closed.at(-1);
    expect(getEventListeners(c.signal, 'abort')).toHaveLength(0);
  });

  it('lets go of the signal when the answer comes', async () => {
    const c = new AbortController();
    await defaultTransport(`${url}/x`, { method: 'GET', headers: {}, signal: c.signal, timeoutMs: 5000 });
    expect(getEventListeners(c.signal, 'abort')).toHaveLength(0);
  });
});
