// Debian's Chromium driven by playwright-core (no browser download here), with the flags this machine needs.
import { existsSync, mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext } from 'playwright-core';
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
