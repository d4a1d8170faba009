// The Settings page in Debian Chromium through the real serve host: edit, validate, save, reload, persist.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { launchBrowser, screenshotDir } from '../helpers/browser';
import { startServeHost, type ServeHost } from '../helpers/serve-host';

let host: ServeHost;
let browser: BrowserContext;
let page: Page;

beforeAll(async () => {
  host = await startServeHost();
  browser = await launchBrowser();
  page = await browser.newPage();
  await page.goto(host.url);
});

afterAll(async () => {
  await browser?.close();
  await host?.stop();
});

const interval = () => page.getByLabel('Job status polling interval');

describe('Settings page', () => {
  it('shows the seed defaults', async () => {
    await page.getByRole('link', { name: 'Settings' }).click();
    await expect.poll(() => interval().inputValue()).toBe('5');
    expect(await page.getByLabel('Image namespace').inputValue()).toBe('streamx');
    expect(await page.getByLabel('Silent-state keep time').inputValue()).toBe('60');
    expect(page.url()).not.toContain('token=');
  });

  it('saves a change that survives a reload, and stores it on disk', async () => {
    await interval().fill('7');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByText('Settings saved').waitFor();
    await page.reload();
    await expect.poll(() => interval().inputValue()).toBe('7');
    const stored = JSON.parse(readFileSync(join(host.home, 'flink-desk.json'), 'utf8')) as { settings: Record<string, unknown> };
    expect(stored.settings['flink-k8s.tracking.polling-interval-sec.job-status']).toBe(7);
    await page.screenshot({ path: join(screenshotDir, 'settings.png'), fullPage: true });
  });

  it('shows the rule when the value is 0, and will not save it', async () => {
    await interval().fill('0');
    await page.getByText('The job-status polling interval must be a whole number of seconds from 1 to 3600').waitFor();
    expect(await interval().getAttribute('aria-invalid')).toBe('true');
    expect(await page.getByRole('button', { name: 'Save' }).isDisabled()).toBe(true);
    await page.screenshot({ path: join(screenshotDir, 'settings-invalid.png'), fullPage: true });
  });

  it('keeps an unsaved edit when the user leaves the page and comes back', async () => {
    await interval().fill('12');
    await page.getByRole('link', { name: 'Jobs' }).click();
    await page.getByRole('heading', { name: 'No jobs yet' }).waitFor();
    await page.getByRole('link', { name: 'Settings' }).click();
    await expect.poll(() => interval().inputValue()).toBe('12');
    await page.getByRole('button', { name: 'Discard changes' }).click();
    await expect.poll(() => interval().inputValue()).toBe('7');
  });

  it('switches to the dark theme and back', async () => {
    await page.getByRole('button', { name: 'Dark' }).click();
    await page.getByRole('button', { name: 'Save' }).click();
    await expect.poll(() => page.evaluate(() => document.documentElement.dataset.theme)).toBe('dark');
    await page.screenshot({ path: join(screenshotDir, 'settings-dark.png'), fullPage: true });
    await page.getByRole('button', { name: 'Light' }).click();
    await page.getByRole('button', { name: 'Save' }).click();
    await expect.poll(() => page.evaluate(() => document.documentElement.dataset.theme)).toBe('light');
  });

  it('resets to the defaults after confirmation', async () => {
    await page.getByRole('button', { name: 'Reset to defaults' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Reset to defaults' }).click();
    await expect.poll(() => interval().inputValue()).toBe('5');
  });

  it('shows an empty state that says what will come on every page not built yet', async () => {
    // The Clusters page's empty state depends on whether this machine has a kubeconfig.
    for (const [name, heading] of [
      ['Jobs', 'No jobs yet'],
      ['Clusters', /No cluster targets yet|No kubeconfig found/],
      ['Registry', 'No registry configured yet'],
    ] as const) {
      await page.getByRole('link', { name }).click();
      await page.getByRole('heading', { name: heading }).waitFor();
      await page.screenshot({ path: join(screenshotDir, `${name.toLowerCase()}-empty.png`), fullPage: true });
    }
  });
});
