// The Registry page in Debian Chromium through the real serve host (hermetic but for the bench's engine, Docker
// config and kubeconfig, passed in), against the bench's engine, registry and kube-apiserver: validation when a field
// is left, save (the password field then says "saved"), Verify with the four steps
// streamed live, the result kept across a reload, a wrong password failing at login with a hint, a pull secret in
// flink-dev. Every WebSocket frame the page receives, and every file of FLINK_DESK_HOME, is searched for the password.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CoreV1Api, KubeConfig } from '@kubernetes/client-node';
import type { BrowserContext, Page } from 'playwright-core';
import { useBench } from '../fixtures/use-bench.ts';
import { dockerCli, dockerEnv, type DockerBench } from '../fixtures/docker/part.ts';
import { contrast, launchBrowser, painted, screenshot } from '../helpers/browser';
import { startServeHost, type ServeHost } from '../helpers/serve-host';
import { allFilesText } from '../integration/registry-helpers';

interface KubeBench {
  kubeconfig: string;
  contexts: { admin: string; limited: string; cert: string };
  limitedNamespace: string;
}

let docker: DockerBench;
let kube: KubeBench;
let host: ServeHost;
let browser: BrowserContext;
let page: Page;
const received: string[] = [];
const secretName = `fd-e2e-pull-${Date.now().toString(36)}`;

beforeAll(async () => {
  docker = await useBench<DockerBench>('docker');
  kube = await useBench<KubeBench>('kube');
  // A Docker config written by a real `docker login`, for "Import from Docker config".
  const dockerConfig = mkdtempSync(join(tmpdir(), 'fd-e2e-docker-config-'));
  const login = spawnSync(dockerCli(), ['login', '--username', docker.username, '--password-stdin', docker.registry], {
    env: dockerEnv(docker.dockerHost, dockerConfig),
    input: docker.password,
    encoding: 'utf8',
  });
  if (login.status !== 0) throw new Error(`docker login failed: ${login.stderr}`);
  host = await startServeHost(undefined, { DOCKER_HOST: docker.dockerHost, KUBECONFIG: kube.kubeconfig, DOCKER_CONFIG: dockerConfig });
  browser = await launchBrowser();
  page = await browser.newPage();
  page.on('websocket', (ws) =>
    ws.on('framereceived', ({ payload }) => received.push(typeof payload === 'string' ? payload : payload.toString('latin1'))),
  );
  await page.goto(host.url);
  await page.getByRole('link', { name: 'Registry' }).click();
});

afterAll(async () => {
  if (kube) {
    const kc = new KubeConfig();
    kc.loadFromFile(kube.kubeconfig);
    kc.setCurrentContext(kube.contexts.admin);
    await kc
      .makeApiClient(CoreV1Api)
      .deleteNamespacedSecret({ name: secretName, namespace: kube.limitedNamespace })
      .catch(() => undefined);
  }
  await browser?.close();
  await host?.stop();
});

const shot = (name: string) => screenshot(page, name);
const step = (id: string) => page.locator(`.op-step[data-step="${id}"]`);

describe('Registry page', () => {
  it('starts empty, with the namespace default streamx and the four steps waiting', async () => {
    await page.getByRole('heading', { name: 'No registry configured yet' }).waitFor();
    expect(await page.getByLabel('Image namespace').inputValue()).toBe('streamx');
    expect(await page.getByRole('button', { name: 'Verify' }).isDisabled()).toBe(true);
    expect(await step('login').getAttribute('data-status')).toBe('pending');
    await shot('registry-empty-form');
  });

  it('says what is wrong when the user leaves a field, and Save points at it instead of sending', async () => {
    await page.getByLabel('Address').fill('https://registry.example.com');
    expect(await page.locator('#registry-address-error').textContent()).toBe('');
    await page.getByLabel('Address').press('Tab');
    await page.locator('#registry-address-error').getByText('Leave out the scheme').waitFor();
    expect(await page.getByLabel('Address').getAttribute('aria-invalid')).toBe('true');
    await page.getByLabel('Image namespace').fill('Team A');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.locator('#registry-namespace-error').getByText('The image namespace must be lowercase letters and digits').waitFor();
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('registry-address');
    expect(await page.locator('.savebar-status').textContent()).toBe('Fix the highlighted values to save.');
    await shot('registry-invalid');
    await page.getByLabel('Image namespace').fill('streamx');
    expect(await page.locator('#registry-namespace-error').textContent()).toBe('');
  });

  it('saves; the password is then shown as saved, never sent back', async () => {
    await page.getByLabel('Address').fill(docker.registry);
    await page.getByLabel('User').fill(docker.username);
    await page.getByLabel('Password').fill(docker.password);
    await shot('registry-filled');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByText('Registry settings saved').last().waitFor();
    expect(await page.getByLabel('Password').inputValue()).toBe('');
    expect(await page.getByLabel('Password').getAttribute('placeholder')).toBe('•••• saved');
  });

  it('verifies: the four steps stream in live and all pass', async () => {
    await page.getByRole('button', { name: 'Verify' }).click();
    await expect.poll(() => step('cleanup').getAttribute('data-status'), { timeout: 120_000 }).toBe('succeeded');
    for (const id of ['login', 'push', 'pull', 'cleanup']) expect(await step(id).getAttribute('data-status')).toBe('succeeded');
    await page.getByText(`Pushed ${docker.registry}/streamx/flink-desk-probe:`).waitFor();
    // The steps came as live `op` step events over the WebSocket, not only as a final result.
    const stepEvents = received.filter((f) => f.includes('"type":"step"'));
    expect(stepEvents.some((f) => f.includes('"id":"push"') && f.includes('"status":"running"'))).toBe(true);
    await page.getByText('Verified now').waitFor();
    await shot('registry-verified');
  });

  it('keeps the last verification across a reload', async () => {
    await page.reload();
    await page.getByText('Verified now').waitFor();
    expect(await page.locator('.verify-last .badge').textContent()).toBe('passed');
    expect(await step('pull').getAttribute('data-status')).toBe('succeeded');
  });

  it('a wrong password fails at login with a hint; the push is never tried', async () => {
    await page.getByLabel('Password').fill('wrong-password-for-e2e');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByText('Registry settings saved').last().waitFor();
    await page.getByRole('button', { name: 'Verify' }).click();
    await expect.poll(() => step('login').getAttribute('data-status'), { timeout: 60_000 }).toBe('failed');
    await expect.poll(() => step('push').getAttribute('data-status')).toBe('skipped');
    await page.getByText(`The registry ${docker.registry} refused the user name or password`).waitFor();
    await page.getByText('Check the user name and password').waitFor();
    expect(await page.locator('.verify-last .badge').textContent()).toBe('failed');
    await shot('registry-failed');
  });

  it('creates the pull secret in flink-dev through the context picker', async () => {
    await page.getByLabel('Password').fill(docker.password);
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByText('Registry settings saved').last().waitFor();
    await page.getByLabel('Context').selectOption(kube.contexts.limited);
    await page.getByLabel('Namespace', { exact: true }).fill(kube.limitedNamespace);
    await page.getByLabel('Secret name').fill(secretName);
    await page.getByRole('button', { name: `Create pull secret in ${kube.limitedNamespace}` }).click();
    await page.getByText(`Secret ${secretName} created in flink-dev (context ${kube.contexts.limited})`).waitFor();
    await page.getByText(`kubernetes.container.image.pull-secrets: ${secretName}`).waitFor();
    await shot('registry-pull-secret');
  });

  it('imports the credentials from the Docker config (a real docker login)', async () => {
    await page.getByLabel('User').fill('someone-else');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByText('Registry settings saved').last().waitFor();
    await page.getByRole('button', { name: 'Import from Docker config' }).click();
    await page.getByText(`Imported the credentials of ${docker.username} for ${docker.registry} (auths)`).waitFor();
    await expect.poll(() => page.getByLabel('User').inputValue()).toBe(docker.username);
    expect(await page.getByLabel('Password').getAttribute('placeholder')).toBe('•••• saved');
  });

  it('the password is in no frame the page received and in no file of FLINK_DESK_HOME', () => {
    expect(received.length).toBeGreaterThan(10);
    const b64 = Buffer.from(docker.password).toString('base64');
    for (const text of [received.join('\n'), allFilesText(host.home)]) {
      expect(text).not.toContain(docker.password);
      expect(text).not.toContain(b64);
    }
  });

  it('looks right in the dark theme too: dark surfaces, readable text, passed steps in green', async () => {
    await page.emulateMedia({ colorScheme: 'dark' });
    await page.reload();
    await page.getByRole('button', { name: 'Verify' }).click();
    await expect.poll(() => step('cleanup').getAttribute('data-status'), { timeout: 120_000 }).toBe('succeeded');
    await page.getByText('Verified now').waitFor();
    const colours = await painted(page);
    expect(colours.theme).toBe('dark');
    expect(colours.body.background).toBeLessThan(0.03);
    expect(colours.card.background).toBeLessThan(0.03);
    expect(contrast(colours.card.text, colours.card.background)).toBeGreaterThan(7);
    expect(contrast(colours.muted!, colours.card.background)).toBeGreaterThan(4.5);
    const icon = await step('login')
      .locator('.op-step-icon')
      .evaluate((el) => getComputedStyle(el).color);
    const [r, g, b] = (icon.match(/\d+/g) ?? []).map(Number) as [number, number, number];
    expect(g).toBeGreaterThan(r);
    expect(g).toBeGreaterThan(b);
    await shot('registry-dark');
    await page.emulateMedia({ colorScheme: 'light' });
  });
});
