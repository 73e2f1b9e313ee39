import { describe, expect, it } from 'vitest';
import { allowDuplicates, bundlePage } from './support/fixtures.js';
import { useBrowserSuite } from './support/browser-suite.js';
import {
  appScript,
  copiesOnTheWire,
  deliveryStats,
  expectEachOnce,
  hideTab,
  numbered,
  openApp,
  trackMany,
  type Received,
} from './support/delivery-app.js';

// Exactly once on the wire in every page life (docs/delivery.md, "Page exit"): a hidden tab, the
// back/forward cache, a reload during a slow upload, a tab that closes while another stays.
// Every test here also passes the shared duplicate check unless it injects a fault.

const API_KEY = 'e2e-page-life-key';
const VITALS = '[Amplitude] Web Vitals';

const suite = useBrowserSuite({
  launchOptions: { backForwardCache: true },
  addPages: ({ collector, pages }) => {
    pages.setPage('/app.html', bundlePage(appScript(API_KEY, collector.ingestUrl)));
    pages.setPage(
      '/vitals.html',
      bundlePage(
        appScript(API_KEY, collector.ingestUrl),
        '<style>#hero{height:400px;background:linear-gradient(red,blue)}</style>',
      ).replace('<h1>', '<div id="hero"></div><button id="grow">grow</button><h1>'),
    );
    // Chromium keeps no page served no-store in the back/forward cache once it wrote a cookie (the identity).
    pages.setPage('/cacheable-app.html', bundlePage(appScript(API_KEY, collector.ingestUrl)), {
      'Cache-Control': 'private, max-age=0',
    });
    pages.setPage('/other.html', '<!doctype html><title>other</title><p>another page of the site</p>');
  },
});

describe('a tab hidden (and alive)', () => {
  it('30 events tracked and the tab hidden at once: each arrives once, none again from the flush timer', async () => {
    const page = await openApp(suite, { flushIntervalMillis: 200 });
    await trackMany(page, 30);
    await hideTab(page);
    await expect.poll(() => numbered(suite.collector).length, { timeout: 10_000 }).toBe(30);
    await page.waitForTimeout(1000); // a flush timer that would send them again has fired by now
    expectEachOnce(suite.collector, 30);
    // The page lived on and read the exit request's answer: delivered, not left unknown.
    await expect.poll(async () => (await deliveryStats(page)).sent, { timeout: 5000 }).toBe(30);
    expect((await deliveryStats(page)).pending).toBe(0);
  });

  it('an upload still in flight (a slow answer) when the tab is hidden is not sent again', async () => {
    suite.collector.script([{ delayMs: 1500 }]);
    const page = await openApp(suite);
    await trackMany(page, 5);
    await expect.poll(() => suite.collector.requests().length, { timeout: 5000 }).toBe(1);
    await hideTab(page);
    await page.waitForTimeout(2500);
    expectEachOnce(suite.collector, 5);
    expect([...copiesOnTheWire(suite.collector).values()]).toEqual([1, 1, 1, 1, 1]);
  });

  it('the Web Vitals event, tracked at hide, arrives once', async () => {
    const page = await openApp(suite, { autocapture: { webVitals: true } }, { path: '/vitals.html' });
    await page.click('#grow');
    await page.waitForTimeout(300);
    await hideTab(page);
    const vitals = () => suite.collector.events().filter((event: Received) => event.event_type === VITALS);
    await expect.poll(() => vitals().length, { timeout: 10_000 }).toBeGreaterThanOrEqual(1);
    await page.waitForTimeout(1000);
    expect(copiesOnTheWire(suite.collector).get(vitals()[0].insert_id)).toBe(1);
  });
});

describe('the back/forward cache', () => {
  it('pagehide with persisted, then back: each event arrives once', async () => {
    const page = await openApp(
      suite,
      { flushIntervalMillis: 60_000, flushQueueSize: 1000 },
      { path: '/cacheable-app.html' },
    );
    await page.evaluate(() =>
      addEventListener('pagehide', (event) => ((window as unknown as { cached: boolean }).cached = event.persisted)),
    );
    await trackMany(page, 20);
    await page.goto(`${suite.pages.url}/other.html`);
    await page.goBack({ waitUntil: 'commit' });
    // The same document came back from the cache (not a new page life).
    await expect.poll(() => page.evaluate(() => (window as unknown as { cached?: boolean }).cached)).toBe(true);
    await expect.poll(() => numbered(suite.collector).length, { timeout: 10_000 }).toBe(20);
    await page.waitForTimeout(1000);
    expectEachOnce(suite.collector, 20);
    await expect.poll(async () => (await deliveryStats(page)).sent, { timeout: 5000 }).toBe(20);
  });
});

describe('a reload', () => {
  it(
    'during a slow upload: each event goes at most twice (the upload in flight, ' +
      'and once more from the next page life)',
    async () => {
      allowDuplicates('the slow upload is still answered after its page reloaded: its outcome was unknown to the page');
      suite.collector.script([{ delayMs: 2000 }]);
      const page = await openApp(suite);
      await trackMany(page, 10);
      await expect.poll(() => suite.collector.requests().length, { timeout: 5000 }).toBe(1);
      await page.reload();
      await expect.poll(() => numbered(suite.collector).length, { timeout: 15_000 }).toBe(10);
      await page.waitForTimeout(2500);
      const copies = copiesOnTheWire(suite.collector);
      expect(copies.size).toBe(10);
      expect(Math.max(...copies.values())).toBeLessThanOrEqual(2);
      expectEachOnce(suite.collector, 10);
    },
  );
});

describe('tabs', () => {
  it(
    'two tabs track while the server is down; the flushing tab closes; the other sends every tab’s ' +
      'events once the server answers, without a new page load',
    async () => {
      suite.collector.setDown(true);
      const tabA = await openApp(suite);
      const tabB = await openApp(suite);
      await trackMany(tabA, 5, 'A');
      await trackMany(tabB, 5, 'B');
      await tabA.waitForTimeout(1500); // both tabs tried, and wait out their backoff
      await tabA.close();
      suite.collector.setDown(false);
      await expect.poll(() => numbered(suite.collector).length, { timeout: 20_000 }).toBe(10);
      expectEachOnce(suite.collector, 5, 'A');
      expectEachOnce(suite.collector, 5, 'B');
      expect(suite.context.pages()).toEqual([tabB]); // no third page load sent them
    },
  );
});
