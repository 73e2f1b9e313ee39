// Network capture and Web Vitals (issue 7) in real Chromium against the collector.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { BrowserContext } from 'playwright-core';
import { launchPersistentChromium } from './support/chromium.js';
import { bundlePage, eventsSince, startPages, startTestCollector, type Collector } from './support/fixtures.js';
import type { StaticServer } from './support/static-server.js';

const API_KEY = 'e2e-network-vitals-key';
const NETWORK = '[Amplitude] Network Request';
const VITALS = '[Amplitude] Web Vitals';

let collector: Collector;
let pages: StaticServer;
let api: Server;
let apiUrl = '';
let chromium: { context: BrowserContext; close: () => Promise<void> };

beforeAll(async () => {
  collector = await startTestCollector();
  pages = await startPages();
  // An API answering ?status=<code>, with CORS so the test page may call it.
  api = createServer((request, response) => {
    response.setHeader('access-control-allow-origin', '*');
    response.setHeader('access-control-allow-headers', '*');
    if (request.method === 'OPTIONS') return void response.writeHead(204).end();
    const status = Number(new URL(request.url || '/', 'http://x').searchParams.get('status') || 200);
    response.writeHead(status, { 'content-type': 'application/json' }).end('{"ok":false}');
  });
  await new Promise<void>((resolve) => api.listen(0, '127.0.0.1', resolve));
  apiUrl = `http://127.0.0.1:${(api.address() as AddressInfo).port}`;
  const init = (networkTracking: string) => `
    sightline.init('${API_KEY}', {
      serverUrl: '${collector.ingestUrl}',
      flushIntervalMillis: 50,
      autocapture: { networkTracking: ${networkTracking}, webVitals: true, pageViews: false, elementInteractions: false },
    });`;
  pages.setPage('/net.html', bundlePage(init('true')));
  pages.setPage('/net-4xx.html', bundlePage(init(`{ captureRules: [{ statusCodeRange: '400-599' }] }`)));
  pages.setPage(
    '/vitals.html',
    bundlePage(
      `${init('false')}
      document.querySelector('#grow').addEventListener('click', (e) => {
        // A slow handler: an interaction INP must report (fast ones fall under web-vitals' 40 ms threshold).
        const until = performance.now() + 120;
        while (performance.now() < until) {}
        e.target.textContent = 'clicked '.repeat(50);
      });`,
      '<style>#hero{height:400px;background:linear-gradient(red,blue)}</style>',
    ).replace('<h1>', '<div id="hero"></div><button id="grow">grow</button><h1>'),
  );
  pages.setPage('/away.html', '<!doctype html><title>away</title><p>away</p>');
  chromium = await launchPersistentChromium();
});

afterAll(async () => {
  await chromium?.close();
  await new Promise<void>((resolve) => api?.close(() => resolve()));
  await pages?.close();
  await collector?.close();
});

beforeEach(() => collector.reset());

const named = (type: string) => collector.events().filter((event: { event_type: string }) => event.event_type === type);
const madeSince = (since: number, type: string) =>
  eventsSince(collector, since).filter((event: { event_type: string }) => event.event_type === type);

describe('issue 7: network requests in real Chromium', () => {
  it(
    'a failed fetch (500), XHR (503) and a network error each give one event with ' +
      'the exact properties; a 200 gives none',
    async () => {
      const page = await chromium.context.newPage();
      await page.goto(`${pages.url}/net.html`);
      await page.evaluate(async (base) => {
        await fetch(`${base}/a?status=500&token=Zq9SecretTok`);
        await fetch(`${base}/ok?status=200`);
        await new Promise((resolve) => {
          const xhr = new XMLHttpRequest();
          xhr.onloadend = resolve;
          xhr.open('POST', `${base}/b?status=503`);
          xhr.send('{"q":1}');
        });
        await fetch('http://127.0.0.1:1/unreachable').catch(() => undefined);
      }, apiUrl);
      await expect.poll(() => named(NETWORK).length, { timeout: 10_000 }).toBe(3);
      const [fetch500, xhr503, failed] = named(NETWORK).map(
        (event: { event_properties: Record<string, unknown> }) => event.event_properties,
      );
      expect(fetch500).toMatchObject({
        '[Amplitude] URL': `${apiUrl}/a`,
        '[Amplitude] URL Query': 'status=500&token=*****',
        '[Amplitude] Request Method': 'GET',
        '[Amplitude] Status Code': 500,
        '[Amplitude] Request Type': 'fetch',
        '[Amplitude] Start Time': expect.any(Number),
        '[Amplitude] Completion Time': expect.any(Number),
        '[Amplitude] Duration': expect.any(Number),
      });
      expect(xhr503).toMatchObject({
        '[Amplitude] Status Code': 503,
        '[Amplitude] Request Method': 'POST',
        '[Amplitude] Request Body Size': 7,
        '[Amplitude] Request Type': 'xhr',
      });
      expect(failed).toMatchObject({ '[Amplitude] Status Code': 0, '[Amplitude] Error Code': 'TypeError' });
      expect(JSON.stringify(collector.events())).not.toContain('Zq9SecretTok');
      await page.close();
    },
  );

  it('a 404 is captured with statusCodeRange "400-599"', async () => {
    const since = Date.now();
    const page = await chromium.context.newPage();
    await page.goto(`${pages.url}/net-4xx.html`);
    await page.evaluate((base) => fetch(`${base}/missing?status=404`), apiUrl);
    await expect.poll(() => madeSince(since, NETWORK).length, { timeout: 10_000 }).toBe(1);
    expect(madeSince(since, NETWORK)[0].event_properties['[Amplitude] Status Code']).toBe(404);
    await page.close();
  });

  it('the SDK’s own upload failing with 500 produces no Network Request', async () => {
    collector.script({ status: 500, times: 2 });
    const since = Date.now();
    const page = await chromium.context.newPage();
    await page.goto(`${pages.url}/net.html`);
    await page.evaluate(() =>
      (window as unknown as { sightline: { track(t: string): void } }).sightline.track('after fault'),
    );
    await expect.poll(() => named('after fault').length, { timeout: 15_000 }).toBe(1);
    expect(madeSince(since, NETWORK)).toHaveLength(0);
    expect(JSON.stringify(named(NETWORK))).not.toContain(collector.ingestUrl);
    await page.close();
  });
});

describe('issue 7: web vitals in real Chromium', () => {
  it(
    'after a page with layout and one interaction is hidden (navigate away), the ' +
      'event arrives with LCP, FCP, TTFB, CLS and INP',
    async () => {
      const page = await chromium.context.newPage();
      await page.goto(`${pages.url}/vitals.html?from=test`);
      await page.click('#grow');
      await page.waitForTimeout(300);
      await page.goto(`${pages.url}/away.html`);
      const fromThisPage = () =>
        named(VITALS).filter((event) => event.event_properties['[Amplitude] Page Path'] === '/vitals.html');
      await expect.poll(() => fromThisPage().length, { timeout: 10_000 }).toBeGreaterThanOrEqual(1);
      await page.waitForTimeout(300);
      // One event on hide; a second one only if web-vitals finalised a value after it (INP's
      // last entries can land after pagehide). Together they carry every metric.
      expect(fromThisPage().length).toBeLessThanOrEqual(2);
      const properties = Object.assign({}, ...fromThisPage().map((event) => event.event_properties));
      for (const metric of ['LCP', 'FCP', 'TTFB', 'CLS', 'INP']) {
        expect(properties[`[Amplitude] ${metric}`]).toMatchObject({
          value: expect.any(Number),
          rating: expect.stringMatching(/^(good|needs-improvement|poor)$/),
          navigationType: expect.any(String),
          id: expect.any(String),
          timestamp: expect.any(Number),
          navigationStart: expect.any(Number),
        });
      }
      expect(properties['[Amplitude] Page Path']).toBe('/vitals.html');
      await page.close();
    },
  );
});
