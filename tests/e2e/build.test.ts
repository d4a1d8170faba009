// The build view on the job's page, in Debian Chromium through the real serve host, against the bench's Docker
// engine and registry, with the user's Maven: the example job (resources/examples/flink-datagen-job) built with
// Maven while the page shows its steps with progress, the log growing and searchable, then the image and digest;
// a rebuild reusing the image; an older build picked in the list, kept across a reload; a compile error shown with
// its file, line and hint; a build cancelled while Maven runs. Screenshots of each, light and dark.
//
// The jobs are saved as a user's job files would be (their Maven artifact has no form control): over the host's
// WebSocket with the renderer's own client, as a second window would.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import WebSocket from 'ws';
import type { BrowserContext, Page } from 'playwright-core';
import { createClient, type Client } from '../../shared/client';
import { createWebSocketTransport, type SocketLike, type WebSocketTransport } from '../../renderer/src/api/ws-transport';
import { useBench } from '../fixtures/use-bench.ts';
import type { DockerBench } from '../fixtures/docker/part.ts';
import { launchBrowser, screenshot, screenshotDir } from '../helpers/browser';
import { startServeHost, type ServeHost } from '../helpers/serve-host';
import { clusterIdOf, jobDocument, projectCopy } from '../integration/build-helpers';

let docker: DockerBench;
let host: ServeHost;
let transport: WebSocketTransport;
let client: Client;
let browser: BrowserContext;
let page: Page;

const built = 'e2e-build-datagen';
const broken = 'e2e-build-broken';
const cancelled = 'e2e-build-cancel';
/** The line of the compile error in the broken project. */
let brokenLine = 0;

const card = () => page.locator('.job-builds');
const view = () => card().locator('.build-view');
const step = (id: string) => view().locator(`.op-step[data-step="${id}"]`);
const logCount = () => view().locator('.build-log-count');
const linesHeld = async () => Number(await logCount().getAttribute('data-lines'));
/** What the user sees in the window (not the whole scrolled page). */
const windowShot = (name: string) => page.screenshot({ path: join(screenshotDir, name) });
/** The build card alone (the job's form below it is the Jobs tests' subject), the window grown to hold it. */
async function cardShot(name: string): Promise<void> {
  const size = page.viewportSize()!;
  const height = await page.evaluate(() => document.querySelector('.main')?.scrollHeight ?? 820);
  await page.setViewportSize({ width: size.width, height: Math.max(size.height, height) });
  await card().screenshot({ path: join(screenshotDir, name) });
  await page.setViewportSize(size);
}

/** The job's page, from the Jobs list as a user opens it. */
async function openJob(name: string): Promise<void> {
  await page.getByRole('link', { name: 'Jobs', exact: true }).click();
  await page.getByRole('button', { name: `Edit ${name}` }).click();
  await page.getByRole('heading', { name: `Edit ${name}` }).waitFor();
  await card().getByRole('heading', { name: 'Image build' }).waitFor();
}

/** Starts a build from the job's page and waits for its view to show it running. */
async function startBuild(): Promise<void> {
  await card()
    .getByRole('button', { name: /^Build (image|again)$/ })
    .click();
  await card()
    .locator('.build-view[data-status="running"]')
    .waitFor({ timeout: 30_000 })
    .catch(async (e: unknown) => {
      await screenshot(page, 'build-not-started.png');
      const said = await page.locator('.toast, [role="alert"]').allInnerTexts();
      throw new Error(`the build did not start; the page says: ${said.join(' | ') || '(nothing)'}`, { cause: e });
    });
}

beforeAll(async () => {
  docker = await useBench<DockerBench>('docker');
  host = await startServeHost(undefined, { DOCKER_HOST: docker.dockerHost });
  transport = createWebSocketTransport(`${host.url.replace(/^http/, 'ws').replace(/\/\?token=/, '/rpc?token=')}`, {
    open: (url) => new WebSocket(url) as unknown as SocketLike,
  });
  client = createClient(transport);
  await client.invoke('registry.save', {
    address: docker.registry,
    namespace: 'streamx',
    username: docker.username,
    password: docker.password,
  });

  // The example, built from clean so the whole Maven log (compile, shade) is written while the page watches.
  const project = projectCopy('e2e-build');
  rmSync(join(project, 'target'), { recursive: true, force: true });
  await client.invoke('jobs.save', {
    document: jobDocument(built, { maven: { project, args: ['clean', 'package'] } }, docker.baseImage),
  });
  // A compile error: a method that does not exist, at the line of env.execute(.
  const brokenProject = projectCopy('e2e-compile-error');
  const src = join(brokenProject, 'src', 'main', 'java', 'dev', 'flinkdesk', 'examples', 'DatagenJob.java');
  const text = readFileSync(src, 'utf8');
  brokenLine = text.split('\n').findIndex((l) => l.includes('env.execute(')) + 1;
  writeFileSync(src, text.replace('env.execute(', 'env.executeNoSuchMethod('));
  await client.invoke('jobs.save', { document: jobDocument(broken, { maven: { project: brokenProject } }, docker.baseImage) });
  // Maven running a child that would sleep for ten minutes (exec:exec of sleep): a build to cancel.
  const args = ['org.codehaus.mojo:exec-maven-plugin:3.5.0:exec', '-Dexec.executable=sleep', '-Dexec.args=600'];
  await client.invoke('jobs.save', {
    document: jobDocument(cancelled, { maven: { project: projectCopy('e2e-cancel'), args } }, docker.baseImage),
  });

  browser = await launchBrowser();
  await browser.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: host.origin });
  page = await browser.newPage();
  await page.goto(host.url);
});

afterAll(async () => {
  transport?.close();
  await browser?.close();
  await host?.stop();
});

describe('the build view on the job’s page', () => {
  it('says there is no build yet, and what Build image does', async () => {
    await openJob(built);
    await card().getByText('No builds yet.').waitFor();
    await card()
      .getByText(`${docker.registry}/streamx/${clusterIdOf(built)}:<content hash>`)
      .waitFor();
    await cardShot('build-empty.png');
  });

  it('shows the steps with progress and the Maven log growing while it runs; search finds a Maven line', async () => {
    await startBuild();
    await expect.poll(() => step('artifact').getAttribute('data-status'), { timeout: 60_000 }).toBe('running');
    // The running step has its bar, and its log is the one shown.
    await step('artifact').locator('progress.op-step-progress').waitFor();
    expect(await step('artifact').getAttribute('class')).toContain('op-step-selected');
    expect(await step('resolve').getAttribute('data-status')).toBe('succeeded');
    await view()
      .getByRole('heading', { name: /Log · Build or check the job jar/ })
      .waitFor();
    await expect.poll(linesHeld, { timeout: 60_000 }).toBeGreaterThan(0);
    const early = await linesHeld();
    await expect.poll(linesHeld, { timeout: 60_000 }).toBeGreaterThan(early);
    await windowShot('build-running.png');

    // Search: a Maven line, highlighted, with the count.
    await view().getByRole('searchbox', { name: 'Search the log' }).fill('maven-compiler-plugin');
    await view().locator('mark.build-log-mark-current', { hasText: 'maven-compiler-plugin' }).waitFor({ timeout: 30_000 });
    await expect.poll(() => view().locator('.build-log-matches').textContent()).toMatch(/^1 of \d+/);
    expect(
      await view()
        .locator('.build-log-line', { has: page.locator('mark.build-log-mark-current') })
        .textContent(),
    ).toMatch(/\[INFO\] --- maven-compiler-plugin:/);
    // Going to a match (Enter) stops following the end; Follow takes the view back there.
    await view().getByRole('searchbox', { name: 'Search the log' }).press('Enter');
    await view().getByRole('button', { name: '↓ Follow the end' }).waitFor();
    await view().locator('mark.build-log-mark-current').waitFor();
    await cardShot('build-running-search.png');
    await view().getByRole('searchbox', { name: 'Search the log' }).fill('');
    await view().getByRole('button', { name: '↓ Follow the end' }).click();
    await view().getByRole('button', { name: '↓ Follow the end' }).waitFor({ state: 'detached' });
  });

  it('ends with the image and its digest, every step passed, the build listed', async () => {
    await card().locator('.build-view[data-status="succeeded"]').waitFor({ timeout: 240_000 });
    for (const id of ['resolve', 'artifact', 'dependencies', 'image', 'push'])
      expect(await step(id).getAttribute('data-status'), id).toMatch(/succeeded|skipped/);
    expect(await step('push').getAttribute('data-status')).toBe('succeeded');
    const result = view().getByRole('region', { name: 'Built image' });
    const image = await result.locator('.build-result-row', { hasText: 'Image' }).locator('code').first().textContent();
    expect(image).toMatch(new RegExp(`^${docker.registry}/streamx/${clusterIdOf(built)}:[0-9a-f]{12}$`));
    const digest = await result.locator('.build-result-row', { hasText: 'Digest' }).locator('code').textContent();
    expect(digest).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(await result.locator('.build-result-row', { hasText: 'Pinned' }).locator('code').textContent()).toBe(
      `${docker.registry}/streamx/${clusterIdOf(built)}@${digest}`,
    );
    // Copy puts the digest on the clipboard.
    await result.getByRole('button', { name: 'Copy the digest' }).click();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(digest);
    // The finished build shows the log of its last step that wrote one; the list has it, built.
    const history = card().getByRole('navigation', { name: 'Last builds' });
    await history.locator('.build-history-item[data-outcome="succeeded"]').first().waitFor();
    expect(await history.locator('.build-history-item').count()).toBe(1);
    await cardShot('build-finished.png');
    await page.emulateMedia({ colorScheme: 'dark' });
    await cardShot('build-finished-dark.png');
    await page.emulateMedia({ colorScheme: 'light' });
  });

  it('reuses the image when nothing changed; an older build picked in the list stays shown after a reload', async () => {
    await startBuild();
    await card().locator('.build-view[data-status="succeeded"]').waitFor({ timeout: 240_000 });
    const result = view().getByRole('region', { name: 'Built image' });
    await result.getByText('reused: the tag was already in the registry').waitFor();
    const history = card().getByRole('navigation', { name: 'Last builds' });
    await expect.poll(() => history.locator('.build-history-item').count()).toBe(2);
    await history.getByText('reused, nothing uploaded').waitFor();

    // The first build, from the list: its steps, and its Maven log read back from the host.
    await history.locator('.build-history-item').nth(1).click();
    await expect.poll(() => history.locator('.build-history-item').nth(1).getAttribute('aria-current')).toBe('true');
    await step('artifact')
      .getByRole('button', { name: /show its log/ })
      .click();
    await expect.poll(linesHeld, { timeout: 10_000 }).toBeGreaterThan(20);
    await view().getByText('BUILD SUCCESS').waitFor();
    const firstImage = await view().locator('.build-result-row', { hasText: 'Image' }).locator('code').first().textContent();

    await page.reload();
    await card().locator('.build-view[data-status="succeeded"]').waitFor();
    expect(
      await card().getByRole('navigation', { name: 'Last builds' }).locator('.build-history-item').nth(1).getAttribute('aria-current'),
    ).toBe('true');
    expect(await view().locator('.build-result-row', { hasText: 'Image' }).locator('code').first().textContent()).toBe(firstImage);
    await expect(view().getByText('reused: the tag was already in the registry').count()).resolves.toBe(0);
    await cardShot('build-history.png');
  });

  it('shows a compile error with its file, line and hint, and the steps after it skipped', async () => {
    await openJob(broken);
    await startBuild();
    await card().locator('.build-view[data-status="failed"]').waitFor({ timeout: 180_000 });
    const src = 'DatagenJob.java';
    const line = brokenLine;
    const error = view().locator('.build-error');
    await error.getByRole('alert').waitFor();
    expect(await error.textContent()).toContain('In step 2, build or check the job jar');
    expect(await error.textContent()).toContain(`${src}:${line}:`);
    expect(await error.textContent()).toContain('cannot find symbol');
    expect(await error.locator('.hint').textContent()).toContain(`${src} line ${line}`);
    expect(await step('artifact').getAttribute('data-status')).toBe('failed');
    for (const id of ['dependencies', 'image', 'push']) expect(await step(id).getAttribute('data-status')).toBe('skipped');
    // The failed step's log is the one shown, and it has the compiler's line.
    await view()
      .getByRole('heading', { name: /Log · Build or check the job jar/ })
      .waitFor();
    await view().getByRole('searchbox', { name: 'Search the log' }).fill('cannot find symbol');
    const mark = view().locator('mark.build-log-mark-current');
    await mark.waitFor();
    // At the end of a long line: the log scrolls sideways to it.
    const inside = async () => {
      const m = (await mark.boundingBox())!;
      const box = (await view().getByRole('log').boundingBox())!;
      return m.x >= box.x && m.x + m.width <= box.x + box.width;
    };
    await expect.poll(inside).toBe(true);
    await cardShot('build-failed.png');
  });

  it('cancels a build while Maven runs', async () => {
    await openJob(cancelled);
    await startBuild();
    await expect.poll(() => step('artifact').getAttribute('data-status'), { timeout: 60_000 }).toBe('running');
    // Maven has reached the goal that runs the long child (the log follows the end, so its last lines are in view).
    await view().locator('.build-log-line', { hasText: '[INFO] --- exec-maven-plugin:3.5.0:exec' }).waitFor({ timeout: 120_000 });
    await view().getByRole('button', { name: 'Cancel build' }).click();
    await card().locator('.build-view[data-status="cancelled"]').waitFor({ timeout: 30_000 });
    const error = view().locator('.build-error');
    expect(await error.textContent()).toMatch(/Cancelled|Stopped during/);
    expect(await view().getByRole('button', { name: 'Cancel build' }).count()).toBe(0);
    expect(await step('artifact').getAttribute('data-status')).toBe('failed');
    await card().getByRole('navigation', { name: 'Last builds' }).locator('.build-history-item[data-outcome="cancelled"]').waitFor();
    await cardShot('build-cancelled.png');
  });
});
