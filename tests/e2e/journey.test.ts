// One user's journey in Debian Chromium through the BUILT serve host, from an empty FLINK_DESK_HOME, every step in
// the app's own pages: the registry set up and verified (the bench's), a cluster target added and checked (the bench
// control plane, a namespace of this run's own), a job made in the form from the example (an application built on
// the bench registry's Flink stand-in base with the example jar), its image built, then deployed to the bench control
// plane (kwok's JobManager pod is a fake, so that job never runs: the cluster is seen tracked, that is all), then a
// job for a session cluster — the example jar on the bench's real Flink 1.20, submitted through the same form (it
// has spec.session.restUrl) — seen RUNNING on its job page as Flink reports it, its Flink Web UI (the real
// dashboard) inside the page, a savepoint taken from the page, and a cancel asked first and then CANCELED.
// A screenshot of every page, tests/e2e/screenshots/journey-*.png, looked at.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { useBench } from '../fixtures/use-bench';
import type { DockerBench } from '../fixtures/docker/part';
import { launchBrowser, screenshot } from '../helpers/browser';
import { startServeHost, type ServeHost } from '../helpers/serve-host';
import { adminClient, closeAdmin, deleteNamespace, freshNamespace, type KubeBench } from '../integration/kube-helpers';

let docker: DockerBench;
let kube: KubeBench;
let rest = '';
let example: { jar: string; entryClass: string };
let host: ServeHost;
let browser: BrowserContext;
let page: Page;
const ns = freshNamespace('e2e-journey');
const suffix = ns.slice(-6);
/** The application (its image tag lives under its cluster id in a registry that may outlive this run). */
const app = `journey-app-${suffix}`;
/** The job for the session cluster, and the name it runs under in Flink. */
const sessionJob = `journey-session-${suffix}`;
let jobId = '';

const field = (label: string) => page.getByLabel(label, { exact: true });
const shot = (name: string) => screenshot(page, `journey-${name}.png`);
const goTo = (hash: string) => page.evaluate((h) => void (location.hash = h), hash);

/** Waits for the deploy (or submit) to succeed; if it does not, the picture and what the page says. */
async function deployed(name: string, timeout: number): Promise<void> {
  await page
    .locator('.deploy-progress[data-status="succeeded"]')
    .waitFor({ timeout })
    .catch(async (e: unknown) => {
      await shot(`${name}-failed`);
      const said = await page.locator('.deploy-progress, .toast, [role="alert"], .savebar-status').allInnerTexts();
      throw new Error(`it did not succeed; the page says: ${said.join(' | ') || '(nothing)'}`, { cause: e });
    });
}

/** The saved job's page, from the Jobs list as a user opens it. */
async function openJob(name: string): Promise<void> {
  await page.getByRole('link', { name: 'Jobs', exact: true }).click();
  await page.getByRole('button', { name: `Edit ${name}` }).click();
  await page.getByRole('heading', { name: `Edit ${name}` }).waitFor();
}

/** The id Flink gave the session job, found by its name in the fixture's own REST (loopback). */
async function flinkJobIdOf(name: string): Promise<string | undefined> {
  const r = (await (await fetch(`${rest}/jobs/overview`)).json()) as { jobs: { jid: string; name: string; state: string }[] };
  return r.jobs.find((j) => j.name === name && j.state === 'RUNNING')?.jid;
}

beforeAll(async () => {
  docker = await useBench<DockerBench>('docker');
  kube = await useBench<KubeBench>('kube');
  ({ rest } = await useBench<{ rest: string }>('flink', { flink: '1.20' }));
  example = await useBench<{ jar: string; entryClass: string }>('example-job');
  await (
    await adminClient(kube)
  ).expect('POST', '/api/v1/namespaces', 'create the journey namespace', { apiVersion: 'v1', kind: 'Namespace', metadata: { name: ns } });
  // An empty FLINK_DESK_HOME (startServeHost makes one), the bench's engine and kubeconfig.
  host = await startServeHost(undefined, { DOCKER_HOST: docker.dockerHost, KUBECONFIG: kube.kubeconfig });
  browser = await launchBrowser();
  page = await browser.newPage();
  await page.setViewportSize({ width: 1360, height: 900 });
  await page.goto(host.url);
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await host?.stop();
  if (jobId) await fetch(`${rest}/jobs/${jobId}?mode=cancel`, { method: 'PATCH' }).catch(() => undefined);
  if (kube) await deleteNamespace(kube, ns).catch(() => undefined);
  await closeAdmin();
});

describe('the journey: registry, cluster, job, build, deploy, session job, Web UI, savepoint, cancel', () => {
  it('starts on the Clusters page with nothing set up; the registry is set up and verified', async () => {
    await page.getByRole('heading', { name: 'No cluster targets yet' }).waitFor();
    await shot('01-first-start');
    await page.getByRole('link', { name: 'Registry' }).click();
    await page.getByRole('heading', { name: 'No registry configured yet' }).waitFor();
    await page.getByLabel('Address').fill(docker.registry);
    await page.getByLabel('User').fill(docker.username);
    await page.getByLabel('Password').fill(docker.password);
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByText('Registry settings saved').last().waitFor();
    await page.getByRole('button', { name: 'Verify' }).click();
    const step = (id: string) => page.locator(`.op-step[data-step="${id}"]`);
    await expect.poll(() => step('cleanup').getAttribute('data-status'), { timeout: 120_000 }).toBe('succeeded');
    for (const id of ['login', 'push', 'pull']) expect(await step(id).getAttribute('data-status'), id).toBe('succeeded');
    await page.getByText('Verified now').waitFor();
    await shot('02-registry-verified');
  });

  it('adds the cluster target (the bench control plane, this run’s namespace) and checks it', async () => {
    await page.getByRole('link', { name: 'Clusters' }).click();
    await field('Context').selectOption(kube.contexts.admin);
    await field('Namespace').fill(ns);
    await page.getByRole('button', { name: 'Add target and check' }).click();
    const card = page.getByRole('region', { name: `Target ${kube.contexts.admin} · ${ns}` });
    // A fresh namespace: the check runs and gives its verdict (the JobManager's service account lacks its Role).
    await card.getByText(/^(ready|needs attention)$/).waitFor({ timeout: 60_000 });
    await card.getByText('admin', { exact: true }).waitFor();
    await shot('03-cluster-checked');
  });

  it('creates a job in the form from the example: an application on the bench registry’s Flink base', async () => {
    await page.getByRole('link', { name: 'Jobs', exact: true }).click();
    await page.getByRole('heading', { name: 'No saved jobs yet' }).waitFor();
    await page.getByRole('button', { name: 'New job' }).first().click();
    await page.getByRole('heading', { name: 'New job' }).waitFor();
    expect(await field('Context').inputValue()).toBe(kube.contexts.admin);
    expect(await field('Namespace').inputValue()).toBe(ns);
    await field('Name').fill(app);
    await field('Cluster id').fill(app);
    await page.locator('#f-spec-image-source').selectOption('base');
    await field('Base image').fill(docker.baseImage);
    // Built on a base: the jar on this machine goes into the image.
    await field('Jar on this machine').fill(example.jar);
    await field('Entry class').fill(example.entryClass);
    await field('Parallelism').fill('1');
    await page.getByText(`Valid · deploys to ${kube.contexts.admin} / ${ns}`).waitFor({ timeout: 15_000 });
    await page.locator('.main').evaluate((m) => m.scrollTo(0, 0));
    await shot('04-job-form');
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await page.getByText(`Saved ${app} as version 1`).waitFor();
  });

  it('builds its image: the steps pass, the image with its digest', async () => {
    await openJob(app);
    const card = page.locator('.job-builds');
    await card.getByRole('heading', { name: 'Image build' }).waitFor();
    await card.getByRole('button', { name: 'Build image' }).click();
    await card.locator('.build-view[data-status="succeeded"]').waitFor({ timeout: 120_000 });
    const result = card.getByRole('region', { name: 'Built image' });
    const image = await result.locator('.build-result-row', { hasText: 'Image' }).locator('code').first().textContent();
    expect(image).toMatch(new RegExp(`^${docker.registry}/streamx/${app}:[0-9a-f]{12}$`));
    const digest = await result.locator('.build-result-row', { hasText: 'Digest' }).locator('code').textContent();
    expect(digest).toMatch(/^sha256:[0-9a-f]{64}$/);
    await shot('05-built');
  });

  it('deploys it to the bench control plane: the deploy’s steps succeed and the cluster is tracked', async () => {
    await page.getByRole('button', { name: 'Deploy', exact: true }).click();
    await page.locator('.deploy-progress [data-step]').first().waitFor();
    await deployed('06-deployed', 150_000);
    for (const id of ['check', 'dry-run', 'deployment', 'owned', 'start'])
      expect(await page.locator(`.deploy-progress [data-step="${id}"]`).getAttribute('data-status'), id).toBe('succeeded');
    await shot('06-deployed');
    // Tracked from the deploy: its page (kwok's JobManager is a fake: its REST never answers, and that is all).
    await goTo(`#/jobs/tracked/${encodeURIComponent(`kube:${kube.contexts.admin}/${ns}/${app}`)}`);
    await page.getByRole('heading', { name: app }).first().waitFor({ timeout: 30_000 });
    await page.locator('.cluster-state').waitFor();
    await shot('07-app-tracked');
  });

  it('submits a job for the session cluster (Flink 1.20) through the form', async () => {
    // The side bar's Jobs (the job page has a "Jobs" breadcrumb of its own).
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Jobs', exact: true }).click();
    await page.getByRole('button', { name: 'New job' }).first().click();
    await page.getByRole('heading', { name: 'New job' }).waitFor();
    await page.getByText('Job for a session cluster', { exact: true }).click();
    await field('Name').fill(sessionJob);
    await field('REST URL').fill(rest);
    await field('Jar on this machine').fill(example.jar);
    await field('Entry class').fill(example.entryClass);
    await field('Parallelism').fill('1');
    await field('Program arguments').fill(['--rate', '20', '--checkpoint-interval', '1000', '--name', sessionJob].join('\n'));
    await page.locator('.main').evaluate((m) => m.scrollTo(0, 0));
    await shot('08-session-job-form');
    await page.getByRole('button', { name: 'Submit', exact: true }).click();
    await deployed('09-session-job-submitted', 120_000);
    await shot('09-session-job-submitted');
    await expect.poll(() => flinkJobIdOf(sessionJob), { timeout: 30_000 }).toMatch(/^[0-9a-f]{32}$/);
    jobId = (await flinkJobIdOf(sessionJob))!;
  });

  it('its job page shows it RUNNING, as Flink reports it', async () => {
    await goTo(`#/jobs/tracked/${encodeURIComponent(`rest:${rest}`)}/${jobId}`);
    await page.getByRole('heading', { name: sessionJob }).waitFor({ timeout: 30_000 });
    await page.locator('.cluster-state').getByText('RUNNING').waitFor({ timeout: 60_000 });
    await shot('10-job-running');
  });

  it('its Flink Web UI tab shows the real Flink dashboard inside the page', async () => {
    await page.getByRole('button', { name: 'Flink Web UI' }).click();
    const panel = page.getByRole('region', { name: 'Flink Web UI' });
    // The app's iframe holds the host's frame page, which frames the cluster's UI origin.
    const ui = panel.frameLocator('iframe').first().frameLocator('iframe').first();
    await ui.getByText('Available Task Slots').first().waitFor({ timeout: 60_000 });
    await ui.getByText('Running Jobs').first().waitFor();
    await ui.getByText(sessionJob).first().waitFor({ timeout: 30_000 });
    await shot('11-flink-web-ui');
    // The dashboard's own REST calls through the same way in: the job's graph, then the task managers.
    await ui.getByText(sessionJob).first().click();
    await ui.getByText('Source: datagen').first().waitFor({ timeout: 30_000 });
    await shot('11b-flink-web-ui-job-graph');
    await ui.getByText('Task Managers', { exact: true }).first().click();
    await ui.getByText('taskmanager-0').first().waitFor({ timeout: 30_000 });
  });

  it('takes a savepoint from the page: asked first, then Done', async () => {
    await page.getByRole('button', { name: 'Savepoint', exact: true }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByText('The job keeps running.').waitFor();
    await shot('12-savepoint-confirm');
    await dialog.getByRole('button', { name: 'Take savepoint' }).click();
    await page.locator('.job-op').getByText('Done.').waitFor({ timeout: 90_000 });
    await shot('13-savepoint-done');
  });

  it('cancels it, asked first (naming what is lost), then CANCELED', async () => {
    await page.getByRole('button', { name: 'Cancel job' }).click();
    await page.getByRole('dialog').getByText('without a savepoint').waitFor();
    await shot('14-cancel-confirm');
    await page.getByRole('dialog').getByRole('button', { name: 'Cancel the job' }).click();
    await page.locator('.cluster-state').getByText('CANCELED').waitFor({ timeout: 60_000 });
    expect(await page.getByRole('button', { name: 'Cancel job' }).isDisabled()).toBe(true);
    // The oracle: Flink serves /jobs/:id from an execution graph it caches for web.refresh-interval (3 s by default),
    // so just after the uncached /jobs/overview the page follows says CANCELED, it may still say what the job was a
    // moment ago (RUNNING or CANCELLING). It must come to CANCELED, only forward along RUNNING → CANCELLING → CANCELED.
    const order = ['RUNNING', 'CANCELLING', 'CANCELED'];
    const seen: string[] = [];
    await expect
      .poll(
        async () => {
          const r = (await (await fetch(`${rest}/jobs/${jobId}`)).json()) as { state: string };
          if (seen.at(-1) !== r.state) seen.push(r.state);
          return r.state;
        },
        { timeout: 20_000, interval: 250 },
      )
      .toBe('CANCELED');
    const ranks = seen.map((s) => order.indexOf(s));
    expect(
      ranks.every((r, i) => r >= 0 && (i === 0 || r > ranks[i - 1]!)),
      seen.join(' → '),
    ).toBe(true);
    jobId = '';
    await shot('15-canceled');
  });
});
