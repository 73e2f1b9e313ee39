// The opt-in autocapture features as on-demand script files, in real Chromium: the default
// options load one script file (the main one); element interactions one more, checked against
// the SRI hash the main script carries; a tampered or blocked file logs one line, the feature
// stays off, and every other event still arrives.
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from './support/chromium.js';
import { BROWSER_DIST, startPages, startTestCollector, type Collector } from './support/fixtures.js';
import type { StaticServer } from './support/static-server.js';

const ELEMENT_FILE = 'sightline-element-interactions.min.js';
const CLICKED = '[Amplitude] Element Clicked';

declare const sightline: {
  getDeviceId(): string;
  track(type: string): { promise: Promise<{ code: number }> };
};

let collector: Collector;
let pages: StaticServer;
let browser: Browser;

/** A copy of the element-interactions file with one byte more than the one the main script knows. */
const tamperedCopy = (): string => {
  const dir = mkdtempSync(join(tmpdir(), 'sightline-tampered-'));
  writeFileSync(join(dir, ELEMENT_FILE), `${readFileSync(join(BROWSER_DIST, ELEMENT_FILE), 'utf8')} `);
  return dir;
};

const page = (
  autocapture: string,
  extra = '',
) => `<!doctype html><html><head><meta charset="utf-8"><title>On demand</title></head>
<body><main><button id="buy">Buy</button></main>
<script src="/dist/sightline.min.js"></script>
<script>sightline.init('e2e-on-demand-features', {
  serverUrl: '${collector.ingestUrl}', flushIntervalMillis: 50${autocapture}${extra} });</script>
</body></html>`;

beforeAll(async () => {
  collector = await startTestCollector();
  pages = await startPages({ mounts: { '/tampered/': tamperedCopy() } });
  pages.setPage('/defaults.html', page(''));
  pages.setPage('/elements.html', page(', autocapture: { elementInteractions: true }'));
  pages.setPage(
    '/tampered.html',
    page(
      ', autocapture: { elementInteractions: true, frustrationInteractions: true }',
      ", scriptBaseUrl: '/tampered/'",
    ),
  );
  pages.setPage('/blocked.html', page(', autocapture: { elementInteractions: true, frustrationInteractions: true }'));
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await pages?.close();
  await collector?.close();
});

interface Watched {
  tab: Page;
  /** Every script file the page requested, by URL. */
  scripts: string[];
  console: string[];
  /** The integrity attribute of each script element the SDK added. */
  integrity: () => Promise<string[]>;
}

const open = async (path: string, { block = false } = {}): Promise<Watched> => {
  const context = await browser.newContext();
  const tab = await context.newPage();
  const watched: Watched = {
    tab,
    scripts: [],
    console: [],
    integrity: () => tab.evaluate(() => (window as unknown as { added: string[] }).added),
  };
  tab.on('request', (request) => {
    if (request.resourceType() === 'script') watched.scripts.push(request.url());
  });
  tab.on('console', (message) => watched.console.push(message.text()));
  // The page blocks the file the way an ad blocker or a failed network would.
  if (block) await tab.route(`**/${ELEMENT_FILE}`, (route) => route.abort('blockedbyclient'));
  await tab.addInitScript(() => {
    const added: string[] = ((window as unknown as { added: string[] }).added = []);
    new MutationObserver((records) => {
      for (const record of records)
        for (const node of Array.from(record.addedNodes))
          if (node instanceof HTMLScriptElement && node.integrity) added.push(node.integrity);
    }).observe(document, { childList: true, subtree: true });
  });
  await tab.goto(`${pages.url}${path}`);
  await tab.waitForFunction(() => typeof sightline !== 'undefined' && !!sightline.getDeviceId());
  return watched;
};

const deviceOf = (tab: Page) => tab.evaluate(() => sightline.getDeviceId());

/** The event types this tab's device delivered. */
const deliveredBy = (device: string) =>
  collector
    .events()
    .filter((event: { device_id: string }) => event.device_id === device)
    .map((event: { event_type: string }) => event.event_type);

const failureLines = (watched: Watched) => watched.console.filter((line) => /Could not load .*stays off/.test(line));

/** Tracks `type`, clicks the button, and waits for the tracked event (and the page view) to arrive. */
const trackAndClick = async (tab: Page, type: string) => {
  await tab.evaluate((type) => sightline.track(type).promise, type);
  await tab.click('#buy');
  const device = await deviceOf(tab);
  await expect.poll(() => deliveredBy(device), { timeout: 10_000 }).toEqual(expect.arrayContaining([type]));
  await expect.poll(() => deliveredBy(device), { timeout: 10_000 }).toContain('[Amplitude] Page Viewed');
  return device;
};

describe('issue 19: the script tag loads only what is switched on', () => {
  it('the default options request exactly one script file, the main one', async () => {
    const watched = await open('/defaults.html');
    await trackAndClick(watched.tab, 'Default Options');
    await watched.tab.waitForTimeout(300);
    expect(watched.scripts).toEqual([`${pages.url}/dist/sightline.min.js`]);
    expect(await watched.integrity()).toEqual([]);
    await watched.tab.context().close();
  });

  it('element interactions request exactly one more file, with its SRI hash, and clicks are captured', async () => {
    const watched = await open('/elements.html');
    const device = await trackAndClick(watched.tab, 'With Elements');
    await expect.poll(() => deliveredBy(device), { timeout: 10_000 }).toContain(CLICKED);
    expect(watched.scripts).toEqual([`${pages.url}/dist/sightline.min.js`, `${pages.url}/dist/${ELEMENT_FILE}`]);
    const hash = `sha384-${createHash('sha384')
      .update(readFileSync(join(BROWSER_DIST, ELEMENT_FILE)))
      .digest('base64')}`;
    expect(await watched.integrity()).toEqual([hash]);
    expect(failureLines(watched)).toEqual([]);
    await watched.tab.context().close();
  });

  it('a tampered file is refused (SRI): one log line, no clicks captured, every other event arrives', async () => {
    const watched = await open('/tampered.html');
    const device = await trackAndClick(watched.tab, 'After Tampered');
    await expect.poll(() => failureLines(watched).length, { timeout: 5_000 }).toBe(1);
    expect(watched.console.some((line) => /integrity/i.test(line) && line.includes(ELEMENT_FILE))).toBe(true);
    expect(failureLines(watched)).toEqual([
      `Sightline: Could not load /tampered/${ELEMENT_FILE} (not found, network, integrity or ` +
        'Content-Security-Policy): autocapture.elementInteractions / frustrationInteractions stays off',
    ]);
    await watched.tab.click('#buy');
    await watched.tab.evaluate(() => sightline.track('Later').promise);
    await expect.poll(() => deliveredBy(device), { timeout: 10_000 }).toContain('Later');
    expect(deliveredBy(device).filter((type) => type.startsWith('[Amplitude] Element'))).toEqual([]);
    await watched.tab.context().close();
  });

  it('a blocked file logs once (two features share it) and every other event still arrives', async () => {
    const watched = await open('/blocked.html', { block: true });
    const device = await trackAndClick(watched.tab, 'After Blocked');
    await expect.poll(() => failureLines(watched).length, { timeout: 5_000 }).toBe(1);
    expect(failureLines(watched)[0]).toContain(`/dist/${ELEMENT_FILE}`);
    await watched.tab.evaluate(() => sightline.track('Later').promise);
    await expect.poll(() => deliveredBy(device), { timeout: 10_000 }).toContain('Later');
    await watched.tab.waitForTimeout(300);
    expect(failureLines(watched)).toHaveLength(1);
    expect(deliveredBy(device).filter((type) => type.startsWith('[Amplitude] Element'))).toEqual([]);
    await watched.tab.context().close();
  });
});
