// The Flink Web UI inside the job page, in Debian Chromium through the BUILT serve host: the bench's real Flink 1.20
// session cluster tracked by its REST URL, its job page's "Flink Web UI" shows the real dashboard (Angular app,
// overview cards) from the cluster's own UI origin through the access layer; inside it, the Task Managers page lists
// the bench's TaskManager; the dashboard's scripts cannot reach the app's /rpc. Then a real job failure — a job
// submitted to restore from a savepoint that does not exist, which Flink fails at once — shows as a toast (and the
// cluster's old jobs, seen when it was first tracked, did not), whose "Open job" opens the job's page. Screenshots
// of each, looked at.
import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext, Frame, Page } from 'playwright-core';
import { useBench } from '../fixtures/use-bench';
import { launchBrowser, screenshot } from '../helpers/browser';
import { connectHost, type HostRpc } from '../helpers/host-rpc';
import { startServeHost, type ServeHost } from '../helpers/serve-host';

let flink: { rest: string };
let job: { jar: string; entryClass: string };
let host: ServeHost;
let rpc: HostRpc;
let browser: BrowserContext;
let page: Page;
let id = '';
const errors: string[] = [];
const pageOf = (hash: string) => `${host.url}${hash}`;

beforeAll(async () => {
  flink = await useBench<{ rest: string }>('flink');
  job = await useBench<{ jar: string; entryClass: string }>('example-job');
  host = await startServeHost();
  rpc = await connectHost(host);
  await rpc.client.invoke('settings.update', { 'flink-k8s.tracking.polling-interval-sec.job-status': 1 });
  browser = await launchBrowser();
  page = await browser.newPage();
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  // The page is open while the cluster is tracked: its first poll's changes (the cluster and every old job on this
  // shared fixture) reach the page, which must tell none of them.
  await page.goto(pageOf('#/jobs'));
  await page.getByRole('heading', { level: 1, name: 'Jobs' }).waitFor();
  const seen = new Promise<void>((resolve) => {
    const off = rpc.client.on('tracking.changed', (c) => {
      if (c.kind === 'state' && c.jobId === undefined && c.to.state === 'RUNNING') {
        off();
        resolve();
      }
    });
  });
  id = (await rpc.client.invoke('tracking.add', { restUrl: flink.rest, mode: 'session' })).id;
  await seen;
});

/** Same document: the page keeps what it has seen (a reload would start its notifications afresh). */
const goTo = (hash: string) => page.evaluate((h) => void (location.hash = h), hash);

afterAll(async () => {
  rpc?.close();
  await browser?.close();
  await host?.stop();
});

/** The Flink dashboard's frame: inside the host's frame page, on the cluster's UI origin. */
async function dashboard(): Promise<Frame> {
  const hostPort = new URL(host.origin).port;
  await expect
    .poll(() => page.frames().some((f) => f.url().startsWith('http://127.0.0.1:') && new URL(f.url()).port !== hostPort), {
      timeout: 30_000,
    })
    .toBe(true);
  return page.frames().find((f) => f.url().startsWith('http://127.0.0.1:') && new URL(f.url()).port !== hostPort)!;
}

describe('the Flink Web UI inside the job page (serve mode)', () => {
  let ui: Frame;

  it('the real Flink dashboard renders in the job page, from its own origin', async () => {
    await goTo(`#/jobs/tracked/${encodeURIComponent(id)}`);
    await page.getByRole('button', { name: 'Flink Web UI' }).click();
    const panel = page.getByRole('region', { name: 'Flink Web UI' });
    await expect.poll(() => panel.getByText('reached by REST URL').count(), { timeout: 30_000 }).toBe(1);
    ui = await dashboard();
    // The Angular app came up and made its own REST calls: the overview's cards with the cluster's numbers.
    await ui.getByText('Available Task Slots').first().waitFor({ timeout: 60_000 });
    await ui.getByText('Running Jobs').first().waitFor();
    expect(new URL(ui.url()).origin).not.toBe(host.origin);
    expect(await ui.evaluate(() => document.title)).toBe('Apache Flink Web Dashboard');
    expect(await ui.evaluate(() => document.cookie)).toBe('');
    await screenshot(page, 'webui-overview');
  });

  it('inside it, the Task Managers page lists the bench TaskManager through the same proxy', async () => {
    await ui.getByText('Task Managers', { exact: true }).first().click();
    await ui.getByText('taskmanager-0').first().waitFor({ timeout: 30_000 });
    expect(new URL(ui.url()).hash).toMatch(/^#\/task-manager/);
    await screenshot(page, 'webui-task-managers');
  });

  it("the dashboard's scripts cannot call the app's /rpc, nor read the app's pages", async () => {
    const rpcUrl = `${host.origin.replace('http', 'ws')}/rpc`;
    const outcome = await ui.evaluate(
      (url) =>
        new Promise<string>((resolve) => {
          const ws = new WebSocket(url);
          ws.onopen = () => resolve('open');
          ws.onerror = () => resolve('refused');
        }),
      rpcUrl,
    );
    expect(outcome).toBe('refused');
    const read = await ui.evaluate(
      (origin) =>
        fetch(`${origin}/`, { credentials: 'include' }).then(
          () => 'read',
          () => 'blocked',
        ),
      host.origin,
    );
    expect(read).toBe('blocked');
    // The browser says why, in the dashboard's console: the host refused the handshake; CORS kept the answer.
    expect(errors.some((e) => /WebSocket connection to .*\/rpc' failed.*403/.test(e))).toBe(true);
    expect(errors.some((e) => /blocked by CORS policy/.test(e))).toBe(true);
    errors.length = 0;
    // The app page itself still talks to its /rpc (the refusal is the origin's, not a broken host).
    expect(
      await page.evaluate(
        (url) => new Promise((r) => ((w) => ((w.onopen = () => r('open')), (w.onerror = () => r('refused'))))(new WebSocket(url))),
        rpcUrl,
      ),
    ).toBe('open');
  });

  it('a cluster that does not answer: the panel says why, in the access layer’s words, and offers Retry', async () => {
    // A loopback port nothing listens on (taken, then let go).
    const port = await new Promise<number>((resolve) => {
      const srv = createServer().listen(0, '127.0.0.1', () => {
        const p = (srv.address() as AddressInfo).port;
        srv.close(() => resolve(p));
      });
    });
    const gone = (await rpc.client.invoke('tracking.add', { restUrl: `http://127.0.0.1:${port}`, mode: 'session' })).id;
    await goTo(`#/jobs/tracked/${encodeURIComponent(gone)}`);
    await page.getByRole('button', { name: 'Flink Web UI' }).click();
    const alert = page.getByRole('region', { name: 'Flink Web UI' }).getByRole('alert');
    await alert.waitFor({ timeout: 30_000 });
    expect(await alert.textContent()).toMatch(new RegExp(`cannot be reached: .*127\\.0\\.0\\.1:${port} refused the connection`));
    await screenshot(page, 'webui-unreachable');
    await rpc.client.invoke('tracking.remove', { id: gone });
    errors.length = 0;
  });

  it('a job that fails shows a toast (the old jobs seen at tracking did not); Open job opens its page', async () => {
    const name = `fd-e2e-bad-savepoint-${Date.now().toString(36)}`;
    await rpc.client.invoke('flink.session.submit', {
      restUrl: flink.rest,
      jar: job.jar,
      entryClass: job.entryClass,
      args: ['--name', name],
      savepoint: { path: '/tmp/flink-desk-e2e-no-such-savepoint' },
    });
    const notice = page.locator('.job-notice', { hasText: `${name} failed` });
    await notice.waitFor({ timeout: 60_000 });
    expect(await page.locator('.job-notice').count()).toBe(1);
    await screenshot(page, 'webui-failed-toast');
    await notice.getByRole('link', { name: 'Open job' }).click();
    await expect
      .poll(() => page.evaluate(() => decodeURIComponent(location.hash)))
      .toMatch(new RegExp(`^#/jobs/tracked/${id.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}/[0-9a-f]{32}$`));
    await page.getByRole('heading', { level: 1, name }).waitFor();
    expect(await page.locator('.job-notice').count()).toBe(0);
    expect(errors.filter((e) => !/Failed to load resource/.test(e))).toEqual([]);
  });
});
