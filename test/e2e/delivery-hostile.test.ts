import { describe, expect, it } from 'vitest';
import type { Frame, Page } from 'playwright-core';
import { allowDuplicates, bundlePage } from './support/fixtures.js';
import { useBrowserSuite } from './support/browser-suite.js';
import {
  appScript,
  deliveryStats,
  expectEachOnce,
  hideTab,
  numbered,
  openApp,
  trackMany,
  warningsOf,
} from './support/delivery-app.js';

// Degrade, never stop (docs/delivery.md): pages where storage, the Locks API, fetch or XHR throw,
// where old libraries patched JSON, prototypes, Promise or Date, and where the device clock jumps.

const API_KEY = 'e2e-hostile-key';

/** Run before the SDK loads: what old libraries and polyfills on real pages do. */
const PATCHED_BEFORE_LOAD = `
  // Prototype.js: arrays encode as strings through JSON.stringify.
  Array.prototype.toJSON = function () { return 'an array of ' + this.length; };
  // A toJSON getter on every object, and a broken JSON polyfill.
  Object.defineProperty(Object.prototype, 'toJSON', { configurable: true, get() { return function () { return 'hijacked'; }; } });
  JSON.stringify = function () { return '{}'; };
  // fetch replaced by a blocker that throws.
  window.fetch = function () { throw new Error('fetch is blocked on this page'); };
`;

/** Run after init: later scripts patch what the SDK captured at init. */
const PATCHED_AFTER_INIT = `
  XMLHttpRequest.prototype.send = function () { throw new Error('XHR is blocked on this page'); };
  XMLHttpRequest.prototype.open = function () { throw new Error('XHR is blocked on this page'); };
  const NativePromise = Promise;
  window.Promise = class ZoneAwarePromise extends NativePromise {};
  const NativeDate = Date;
  window.Date = class FrozenDate extends NativeDate { static now() { return 0; } };
  navigator.sendBeacon = function () { throw new Error('beacons are blocked on this page'); };
`;

/** The device clock jumps back an hour half a second after the page loads (sleep, a manual change, NTP). */
// The clock jumps back an hour as the first upload's answer arrives: while the retry waits, however
// long the page took to load (a jump at a fixed time after load raced the retry on a busy machine).
const CLOCK_JUMPS = `
  const wallNow = Date.now;
  let offset = 0;
  Date.now = function () { return wallNow.call(Date) + offset; };
  const pageFetch = window.fetch;
  window.fetch = function () {
    return pageFetch.apply(this, arguments).then(function (response) {
      offset = -3600000;
      return response;
    });
  };
`;

const script = (code: string) => `<script>${code}</script>`;

const suite = useBrowserSuite({
  addPages: ({ collector, pages }) => {
    const app = appScript(API_KEY, collector.ingestUrl);
    pages.setPage('/app.html', bundlePage(app));
    pages.setPage(
      '/sandboxed.html',
      `<!doctype html><title>host</title><iframe sandbox="allow-scripts" src="/app.html"></iframe>`,
    );
    pages.setPage('/hostile.html', bundlePage(`${app}\n${PATCHED_AFTER_INIT}`, script(PATCHED_BEFORE_LOAD)));
    pages.setPage('/clock-jumps.html', bundlePage(app, script(CLOCK_JUMPS)));
  },
});

/** Every event that reached the collector carries the fields the server needs, as JSON types. */
const expectWellFormed = () => {
  for (const request of suite.collector.requests()) expect(request.status).toBe(200);
  for (const event of numbered(suite.collector)) {
    expect(event).toMatchObject({ event_type: 'Numbered', insert_id: expect.any(String), time: expect.any(Number) });
    expect(typeof event.event_properties).toBe('object');
  }
};

describe('a sandboxed iframe (cookies, storage, IndexedDB and the Locks API all throw SecurityError)', () => {
  const frameOf = async (page: Page): Promise<Frame> => {
    await expect.poll(() => page.frames().length).toBe(2);
    const frame = page.frames()[1];
    await frame.waitForFunction(() => !!window.sightline && Array.isArray(window.warnings));
    return frame;
  };

  it('every event is delivered once; each fallback is logged once', async () => {
    const page = await suite.context.newPage();
    await page.goto(`${suite.pages.url}/sandboxed.html`);
    const frame = await frameOf(page);
    expect(await frame.evaluate(() => origin)).toBe('null'); // an opaque origin: the sandbox is real
    await trackMany(frame, 10);
    await expect.poll(() => numbered(suite.collector).length, { timeout: 15_000 }).toBe(10);
    await trackMany(frame, 10, 'later');
    await expect.poll(() => numbered(suite.collector, 'later').length, { timeout: 15_000 }).toBe(10);
    expectEachOnce(suite.collector, 10);
    expectWellFormed();
    const warnings = await warningsOf(frame);
    expect(warnings.filter((warning) => /Locks API/.test(warning))).toHaveLength(1);
    expect(warnings.filter((warning) => /kept in memory/.test(warning))).toHaveLength(1);
  });
});

describe('a page that patched built-ins', () => {
  it(
    'JSON, Array and Object prototypes, fetch (before load), XHR, Promise, Date and sendBeacon (after init): ' +
      'every event arrives once, well-formed; the fallback is logged once',
    async () => {
      const page = await openApp(suite, {}, { path: '/hostile.html' });
      expect(await page.evaluate(() => JSON.stringify({ a: [1] }))).toBe('{}'); // the page is as hostile as intended
      await trackMany(page, 10);
      await expect.poll(() => numbered(suite.collector).length, { timeout: 15_000 }).toBe(10);
      // Arrays and nested objects intact: none went through the page's JSON or toJSON.
      await page.evaluate(() => window.sightline.track('Nested', { list: [1, 2, { deep: ['x'] }] }));
      const nested = () =>
        suite.collector.events().filter((event: { event_type: string }) => event.event_type === 'Nested');
      await expect.poll(() => nested().length, { timeout: 15_000 }).toBe(1);
      expect(nested()[0].event_properties.list).toEqual([1, 2, { deep: ['x'] }]);
      expectEachOnce(suite.collector, 10);
      expectWellFormed();
      const warnings = await warningsOf(page);
      expect(warnings.filter((warning) => /fetch does not work on this page/.test(warning))).toHaveLength(1);
      await expect.poll(async () => (await deliveryStats(page)).sent, { timeout: 5000 }).toBe(11);
    },
  );

  it('on page exit too, the events go once (fetch broken: the exit path falls back to what works)', async () => {
    const page = await openApp(suite, { flushIntervalMillis: 60_000, flushQueueSize: 1000 }, { path: '/app.html' });
    await page.evaluate(() => {
      window.fetch = () => {
        throw new Error('blocked after init');
      };
    });
    await trackMany(page, 10);
    await hideTab(page);
    await expect.poll(() => numbered(suite.collector).length, { timeout: 15_000 }).toBe(10);
    await page.waitForTimeout(1000);
    expectEachOnce(suite.collector, 10);
  });
});

describe('a device clock that jumps', () => {
  it('back an hour while a retry waits: the retry goes after its backoff, not an hour later', async () => {
    allowDuplicates('no duplicate expected, but the 500 is an injected fault');
    suite.collector.script([{ status: 500, times: 1 }]);
    const page = await openApp(suite, {}, { path: '/clock-jumps.html' });
    await trackMany(page, 5);
    await expect.poll(() => suite.collector.requests().length, { timeout: 5000 }).toBeGreaterThanOrEqual(1);
    await page.waitForTimeout(700); // the clock jumped back with the first answer
    await expect.poll(() => numbered(suite.collector).length, { timeout: 10_000 }).toBe(5);
    expect(suite.collector.stats().duplicates).toBe(0);
    // Event time and client_upload_time stay the device's (wall-clock) time.
    const last = suite.collector.requests().at(-1)!;
    const uploadTime = Date.parse(JSON.parse(last.bodyText).client_upload_time);
    expect(Math.abs(uploadTime - (Date.now() - 3_600_000))).toBeLessThan(60_000);
  });
});
