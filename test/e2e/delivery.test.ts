import { describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { allowDuplicates, bundlePage } from './support/fixtures.js';
import { useBrowserSuite } from './support/browser-suite.js';
import { appScript } from './support/delivery-app.js';

// Lossless delivery in real Chromium against the collector.
// Each scenario is one that the documented SDK loses events in.

const API_KEY = 'e2e-delivery-key';

declare const sightline: {
  track(type: string, props?: object, options?: object): { promise: Promise<{ code: number }> };
  flush(): { promise: Promise<unknown> };
  getDeliveryStats(): DeliveryStats;
};
interface DeliveryStats {
  sent: number;
  retried: number;
  dropped: Record<string, number>;
  pending: number;
}
type Received = { event_type: string; insert_id: string; event_properties?: { n?: number; tab?: string } };

const suite = useBrowserSuite({
  addPages: ({ collector, pages }) => {
    // The shared delivery app page: init options from the query string, warnings in window.warnings.
    pages.setPage('/app.html', bundlePage(appScript(API_KEY, collector.ingestUrl)));
    pages.setPage('/blank.html', '<!doctype html><title>elsewhere</title><p>elsewhere</p>');
  },
});

const open = async (options: object = {}, target: BrowserContext = suite.context): Promise<Page> => {
  const page = await target.newPage();
  await page.goto(`${suite.pages.url}/app.html?options=${encodeURIComponent(JSON.stringify(options))}`);
  return page;
};

const trackMany = (page: Page, count: number, label = 'n') =>
  page.evaluate(
    ({ count, label }) => {
      for (let n = 0; n < count; n++) sightline.track('Numbered', { n, tab: label });
    },
    { count, label },
  );

const received = (): Received[] =>
  suite.collector.events().filter((event: Received) => event.event_type === 'Numbered');

/**
 * Waits for this test's own numbered events: a count of everything the collector received could be
 * met by events an earlier test left stored on the origin and that this page load sends first.
 */
const waitForMine = (count: number, label: string, timeoutMs: number) =>
  expect
    .poll(() => received().filter((event) => event.event_properties?.tab === label).length, { timeout: timeoutMs })
    .toBeGreaterThanOrEqual(count);

/** Every numbered event arrived exactly once (the collector counts duplicates it deduped). */
const expectExactlyOnce = (count: number, label = 'n') => {
  const mine = received().filter((event) => event.event_properties?.tab === label);
  expect(mine.map((event) => event.event_properties?.n).sort((a, b) => (a as number) - (b as number))).toEqual(
    Array.from({ length: count }, (_, n) => n),
  );
  expect(new Set(mine.map((event) => event.insert_id)).size).toBe(count);
};

const stats = (page: Page) => page.evaluate(() => sightline.getDeliveryStats());

describe('server faults', () => {
  it('500 three times then 200: every event arrives exactly once', async () => {
    suite.collector.script([{ status: 500, times: 3 }]);
    const page = await open();
    await trackMany(page, 10);
    await waitForMine(10, 'n', 30_000);
    expectExactlyOnce(10);
    expect(suite.collector.stats().duplicates).toBe(0);
    expect((await stats(page)).retried).toBeGreaterThan(0);
    await expect.poll(async () => (await stats(page)).sent, { timeout: 10_000 }).toBe(10);
  });

  it('429 then 200: all arrive', async () => {
    suite.collector.script([{ status: 429, times: 1, retryAfterSeconds: 1 }]);
    const page = await open();
    await trackMany(page, 10);
    await waitForMine(10, 'n', 30_000);
    expectExactlyOnce(10);
  });

  it('413: the batch is split and all arrive', async () => {
    suite.collector.script([{ status: 413, times: 1 }]);
    const page = await open({ flushQueueSize: 20, flushIntervalMillis: 10_000 });
    await trackMany(page, 20);
    await waitForMine(20, 'n', 30_000);
    expectExactlyOnce(20);
    const sizes = suite.collector.requests().filter((request: { status: number }) => request.status === 200).length;
    expect(sizes).toBeGreaterThanOrEqual(2);
    await expect.poll(async () => (await stats(page)).sent, { timeout: 5000 }).toBe(20);
    expect((await stats(page)).dropped).toEqual({});
  });

  it('400 naming one event: only that event is dropped, and the report counts it', async () => {
    const page = await open({ flushQueueSize: 10, flushIntervalMillis: 10_000 });
    // The user id "ab" is shorter than the server's minimum id length: the collector names it.
    await page.evaluate(() => {
      for (let n = 0; n < 10; n++) sightline.track('Numbered', { n, tab: 'n' }, n === 4 ? { user_id: 'ab' } : {});
    });
    await expect.poll(() => received().length, { timeout: 20_000 }).toBe(9);
    expect(received().map((event) => event.event_properties?.n)).not.toContain(4);
    await expect.poll(async () => (await stats(page)).dropped.invalid, { timeout: 10_000 }).toBe(1);
    await expect.poll(async () => (await stats(page)).sent, { timeout: 10_000 }).toBe(9);
  });
});

describe('transports and compression', () => {
  it('gzips bodies above 2 KB when enableRequestBodyCompression is on; the collector decodes them', async () => {
    const page = await open({ enableRequestBodyCompression: true, flushQueueSize: 40, flushIntervalMillis: 10_000 });
    await trackMany(page, 40, 'gzip');
    await waitForMine(40, 'gzip', 15_000);
    expectExactlyOnce(40, 'gzip');
    const encodings = suite.collector.requests().map((request) => request.headers['content-encoding']);
    expect(encodings).toContain('gzip');
  });

  it.each(['xhr', 'beacon'])('delivers with transport "%s"', async (transport) => {
    const page = await open({ transport });
    await trackMany(page, 15, transport);
    await waitForMine(15, transport, 15_000);
    expectExactlyOnce(15, transport);
  });

  it('custom headers reach the server with { type, headers }', async () => {
    const page = await open({ transport: { type: 'fetch', headers: { 'X-Sightline-Test': 'yes' } } });
    await trackMany(page, 1, 'headers');
    await suite.collector.waitForEvents(1, { timeoutMs: 15_000 });
    expect(suite.collector.requests()[0].headers['x-sightline-test']).toBe('yes');
  });
});

describe('persistence across page lives, offline and page exit', () => {
  it('collector down, 50 events tracked, reload with the collector up: all 50 arrive', async () => {
    suite.collector.setDown(true);
    const page = await open();
    await trackMany(page, 50);
    await page.waitForTimeout(500); // attempts fail while down; the events stay stored
    suite.collector.setDown(false);
    allowDuplicates(
      'a retry may be on the wire at the reload; its page had only failures, so it notes nothing and the next page resends',
    );
    await page.reload();
    await waitForMine(50, 'n', 30_000);
    expectExactlyOnce(50);
    // The new page life found the 50 in IndexedDB and reports them as its own deliveries.
    await expect.poll(async () => (await stats(page)).sent, { timeout: 10_000 }).toBe(50);
    expect((await stats(page)).pending).toBe(0);
  });

  it('offline (suite.context.setOffline), track, back online: all arrive', async () => {
    const page = await open();
    await suite.context.setOffline(true);
    await trackMany(page, 25, 'offline');
    await page.waitForTimeout(300);
    expect(received().filter((event) => event.event_properties?.tab === 'offline')).toHaveLength(0);
    await suite.context.setOffline(false);
    await expect
      .poll(() => received().filter((event) => event.event_properties?.tab === 'offline').length, { timeout: 30_000 })
      .toBe(25);
    expectExactlyOnce(25, 'offline');
    await expect.poll(async () => (await stats(page)).sent, { timeout: 5000 }).toBe(25);
    expect((await stats(page)).dropped).toEqual({});
  });

  it('track 20 events and navigate away at once: all 20 arrive (page-exit path)', async () => {
    const page = await open({ flushIntervalMillis: 60_000, flushQueueSize: 1000 });
    await trackMany(page, 20);
    await page.goto(`${suite.pages.url}/blank.html`);
    await waitForMine(20, 'n', 15_000);
    expectExactlyOnce(20);
  });

  it('IndexedDB unavailable: events still delivered through the fallback, with one warning', async () => {
    await suite.context.addInitScript(() => {
      Object.defineProperty(window, 'indexedDB', { get: () => undefined, configurable: true });
    });
    const page = await open();
    await trackMany(page, 10);
    await waitForMine(10, 'n', 15_000);
    expectExactlyOnce(10);
    await expect.poll(async () => (await stats(page)).sent, { timeout: 5000 }).toBe(10);
    const warnings = (await page.evaluate(() => (window as unknown as { warnings: string[] }).warnings)).filter((w) =>
      /indexeddb/i.test(w),
    );
    expect(warnings).toHaveLength(1);
  });
});

describe('tabs and bursts', () => {
  it('two tabs each track 500 events concurrently: 1,000 distinct events arrive, none twice', async () => {
    const [tabA, tabB] = await Promise.all([open(), open()]);
    await Promise.all([trackMany(tabA, 500, 'A'), trackMany(tabB, 500, 'B')]);
    await suite.collector.waitForEvents(1000, { timeoutMs: 60_000 });
    await new Promise((resolve) => setTimeout(resolve, 500));
    expectExactlyOnce(500, 'A');
    expectExactlyOnce(500, 'B');
    expect(suite.collector.stats().duplicates).toBe(0);
    // Either tab may have sent the other's events: together they report exactly what arrived.
    await expect
      .poll(
        async () => {
          const [statsA, statsB] = await Promise.all([stats(tabA), stats(tabB)]);
          return statsA.sent + statsB.sent;
        },
        { timeout: 10_000 },
      )
      .toBe(1000);
  });

  it('a burst of 10,000 track() calls: all arrive exactly once, and the page stays responsive', async () => {
    const page = await open({ flushIntervalMillis: 1000 });
    await page.evaluate(() => {
      (window as unknown as { longest: number }).longest = 0;
      new PerformanceObserver((list) => {
        for (const entry of list.getEntries()) {
          const state = window as unknown as { longest: number };
          state.longest = Math.max(state.longest, entry.duration);
        }
      }).observe({ type: 'longtask', buffered: true });
    });
    const syncMs = await page.evaluate(() => {
      const start = performance.now();
      for (let n = 0; n < 10_000; n++) sightline.track('Numbered', { n, tab: 'burst' });
      return performance.now() - start;
    });
    await waitForMine(10_000, 'burst', 120_000);
    expectExactlyOnce(10_000, 'burst');
    const longest = await page.evaluate(() => (window as unknown as { longest: number }).longest);
    console.log(
      `10,000-event burst: track() loop ${syncMs.toFixed(1)} ms; longest main-thread task ${longest.toFixed(1)} ms`,
    );
    // The collector has a batch before the page has read its answer: wait for the report.
    await expect.poll(async () => (await stats(page)).sent, { timeout: 10_000 }).toBe(10_000);
  }, 180_000);
});
