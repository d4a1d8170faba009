// Debian's Chromium driven by playwright-core (no browser download here), with the flags this machine needs, its own
// profile and HOME; plus what the e2e tests share: a full-page screenshot and the colours a page is painted in.
import { existsSync, mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { repoDir } from './serve-host';

export const CHROMIUM = process.env.FLINK_DESK_CHROMIUM ?? '/usr/bin/chromium';
export const screenshotDir = join(repoDir, 'tests', 'e2e', 'screenshots');

export async function launchBrowser(options: { colorScheme?: 'light' | 'dark' } = {}): Promise<BrowserContext> {
  if (!existsSync(CHROMIUM))
    throw new Error(`Chromium is missing at ${CHROMIUM}: install the Debian package "chromium" (apt-get install chromium)`);
  mkdirSync(screenshotDir, { recursive: true });
  return chromium.launchPersistentContext(mkdtempSync(join(tmpdir(), 'fd-chromium-')), {
    executablePath: CHROMIUM,
    headless: true,
    viewport: { width: 1280, height: 820 },
    colorScheme: options.colorScheme ?? 'light',
    env: { ...process.env, HOME: mkdtempSync(join(tmpdir(), 'fd-chromium-home-')) },
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
}

/** The whole page: the app scrolls inside .main, so the viewport grows to its height for the picture. */
export async function screenshot(page: Page, name: string): Promise<void> {
  const size = page.viewportSize() ?? { width: 1280, height: 820 };
  const height = await page.evaluate(() => document.querySelector('.main')?.scrollHeight ?? 820);
  await page.setViewportSize({ width: size.width, height: Math.max(size.height, height) });
  await page.screenshot({ path: join(screenshotDir, name.endsWith('.png') ? name : `${name}.png`) });
  await page.setViewportSize(size);
}

export interface Painted {
  theme: string | undefined;
  body: { background: number; text: number };
  card: { background: number; text: number };
  muted: number | undefined;
}

/**
 * What the user sees, as relative luminance (0 black … 1 white) of the computed colours: the page background and
 * text, a card's background and text, and muted text. A theme that did not apply shows here, not in a screenshot.
 */
export function painted(page: Page): Promise<Painted> {
  return page.evaluate(() => {
    const luminance = (css: string): number => {
      const [r, g, b] = (css.match(/[\d.]+/g) ?? ['0', '0', '0']).slice(0, 3).map((v) => {
        const c = Number(v) / 255;
        return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
      }) as [number, number, number];
      return 0.2126 * r + 0.7152 * g + 0.0722 * b;
    };
    const style = (el: Element | null) => (el ? getComputedStyle(el) : undefined);
    const body = style(document.body)!;
    const card = style(document.querySelector('.card'));
    const muted = style(document.querySelector('.page-header p, .muted'));
    return {
      theme: document.documentElement.dataset.theme,
      body: { background: luminance(body.backgroundColor), text: luminance(body.color) },
      card: { background: luminance(card?.backgroundColor ?? ''), text: luminance(card?.color ?? '') },
      muted: muted ? luminance(muted.color) : undefined,
    };
  });
}

/** WCAG contrast ratio of two relative luminances. */
export const contrast = (a: number, b: number): number => (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
