// The Settings page in Debian Chromium through the real serve host (hermetic: its own HOME, no kubeconfig): the first
// page a new user sees, loading states, edit, validate on leaving a field, save, reload, persist, the dark theme by
// its computed colours, the native confirmation dialog and focus, the log file and its Copy button.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { contrast, launchBrowser, painted, screenshot } from '../helpers/browser';
import { startServeHost, type ServeHost } from '../helpers/serve-host';

let host: ServeHost;
let browser: BrowserContext;
let page: Page;
/** Every WebSocket frame the page sent, in order. */
const sent: string[] = [];

beforeAll(async () => {
  host = await startServeHost();
  browser = await launchBrowser();
  await browser.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: host.origin });
  page = await browser.newPage();
  page.on('websocket', (ws) => ws.on('framesent', ({ payload }) => sent.push(String(payload))));
  await page.goto(host.url);
});

afterAll(async () => {
  await browser?.close();
  await host?.stop();
});

const interval = () => page.getByLabel('Job status polling interval');
const focusedHeading = (p: Page) =>
  p.evaluate(() => (document.activeElement?.tagName === 'H1' ? document.activeElement.textContent : null));

describe('first page', () => {
  it('a new user without a kubeconfig lands on Clusters, where there is something to do', async () => {
    await page.getByRole('heading', { name: 'No kubeconfig found' }).waitFor();
    expect(new URL(page.url()).hash).toBe('#/clusters');
    expect(page.url()).not.toContain('token=');
    await screenshot(page, 'first-page-clusters');
  });

  it('comes back to the page the user was on, also without the address', async () => {
    await page.getByRole('link', { name: 'Registry', exact: true }).click();
    await page.getByRole('heading', { name: 'No registry configured yet' }).waitFor();
    const again = await browser.newPage();
    try {
      await again.goto(host.origin); // the cookie is set; no hash
      await again.getByRole('heading', { name: 'No registry configured yet' }).waitFor();
      expect(new URL(again.url()).hash).toBe('#/registry');
    } finally {
      await again.close();
    }
  });
});

describe('Settings page', () => {
  it('shows every page, with a loading state, while its data arrives; never "All changes saved" before', async () => {
    for (const [route, heading, loading, loaded] of [
      ['settings', 'Settings', 'Loading settings…', 'Job status polling interval'],
      ['registry', 'Registry', 'Loading the registry settings…', 'No registry configured yet'],
      ['clusters', 'Clusters', 'Reading your kubeconfig…', 'No kubeconfig found'],
    ] as const) {
      const p = await browser.newPage();
      let release: () => void = () => undefined;
      const held = new Promise<void>((r) => (release = r));
      // The host's answers are held back until the test has looked at the page.
      await p.routeWebSocket(/\/rpc$/, (ws) => {
        const server = ws.connectToServer();
        ws.onMessage((m) => server.send(m));
        server.onMessage((m) => void held.then(() => ws.send(m)));
      });
      try {
        await p.goto(`${host.origin}/#/${route}`);
        await p.getByRole('heading', { name: heading, level: 1 }).waitFor();
        await p.getByRole('status').filter({ hasText: loading }).waitFor();
        if (route !== 'clusters') expect(await p.locator('.savebar-status').textContent()).toBe('Loading…');
        await screenshot(p, `${route}-loading`);
        release();
        await p.getByText(loaded).first().waitFor();
        expect(await p.getByRole('status').filter({ hasText: loading }).count()).toBe(0);
        if (route !== 'clusters') expect(await p.locator('.savebar-status').textContent()).toBe('All changes saved');
      } finally {
        await p.close();
      }
    }
  });

  it('shows the seed defaults, and moves focus to the heading on a page change', async () => {
    await page.getByRole('link', { name: 'Settings', exact: true }).click();
    await expect.poll(() => focusedHeading(page)).toBe('Settings');
    await expect.poll(() => interval().inputValue()).toBe('5');
    expect(await page.getByLabel('Image namespace').inputValue()).toBe('streamx');
    expect(await page.getByLabel('Silent-state keep time').inputValue()).toBe('60');
  });

  it('saves a change that survives a reload, and stores it on disk', async () => {
    await interval().fill('7');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByText('Settings saved').waitFor();
    await page.reload();
    await expect.poll(() => interval().inputValue()).toBe('7');
    // The settings repository's own file in FLINK_DESK_HOME.
    const stored = JSON.parse(readFileSync(join(host.home, 'settings.json'), 'utf8')) as { data: Record<string, unknown> };
    expect(stored.data['flink-k8s.tracking.polling-interval-sec.job-status']).toBe(7);
    await screenshot(page, 'settings');
  });

  it('says what is wrong when the user leaves the field, once, and will not save it', async () => {
    const error = page.locator('#setting-flink-k8s-tracking-polling-interval-sec-job-status-error');
    const rule = 'The job-status polling interval must be a whole number of seconds from 1 to 3600';
    await interval().fill('0');
    // React renders an input event before fill() returns: a message shown per keystroke would be here already.
    expect(await error.textContent()).toBe('');
    expect(await interval().getAttribute('aria-invalid')).toBeNull();
    await interval().press('Tab');
    await error.getByText(rule).waitFor();
    expect(await error.getAttribute('aria-live')).toBe('polite');
    expect(await interval().getAttribute('aria-invalid')).toBe('true');
    expect(await interval().getAttribute('aria-describedby')).toBe(await error.getAttribute('id'));

    // More keystrokes on a value that stays wrong change nothing the screen reader would read again.
    await page.evaluate(() => {
      const el = document.querySelector('#setting-flink-k8s-tracking-polling-interval-sec-job-status-error')!;
      (window as unknown as { mutations: number }).mutations = 0;
      new MutationObserver((m) => ((window as unknown as { mutations: number }).mutations += m.length)).observe(el, {
        childList: true,
        characterData: true,
        subtree: true,
      });
    });
    await interval().pressSequentially('00');
    expect(await interval().inputValue()).toBe('000');
    expect(await page.evaluate(() => (window as unknown as { mutations: number }).mutations)).toBe(0);
    await screenshot(page, 'settings-invalid');

    // Save sends nothing: it points at the problem. The event that would have come is a settings.update frame; the
    // next page's first requests are sent after it would have been.
    const from = sent.length;
    await page.getByRole('button', { name: 'Save' }).click();
    await expect
      .poll(() => page.evaluate(() => document.activeElement?.id))
      .toBe('setting-flink-k8s-tracking-polling-interval-sec-job-status');
    expect(await page.locator('.savebar-status').textContent()).toBe('Fix the highlighted values to save.');
    await page.getByRole('link', { name: 'Jobs', exact: true }).click();
    await page.getByRole('link', { name: 'Clusters', exact: true }).click();
    await expect.poll(() => sent.slice(from).some((f) => f.includes('"kube.contexts"'))).toBe(true);
    expect(sent.slice(from).filter((f) => f.includes('"settings.update"'))).toEqual([]);
    await page.getByRole('link', { name: 'Settings', exact: true }).click();
    await expect.poll(() => interval().inputValue()).toBe('000');
    await page.getByRole('button', { name: 'Discard changes' }).click();
    await expect.poll(() => interval().inputValue()).toBe('7');
  });

  it('keeps an unsaved edit when the user leaves the page and comes back', async () => {
    await interval().fill('12');
    await page.getByRole('link', { name: 'Jobs', exact: true }).click();
    await page.getByRole('heading', { name: 'No saved jobs yet' }).waitFor();
    await page.getByRole('link', { name: 'Settings', exact: true }).click();
    await expect.poll(() => interval().inputValue()).toBe('12');
    await page.getByRole('button', { name: 'Discard changes' }).click();
    await expect.poll(() => interval().inputValue()).toBe('7');
  });

  it('is painted dark in the dark theme, with readable text, and light again after', async () => {
    const light = await painted(page);
    expect(light.theme).toBe('light');
    expect(light.body.background).toBeGreaterThan(0.8);
    expect(contrast(light.body.text, light.body.background)).toBeGreaterThan(7);

    await page.getByRole('button', { name: 'Dark' }).click();
    await page.getByRole('button', { name: 'Save' }).click();
    await expect.poll(() => page.evaluate(() => document.documentElement.dataset.theme)).toBe('dark');
    const dark = await painted(page);
    expect(dark.body.background).toBeLessThan(0.03);
    expect(dark.card.background).toBeLessThan(0.03);
    // Cards stand out from the page a little, and text reads on both.
    expect(dark.card.background).toBeGreaterThan(dark.body.background);
    expect(contrast(dark.body.text, dark.body.background)).toBeGreaterThan(7);
    expect(contrast(dark.card.text, dark.card.background)).toBeGreaterThan(7);
    expect(contrast(dark.muted!, dark.card.background)).toBeGreaterThan(4.5);
    await screenshot(page, 'settings-dark');

    await page.getByRole('button', { name: 'Light' }).click();
    await page.getByRole('button', { name: 'Save' }).click();
    await expect.poll(() => page.evaluate(() => document.documentElement.dataset.theme)).toBe('light');
    expect((await painted(page)).body.background).toBeGreaterThan(0.8);
  });

  it('asks before a reset in a modal dialog: focus inside, Escape closes, focus goes back to the button', async () => {
    const opener = page.getByRole('button', { name: 'Reset to defaults' });
    await opener.click();
    const dialog = page.getByRole('dialog', { name: 'Reset all settings?' });
    await dialog.waitFor();
    expect(await dialog.evaluate((d) => d.tagName === 'DIALOG' && (d as HTMLDialogElement).open && d.matches(':modal'))).toBe(true);
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Cancel');
    // Modal: Tab cycles through the dialog's buttons, never to the page behind.
    for (let i = 0; i < 4; i++) {
      await page.keyboard.press('Tab');
      expect(await page.evaluate(() => Boolean(document.activeElement?.closest('dialog')))).toBe(true);
    }
    await screenshot(page, 'settings-reset-dialog');
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
    await expect.poll(() => page.evaluate(() => document.activeElement?.textContent)).toBe('Reset to defaults');

    await opener.click();
    await dialog.getByRole('button', { name: 'Reset to defaults' }).click();
    await expect.poll(() => interval().inputValue()).toBe('5');
  });

  it('shows where the log file is, and copies its path', async () => {
    const card = page.getByRole('region', { name: 'About and diagnostics' });
    const path = (await card.locator('.about-path').textContent()) ?? '';
    expect(path).toMatch(/\.log$/);
    expect(path.startsWith(host.home) || path.startsWith('~')).toBe(true);
    await card.getByRole('button', { name: 'Copy the log file path' }).click();
    await card.getByRole('button', { name: 'Copied the log file path' }).waitFor();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(path);
    await screenshot(page, 'settings-about');
  });

  it('shows an empty state that says what will come on every page not built yet', async () => {
    for (const [name, heading] of [
      ['Jobs', 'No saved jobs yet'],
      ['Clusters', 'No kubeconfig found'],
      ['Registry', 'No registry configured yet'],
    ] as const) {
      await page.getByRole('link', { name, exact: true }).click();
      await page.getByRole('heading', { name: heading }).waitFor();
      await screenshot(page, `${name.toLowerCase()}-empty`);
    }
  });
});
