import { afterAll, afterEach, beforeAll, beforeEach } from 'vitest';
import type { Browser, BrowserContext, BrowserContextOptions } from 'playwright-core';
import { launchChromium, type LaunchOptions } from './chromium.js';
import { startPages, startTestCollector, type Collector } from './fixtures.js';
import type { StaticServer } from './static-server.js';

export interface BrowserSuite {
  collector: Collector;
  pages: StaticServer;
  browser: Browser;
  /** This test's own context: its own cookies, storage and IndexedDB, so no test sees another's events. */
  context: BrowserContext;
}

/**
 * What the browser suites share: one collector, page server and Chromium per file, and per test a
 * reset collector and a fresh context. `addPages` runs once the collector and the server are up.
 */
export const useBrowserSuite = ({
  addPages,
  contextOptions,
  launchOptions,
}: {
  addPages: (suite: BrowserSuite) => void;
  contextOptions?: BrowserContextOptions;
  launchOptions?: LaunchOptions;
}): BrowserSuite => {
  const suite = {} as BrowserSuite;
  beforeAll(async () => {
    suite.collector = await startTestCollector();
    suite.pages = await startPages();
    addPages(suite);
    suite.browser = await launchChromium(launchOptions);
  });
  afterAll(async () => {
    await suite.browser?.close();
    await suite.pages?.close();
    await suite.collector?.close();
  });
  beforeEach(async () => {
    suite.collector.reset();
    suite.context = await suite.browser.newContext(contextOptions);
  });
  afterEach(async () => {
    await suite.context.close();
  });
  return suite;
};
