import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { launchChromium } from './support/chromium.js';
import { BROWSER_DIST, startPages, startTestCollector, type Collector } from './support/fixtures.js';
import type { StaticServer } from './support/static-server.js';

// The async snippet: calls made before the bundle loads are queued with their own
// time and replayed in order; it works under a strict CSP with a nonce and no 'unsafe-eval'.

const NONCE = 'r4nd0m-n0nce';
const BUNDLE_DELAY_MS = 1500;

let collector: Collector;
let pages: StaticServer;
let browser: Browser;

const snippetPage = (collectorUrl: string) => {
  const snippet = readFileSync(join(BROWSER_DIST, 'snippet.min.js'), 'utf8').replace(
    '"/sightline.min.js"',
    '"/dist/sightline.min.js"',
  );
  return `<!doctype html><html><head><meta charset="utf-8"><title>Snippet</title>
<script nonce="${NONCE}">${snippet}</script>
<script nonce="${NONCE}">
  window.calledAt = Date.now();
  sightline.init('snippet-key-001', { serverUrl: '${collectorUrl}', flushIntervalMillis: 50, autocapture: false });
  sightline.track('Before Load 1', { n: 1 });
  window.identifyResult = sightline.identify(new sightline.Identify().set('plan', 'pro')).promise;
  sightline.setUserId('snippet-user-1');
  sightline.track('Before Load 2', { n: 2 });
  const second = sightline.createInstance();
  second.init('snippet-key-002', { instanceName: 'second', serverUrl: '${collectorUrl}', flushIntervalMillis: 50, autocapture: false });
  second.track('Second Instance Event');
  window.second = second;
</script></head><body><p>snippet page</p></body></html>`;
};

beforeAll(async () => {
  collector = await startTestCollector();
  pages = await startPages({ delays: { '/dist/sightline.min.js': BUNDLE_DELAY_MS } });
  pages.setPage('/snippet.html', snippetPage(collector.ingestUrl), {
    'Content-Security-Policy': `default-src 'self'; script-src 'self' 'nonce-${NONCE}'; connect-src 'self' ${new URL(collector.url).origin}`,
  });
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await pages?.close();
  await collector?.close();
});

describe('async snippet', () => {
  it(
    'replays calls made before the bundle loaded, in order, with their ' + 'original timestamps, under a strict CSP',
    async () => {
      const page = await browser.newPage();
      const violations: string[] = [];
      page.on('console', (message) => {
        if (/Content.Security.Policy|Refused to/i.test(message.text())) violations.push(message.text());
      });
      await page.exposeFunction('reportViolation', (text: string) => violations.push(text));
      await page.addInitScript(() => {
        document.addEventListener('securitypolicyviolation', (event) =>
          (window as unknown as { reportViolation(t: string): void }).reportViolation(
            `${event.violatedDirective} ${event.blockedURI}`,
          ),
        );
      });
      await page.goto(`${pages.url}/snippet.html`);
      const calledAt = await page.evaluate(() => (window as unknown as { calledAt: number }).calledAt);

      const events = await collector.waitForEvents(4, { timeoutMs: 15_000 });
      const main = events.filter(
        (event: { event_type: string; device_id: string }) => event.event_type !== 'Second Instance Event',
      );
      expect(main.map((event: { event_type: string }) => event.event_type)).toEqual([
        'Before Load 1',
        '$identify',
        'Before Load 2',
      ]);
      for (const event of main) {
        // Queued before the bundle arrived: the time is the call's own, not the replay's.
        expect(event.time).toBeGreaterThanOrEqual(calledAt);
        expect(event.time).toBeLessThan(calledAt + BUNDLE_DELAY_MS / 2);
      }
      expect(main[0].user_id).toBeUndefined();
      expect(main[2].user_id).toBe('snippet-user-1');
      expect(main[1].user_properties).toEqual({ $set: { plan: 'pro' } });

      const second = events.find((event: { event_type: string }) => event.event_type === 'Second Instance Event');
      expect(second).toBeDefined();
      expect(second.device_id).not.toBe(main[0].device_id); // a named instance keeps its own identity
      const requests = collector
        .requests()
        .map((request: { bodyText: string }) => JSON.parse(request.bodyText).api_key);
      expect(requests).toEqual(expect.arrayContaining(['snippet-key-001', 'snippet-key-002']));

      // The stub's promise settles with the real result; later calls go to the real client.
      expect(
        await page.evaluate(() =>
          (window as unknown as { identifyResult: Promise<{ code: number }> }).identifyResult.then((r) => r.code),
        ),
      ).toBe(200);
      await page.evaluate(() =>
        (window as unknown as { second: { track(t: string): void } }).second.track('After Load'),
      );
      await collector.waitForEvents(5, { timeoutMs: 10_000 });
      expect(violations).toEqual([]);
      await page.close();
    },
  );
});
