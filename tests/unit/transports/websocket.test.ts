import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { request } from 'node:http';
import WebSocket from 'ws';
import { createClient, type Client, type Transport } from '../../../shared/client';
import type { Envelope } from '../../../shared/errors';
import type { OperationSnapshot } from '../../../shared/operations';
import { startHost, type RunningHost } from '../../../electron/host/server';
import { SocketBroadcaster } from '../../../electron/host/ws-rpc';
import type { Dispatch } from '../../../electron/services/rpc/dispatcher';
import { createWebSocketTransport, type SocketLike, type WebSocketTransport } from '../../../renderer/src/api/ws-transport';
import { followOperation, type FollowedOperation } from '../../../renderer/src/api/follow-operation';
import { testServices } from '../../helpers/test-services';
import { contractSuite } from './contract-suite';

const hosts: RunningHost[] = [];
const transports: WebSocketTransport[] = [];
afterAll(async () => Promise.all(hosts.map((h) => h.close())));
afterEach(() => transports.splice(0).forEach((t) => t.close()));

const rendererDir = mkdtempSync(join(tmpdir(), 'fd-renderer-'));
writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>Flink Desk</title>');

/** The real serve host with real services; `seen` records every request as it arrives, in arrival order. */
function services() {
  const broadcaster = new SocketBroadcaster();
  const s = testServices(broadcaster, 'web');
  const seen: string[] = [];
  const dispatch: Dispatch = (channel, input) => {
    seen.push(String(channel));
    return s.dispatch(channel, input);
  };
  return { ...s, broadcaster, dispatch, seen };
}

async function host(s = services(), at: { port?: number; token?: string } = {}): Promise<RunningHost> {
  const h = await startHost({ dispatch: s.dispatch, broadcaster: s.broadcaster, rendererDir, ...at });
  hosts.push(h);
  return h;
}

/** The renderer's own transport, over the `ws` package (Node 20 has no WebSocket global), retrying quickly. */
function rendererTransport(h: RunningHost): WebSocketTransport {
  const t = createWebSocketTransport(`ws://127.0.0.1:${h.port}/rpc?token=${h.token}`, {
    open: (url) => new WebSocket(url) as unknown as SocketLike,
    retryDelayMs: () => 20,
  });
  transports.push(t);
  return t;
}

/** Resolves on the next time the transport reports `connected`. */
const status = (t: WebSocketTransport, connected: boolean) =>
  new Promise<void>((resolve) => {
    const off = t.onStatus((c) => {
      if (c !== connected) return;
      queueMicrotask(() => off());
      resolve();
    });
  });

function rawTransport(url: string, headers: Record<string, string> = {}): Promise<Transport> {
  const socket = new WebSocket(url, { headers });
  let id = 0;
  const pending = new Map<number, (e: Envelope<unknown>) => void>();
  const listeners = new Map<string, Set<(p: unknown) => void>>();
  socket.on('message', (data: Buffer) => {
    const msg = JSON.parse(data.toString()) as { id?: number; envelope?: Envelope<unknown>; event?: string; payload?: unknown };
    if (msg.id !== undefined) pending.get(msg.id)?.(msg.envelope!);
    else if (msg.event) listeners.get(msg.event)?.forEach((l) => l(msg.payload));
  });
  return new Promise((resolve, reject) => {
    socket.once('error', reject);
    socket.once('unexpected-response', (_req, res) => reject(new Error(`HTTP ${res.statusCode}`)));
    socket.once('open', () =>
      resolve({
        request: (channel, input) =>
          new Promise((r) => {
            const n = ++id;
            pending.set(n, r);
            socket.send(JSON.stringify({ id: n, channel, input }));
          }),
        subscribe: (event, l) => {
          const set = listeners.get(event) ?? new Set();
          listeners.set(event, set.add(l));
          return () => set.delete(l);
        },
      }),
    );
  });
}

const JOB_STATUS = 'flink-k8s.tracking.polling-interval-sec.job-status';

describe('WebSocket transport (serve host)', () => {
  contractSuite(async () => {
    const h = await host();
    return { transport: 'web', client: createClient(rendererTransport(h)) };
  });

  it('holds a request made before the socket is open, and sends it once it is', async () => {
    const h = await host();
    const client = createClient(rendererTransport(h));
    expect((await client.invoke('app.info')).transport).toBe('web');
  });

  it('never sends a request it answered as unreachable, also after the host comes back', async () => {
    const s = services();
    const first = await host(s);
    const transport = rendererTransport(first);
    const client = createClient(transport);
    await status(transport, true);

    await first.close();
    await status(transport, false);
    const error = await client.invoke('settings.update', { [JOB_STATUS]: 9 }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'unreachable' });

    const arrivedBefore = s.seen.length;
    const back = status(transport, true);
    await host(s, { port: first.port, token: first.token });
    await back;
    // The event that would have come: a replayed request goes out the moment the socket opens, before anything sent
    // after it, and the host records requests in arrival order. So once this one is answered, a replay would show.
    expect((await client.invoke('settings.get'))[JOB_STATUS]).toBe(5);
    expect(s.seen.slice(arrivedBefore)).toEqual(['settings.get']);
    // And the answer said what happened: it was not sent.
    expect(error).toMatchObject({ message: expect.stringMatching(/^Not sent/) });
  });

  it('answers a request in flight when the connection drops, saying it may have run', async () => {
    const s = services();
    let release: () => void = () => undefined;
    const held = new Promise<void>((r) => (release = r));
    const h = await startHost({
      dispatch: async (channel, input) =>
        channel === 'settings.update' ? held.then(() => s.dispatch(channel, input)) : s.dispatch(channel, input),
      broadcaster: s.broadcaster,
      rendererDir,
    });
    const client = createClient(rendererTransport(h));
    const answer = client.invoke('settings.update', { [JOB_STATUS]: 9 }).catch((e: unknown) => e);
    await client.invoke('app.info'); // the update has reached the host by now: it is the earlier message
    await h.close();
    expect(await answer).toMatchObject({ code: 'unreachable', hint: expect.stringContaining('may or may not have run') });
    release();
  });

  it('keeps its subscriptions across a reconnect, and says it reconnected', async () => {
    const s = services();
    const first = await host(s);
    const transport = rendererTransport(first);
    const client = createClient(transport);
    const seen: number[] = [];
    client.on('settings.changed', (v) => seen.push(v[JOB_STATUS]));
    let reconnects = 0;
    transport.onReconnect(() => reconnects++);
    await status(transport, true);

    await first.close();
    await status(transport, false);
    const back = status(transport, true);
    const second = await host(s, { port: first.port, token: first.token });
    await back;
    expect(reconnects).toBe(1);
    // Another window changes a setting; the event reaches the listener registered before the drop.
    const other = createClient(await rawTransport(`ws://127.0.0.1:${second.port}/rpc?token=${second.token}`));
    await other.invoke('settings.update', { [JOB_STATUS]: 11 });
    await expect.poll(() => seen).toEqual([11]);
  });

  it("re-reads a running operation's snapshot after a reconnect: its end, sent while down, is not lost", async () => {
    const s = services();
    const first = await host(s);
    const transport = rendererTransport(first);
    const client: Client = createClient(transport);
    let finish: () => void = () => undefined;
    const { snapshot } = s.operations.start({
      kind: 'test',
      title: 'Held until the test lets it finish',
      steps: [{ id: 'wait', title: 'Wait' }],
      run: (ctx) =>
        new Promise<void>((resolve) => {
          ctx.step('wait', { status: 'running' });
          finish = () => (ctx.step('wait', { status: 'succeeded' }), resolve());
        }),
    });
    const states: FollowedOperation[] = [];
    const stop = followOperation(
      client,
      (cb) => transport.onReconnect(cb),
      snapshot.id,
      (st) => states.push(st),
    );
    await expect.poll(() => states.at(-1)?.snapshot?.status).toBe('running');

    await first.close();
    await status(transport, false);
    finish(); // the `done` event goes to no socket
    await expect.poll(() => s.operations.get(snapshot.id).status).toBe('succeeded');
    await host(s, { port: first.port, token: first.token });
    await expect.poll(() => states.at(-1)?.snapshot?.status).toBe('succeeded');
    expect((states.at(-1)?.snapshot as OperationSnapshot).steps[0]?.status).toBe('succeeded');
    stop();
  });

  it('refuses a socket without the token, or from another origin', async () => {
    const h = await host();
    await expect(rawTransport(`ws://127.0.0.1:${h.port}/rpc`)).rejects.toThrow(/403/);
    await expect(rawTransport(`ws://127.0.0.1:${h.port}/rpc?token=${h.token}`, { Origin: 'http://evil.example' })).rejects.toThrow(/403/);
    await expect(rawTransport(`ws://127.0.0.1:${h.port}/rpc?token=wrong`)).rejects.toThrow(/403/);
  });

  it('trades the URL token for a strict cookie, then serves the page with the CSP', async () => {
    const h = await host();
    expect((await fetch(`${h.origin}/`)).status).toBe(401);
    const first = await fetch(h.url, { redirect: 'manual' });
    expect(first.status).toBe(303);
    expect(first.headers.get('location')).toBe('/');
    const cookie = first.headers.get('set-cookie')!;
    expect(cookie).toMatch(/HttpOnly; SameSite=Strict/);
    const page = await fetch(`${h.origin}/settings`, { headers: { cookie: cookie.split(';')[0]! } });
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(await page.text()).toContain('Flink Desk');
  });

  it('refuses a foreign Host header (DNS rebinding) and writes', async () => {
    const h = await host();
    // fetch cannot override Host; a raw request can, as a rebinding page's browser would send it.
    const status = await new Promise<number>((resolve, reject) => {
      const req = request(h.url, { headers: { host: 'attacker.example' } }, (res) => resolve(res.statusCode ?? 0));
      req.on('error', reject);
      req.end();
    });
    expect(status).toBe(421);
    expect((await fetch(h.url, { method: 'POST', redirect: 'manual' })).status).toBe(405);
  });

  it('binds to loopback only', async () => {
    const h = await host();
    expect(h.server.address()).toMatchObject({ address: '127.0.0.1' });
  });
});
