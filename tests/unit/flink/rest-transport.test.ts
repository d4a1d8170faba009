// The REST transport's keep-alive: a connection the server drops while a call is on it, after it carried an earlier
// one (a server closing idle connections first), costs a GET nothing — it is sent once more on a new connection — and
// is an error for anything else (never sent twice). A real node:http server on 127.0.0.1 that drops the second request
// on each connection.
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
  defaultTransport(`${url}/x`, { method, headers: { accept: 'application/json' }, signal: new AbortController().signal });

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
