// The Flink Web UI in serve mode against the REAL Flink dashboard of the bench's `flink` part (Flink 1.20), through
// the BUILT serve host (out/main/host.js) and the access layer: the cluster tracked by its REST URL, webui.open
// opens its local proxy and a UI origin of its own (its own 127.0.0.1 port and token); the host's frame page frames
// exactly that origin with a one-time ticket; the ticket becomes the UI origin's cookie; then the dashboard's
// index.html, its JS and CSS, and its REST calls (/jobs/overview, /taskmanagers) come through. Without the cookie:
// 401; a used ticket: 401; another origin's script: 403; the UI origin's page calling the app's /rpc: refused.
import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { useBench } from '../fixtures/use-bench.ts';
import { startServeHost, type ServeHost } from '../helpers/serve-host';
import { connectHost, type HostRpc } from '../helpers/host-rpc';

interface FlinkBench {
  rest: string;
  flinkVersion: string;
}

let flink: FlinkBench;
let host: ServeHost;
let rpc: HostRpc;
let appCookie: string;
const token = () => new URL(host.url).searchParams.get('token')!;

const call = <T>(channel: string, input?: unknown): Promise<T> =>
  (rpc.client.invoke as (c: string, i?: unknown) => Promise<T>)(channel, input);

/** A WebSocket upgrade to the app's /rpc; resolves 'open' or the HTTP status it was refused with. */
function tryRpc(headers: Record<string, string>, query = ''): Promise<'open' | number> {
  return new Promise((resolve) => {
    const ws = new WebSocket(`${host.origin.replace('http', 'ws')}/rpc${query}`, { headers });
    ws.once('open', () => {
      ws.close();
      resolve('open');
    });
    ws.once('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
    ws.once('error', () => undefined);
  });
}

describe('serve mode: the real Flink dashboard on a UI origin of its own', () => {
  let id: string;
  let framePath: string;
  let uiOrigin: string;
  let uiCookie: string;

  beforeAll(async () => {
    flink = await useBench<FlinkBench>('flink');
    host = await startServeHost();
    // The browser's way in: the token URL gives the app's cookie.
    rpc = await connectHost(host);
    appCookie = rpc.cookie;
  });

  afterAll(async () => {
    rpc?.close();
    await host?.stop();
  });

  it('webui.open through the access layer gives the host frame page, never the cluster address or a ticket', async () => {
    const view = await call<{ id: string }>('tracking.add', { restUrl: flink.rest });
    id = view.id;
    const opened = await call<{ embed: string; url: string; title: string; via: string }>('webui.open', { id });
    expect(opened).toMatchObject({ embed: 'iframe', title: `Flink Web UI · ${flink.rest.replace('http://', '')}`, via: 'REST URL' });
    expect(opened.url).toMatch(/^\/webui\/[\w-]{16}$/);
    framePath = opened.url;
    // Opened again: the same page.
    expect((await call<{ url: string }>('webui.open', { id })).url).toBe(framePath);
  });

  it("the frame page: behind the app's token, framing exactly the cluster's UI origin with a one-time ticket", async () => {
    expect((await fetch(`${host.origin}${framePath}`)).status).toBe(401);
    const res = await fetch(`${host.origin}${framePath}`, { headers: { cookie: appCookie } });
    expect(res.status).toBe(200);
    const src = /<iframe src="([^"]+)"/.exec(await res.text())![1]!.replace(/&amp;/g, '&');
    const entry = new URL(src);
    uiOrigin = entry.origin;
    expect(entry.hostname).toBe('127.0.0.1');
    expect(entry.port).not.toBe(new URL(host.origin).port);
    expect(entry.port).not.toBe(new URL(flink.rest).port);
    expect(res.headers.get('content-security-policy')).toContain(`frame-src ${uiOrigin};`);
    expect(res.headers.get('content-security-policy')).toContain("default-src 'none'");

    const traded = await fetch(src, { redirect: 'manual' });
    expect(traded.status).toBe(303);
    expect(traded.headers.get('location')).toBe('/');
    const setCookie = traded.headers.get('set-cookie')!;
    expect(setCookie).toMatch(/HttpOnly/);
    expect(setCookie).toMatch(/SameSite=Strict/);
    uiCookie = setCookie.split(';')[0]!;
    // The ticket works once.
    expect((await fetch(src, { redirect: 'manual' })).status).toBe(401);
  });

  it("GET / is the dashboard's index.html; its JS and CSS load; its REST calls work", async () => {
    const index = await fetch(`${uiOrigin}/`, { headers: { cookie: uiCookie } });
    expect(index.status).toBe(200);
    expect(index.headers.get('content-security-policy')).toBe(`frame-ancestors ${host.origin}`);
    expect(index.headers.get('set-cookie')).toBeNull();
    const html = await index.text();
    expect(html).toContain('<title>Apache Flink Web Dashboard</title>');
    expect(html).toContain('<flink-root>');
    const assets = [...html.matchAll(/(?:src|href)="((?:runtime|polyfills|main|styles)\.[\w.]+\.(?:js|css))"/g)].map((m) => m[1]!);
    expect(assets.filter((a) => a.endsWith('.js')).length).toBeGreaterThanOrEqual(3);
    expect(assets.some((a) => a.endsWith('.css'))).toBe(true);
    for (const a of new Set(assets)) {
      const r = await fetch(`${uiOrigin}/${a}`, { headers: { cookie: uiCookie } });
      expect(r.status, a).toBe(200);
      expect(r.headers.get('content-type'), a).toMatch(a.endsWith('.js') ? /javascript/ : /css/);
      expect((await r.arrayBuffer()).byteLength, a).toBeGreaterThan(100);
    }
    const overview = await fetch(`${uiOrigin}/jobs/overview`, { headers: { cookie: uiCookie, accept: 'application/json' } });
    expect(overview.status).toBe(200);
    expect(Array.isArray(((await overview.json()) as { jobs: unknown[] }).jobs)).toBe(true);
    const tms = await fetch(`${uiOrigin}/taskmanagers`, { headers: { cookie: uiCookie } });
    expect(((await tms.json()) as { taskmanagers: { id: string }[] }).taskmanagers.map((t) => t.id)).toContain('taskmanager-0');
    const config = (await (await fetch(`${uiOrigin}/config`, { headers: { cookie: uiCookie } })).json()) as { 'flink-version': string };
    expect(config['flink-version']).toBe(flink.flinkVersion);
  });

  it('without its cookie, or with the app’s token instead: 401; another origin’s script: 403', async () => {
    expect((await fetch(`${uiOrigin}/`)).status).toBe(401);
    expect((await fetch(`${uiOrigin}/jobs/overview`, { headers: { cookie: appCookie } })).status).toBe(401);
    expect((await fetch(`${uiOrigin}/jobs/overview?token=${token()}`)).status).toBe(401);
    const fromApp = await fetch(`${uiOrigin}/jobs/overview`, {
      headers: { cookie: uiCookie, origin: host.origin, 'sec-fetch-site': 'same-site', 'sec-fetch-mode': 'cors' },
    });
    expect(fromApp.status).toBe(403);
    // fetch cannot set Host: a DNS-rebound name as a browser would send it, through node:http.
    const port = Number(new URL(uiOrigin).port);
    const otherHost = await new Promise<number>((resolve, reject) =>
      request({ host: '127.0.0.1', port, path: '/', headers: { cookie: uiCookie, host: `rebound.example:${port}` } }, (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      })
        .on('error', reject)
        .end(),
    );
    expect(otherHost).toBe(421);
  });

  it("a request from the UI origin to the app's /rpc is refused, even with the app's cookie", async () => {
    // What the Flink UI's scripts would send: their own Origin; the browser adds every 127.0.0.1 cookie.
    expect(await tryRpc({ origin: uiOrigin, cookie: `${appCookie}; ${uiCookie}` })).toBe(403);
    expect(await tryRpc({ origin: uiOrigin }, `?token=${token()}`)).toBe(403);
    // The app's own page gets in (the check is the Origin, not a broken endpoint).
    expect(await tryRpc({ origin: host.origin, cookie: appCookie })).toBe('open');
  });

  it('Open in browser gives the local proxy address; untracked, the UI origin closes', async () => {
    const ext = await call<{ opened: boolean; url: string }>('webui.external', { id });
    expect(ext.opened).toBe(false);
    expect(ext.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    expect(new URL(ext.url).port).not.toBe(new URL(flink.rest).port);
    expect((await fetch(`${ext.url}config`)).status).toBe(200);
    await call('tracking.remove', { id });
    await expect
      .poll(() =>
        fetch(`${uiOrigin}/`).then(
          (r) => r.status,
          () => 'closed',
        ),
      )
      .toBe('closed');
    expect((await fetch(`${host.origin}${framePath}`, { headers: { cookie: appCookie } })).status).toBe(404);
  });
});
