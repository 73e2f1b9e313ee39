import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext } from 'playwright-core';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

const ARGS = [
  '--headless=new',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export interface LaunchOptions {
  /**
   * Keep the back/forward cache on (Playwright turns it off by default), for real `pagehide`/`pageshow` with
   * `persisted`.
   */
  backForwardCache?: boolean;
}

/** The system Chromium (never a downloaded one); Playwright gives each launch a fresh temporary profile. */
export const launchChromium = ({ backForwardCache = false }: LaunchOptions = {}): Promise<Browser> =>
  chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: ARGS,
    ignoreDefaultArgs: backForwardCache ? ['--headless', '--disable-back-forward-cache'] : ['--headless'],
  });

/** A persistent context: its IndexedDB, cookies and storage survive reloads like a real profile. */
export const launchPersistentChromium = async (): Promise<{ context: BrowserContext; close: () => Promise<void> }> => {
  const profile = mkdtempSync(join(tmpdir(), 'sightline-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM_PATH,
    args: ARGS,
    ignoreDefaultArgs: ['--headless'],
  });
  return {
    context,
    close: async () => {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
};
