// The Clusters page in Debian Chromium through the real serve host, pointed at the bench cluster with KUBECONFIG:
// contexts, targets, check, RBAC matrices, the fix applied behind a confirmation, and the empty state.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { parse, stringify } from 'yaml';
import { useBench } from '../fixtures/use-bench';
import { launchBrowser, screenshotDir } from '../helpers/browser';
import { startServeHost, type ServeHost } from '../helpers/serve-host';
import { adminConnection, deleteNamespace, freshNamespace, type KubeBench } from '../integration/kube-helpers';

let kube: KubeBench;
let host: ServeHost;
let browser: BrowserContext;
let page: Page;
const ns = freshNamespace('e2e');
/** A second KUBECONFIG file, empty at first, that a test writes to while the page is open. */
const extraKubeconfig = join(mkdtempSync(join(tmpdir(), 'fd-e2e-kcfg-')), 'extra.yaml');

/** The page scrolls inside .main: a tall viewport makes the screenshot show all of it. */
async function shot(p: Page, name: string): Promise<void> {
  const height = await p.evaluate(() => document.querySelector('.main')?.scrollHeight ?? 820);
  await p.setViewportSize({ width: 1280, height: Math.max(820, height) });
  await p.screenshot({ path: join(screenshotDir, name), fullPage: true });
  await p.setViewportSize({ width: 1280, height: 820 });
}

const target = (p: Page, context: string, namespace: string) => p.getByRole('region', { name: `Target ${context} · ${namespace}` });

beforeAll(async () => {
  kube = await useBench<KubeBench>('kube');
  const conn = await adminConnection(kube);
  await conn.expect('POST', '/api/v1/namespaces', 'create the test namespace', {
    apiVersion: 'v1',
    kind: 'Namespace',
    metadata: { name: ns },
  });
  conn.close();
  writeFileSync(extraKubeconfig, '');
  host = await startServeHost(undefined, { KUBECONFIG: `${kube.kubeconfig}:${extraKubeconfig}` });
  browser = await launchBrowser();
  page = await browser.newPage();
  await page.goto(host.url);
  await page.getByRole('link', { name: 'Clusters' }).click();
});

afterAll(async () => {
  await browser?.close();
  await host?.stop();
  if (kube) await deleteNamespace(kube, ns);
});

describe('Clusters page', () => {
  it('lists the contexts of the kubeconfig with their file', async () => {
    await page.getByRole('heading', { name: 'No cluster targets yet' }).waitFor();
    for (const c of Object.values(kube.contexts)) await page.getByRole('cell', { name: c, exact: false }).first().waitFor();
    await page.getByText(kube.kubeconfig).waitFor();
  });

  it('shows a context added to a kubeconfig file while the page is open', async () => {
    const doc = parse(readFileSync(kube.kubeconfig, 'utf8')) as { contexts: { name: string; context: object }[] };
    writeFileSync(
      extraKubeconfig,
      stringify({ ...doc, contexts: [{ ...doc.contexts[0]!, name: 'added-while-open' }], 'current-context': undefined }),
    );
    await page.getByRole('button', { name: 'Use context added-while-open' }).waitFor({ timeout: 15_000 });
  });

  it('adds a target, checks it, and shows what the service account lacks with the fix as YAML', async () => {
    await page.getByLabel('Context', { exact: true }).selectOption(kube.contexts.admin);
    await page.getByLabel('Namespace', { exact: true }).fill('Not_valid');
    await page.getByText('Lowercase letters, digits and "-"').waitFor();
    await page.getByLabel('Namespace', { exact: true }).fill(ns);
    await page.getByRole('button', { name: 'Add target and check' }).click();
    const card = target(page, kube.contexts.admin, ns);
    await card.getByText('needs attention').waitFor({ timeout: 60_000 });
    await card.getByText('admin', { exact: true }).waitFor();
    await card.getByRole('table', { name: 'Service account default (the JobManager)' }).waitFor();
    expect(await card.locator('td.rbac-denied').count()).toBeGreaterThan(0);
    await card
      .getByLabel(/YAML to apply/)
      .getByText('kind: RoleBinding')
      .waitFor();
    await shot(page, 'clusters-rbac-missing.png');
  });

  it('applies the fix after confirmation, and the check turns green', async () => {
    const card = target(page, kube.contexts.admin, ns);
    await card.getByRole('button', { name: 'Apply…' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Apply' }).click();
    await page.getByText(/Applied: created Role/).waitFor();
    await card.getByText('ready').waitFor({ timeout: 60_000 });
    expect(await card.locator('td.rbac-denied').count()).toBe(0);
    await shot(page, 'clusters.png');
  });

  it('shows the limited user exactly what it lacks, and why the service account is unknown', async () => {
    await page.getByRole('button', { name: `Use context ${kube.contexts.limited}` }).click();
    expect(await page.getByLabel('Namespace', { exact: true }).inputValue()).toBe(kube.limitedNamespace);
    await page.getByRole('button', { name: 'Add target and check' }).click();
    const card = target(page, kube.contexts.limited, kube.limitedNamespace);
    await card.getByText('limited', { exact: true }).waitFor({ timeout: 60_000 });
    const denied = await card
      .locator('td.rbac-denied')
      .evaluateAll((cells) => cells.map((c) => c.getAttribute('aria-label')?.split(':')[0]));
    expect(denied).toEqual(['list nodes']);
    await card.getByText(/cannot ask what this service account may do/).waitFor();
    await shot(page, 'clusters-two-targets.png');
  });

  it('looks right in the dark theme', async () => {
    const dark = await launchBrowser({ colorScheme: 'dark' });
    try {
      const p = await dark.newPage();
      await p.goto(host.url);
      await p.getByRole('link', { name: 'Clusters' }).click();
      await target(p, kube.contexts.admin, ns)
        .getByRole('button', { name: `Check ${kube.contexts.admin} · ${ns}` })
        .click();
      await target(p, kube.contexts.admin, ns).getByText('ready').waitFor({ timeout: 60_000 });
      await shot(p, 'clusters-dark.png');
    } finally {
      await dark.close();
    }
  });

  it('says what to do when there is no kubeconfig, and takes a file added by path', async () => {
    const home = mkdtempSync(join(tmpdir(), 'fd-nokube-'));
    const bare = await startServeHost(undefined, { KUBECONFIG: '', HOME: home });
    const p = await browser.newPage();
    try {
      await p.goto(bare.url);
      await p.getByRole('link', { name: 'Clusters' }).click();
      await p.getByRole('heading', { name: 'No kubeconfig found' }).waitFor();
      await shot(p, 'clusters-no-kubeconfig.png');
      await p.getByLabel('Add kubeconfig file', { exact: true }).fill('relative/path');
      await p.getByRole('button', { name: 'Add file' }).click();
      await p.getByText(/Give the full path/).waitFor();
      await p.getByLabel('Add kubeconfig file', { exact: true }).fill(kube.kubeconfig);
      await p.getByRole('button', { name: 'Add file' }).click();
      await p.getByRole('button', { name: `Use context ${kube.contexts.cert}` }).waitFor();
    } finally {
      await p.close();
      await bare.stop();
    }
  });
});
