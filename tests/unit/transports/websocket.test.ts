import { afterAll, describe, expect, it } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { request } from 'node:http';
import WebSocket from 'ws';
import { createClient, type Transport } from '../../../shared/client';
import type { Envelope } from '../../../shared/errors';
import { startHost, type RunningHost } from '../../../electron/host/server';
import { SocketBroadcaster } from '../../../electron/host/ws-rpc';
import { testServices } from '../../helpers/test-services';
import { contractSuite } from './contract-suite';

const hosts: RunningHost[] = [];
afterAll(async () => Promise.all(hosts.map((h) => h.close())));

async function host(): Promise<RunningHost> {
  const broadcaster = new SocketBroadcaster();
  const { dispatch } = testServices(broadcaster, 'web');
  const rendererDir = mkdtempSync(join(tmpdir(), 'fd-renderer-'));
  writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>Flink Desk</title>');
  const h = await startHost({ dispatch, broadcaster, rendererDir });
  hosts.push(h);
  return h;
}

function wsTransport(url: string, headers: Record<string, string> = {}): Promise<Transport> {
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

describe('WebSocket transport (serve host)', () => {
  contractSuite(async () => {
    const h = await host();
    return { transport: 'web', client: createClient(await wsTransport(`ws://127.0.0.1:${h.port}/rpc?token=${h.token}`)) };
  });

  it('refuses a socket without the token, or from another origin', async () => {
    const h = await host();
    await expect(wsTransport(`ws://127.0.0.1:${h.port}/rpc`)).rejects.toThrow(/403/);
    await expect(wsTransport(`ws://127.0.0.1:${h.port}/rpc?token=${h.token}`, { Origin: 'http://evil.example' })).rejects.toThrow(/403/);
    await expect(wsTransport(`ws://127.0.0.1:${h.port}/rpc?token=wrong`)).rejects.toThrow(/403/);
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
