import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext } from 'playwright-core';
import { launchPersistentChromium } from './support/chromium.js';
import { bundlePage, eventsSince, startPages, startTestCollector, type Collector } from './support/fixtures.js';
import type { StaticServer } from './support/static-server.js';

const API_KEY = 'e2e-foundation-key';

let collector: Collector;
let pages: StaticServer;
let chromium: { context: BrowserContext; close: () => Promise<void> };

beforeAll(async () => {
  collector = await startTestCollector();
  pages = await startPages();
  // The page reads its options from the query: ?tab=<label>&timeout=<sessionTimeout ms>.
  pages.setPage(
    '/app.html',
    bundlePage(`
      const params = new URLSearchParams(location.search);
      sightline.init('${API_KEY}', {
        serverUrl: '${collector.ingestUrl}',
        flushIntervalMillis: 50,
        sessionTimeout: Number(params.get('timeout') || 1800000),
      });
      sightline.track('Page Loaded', { tab: params.get('tab') });
    `),
  );
  chromium = await launchPersistentChromium();
});

afterAll(async () => {
  await chromium?.close();
  await pages?.close();
  await collector?.close();
});

// Tests after the first count only events made during them (see eventsSince): one profile, one queue.
let since = 0;
const eventsOf = (tab: string) =>
  eventsSince(collector, since).filter(
    (event: { event_properties?: { tab?: string } }) => event.event_properties?.tab === tab,
  );

const identityIn = (page: import('playwright-core').Page) =>
  page.evaluate(() => ({ deviceId: sightline.getDeviceId(), sessionId: sightline.getSessionId() }));

declare const sightline: {
  getDeviceId(): string;
  getSessionId(): number;
  track(type: string, props?: object): unknown;
};

describe('foundation in real Chromium (the IIFE bundle against the local collector)', () => {
  it('sends events with the HTTP V2 shape, and the device id and session survive a reload', async () => {
    const page = await chromium.context.newPage();
    await page.goto(`${pages.url}/app.html?tab=reload-1`);
    await collector.waitForEvents(2);
    const first = await identityIn(page);
    await page.reload();
    await page.goto(`${pages.url}/app.html?tab=reload-2`);
    await expect.poll(() => eventsOf('reload-2').length, { timeout: 10_000 }).toBe(1);
    const second = await identityIn(page);
    expect(second).toEqual(first);

    const [loaded] = eventsOf('reload-1');
    expect(loaded).toMatchObject({
      event_type: 'Page Loaded',
      device_id: first.deviceId,
      session_id: first.sessionId,
      platform: 'Web',
      ip: '$remote',
      library: expect.stringMatching(/^sightline\//),
      os_name: 'Chrome',
      language: expect.any(String),
      insert_id: expect.any(String),
    });
    expect(eventsOf('reload-2')[0]).toMatchObject({ device_id: first.deviceId, session_id: first.sessionId });
    const starts = collector.events().filter((event: { event_type: string }) => event.event_type === 'session_start');
    expect(starts).toHaveLength(1);
    await page.close();
  });

  it('starts a new session after sessionTimeout, with session_end first', async () => {
    collector.reset();
    since = Date.now();
    const page = await chromium.context.newPage();
    await page.context().clearCookies();
    await page.goto(`${pages.url}/app.html?tab=timeout-1&timeout=1500`);
    await expect.poll(() => eventsOf('timeout-1').length, { timeout: 10_000 }).toBe(1);
    const before = await identityIn(page);
    await page.waitForTimeout(1700);
    await page.evaluate(() => sightline.track('Page Loaded', { tab: 'timeout-2' }));
    await expect.poll(() => eventsOf('timeout-2').length, { timeout: 10_000 }).toBe(1);
    const after = await identityIn(page);
    expect(after.deviceId).toBe(before.deviceId);
    expect(after.sessionId).toBeGreaterThan(before.sessionId);

    const sequence = eventsSince(collector, since)
      .filter((event: { event_type: string }) =>
        ['session_start', 'session_end', 'Page Loaded'].includes(event.event_type),
      )
      .sort((a: { event_id: number }, b: { event_id: number }) => a.event_id - b.event_id)
      .map((event: { event_type: string; session_id: number }) => [event.event_type, event.session_id]);
    expect(sequence).toEqual([
      ['session_start', before.sessionId],
      ['Page Loaded', before.sessionId],
      ['session_end', before.sessionId],
      ['session_start', after.sessionId],
      ['Page Loaded', after.sessionId],
    ]);
    await page.close();
  });

  it('two tabs share one device and one session, and their event ids never collide', async () => {
    collector.reset();
    since = Date.now();
    await chromium.context.clearCookies();
    const tabA = await chromium.context.newPage();
    await tabA.goto(`${pages.url}/app.html?tab=two-a`);
    const tabB = await chromium.context.newPage();
    await tabB.goto(`${pages.url}/app.html?tab=two-b`);
    for (let i = 0; i < 5; i++) {
      await tabA.evaluate(() => sightline.track('Page Loaded', { tab: 'two-a' }));
      await tabB.evaluate(() => sightline.track('Page Loaded', { tab: 'two-b' }));
    }
    await expect.poll(() => eventsOf('two-a').length + eventsOf('two-b').length, { timeout: 10_000 }).toBe(12);
    expect(await identityIn(tabB)).toEqual(await identityIn(tabA));
    const all = eventsSince(collector, since);
    expect(new Set(all.map((event: { session_id: number }) => event.session_id)).size).toBe(1);
    expect(all.filter((event: { event_type: string }) => event.event_type === 'session_start')).toHaveLength(1);
    const ids = all.map((event: { event_id: number }) => event.event_id);
    expect(new Set(ids).size).toBe(ids.length);
    await tabA.close();
    await tabB.close();
  });
});
