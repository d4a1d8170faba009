// A tracked job's page in Debian Chromium through the real serve host: a session job on the bench's Flink 1.20
// (state as Flink reports it, the charts filling while the page is open, a savepoint taken from the page and shown
// in the checkpoints, a cancel asked first and then reflected), and an application cluster on the bench control
// plane whose JobManager crash-loops (kwok stage) with a ClassNotFoundException in its previous log: the diagnosis
// with its hint and link, the Kubernetes events, the logs (previous run, search). The store is prepared with the
// CLI in the same FLINK_DESK_HOME; the host resumes tracking from it. Screenshots of each view, looked at.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { stringify } from 'yaml';
import type { KubeOutput } from '../fixtures/kube/part';
import { useBench } from '../fixtures/use-bench';
import { contrast, launchBrowser, painted, screenshot } from '../helpers/browser';
import { createClusterLogs, writeCriLog, type Disposer } from '../helpers/kwok-kubelet';
import { repoDir, startServeHost, type ServeHost } from '../helpers/serve-host';
import { adminClient, closeAdmin, deleteNamespace, freshNamespace, type KubeBench } from '../integration/kube-helpers';

let kube: KubeBench & KubeOutput;
let rest = '';
let host: ServeHost;
let browser: BrowserContext;
let page: Page;
const home = mkdtempSync(join(tmpdir(), 'fd-e2e-jobpage-'));
const ns = freshNamespace('e2e-page');
const jobName = `page-job-${ns.slice(-6)}`;
const disposers: Disposer[] = [];
let jobId = '';

function cli(...args: string[]) {
  const r = spawnSync(process.execPath, [join(repoDir, 'electron', 'cli', 'flink-desk.mjs'), ...args], {
    env: { ...process.env, FLINK_DESK_HOME: home, HOME: home, KUBECONFIG: kube.kubeconfig },
    encoding: 'utf8',
    timeout: 180_000,
  });
  return { code: r.status, out: r.stdout, err: r.stderr };
}
function specFile(name: string, spec: Record<string, unknown>): string {
  const file = join(home, `${name}.yaml`);
  writeFileSync(file, stringify({ apiVersion: 'flinkdesk/v1', kind: 'FlinkJob', metadata: { name }, spec }));
  return file;
}
const pageOf = (id: string, job?: string) => `${host.url}#/jobs/tracked/${encodeURIComponent(id)}${job ? `/${job}` : ''}`;

beforeAll(async () => {
  kube = await useBench<KubeBench & KubeOutput>('kube');
  ({ rest } = await useBench<{ rest: string }>('flink', { flink: '1.20' }));
  const { jar, entryClass } = await useBench<{ jar: string; entryClass: string }>('example-job');
  await (
    await adminClient(kube)
  ).expect('POST', '/api/v1/namespaces', 'create the namespace', { apiVersion: 'v1', kind: 'Namespace', metadata: { name: ns } });

  const session = cli(
    'apply',
    '-f',
    specFile(jobName, {
      mode: 'session',
      clusterId: 'bench-session',
      flinkVersion: '1.20',
      session: { restUrl: rest },
      artifact: { jar },
      job: { entryClass, parallelism: 1, args: ['--rate', '20', '--checkpoint-interval', '1000', '--name', jobName] },
    }),
  );
  expect(session.code, session.err).toBe(0);
  jobId = /job ([0-9a-f]{32})/.exec(session.out)![1]!;

  const current = join(home, 'jm.log');
  writeCriLog(current, ['INFO  org.apache.flink.runtime.entrypoint.ClusterEntrypoint - Starting KubernetesApplicationClusterEntrypoint']);
  const previous = join(home, 'jm-previous.log');
  writeCriLog(previous, [
    'INFO  org.apache.flink.runtime.entrypoint.ClusterEntrypoint - Starting KubernetesApplicationClusterEntrypoint',
    'ERROR org.apache.flink.runtime.entrypoint.ClusterEntrypoint - Could not start cluster entrypoint KubernetesApplicationClusterEntrypoint.',
    'Caused by: java.lang.ClassNotFoundException: com.example.OrdersJob',
    '\tat java.base/jdk.internal.loader.BuiltinClassLoader.loadClass(Unknown Source)',
  ]);
  disposers.push(await createClusterLogs(kube, { name: `${ns}-logs`, namespaces: [ns], logsFile: current, previousLogsFile: previous }));
  const podTemplate = JSON.stringify({
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { labels: { 'bench.flink-desk/state': 'CrashLoopBackOff' }, annotations: { 'bench.flink-desk/restart-count': '4' } },
    spec: { containers: [{ name: 'flink-main-container' }] },
  });
  cli(
    'apply',
    '-f',
    specFile('orders', {
      mode: 'application',
      context: kube.contexts.admin,
      namespace: ns,
      clusterId: 'orders',
      flinkVersion: '1.20',
      image: { ref: '127.0.0.1:5000/streamx/orders:1' },
      artifact: { jar: '/opt/flink/usrlib/orders.jar' },
      job: { entryClass: 'com.example.OrdersJob', parallelism: 1 },
      jobManager: { podTemplate },
    }),
  );
  expect(cli('track', '--context', kube.contexts.admin, '--namespace', ns, '--cluster-id', 'orders').code).toBe(0);

  host = await startServeHost(home, { KUBECONFIG: kube.kubeconfig, HOME: home });
  browser = await launchBrowser();
  page = await browser.newPage();
  await page.setViewportSize({ width: 1360, height: 1000 });
});

afterAll(async () => {
  await browser?.close();
  await host?.stop();
  for (const d of disposers) await d().catch(() => undefined);
  if (jobId) await fetch(`${rest}/jobs/${jobId}?mode=cancel`, { method: 'PATCH' }).catch(() => undefined);
  if (kube) await deleteNamespace(kube, ns).catch(() => undefined);
  await closeAdmin();
});

describe('the job page', () => {
  it('a session job: its state as Flink reports it, the charts filling, its checkpoints', async () => {
    await page.goto(pageOf(`rest:${rest}`, jobId));
    await page.getByRole('heading', { name: jobName }).waitFor();
    await page.locator('.cluster-state').getByText('RUNNING').waitFor({ timeout: 30_000 });
    // Readings of the job make rates: the chart is drawn once there are two (the "gathering" note until then).
    await page
      .locator('.chart')
      .filter({ hasText: 'Busy and backpressured' })
      .locator('.chart-empty')
      .waitFor({ state: 'detached', timeout: 30_000 });
    await screenshot(page, 'job-page-session-overview.png');
    await page.getByRole('button', { name: 'Checkpoints & exceptions' }).click();
    // Newest first: a checkpoint Flink is taking right now may head the list (in_progress); a completed one is listed.
    const rows = page.locator('.data-table tbody tr');
    await rows
      .filter({ hasText: /checkpoint\s*completed/ })
      .first()
      .waitFor({ timeout: 30_000 });
    expect(await rows.first().innerText()).toMatch(/checkpoint\s+(completed|in_progress)/);
  });

  it('looks right in the dark theme: dark surfaces, readable text and charts, the state in its colour', async () => {
    const dark = await launchBrowser({ colorScheme: 'dark' });
    try {
      const p = await dark.newPage();
      await p.goto(pageOf(`rest:${rest}`, jobId));
      await p.getByRole('heading', { name: jobName }).waitFor();
      const badge = p.locator('.cluster-state .state-badge', { hasText: 'RUNNING' });
      await badge.waitFor({ timeout: 30_000 });
      await p
        .locator('.chart')
        .filter({ hasText: 'Busy and backpressured' })
        .locator('.chart-empty')
        .waitFor({ state: 'detached', timeout: 30_000 });
      const colours = await painted(p);
      expect(colours.theme).toBe('dark');
      expect(colours.body.background).toBeLessThan(0.03);
      expect(contrast(colours.body.text, colours.body.background)).toBeGreaterThan(7);
      expect(contrast(colours.muted!, colours.body.background)).toBeGreaterThan(4.5);
      // The charts' titles and axes take the theme's text colour; the state badge keeps its own.
      const chart = await p
        .locator('.chart')
        .first()
        .evaluate((el) => getComputedStyle(el).color);
      const body = await p.evaluate(() => getComputedStyle(document.body).color);
      expect(chart).toBe(body);
      const look = await badge.evaluate((el) => {
        const s = getComputedStyle(el);
        return { color: s.color, background: s.backgroundColor };
      });
      expect(look.color).not.toBe(look.background);
      await screenshot(p, 'job-page-session-overview-dark.png');
    } finally {
      await dark.close();
    }
  });

  it('a savepoint taken from the page, asked first, then listed; cancel asked (naming what is lost), then CANCELED', async () => {
    await page.getByRole('button', { name: 'Savepoint', exact: true }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByText('The job keeps running.').waitFor();
    await dialog.getByRole('button', { name: 'Take savepoint' }).click();
    await page.locator('.job-op').getByText('Done.').waitFor({ timeout: 60_000 });
    await page.getByRole('button', { name: 'Checkpoints & exceptions' }).click();
    await expect.poll(() => page.locator('.data-table tbody').innerText(), { timeout: 30_000 }).toMatch(/savepoint\s+completed/);
    await screenshot(page, 'job-page-checkpoints.png');

    await page.getByRole('button', { name: 'Cancel job' }).click();
    await page.getByRole('dialog').getByText('without a savepoint').waitFor();
    await screenshot(page, 'job-page-cancel-confirm.png');
    await page.getByRole('dialog').getByRole('button', { name: 'Cancel the job' }).click();
    await page.locator('.cluster-state').getByText('CANCELED').waitFor({ timeout: 30_000 });
    expect(await page.getByRole('button', { name: 'Cancel job' }).isDisabled()).toBe(true);
  });

  it('a crash-looping application cluster: the diagnosis with its hint and link, the events, the previous log searched', async () => {
    const id = `kube:${kube.contexts.admin}/${ns}/orders`;
    await page.goto(pageOf(id));
    await page.getByRole('heading', { name: 'orders' }).waitFor();
    const diagnosis = page.locator('.diagnosis');
    await diagnosis.getByText('Class not found: com.example.OrdersJob').waitFor({ timeout: 60_000 });
    expect(await diagnosis.innerText()).toContain('spec.job.entryClass');
    expect(await diagnosis.getByRole('link', { name: /Edit the job/ }).getAttribute('href')).toBe('#/jobs/edit/orders');
    await screenshot(page, 'job-page-diagnosis.png');

    await page.getByRole('button', { name: 'Events' }).click();
    await page.locator('.data-table').getByText('BackOff').first().waitFor({ timeout: 30_000 });
    await screenshot(page, 'job-page-events.png');

    await page.getByRole('button', { name: 'Logs' }).click();
    await page.getByRole('log').getByText('Starting KubernetesApplicationClusterEntrypoint').waitFor({ timeout: 30_000 });
    await page.getByLabel('Previous run').check();
    await page.getByRole('log').getByText('ClassNotFoundException').waitFor();
    await page.getByLabel('Search the log').fill('classnotfound');
    await page.getByText('1 of 1').waitFor();
    expect(await page.locator('.log-line mark').innerText()).toBe('ClassNotFound');
    await screenshot(page, 'job-page-logs.png');
  });
});
