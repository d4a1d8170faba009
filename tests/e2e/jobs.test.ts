// The Jobs page in Debian Chromium through the real serve host, deploying to the bench's Kubernetes (hermetic but
// for KUBECONFIG, the bench's): a job made in the form, field errors from the server for a bad memory value and a bad
// cluster id, the pod-template editor marking an error at its line, the draft surviving a reload, the YAML view,
// deploy with its steps live, the cluster in the list, a second deploy refused until "Replace", delete confirmed
// (with the HA option), and the saved job removed. Screenshots of each view, light and dark.
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { useBench } from '../fixtures/use-bench';
import { launchBrowser, painted, screenshot, screenshotDir } from '../helpers/browser';
import { startServeHost, type ServeHost } from '../helpers/serve-host';
import { adminClient, closeAdmin, deleteNamespace, freshNamespace, type KubeBench } from '../integration/kube-helpers';

let kube: KubeBench;
let host: ServeHost;
let browser: BrowserContext;
let page: Page;
/** What the browser refused under the renderer's CSP (CodeMirror injects its styles): must stay empty. */
const cspViolations: string[] = [];
const ns = freshNamespace('e2e-jobs');
const job = 'e2e-orders';
const image = '127.0.0.1:5000/streamx/datagen:1';

const field = (p: Page, label: string) => p.getByLabel(label, { exact: true });
const errorOf = (p: Page, path: string) => p.locator(`#f-${path.replace(/[^A-Za-z0-9]+/g, '-')}-error`);
/** What the user sees in the window (not the whole scrolled page). */
const view = (p: Page, name: string) => p.screenshot({ path: join(screenshotDir, name) });
const step = (p: Page, id: string) => p.locator(`.deploy-progress [data-step="${id}"]`);

beforeAll(async () => {
  kube = await useBench<KubeBench>('kube');
  await (
    await adminClient(kube)
  ).expect('POST', '/api/v1/namespaces', 'create the test namespace', { apiVersion: 'v1', kind: 'Namespace', metadata: { name: ns } });
  host = await startServeHost(undefined, { KUBECONFIG: kube.kubeconfig });
  browser = await launchBrowser();
  await browser.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: host.origin });
  page = await browser.newPage();
  page.on('console', (m) => {
    if (/Content.Security.Policy/i.test(m.text())) cspViolations.push(m.text());
  });
  await page.goto(host.url);
  // A target, so that the clusters of its namespace are listed (and the form starts in it).
  await page.getByRole('heading', { name: 'No cluster targets yet' }).waitFor();
  await field(page, 'Context').selectOption(kube.contexts.admin);
  await field(page, 'Namespace').fill(ns);
  await page.getByRole('button', { name: 'Add target and check' }).click();
  await page.getByText(`Target ${kube.contexts.admin} / ${ns} added`).waitFor();
});

afterAll(async () => {
  await browser?.close();
  await host?.stop();
  if (kube) await deleteNamespace(kube, ns);
  await closeAdmin();
});

describe('Jobs page', () => {
  it('says what a job is when there is none, and that no Flink cluster runs in the target namespace', async () => {
    await page.getByRole('link', { name: 'Jobs' }).click();
    await page.getByRole('heading', { name: 'No saved jobs yet' }).waitFor();
    await page.getByText('No Flink cluster runs in your target namespaces.').waitFor({ timeout: 30_000 });
    await screenshot(page, 'jobs-empty.png');
  });

  it('shows the server’s field errors for a bad cluster id and a bad memory value, once the field is left', async () => {
    await page.getByRole('button', { name: 'New job' }).first().click();
    await page.getByRole('heading', { name: 'New job' }).waitFor();
    expect(new URL(page.url()).hash).toBe('#/jobs/new');
    // The form starts in the first target.
    expect(await field(page, 'Context').inputValue()).toBe(kube.contexts.admin);
    expect(await field(page, 'Namespace').inputValue()).toBe(ns);

    await field(page, 'Name').fill(job);
    await field(page, 'Cluster id').fill('Orders_1');
    await field(page, 'Cluster id').press('Tab');
    await errorOf(page, 'spec.clusterId').getByText('must match [a-z]([-a-z0-9]*[a-z0-9])?').waitFor();
    await page.locator('#section-resources').getByLabel('Memory', { exact: true }).first().fill('lots');
    await page.locator('#section-resources').getByLabel('Memory', { exact: true }).first().press('Tab');
    await errorOf(page, 'spec.jobManager.memory')
      .getByText(/'lots' is not a memory size/)
      .waitFor();
    expect(await page.locator('#f-spec-jobManager-memory').getAttribute('aria-invalid')).toBe('true');
    // The section list counts them.
    await page.getByRole('button', { name: 'Kubernetes, 1 problem' }).waitFor();
    await page.getByRole('button', { name: 'Resources, 1 problem' }).waitFor();

    // Deploying now sends nothing to Kubernetes: every problem is listed with a link, the first one has the focus.
    await field(page, 'Jar inside the image').fill('/opt/flink/usrlib/job.jar');
    await field(page, 'Jar inside the image').press('Tab');
    await page.getByRole('button', { name: 'Deploy', exact: true }).click();
    const summary = page.getByRole('alert').filter({ hasText: 'in the spec' });
    await summary.getByRole('button', { name: 'spec.clusterId' }).waitFor();
    await summary.getByRole('button', { name: 'spec.jobManager.memory' }).waitFor();
    await summary.getByRole('button', { name: 'spec.image.ref' }).waitFor();
    await screenshot(page, 'jobs-form-errors.png');
    await page.locator('.main').evaluate((m) => m.scrollTo(0, 0));
    await view(page, 'jobs-form.png');

    // Fixed: the messages go at once.
    await field(page, 'Cluster id').fill(job);
    await page.locator('#f-spec-jobManager-memory').fill('1600m');
    await field(page, 'Image reference').fill(image);
    await field(page, 'Entry class').fill('dev.flinkdesk.examples.DatagenJob');
    await field(page, 'Parallelism').fill('2');
    await expect.poll(() => errorOf(page, 'spec.clusterId').textContent(), { timeout: 10_000 }).toBe('');
    await expect.poll(() => errorOf(page, 'spec.jobManager.memory').textContent()).toBe('');
    await page.getByText(`Valid · deploys to ${kube.contexts.admin} / ${ns}`).waitFor({ timeout: 10_000 });
  });

  it('refuses a Flink key the spec controls, naming the field to use', async () => {
    const section = page.locator('#section-flink');
    await section.getByRole('button', { name: '+ Add option' }).click();
    await section.getByLabel('Options 1: key').fill('kubernetes.cluster-id');
    await section.getByLabel('Options 1: value').fill('other');
    await section.getByLabel('Options 1: value').press('Tab');
    await section.getByText("'kubernetes.cluster-id' is controlled by Flink Desk: set spec.clusterId instead").waitFor();
    await section.getByLabel('Options 1: key').fill('execution.checkpointing.interval');
    await section.getByLabel('Options 1: value').fill('30s');
    await page.getByText(`Valid · deploys to ${kube.contexts.admin} / ${ns}`).waitFor({ timeout: 10_000 });
  });

  it('marks a pod-template error at its line in the editor, and previews the merged JobManager pod', async () => {
    const section = page.locator('#section-templates');
    await section.getByRole('button', { name: 'Start from an example' }).click();
    const editor = section.getByRole('textbox', { name: 'Common pod template (YAML)' });
    await editor.waitFor();
    // Rename the main container to something Kubernetes refuses.
    await section.locator('#f-spec-podTemplate .cm-line', { hasText: '- name: flink-main-container' }).click();
    await page.keyboard.press('End');
    await page.keyboard.type('_X');
    await section.locator('.cm-lintRange-error').first().waitFor({ timeout: 10_000 });
    await section.locator('.cm-lint-marker-error').first().waitFor();
    await section
      .getByRole('list', { name: 'Problems in the Common pod template' })
      .getByText(/line 8/)
      .waitFor();
    await section
      .getByText(/spec\.containers\.0\.name: must be lowercase letters/)
      .first()
      .waitFor();
    await editor.blur();
    await page.getByRole('button', { name: 'Pod templates, 1 problem' }).waitFor({ timeout: 10_000 });
    await section.screenshot({ path: join(screenshotDir, 'jobs-pod-template-error.png') });

    // Undo puts it back; the merged result then shows the template's volume in the JobManager pod.
    await editor.focus();
    await page.keyboard.press('Control+z');
    await expect.poll(() => section.locator('.cm-lintRange-error').count(), { timeout: 10_000 }).toBe(0);
    await section.getByRole('textbox', { name: 'JobManager pod, read-only' }).getByText('scratch').first().waitFor({ timeout: 10_000 });
    await section.getByRole('textbox', { name: 'JobManager pod, read-only' }).getByText('flink-main-container').first().waitFor();
  });

  it('keeps the draft across a reload', async () => {
    await page.reload();
    await page.getByRole('heading', { name: 'New job' }).waitFor();
    expect(await field(page, 'Name').inputValue()).toBe(job);
    expect(await field(page, 'Image reference').inputValue()).toBe(image);
    await page.locator('#section-templates .cm-line', { hasText: 'flink-main-container' }).first().waitFor();
  });

  it('shows the resources that would be created, read-only, with Copy', async () => {
    await page.getByRole('button', { name: 'Show YAML' }).click();
    const dialog = page.getByRole('dialog', { name: /Resources that would be created \(5\)/ });
    await dialog.waitFor();
    for (const name of [job, `${job}-rest`, `flink-config-${job}`, `pod-template-${job}`])
      await dialog
        .getByRole('button', { name: new RegExp(`${name}$`) })
        .first()
        .waitFor();
    await dialog.getByText('kind: Deployment').first().waitFor();
    await dialog.getByRole('button', { name: /Service\s*e2e-orders-rest/ }).click();
    await dialog.getByText('type: ClusterIP').waitFor();
    await dialog.getByRole('button', { name: /Deployment\s*e2e-orders$/ }).click();
    await view(page, 'jobs-yaml.png');
    await dialog.getByRole('button', { name: /Copy the YAML of e2e-orders/ }).click();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toContain('kind: Deployment');
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
  });

  it('offers a job for a session cluster by REST URL, and switching back loses nothing', async () => {
    await page.getByText('Job for a session cluster', { exact: true }).click();
    await page.locator('#section-image').waitFor({ state: 'detached' });
    await field(page, 'REST URL').fill('flink-session:8081');
    await field(page, 'REST URL').press('Tab');
    await errorOf(page, 'spec.session.restUrl')
      .getByText(/must be an http\(s\) URL/)
      .waitFor();
    await field(page, 'Jar on this machine').waitFor();
    await page.getByRole('button', { name: 'Submit', exact: true }).waitFor();
    await view(page, 'jobs-form-session-job.png');
    await page.getByText('Application cluster', { exact: true }).click();
    expect(await field(page, 'Image reference').inputValue()).toBe(image);
    expect(await field(page, 'Jar inside the image').inputValue()).toBe('/opt/flink/usrlib/job.jar');
    await page.getByText(`Valid · deploys to ${kube.contexts.admin} / ${ns}`).waitFor({ timeout: 10_000 });
  });

  it('deploys to the bench: the steps run live and succeed, and the cluster appears in the list', async () => {
    await page.getByRole('button', { name: 'Deploy', exact: true }).click();
    await step(page, 'check').waitFor();
    await page.locator('.deploy-progress[data-status="succeeded"]').waitFor({ timeout: 120_000 });
    for (const id of ['check', 'dry-run', 'deployment', 'owned', 'start'])
      expect(await step(page, id).getAttribute('data-status'), id).toBe('succeeded');
    await screenshot(page, 'jobs-deployed.png');

    await page.getByRole('button', { name: '← All jobs' }).click();
    const saved = page.getByRole('table', { name: 'Saved jobs' });
    const savedRow = saved.getByRole('row', { name: new RegExp(job) });
    await savedRow.locator('.version', { hasText: 'v1' }).waitFor();
    await savedRow.locator('.badge', { hasText: 'succeeded' }).waitFor();
    const clusters = page.getByRole('table', { name: 'Flink clusters' });
    const row = clusters.getByRole('row', { name: new RegExp(job) });
    await row.waitFor({ timeout: 30_000 });
    await row.getByText('Application').waitFor();
    await row.getByText('1/1 ready').waitFor({ timeout: 30_000 });
    expect(await row.getByText('made outside Flink Desk').count()).toBe(0);
    // No draft is left over: the deploy saved it.
    expect(await page.getByText('Unsaved draft:').count()).toBe(0);
    await screenshot(page, 'jobs-list.png');
  });

  it('refuses a second deploy of the same cluster id until the user chooses Replace', async () => {
    await page.getByRole('button', { name: `Deploy ${job} (v1)` }).click();
    const replace = page.getByRole('button', { name: 'Replace the running cluster' });
    await replace.waitFor({ timeout: 60_000 });
    await page.getByText(`A cluster named ${job} already exists`).first().waitFor();
    await replace.click();
    await page.locator('.deploy-progress[data-status="succeeded"]').waitFor({ timeout: 180_000 });
    await page.getByRole('button', { name: 'Dismiss' }).click();
  });

  it('looks right in the dark theme', async () => {
    const dark = await launchBrowser({ colorScheme: 'dark' });
    try {
      const p = await dark.newPage();
      await p.goto(`${host.url}#/jobs`);
      await p
        .getByRole('table', { name: 'Flink clusters' })
        .getByRole('row', { name: new RegExp(job) })
        .waitFor({ timeout: 30_000 });
      const colours = await painted(p);
      expect(colours.theme).toBe('dark');
      expect(colours.card.background).toBeLessThan(0.03);
      await p.getByRole('button', { name: `Edit ${job}` }).click();
      await p.getByRole('heading', { name: `Edit ${job}` }).waitFor();
      expect(await field(p, 'Image reference').inputValue()).toBe(image);
      await p.getByText(`Valid · deploys to ${kube.contexts.admin} / ${ns}`).waitFor({ timeout: 10_000 });
      await p.locator('#section-templates .cm-line', { hasText: 'flink-main-container' }).first().waitFor();
      await view(p, 'jobs-form-dark.png');
      await p.locator('#section-templates').screenshot({ path: join(screenshotDir, 'jobs-pod-template-dark.png') });
      // A saved change is a new version, and the list says it is not what runs.
      await field(p, 'Parallelism').fill('3');
      await p.getByText(`Valid · deploys to ${kube.contexts.admin} / ${ns}`).waitFor({ timeout: 10_000 });
      await p.getByRole('button', { name: 'Save', exact: true }).click();
      await p.getByText(`Saved ${job} as version 2`).waitFor();
      await p.getByRole('button', { name: '← All jobs' }).click();
      const row = p.getByRole('table', { name: 'Saved jobs' }).getByRole('row', { name: new RegExp(job) });
      await row.getByText('changed since deploy').waitFor();
      await row.locator('.badge', { hasText: 'v1 succeeded' }).waitFor();
      await p.locator('.main').evaluate((m) => m.scrollTo(0, 0));
      await view(p, 'jobs-list-dark.png');
    } finally {
      await dark.close();
    }
  });

  it('deletes the cluster only after a confirmation naming what goes, with the HA ConfigMaps on request', async () => {
    await page.getByRole('button', { name: `Delete cluster ${job}` }).click();
    const dialog = page.getByRole('dialog', { name: `Delete cluster ${job}?` });
    await dialog.waitFor();
    await dialog.getByText(`flink-config-${job}`).waitFor();
    await dialog.getByLabel(/Also delete the HA ConfigMaps/).check();
    await view(page, 'jobs-delete-dialog.png');
    await dialog.getByRole('button', { name: 'Delete cluster and HA data' }).click();
    await page.getByText(`Deleted cluster ${job}`).waitFor();
    await page.getByRole('table', { name: 'Flink clusters' }).waitFor({ state: 'detached', timeout: 30_000 });
    const admin = await adminClient(kube);
    expect((await admin.request('GET', `/apis/apps/v1/namespaces/${ns}/deployments/${job}`)).status).toBe(404);
  });

  it('removes the saved job after a confirmation', async () => {
    await page.getByRole('button', { name: `Remove saved job ${job}` }).click();
    await page
      .getByRole('dialog', { name: `Remove saved job ${job}?` })
      .getByRole('button', { name: 'Remove saved job' })
      .click();
    await page.getByRole('heading', { name: 'No saved jobs yet' }).waitFor();
  });

  it('ran under the renderer’s CSP without a violation (CodeMirror’s injected styles included)', () => {
    expect(cspViolations).toEqual([]);
  });
});
