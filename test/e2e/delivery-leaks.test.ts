import { describe, expect, it } from 'vitest';
import type { CDPSession, Page } from 'playwright-core';
import { bundlePage } from './support/fixtures.js';
import { useBrowserSuite } from './support/browser-suite.js';
import { numbered } from './support/delivery-app.js';

// Lifetime hygiene (docs/architecture.md): every listener, timer and channel an instance's delivery
// creates is released by its teardown, and a new `init` tears the last one down.

const API_KEY = 'e2e-leaks-key';
const CYCLES = 100;

/** Before the SDK loads: counts open BroadcastChannels and pending timers (the SDK captures these wrappers). */
const COUNTERS = `<script>
  window.live = { channels: 0, timers: new Set() };
  const NativeChannel = BroadcastChannel;
  window.BroadcastChannel = class extends NativeChannel {
    constructor(name) { super(name); this.open = true; live.channels++; }
    close() { if (this.open) { this.open = false; live.channels--; } super.close(); }
  };
  const [set, clear, every, stop] = [setTimeout, clearTimeout, setInterval, clearInterval];
  window.setTimeout = function (callback, ms, ...args) {
    const id = set(function () { live.timers.delete(id); if (typeof callback === 'function') callback.apply(this, args); }, ms);
    live.timers.add(id);
    return id;
  };
  window.clearTimeout = function (id) { live.timers.delete(id); clear(id); };
  window.setInterval = function (...args) { const id = every(...args); live.timers.add('i' + id); return id; };
  window.clearInterval = function (id) { live.timers.delete('i' + id); stop(id); };
</script>`;

const suite = useBrowserSuite({
  addPages: ({ collector, pages }) => {
    pages.setPage(
      '/leaks.html',
      bundlePage(
        `window.OPTIONS = { serverUrl: '${collector.ingestUrl}', flushIntervalMillis: 20, autocapture: false, ` +
          `logLevel: 0 };
         window.named = sightline.createInstance();`,
        COUNTERS,
      ),
    );
  },
});

interface Counts {
  listeners: Record<string, number>;
  channels: number;
  timers: number;
}

/** Event listeners on window and document by type (CDP DOMDebugger.getEventListeners). */
const listenersOf = async (cdp: CDPSession): Promise<Record<string, number>> => {
  const counts: Record<string, number> = {};
  for (const target of ['window', 'document']) {
    const { result } = await cdp.send('Runtime.evaluate', { expression: target });
    const { listeners } = await cdp.send('DOMDebugger.getEventListeners', { objectId: result.objectId! });
    for (const { type } of listeners) counts[`${target} ${type}`] = (counts[`${target} ${type}`] || 0) + 1;
  }
  return counts;
};

const countsOf = async (page: Page, cdp: CDPSession): Promise<Counts> => ({
  listeners: await listenersOf(cdp),
  ...(await page.evaluate(() => {
    const live = (window as unknown as { live: { channels: number; timers: Set<unknown> } }).live;
    return { channels: live.channels, timers: live.timers.size };
  })),
});

/** `cycles` inits (each tearing the last one down) of the default instance and of a named one, one event each. */
const initCycles = (page: Page, cycles: number, from: number) =>
  page.evaluate(
    async ({ cycles, from, key }) => {
      const sdk = (
        window as unknown as {
          sightline: {
            init: (...args: unknown[]) => { promise: Promise<unknown> };
            track: (...args: unknown[]) => unknown;
          };
        }
      ).sightline;
      const named = (
        window as unknown as {
          named: {
            init: (...args: unknown[]) => { promise: Promise<unknown> };
            track: (...args: unknown[]) => unknown;
          };
        }
      ).named;
      const options = (window as unknown as { OPTIONS: object }).OPTIONS;
      for (let cycle = from; cycle < from + cycles; cycle++) {
        await sdk.init(key, options).promise;
        sdk.track('Numbered', { n: cycle, tab: 'default' });
        await named.init(key, { ...options, instanceName: 'second' }).promise;
        named.track('Numbered', { n: cycle, tab: 'named' });
      }
    },
    { cycles, from, key: API_KEY },
  );

/** Waits until every event sent so far arrived and the pages' timers have run out. */
const settle = async (page: Page, events: number) => {
  await expect.poll(() => numbered(suite.collector).length, { timeout: 30_000 }).toBe(events);
  await page.waitForTimeout(500);
};

describe(`${CYCLES} init/teardown cycles`, () => {
  it(
    'leave no listener, timer or channel behind: the default instance and a ' + 'named one hold what one init holds',
    async () => {
      const page = await suite.context.newPage();
      await page.goto(`${suite.pages.url}/leaks.html`);
      const cdp = await suite.context.newCDPSession(page);
      await initCycles(page, 1, 0);
      await settle(page, 2);
      const once = await countsOf(page, cdp);
      // What one init holds is visible here: its page-exit listeners and one channel per instance.
      expect(once.listeners['window pagehide']).toBeGreaterThanOrEqual(2);
      expect(once.channels).toBe(2);
      await initCycles(page, CYCLES - 1, 1);
      await settle(page, 2 * CYCLES);
      const after = await countsOf(page, cdp);
      expect(after.listeners).toEqual(once.listeners);
      expect(after.channels).toBe(once.channels);
      expect(after.timers).toBeLessThanOrEqual(once.timers);
    },
    120_000,
  );
});
