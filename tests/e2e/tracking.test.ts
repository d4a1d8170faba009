// The Jobs page's tracked list in Debian Chromium through the real serve host, at scale: 1,000 tracked clusters
// (application and session, on two contexts and two namespaces of the bench's Kubernetes, and by REST URL alone),
// stored through the real tracking store and channels before the host starts, so the host resumes them as it would
// after a restart. Their REST endpoints are a LOAD DOUBLE on loopback (tests/helpers/flink-load-double.ts; a
// thousand real JobManagers do not fit on one machine), their Kubernetes side is the real bench API server: the
// namespaces and the JobManager Deployments (scaled to zero) of the clusters that answer exist, and a cluster that
// does not answer has none, so it reads TERMINATED, inferred. The test
// checks: every row is there (virtualised: few in the document), scrolling to the end shows the last one, filters,
// search and sort narrow as the data says, reported and inferred states look different with the evidence in a
// tooltip, a live state change shows without a reload, the details give the evidence and the history, Stop tracking,
// and a cluster found in a namespace but not tracked is offered and tracked. Screenshots, light and dark.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse, stringify } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { entryOf } from '../../electron/services/tracking/hooks';
import { TrackingStore } from '../../electron/services/tracking/tracking-store';
import { openStores } from '../../electron/services/store/stores';
import { useBench } from '../fixtures/use-bench';
import { launchBrowser, painted, screenshot, screenshotDir } from '../helpers/browser';
import { startFlinkLoadDouble, type FlinkLoadDouble, type LoadCluster } from '../helpers/flink-load-double';
import { startServeHost, type ServeHost } from '../helpers/serve-host';
import { testServices } from '../helpers/test-services';
import { adminClient, closeAdmin, deleteNamespace, freshNamespace, type KubeBench } from '../integration/kube-helpers';

const N = 1000;
const SECOND = 'e2e-second';
const nsA = freshNamespace('e2e-trk-a');
const nsB = freshNamespace('e2e-trk-b');
const nsC = freshNamespace('e2e-trk-c');
const outside = 'outside-session';

let kube: KubeBench;
let load: FlinkLoadDouble;
let host: ServeHost;
let browser: BrowserContext;
let page: Page;
const cspViolations: string[] = [];

// --- the data set: what each cluster is and what its rows must read -------------------------------------------

const pad = (n: number) => String(n).padStart(4, '0');
const cycle = ['RUNNING', 'RUNNING', 'RUNNING', 'RESTARTING', 'FAILED', 'CANCELED', 'FINISHED', 'RUNNING'];
/** A state per cluster, spread over contexts and namespaces alike (i mod 4 picks those). */
const stateOf = (i: number) => cycle[(i + Math.floor(i / 8)) % 8]!;
const jid = (i: number, k: number) => `${i.toString(16).padStart(8, '0')}${'0'.repeat(23)}${k}`;

interface Spec {
  i: number;
  rest: boolean;
  context?: string;
  namespace?: string;
  mode: 'application' | 'session';
  error: boolean;
  clusterId: string;
}
/** One row as the page must show it. */
interface Expected {
  name: string;
  state: string;
  source: 'flink' | 'inferred';
  context?: string;
  namespace?: string;
}

function specOf(i: number, contexts: { admin: string }): Spec {
  const rest = i % 10 === 9;
  const mode = i % 3 === 0 ? 'session' : 'application';
  return {
    i,
    rest,
    // The admin's clusters in nsA and nsB, the second context's in nsB and nsC: nsA (the target, where clusters are
    // found) holds only clusters tracked under the context of the target.
    ...(rest
      ? {}
      : i % 2 === 0
        ? { context: contexts.admin, namespace: Math.floor(i / 2) % 2 === 0 ? nsA : nsB }
        : { context: SECOND, namespace: Math.floor(i / 2) % 2 === 0 ? nsC : nsB }),
    mode,
    error: i % 20 === 7 || i % 40 === 19,
    clusterId: `${mode === 'session' ? 'session' : 'app'}-${pad(i)}`,
  };
}

const flinkLabels = (id: string) => ({ app: id, component: 'jobmanager', type: 'flink-native-kubernetes' });

/** A JobManager Deployment as Flink's client labels it, with the start command that names its mode. */
function jobManagerDeployment(s: Spec | { clusterId: string; mode: 'session' | 'application'; replicas: number }) {
  const id = s.clusterId;
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: id, labels: flinkLabels(id) },
    spec: {
      replicas: 'replicas' in s ? s.replicas : 0,
      selector: { matchLabels: flinkLabels(id) },
      template: {
        metadata: { labels: flinkLabels(id) },
        spec: {
          containers: [
            {
              name: 'flink-main-container',
              image: 'flink:1.20',
              args: ['bash', '-c', `kubernetes-jobmanager.sh kubernetes-${s.mode === 'session' ? 'session' : 'application'}`],
            },
          ],
        },
      },
    },
  };
}

function loadClusterOf(s: Spec): LoadCluster {
  const start = Date.now() - 3_600_000 + s.i;
  const jobs =
    s.mode === 'application'
      ? [{ jid: jid(s.i, 1), name: `orders-${pad(s.i)}`, state: stateOf(s.i), startTime: start }]
      : [
          { jid: jid(s.i, 1), name: `clicks-${pad(s.i)}`, state: 'RUNNING', startTime: start },
          { jid: jid(s.i, 2), name: `views-${pad(s.i)}`, state: stateOf(s.i + 3), startTime: start + 1 },
        ];
  return {
    jobs,
    answer: s.error ? 'error' : 'ok',
    taskManagers: 1 + (s.i % 3),
    slotsTotal: 2 * (1 + (s.i % 3)),
    slotsAvailable: s.i % 2,
    checkpoint: { id: 100 + s.i, at: Date.now() - 30_000 },
  };
}

function expectedRows(s: Spec, c: LoadCluster, restName: string): Expected[] {
  const where = s.rest ? {} : { context: s.context!, namespace: s.namespace! };
  // No answer: a cluster on Kubernetes whose Deployment the API server says is not there is gone (TERMINATED); one
  // known by REST URL only is SILENT (the keep time is long in this test).
  const silent = { state: s.rest ? 'SILENT' : 'TERMINATED', source: 'inferred' as const };
  if (s.mode === 'application') {
    const name = s.rest ? (s.error ? restName : c.jobs[0]!.name) : `orders-${pad(s.i)}`;
    return [{ name, ...where, ...(s.error ? silent : { state: c.jobs[0]!.state, source: 'flink' as const }) }];
  }
  const clusterName = s.rest ? restName : s.clusterId;
  if (s.error) return [{ name: clusterName, ...where, ...silent }];
  return [
    { name: clusterName, ...where, state: 'RUNNING', source: 'flink' },
    ...c.jobs.map((j) => ({ name: j.name, ...where, state: j.state, source: 'flink' as const })),
  ];
}

let specs: Spec[];
let expected: Expected[];
const fmt = new Intl.NumberFormat('en-US');
/** The rows tracked now: the data set's, less the one whose tracking is stopped, plus the one tracked from the page. */
let total = 0;
const countText = (shown: number) => (shown === total ? `${fmt.format(shown)} rows` : `${fmt.format(shown)} of ${fmt.format(total)} rows`);

// --- the page ----------------------------------------------------------------------------------------------------

const card = () => page.locator('section.card', { has: page.getByRole('heading', { name: 'Tracked jobs and clusters' }) });
const table = () => page.getByRole('table', { name: 'Tracked jobs and clusters' });
const scroller = () => page.getByTestId('tracked-scroll');
const count = () => card().locator('.tracked-count');
const rowNamed = (name: string) => table().locator('[role="row"]', { has: page.getByRole('button', { name, exact: true }) });
const view = (p: Page, name: string) => p.screenshot({ path: join(screenshotDir, name) });
/** Scrolls the page (its .main) so the tracked card is at the top of the window. */
const toCard = (p: Page) =>
  p.evaluate(() => {
    const main = document.querySelector('.main')!;
    const c = [...document.querySelectorAll('section.card')].find(
      (x) => x.querySelector('h2')?.textContent === 'Tracked jobs and clusters',
    )!;
    main.scrollTo(0, main.scrollTop + c.getBoundingClientRect().top - main.getBoundingClientRect().top - 12);
  });
const search = () => card().getByRole('searchbox', { name: 'Search tracked jobs and clusters' });
/** Every filter off, the whole list counted. */
async function showAll(): Promise<void> {
  await search().fill('');
  for (const label of ['Context', 'Namespace', 'State']) await card().getByLabel(label, { exact: true }).selectOption('');
  await count().getByText(countText(total)).waitFor();
}
/** Searches for one row (the table shows only the rows in view: a row far down is not in the document). */
async function only(name: string) {
  await search().fill(name);
  await count().getByText(countText(1)).waitFor();
  return rowNamed(name);
}
/** The names of the rows in the document, in order. */
const renderedNames = () => table().locator('[role="rowgroup"].tracked-body [role="rowheader"] button').allTextContents();

beforeAll(async () => {
  kube = await useBench<KubeBench>('kube');
  specs = Array.from({ length: N }, (_, i) => specOf(i, kube.contexts));
  const admin = await adminClient(kube);
  for (const ns of [nsA, nsB, nsC])
    await admin.expect('POST', '/api/v1/namespaces', 'create a test namespace', {
      apiVersion: 'v1',
      kind: 'Namespace',
      metadata: { name: ns },
    });
  // A Flink session cluster made outside Flink Desk (as Flink's own CLI would label it): offered for tracking.
  await admin.expect(
    'POST',
    `/apis/apps/v1/namespaces/${nsA}/deployments`,
    'create a Flink cluster made outside Flink Desk',
    jobManagerDeployment({ clusterId: outside, mode: 'session', replicas: 1 }),
  );

  // The JobManager Deployments of the clusters that answer (scaled to zero: the API objects are the evidence, their
  // REST endpoints are the load double); the ones that do not answer have none, so they read as gone.
  const deployments = specs.filter((s) => !s.rest && !s.error);
  for (let k = 0; k < deployments.length; k += 25)
    await Promise.all(
      deployments
        .slice(k, k + 25)
        .map((s) =>
          admin.expect(
            'POST',
            `/apis/apps/v1/namespaces/${s.namespace!}/deployments`,
            'create a JobManager Deployment',
            jobManagerDeployment(s),
          ),
        ),
    );

  // Two contexts on the bench cluster: the admin's and a second name for the same user.
  const doc = parse(readFileSync(kube.kubeconfig, 'utf8')) as { contexts: { name: string; context: Record<string, string> }[] };
  const adminCtx = doc.contexts.find((c) => c.name === kube.contexts.admin)!;
  doc.contexts.push({ name: SECOND, context: { ...adminCtx.context, namespace: nsB } });
  const dir = mkdtempSync(join(tmpdir(), 'fd-e2e-tracking-'));
  const kubeconfig = join(dir, 'kubeconfig');
  writeFileSync(kubeconfig, stringify(doc), { mode: 0o600 });

  load = await startFlinkLoadDouble(specs.map(loadClusterOf));
  const restName = (i: number) => `${new URL(load.url).host}/c/${pad(i)}`;
  expected = specs.flatMap((s) => expectedRows(s, load.clusters[s.i]!, restName(s.i)));
  total = expected.length;

  // The tracked set, as Flink Desk stores it: clusters on Kubernetes as a deploy records them (with their mode and
  // saved job's name), the REST-only ones through the tracking.add channel; settings and a target through theirs.
  const home = mkdtempSync(join(tmpdir(), 'fd-home-'));
  const seeding = testServices(undefined, 'cli', { dir: home, env: { KUBECONFIG: kubeconfig, HOME: dir } });
  await seeding.client.invoke('settings.update', { 'flink-k8s.tracking.silent-state-keep-sec': 3600 });
  await seeding.client.invoke('kube.targets.add', { context: kube.contexts.admin, namespace: nsA });
  for (const s of specs.filter((x) => x.rest)) await seeding.client.invoke('tracking.add', { restUrl: load.restUrlOf(s.i), mode: s.mode });
  await seeding.stop();
  const stores = openStores(home);
  const store = new TrackingStore(stores.tracking, stores.history);
  for (const s of specs.filter((x) => !x.rest))
    store.add(
      entryOf(
        { kind: 'kube', context: s.context!, namespace: s.namespace!, clusterId: s.clusterId, restUrl: load.restUrlOf(s.i) },
        { mode: s.mode, origin: 'deploy', ...(s.mode === 'application' ? { jobName: `orders-${pad(s.i)}` } : {}) },
        Date.now(),
      ),
    );
  expect(store.read().tracked).toHaveLength(N);

  host = await startServeHost(home, { KUBECONFIG: kubeconfig });
  browser = await launchBrowser();
  page = await browser.newPage();
  page.on('console', (m) => {
    if (/Content.Security.Policy/i.test(m.text())) cspViolations.push(m.text());
  });
  await page.goto(`${host.url}#/jobs`);
}, 600_000);

afterAll(async () => {
  await browser?.close();
  await host?.stop();
  // What went wrong in the host, if anything did (its log is in its data directory, which is a temp dir).
  try {
    const errors = readFileSync(join(host.home, 'logs', 'flink-desk.log'), 'utf8')
      .split('\n')
      .filter((l) => /"level":"error"/.test(l));
    if (errors.length) console.log(`serve host errors:\n${errors.slice(-20).join('\n')}`);
  } catch {
    /* no log written */
  }
  await load?.close();
  if (kube) for (const ns of [nsA, nsB, nsC]) await deleteNamespace(kube, ns);
  await closeAdmin();
});

describe('Tracked jobs and clusters', () => {
  it('lists every tracked job and session cluster, with only the rows in view in the document', async () => {
    await count().getByText(countText(expected.length)).waitFor({ timeout: 60_000 });
    expect(await table().getAttribute('aria-rowcount')).toBe(String(expected.length + 1));
    const inDocument = await table().locator('.tracked-body [role="row"]').count();
    expect(inDocument).toBeGreaterThan(5);
    expect(inDocument).toBeLessThan(60);
    // Sorted by name: the first rows are the first names.
    const names = expected.map((e) => e.name).sort((a, b) => a.localeCompare(b));
    expect((await renderedNames()).slice(0, 3)).toEqual(names.slice(0, 3));
    await toCard(page);
    await view(page, 'tracking-list.png');
    // Each kind of row reads as the data says: reported, and inferred when Flink does not answer.
    // One row of each state and source the data set has (a job's or cluster's own name, which only it matches).
    const samples = new Map<string, Expected>();
    for (const e of expected)
      if (!e.name.startsWith('session-')) samples.set(`${e.state}/${e.source}`, samples.get(`${e.state}/${e.source}`) ?? e);
    expect([...samples.keys()].sort()).toEqual([
      'CANCELED/flink',
      'FAILED/flink',
      'FINISHED/flink',
      'RESTARTING/flink',
      'RUNNING/flink',
      'SILENT/inferred',
      'TERMINATED/inferred',
    ]);
    for (const e of samples.values()) {
      const row = await only(e.name);
      await row.locator(`.state-badge[data-source="${e.source}"]`, { hasText: e.state }).waitFor({ timeout: 30_000 });
    }
    // Metrics come with the metrics loop: TaskManagers and slots, and the last checkpoint of a running job.
    const running = await only('orders-0001');
    await running.getByText('2 TMs').waitFor({ timeout: 60_000 });
    await running.getByText('1/4 free').waitFor();
    await running.getByText('#101').waitFor();
    await running.getByText('REST URL given').waitFor();
    await showAll();
  });

  it('draws a reported state solid and an inferred one outlined, with the evidence in a tooltip', async () => {
    // Both in view: the application clusters app-0001 … app-0008.
    await search().fill('app-000');
    const reported = rowNamed('orders-0001').locator('.state-badge');
    const inferred = rowNamed('orders-0007').locator('.state-badge');
    await inferred.filter({ hasText: 'TERMINATED' }).waitFor();
    await reported.filter({ hasText: 'RUNNING' }).waitFor();
    expect(await reported.getAttribute('data-source')).toBe('flink');
    expect(await inferred.getAttribute('data-source')).toBe('inferred');
    const look = (l: typeof reported) =>
      l.evaluate((el) => {
        const s = getComputedStyle(el);
        return { border: s.borderTopStyle, background: s.backgroundColor };
      });
    const [r, i] = [await look(reported), await look(inferred)];
    expect(r.border).toBe('solid');
    expect(i.border).toBe('dashed');
    expect(r.background).not.toBe(i.background);

    await toCard(page);
    await inferred.hover();
    const tip = page.getByRole('tooltip');
    await tip.getByText('Inferred by Flink Desk (Flink did not say)').waitFor();
    await tip.getByText(/Its JobManager Deployment is gone/).waitFor();
    await tip.getByText('Deployment: gone').waitFor();
    expect(await inferred.getAttribute('aria-describedby')).toBe(await tip.getAttribute('id'));
    await view(page, 'tracking-tooltip.png');
    await page.mouse.move(0, 0);
    await tip.waitFor({ state: 'detached' });
    // The keyboard gets it too.
    await reported.focus();
    await tip.getByText('Reported by Flink').waitFor();
    await tip.getByText('Flink reports RUNNING').waitFor();
    await reported.blur();
    await showAll();
  });

  it('scrolls to the last of the rows', async () => {
    await showAll();
    const last = expected
      .map((e) => e.name)
      .sort((a, b) => a.localeCompare(b))
      .at(-1)!;
    await scroller().evaluate((el) => el.scrollTo(0, el.scrollHeight));
    await rowNamed(last).waitFor();
    expect(await rowNamed(last).getAttribute('aria-rowindex')).toBe(String(expected.length + 1));
    expect(await table().locator('.tracked-body [role="row"]').count()).toBeLessThan(60);
    await scroller().screenshot({ path: join(screenshotDir, 'tracking-end.png') });
    // For the record (printed, not asserted: a timing depends on the machine): scrolling through the whole list in
    // 40 jumps, each shown two frames later, and the longest of those waits.
    const frames = await scroller().evaluate(async (el) => {
      const waits: number[] = [];
      const frame = () => new Promise((r) => requestAnimationFrame(r));
      for (let k = 0; k <= 40; k++) {
        const t0 = performance.now();
        el.scrollTo(0, ((el.scrollHeight - el.clientHeight) * (40 - k)) / 40);
        await frame();
        await frame();
        waits.push(performance.now() - t0);
      }
      return { longest: Math.max(...waits), median: waits.sort((a, b) => a - b)[20]! };
    });
    console.log(
      `tracked list, ${expected.length} rows: a scroll jump shown after ${frames.median.toFixed(1)} ms (median), ${frames.longest.toFixed(1)} ms at most`,
    );
    await scroller().evaluate((el) => el.scrollTo(0, 0));
  });

  it('narrows by context, namespace and state, and counts what is left', async () => {
    await showAll();
    const select = (label: string) => card().getByLabel(label, { exact: true });
    await select('Context').selectOption(SECOND);
    await count()
      .getByText(countText(expected.filter((e) => e.context === SECOND).length))
      .waitFor();
    await select('Namespace').selectOption(nsB);
    const both = expected.filter((e) => e.context === SECOND && e.namespace === nsB);
    await count().getByText(countText(both.length)).waitFor();
    await select('State').selectOption('FAILED');
    const failed = both.filter((e) => e.state === 'FAILED');
    expect(failed.length).toBeGreaterThan(0);
    await count().getByText(countText(failed.length)).waitFor();
    expect(new Set(await table().locator('.tracked-body .state-badge').allTextContents())).toEqual(new Set(['FAILED, reported by Flink']));
    await toCard(page);
    await view(page, 'tracking-filtered.png');

    await card().getByRole('button', { name: 'Clear filters' }).click();
    await select('Context').selectOption('(REST URL)');
    await count()
      .getByText(countText(expected.filter((e) => e.context === undefined).length))
      .waitFor();
    await select('Context').selectOption('');
    await select('State').selectOption('source:inferred');
    await count()
      .getByText(countText(expected.filter((e) => e.source === 'inferred').length))
      .waitFor();
    await select('State').selectOption('TERMINATED');
    await count()
      .getByText(countText(expected.filter((e) => e.state === 'TERMINATED').length))
      .waitFor();
    await select('State').selectOption('source:flink');
    await count()
      .getByText(countText(expected.filter((e) => e.source === 'flink').length))
      .waitFor();
    await card().getByRole('button', { name: 'Clear filters' }).click();
    await count().getByText(countText(expected.length)).waitFor();
  });

  it('searches names, ids and reasons', async () => {
    await showAll();
    const box = search();
    await box.fill('orders-0041');
    await count().getByText(countText(1)).waitFor();
    await rowNamed('orders-0041').waitFor();
    // A session cluster's id finds it and its jobs.
    await box.fill('session-0042');
    await count().getByText(countText(3)).waitFor();
    // A job id.
    await box.fill(jid(42, 2));
    await count().getByText(countText(1)).waitFor();
    await rowNamed('views-0042').waitFor();
    // Words of the reason: the clusters on Kubernetes that did not answer.
    await box.fill('deployment is gone');
    await count()
      .getByText(countText(expected.filter((e) => e.state === 'TERMINATED').length))
      .waitFor();
    await box.fill('no-such-thing-anywhere');
    await count().getByText(countText(0)).waitFor();
    await card().getByText('Nothing tracked matches these filters.').waitFor();
    await box.fill('');
    await count().getByText(countText(expected.length)).waitFor();
  });

  it('sorts by a column, both ways', async () => {
    await showAll();
    const header = (name: string) => table().getByRole('columnheader', { name: new RegExp(`^${name}`) });
    await header('State').getByRole('button').click();
    expect(await header('State').getAttribute('aria-sort')).toBe('ascending');
    // Trouble first: FAILED is the worst state in this data set.
    await expect
      .poll(async () => (await table().locator('.tracked-body .state-badge').first().textContent())?.split(',')[0])
      .toBe('FAILED');
    await header('State').getByRole('button').click();
    expect(await header('State').getAttribute('aria-sort')).toBe('descending');
    await expect
      .poll(async () => (await table().locator('.tracked-body .state-badge').first().textContent())?.split(',')[0])
      .toBe('FINISHED');
    await header('Job or cluster').getByRole('button').click();
    await header('Job or cluster').getByRole('button').click();
    expect(await header('Job or cluster').getAttribute('aria-sort')).toBe('descending');
    const names = expected.map((e) => e.name).sort((a, b) => b.localeCompare(a));
    await expect.poll(async () => (await renderedNames()).slice(0, 3)).toEqual(names.slice(0, 3));
    await header('Job or cluster').getByRole('button').click();
    expect(await header('Job or cluster').getAttribute('aria-sort')).toBe('ascending');
  });

  it('shows a state change as it happens, without a reload', async () => {
    await showAll();
    await page.evaluate(() => ((window as unknown as { notReloaded: boolean }).notReloaded = true));
    await search().fill('orders-0008');
    const badge = rowNamed('orders-0008').locator('.state-badge');
    await badge.filter({ hasText: 'RUNNING' }).waitFor();
    load.clusters[8]!.jobs[0]!.state = 'FAILED';
    await badge.filter({ hasText: 'FAILED' }).waitFor({ timeout: 30_000 });
    expect(await badge.getAttribute('data-source')).toBe('flink');
    expect(await page.evaluate(() => (window as unknown as { notReloaded?: boolean }).notReloaded)).toBe(true);
  });

  it('opens the details with the evidence and the history, and stops tracking on request', async () => {
    await rowNamed('orders-0008').getByRole('button', { name: 'orders-0008' }).click();
    const details = page.getByRole('complementary', { name: 'orders-0008' });
    await details.waitFor();
    const state = details.getByRole('region', { name: 'State' });
    await state.getByText('Reported by Flink', { exact: true }).waitFor();
    await state.getByText('Flink reports FAILED').waitFor();
    await details.getByText('Last successful poll').waitFor();
    await details.getByText('Deployment app-0008: 0/0 ready').waitFor();
    // The memory it runs with, read once with its first metrics (the double's Flink defaults) beside its 3 TaskManagers.
    await details
      .getByRole('region', { name: 'Metrics' })
      .getByText(/^JobManager 1\D?600 MiB · TaskManagers 3 × 1\D?728 MiB$/)
      .waitFor();
    const history = details.getByRole('list', { name: 'State history' });
    await history.locator('li', { hasText: /RUNNING, reported by Flink\W+to FAILED, reported by Flink/ }).waitFor({ timeout: 15_000 });
    await history.locator('li', { hasText: /first seen.*RUNNING/ }).waitFor();
    await view(page, 'tracking-details.png');

    await details.getByRole('button', { name: 'Stop tracking app-0008' }).click();
    const dialog = page.getByRole('dialog', { name: 'Stop tracking app-0008?' });
    await dialog.getByRole('button', { name: 'Stop tracking' }).click();
    await page.getByText('Stopped tracking app-0008').waitFor();
    await details.waitFor({ state: 'detached' });
    total--;
    await count().getByText(countText(0)).waitFor();
    await search().fill('');
    await count().getByText(countText(total)).waitFor();
  });

  it('offers the Flink clusters found in a target namespace that are not tracked, and tracks one', async () => {
    await showAll();
    const offered = card().getByRole('region', { name: 'Found, not tracked' });
    // The one made outside Flink Desk, and the one whose tracking was stopped above.
    const items = offered.getByRole('listitem');
    await expect.poll(() => items.allTextContents(), { timeout: 60_000 }).toHaveLength(2);
    await items.filter({ hasText: outside }).getByText('made outside Flink Desk').waitFor();
    await items.filter({ hasText: 'app-0008' }).waitFor();
    await offered.screenshot({ path: join(screenshotDir, 'tracking-offered.png') });
    await offered.getByRole('button', { name: `Track ${outside} in ${kube.contexts.admin} / ${nsA}` }).click();
    await page.getByText(`Tracking ${outside}`).waitFor();
    await items.filter({ hasText: outside }).waitFor({ state: 'detached' });
    expect(await items.count()).toBe(1);
    total++;
    await count().getByText(countText(total)).waitFor();
    await search().fill(outside);
    const row = rowNamed(outside);
    await row.waitFor();
    // Its REST endpoint is not reachable here (no rest Service, no port-forward rule): its state is inferred, never
    // reported, and the access column says why.
    await row.locator('.state-badge[data-source="inferred"]').waitFor({ timeout: 30_000 });
    await toCard(page);
    await view(page, 'tracking-tracked-outside.png');
    await search().fill('');
  });

  it('looks right in the dark theme', async () => {
    const dark = await launchBrowser({ colorScheme: 'dark' });
    try {
      const p = await dark.newPage();
      await p.goto(`${host.url}#/jobs`);
      const c = p.locator('section.card', { has: p.getByRole('heading', { name: 'Tracked jobs and clusters' }) });
      await c.locator('.tracked-count').getByText(countText(total)).waitFor({ timeout: 30_000 });
      expect((await painted(p)).theme).toBe('dark');
      await c.getByRole('searchbox', { name: 'Search tracked jobs and clusters' }).fill('orders-0002');
      await p.getByRole('button', { name: 'orders-0002', exact: true }).click();
      await p.getByRole('complementary', { name: 'orders-0002' }).getByRole('list', { name: 'State history' }).waitFor();
      await toCard(p);
      await view(p, 'tracking-dark.png');
      // Escape puts the details away.
      await p.keyboard.press('Escape');
      await p.getByRole('complementary', { name: 'orders-0002' }).waitFor({ state: 'detached' });
      await c.getByRole('searchbox', { name: 'Search tracked jobs and clusters' }).fill('app-001');
      await c.locator('.tracked-count').getByText(/ of /).waitFor();
      await toCard(p);
      await view(p, 'tracking-dark-list.png');
    } finally {
      await dark.close();
    }
  });

  it('ran under the renderer’s CSP without a violation', async () => {
    await screenshot(page, 'tracking-page.png');
    expect(cspViolations).toEqual([]);
  });
});
