import { expect } from 'vitest';
import type { BrowserContext, Frame, Page } from 'playwright-core';
import type { BrowserSuite } from './browser-suite.js';
import type { Collector } from './fixtures.js';

/** What the delivery tests call on the page (the script bundle's global). */
export interface PageSdk {
  track(type: string, props?: object, options?: object): { promise: Promise<{ code: number; message: string }> };
  flush(): { promise: Promise<unknown> };
  getDeliveryStats(): { sent: number; retried: number; dropped: Record<string, number>; pending: number };
}
declare global {
  interface Window {
    sightline: PageSdk;
    warnings: string[];
  }
}

export type Received = {
  event_type: string;
  insert_id: string;
  time: number;
  event_properties?: { n?: number; tab?: string };
};

/**
 * The body of the delivery test app: init options come from the query string as JSON
 * (`?options={...}`), every warning and error the SDK logs lands in `window.warnings`.
 */
export const appScript = (apiKey: string, collectorUrl: string) => `
  const options = JSON.parse(new URLSearchParams(location.search).get('options') || '{}');
  window.warnings = [];
  sightline.init('${apiKey}', Object.assign({
    serverUrl: '${collectorUrl}',
    flushIntervalMillis: 50,
    autocapture: false,
    loggerProvider: {
      enable() {}, disable() {}, log() {}, debug() {},
      warn: (...args) => window.warnings.push(args.join(' ')),
      error: (...args) => window.warnings.push(args.join(' ')),
    },
  }, options));
`;

/** Opens `path` with init options. */
export const openApp = async (
  suite: BrowserSuite,
  options: object = {},
  { path = '/app.html', context = suite.context }: { path?: string; context?: BrowserContext } = {},
): Promise<Page> => {
  const page = await context.newPage();
  await page.goto(`${suite.pages.url}${path}?options=${encodeURIComponent(JSON.stringify(options))}`);
  return page;
};

export const trackMany = (target: Page | Frame, count: number, label = 'n') =>
  target.evaluate(
    ({ count, label }) => {
      for (let n = 0; n < count; n++) window.sightline.track('Numbered', { n, tab: label });
    },
    { count, label },
  );

export const numbered = (collector: Collector, label?: string): Received[] =>
  collector
    .events()
    .filter(
      (event: Received) =>
        event.event_type === 'Numbered' && (label === undefined || event.event_properties?.tab === label),
    );

/** Every numbered event of `label` arrived, each once (the duplicate guard checks the wire). */
export const expectEachOnce = (collector: Collector, count: number, label = 'n') => {
  const mine = numbered(collector, label);
  expect(mine.map((event) => event.event_properties?.n).sort((a, b) => (a as number) - (b as number))).toEqual(
    Array.from({ length: count }, (_, n) => n),
  );
  expect(new Set(mine.map((event) => event.insert_id)).size).toBe(count);
};

/** How many times each insert_id went on the wire, answered or not (every request the collector read). */
export const copiesOnTheWire = (collector: Collector): Map<string, number> => {
  const copies = new Map<string, number>();
  for (const request of collector.requests()) {
    let events: Received[];
    try {
      events = JSON.parse(request.bodyText).events || [];
    } catch {
      continue;
    }
    for (const event of events) copies.set(event.insert_id, (copies.get(event.insert_id) || 0) + 1);
  }
  return copies;
};

export const deliveryStats = (target: Page | Frame) => target.evaluate(() => window.sightline.getDeliveryStats());

export const warningsOf = (target: Page | Frame) => target.evaluate(() => window.warnings);

/**
 * The tab goes to the background (another tab comes to the front) and stays alive. Headless
 * Chromium keeps every tab visible, so the document says so itself and fires the event the
 * browser would; timers, transports and the network stay real.
 */
export const hideTab = (page: Page) =>
  page.evaluate(() => {
    Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => 'hidden' });
    Object.defineProperty(document, 'hidden', { configurable: true, get: () => true });
    document.dispatchEvent(new Event('visibilitychange'));
  });
