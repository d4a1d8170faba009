// The Clusters page in Debian Chromium through the real serve host (hermetic but for KUBECONFIG, the bench cluster's):
// contexts, targets, check, RBAC matrices, the fix applied behind a confirmation, removing a target (confirmed; a
// failure reported), the dark theme by its computed colours, and the empty state.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { parse, stringify } from 'yaml';
import { useBench } from '../fixtures/use-bench';
import { contrast, launchBrowser, painted, screenshot } from '../helpers/browser';
import { startServeHost, type ServeHost } from '../helpers/serve-host';
import { adminClient, closeAdmin, deleteNamespace, freshNamespace, type KubeBench } from '../integration/kube-helpers';

let kube: KubeBench;
let host: ServeHost;
let browser: BrowserContext;
let page: Page;
const ns = freshNamespace('e2e');
/** A second KUBECONFIG file, empty at first, that a test writes to while the page is open. */
const extraKubeconfig = join(mkdtempSync(join(tmpdir(), 'fd-e2e-kcfg-')), 'extra.yaml');

const shot = screenshot;

const target = (p: Page, context: string, namespace: string) => p.getByRole('region', { name: `Target ${context} · ${namespace}` });

beforeAll(async () => {
  kube = await useBench<KubeBench>('kube');
  await (
    await adminClient(kube)
  ).expect('POST', '/api/v1/namespaces', 'create the test namespace', {
    apiVersion: 'v1',
    kind: 'Namespace',
    metadata: { name: ns },
  });
  writeFileSync(extraKubeconfig, '');
  host = await startServeHost(undefined, { KUBECONFIG: `${kube.kubeconfig}:${extraKubeconfig}` });
  browser = await launchBrowser();
  await browser.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: host.origin });
  page = await browser.newPage();
  await page.goto(host.url);
});

afterAll(async () => {
  await browser?.close();
  await host?.stop();
  if (kube) await deleteNamespace(kube, ns);
  await closeAdmin();
});

describe('Clusters page', () => {
  it('is the first page a new user sees while no target is set up, and lists the contexts with their file', async () => {
    await page.getByRole('heading', { name: 'No cluster targets yet' }).waitFor();
    expect(new URL(page.url()).hash).toBe('#/clusters');
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
    await page.getByLabel('Namespace', { exact: true }).press('Tab');
    await page.locator('#target-namespace-error').getByText('Lowercase letters, digits and "-"').waitFor();
    await page.getByLabel('Namespace', { exact: true }).fill(ns);
    // Fixed: the message goes at once.
    expect(await page.locator('#target-namespace-error').textContent()).toBe('');
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
    await card.getByRole('button', { name: 'Copy the YAML' }).click();
    await card.getByRole('button', { name: 'Copied the YAML' }).waitFor();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toContain('kind: RoleBinding');
    await shot(page, 'clusters-rbac-missing.png');
  });

  it('applies the fix after confirmation, and the check turns green', async () => {
    const card = target(page, kube.contexts.admin, ns);
    await card.getByRole('button', { name: 'Apply…' }).click();
    await page.getByRole('dialog').waitFor();
    await shot(page, 'clusters-apply-dialog.png');
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

  it('looks right in the dark theme: dark surfaces, readable text, the verdict in its colour', async () => {
    const dark = await launchBrowser({ colorScheme: 'dark' });
    try {
      const p = await dark.newPage();
      await p.goto(host.url);
      await p.getByRole('link', { name: 'Clusters' }).click();
      const card = target(p, kube.contexts.admin, ns);
      await card.getByRole('button', { name: `Check ${kube.contexts.admin} · ${ns}` }).click();
      await card.getByText('ready').waitFor({ timeout: 60_000 });
      const colours = await painted(p);
      expect(colours.theme).toBe('dark');
      expect(colours.body.background).toBeLessThan(0.03);
      expect(colours.card.background).toBeLessThan(0.03);
      expect(contrast(colours.card.text, colours.card.background)).toBeGreaterThan(7);
      expect(contrast(colours.muted!, colours.card.background)).toBeGreaterThan(4.5);
      // The "ready" badge: green on a dark green, readable.
      const badge = await card.locator('.badge', { hasText: 'ready' }).evaluate((el) => {
        const s = getComputedStyle(el);
        return { color: s.color, background: s.backgroundColor };
      });
      expect(badge.color).not.toBe(badge.background);
      await shot(p, 'clusters-dark.png');
    } finally {
      await dark.close();
    }
  });

  it('removes a target only after confirmation, and says so when the removal fails', async () => {
    const p = await browser.newPage();
    // A connection that drops when the removal is sent, once: the page must say it was not removed.
    let dropped = false;
    await p.routeWebSocket(/\/rpc$/, (ws) => {
      const server = ws.connectToServer();
      ws.onMessage((m) => {
        if (!dropped && String(m).includes('"kube.targets.remove"')) {
          dropped = true;
          void ws.close();
        } else server.send(m);
      });
      server.onMessage((m) => ws.send(m));
    });
    try {
      await p.goto(`${host.origin}/#/clusters`);
      const card = target(p, kube.contexts.limited, kube.limitedNamespace);
      const remove = card.getByRole('button', { name: `Remove target ${kube.contexts.limited} · ${kube.limitedNamespace}` });
      await remove.click();
      const dialog = p.getByRole('dialog', { name: `Remove target ${kube.contexts.limited} / ${kube.limitedNamespace}?` });
      await dialog.waitFor();
      expect(await p.evaluate(() => document.activeElement?.textContent)).toBe('Cancel');
      await shot(p, 'clusters-remove-dialog.png');
      await p.keyboard.press('Escape');
      await dialog.waitFor({ state: 'detached' });
      await expect
        .poll(() => p.evaluate(() => document.activeElement?.getAttribute('aria-label')))
        .toBe(await remove.getAttribute('aria-label'));

      await remove.click();
      await dialog.getByRole('button', { name: 'Remove target' }).click();
      await p.getByText(/^Lost the connection to the Flink Desk host before it answered. The request may or may not have run/).waitFor();
      await shot(p, 'clusters-remove-failed.png');
      // The page reconnects and reads the targets again: it is still there.
      await p.getByText('● connected').waitFor();
      await card.waitFor();

      await remove.click();
      await dialog.getByRole('button', { name: 'Remove target' }).click();
      await p.getByText(`Removed ${kube.contexts.limited} / ${kube.limitedNamespace}`).waitFor();
      await card.waitFor({ state: 'detached' });
      // Focus does not fall to the top of the document: the page heading has it.
      await expect.poll(() => p.evaluate(() => document.activeElement?.tagName)).toBe('H1');
    } finally {
      await p.close();
    }
  });

  it('says what to do when there is no kubeconfig, and takes a file added by path', async () => {
    const bare = await startServeHost();
    const p = await browser.newPage();
    try {
      await p.goto(bare.url);
      await p.getByRole('link', { name: 'Clusters' }).click();
      await p.getByRole('heading', { name: 'No kubeconfig found' }).waitFor();
      // No file dialog in the browser: the path is typed.
      expect(await p.getByRole('button', { name: 'Browse…' }).count()).toBe(0);
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
