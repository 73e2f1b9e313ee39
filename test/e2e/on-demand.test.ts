// The script bundle's on-demand loader in real Chromium, with the capture preview as its file:
// nothing is fetched until asked for; then one request, from the main script's folder (or
// `scriptBaseUrl`), checked against the SRI hash the main script carries; a tampered or missing
// file logs one line and everything else keeps flowing; a strict CSP with a nonce works.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from './support/chromium.js';
import { BROWSER_DIST, bundlePage, startPages, startTestCollector, type Collector } from './support/fixtures.js';
import type { StaticServer } from './support/static-server.js';

const PREVIEW_FILE = 'sightline-preview.min.js';
const NONCE = 'pr3view-n0nce';

declare const sightline: {
  getDeviceId(): string;
  track(type: string): { promise: Promise<{ code: number }> };
  preview(): { promise: Promise<{ code: number; message: string }>; close(): void };
};

let collector: Collector;
let pages: StaticServer;
let browser: Browser;

/** A copy of the preview file with one byte more than the one the main script knows. */
const tamperedCopy = (): string => {
  const dir = mkdtempSync(join(tmpdir(), 'sightline-tampered-'));
  writeFileSync(join(dir, PREVIEW_FILE), `${readFileSync(join(BROWSER_DIST, PREVIEW_FILE), 'utf8')} `);
  return dir;
};

const initPage = (options = '') =>
  bundlePage(
    `sightline.init('e2e-on-demand-key', { serverUrl: '${collector.ingestUrl}', flushIntervalMillis: 50, ` +
      `autocapture: false${options} });`,
  );

beforeAll(async () => {
  collector = await startTestCollector();
  pages = await startPages({ mounts: { '/tampered/': tamperedCopy() } });
  pages.setPage('/plain.html', initPage());
  pages.setPage('/tampered.html', initPage(", scriptBaseUrl: '/tampered/'"));
  pages.setPage('/missing.html', initPage(", scriptBaseUrl: '/missing/'"));
  const snippet = readFileSync(join(BROWSER_DIST, 'snippet.min.js'), 'utf8').replace(
    '"/sightline.min.js"',
    '"/dist/sightline.min.js"',
  );
  pages.setPage(
    '/csp.html',
    `<!doctype html><html><head><meta charset="utf-8"><title>CSP</title>
<script nonce="${NONCE}">${snippet}</script>
<script
  nonce="${NONCE}">sightline.init('e2e-on-demand-key', { serverUrl: '${collector.ingestUrl}', flushIntervalMillis: 50, autocapture: false });</script>
</head><body><button id="buy">Buy</button></body></html>`,
    {
      // No 'self' for scripts: only what carries the nonce runs, the on-demand file included.
      'Content-Security-Policy': `default-src 'self'; script-src 'nonce-${NONCE}'; style-src 'self'; connect-src 'self' ${new URL(collector.url).origin}`,
    },
  );
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await pages?.close();
  await collector?.close();
});

interface AddedScript {
  src: string;
  integrity: string;
  crossOrigin: string | null;
  nonce: string;
}

interface Watched {
  tab: Page;
  /** URLs of the preview file requested. */
  requests: string[];
  console: string[];
  violations: string[];
  /** Script elements with an integrity attribute, as they were added (the loader removes them after). */
  added: () => Promise<AddedScript[]>;
}

const watch = async (path: string): Promise<Watched> => {
  const context = await browser.newContext();
  const tab = await context.newPage();
  const watched: Watched = {
    tab,
    requests: [],
    console: [],
    violations: [],
    added: () => tab.evaluate(() => (window as unknown as { addedScripts: AddedScript[] }).addedScripts),
  };
  tab.on('request', (request) => {
    if (request.url().endsWith(PREVIEW_FILE)) watched.requests.push(request.url());
  });
  tab.on('console', (message) => watched.console.push(message.text()));
  await tab.exposeFunction('reportViolation', (text: string) => watched.violations.push(text));
  await tab.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (event) =>
      (window as unknown as { reportViolation(t: string): void }).reportViolation(
        `${event.violatedDirective} ${event.blockedURI}`,
      ),
    );
    const added: AddedScript[] = ((window as unknown as { addedScripts: AddedScript[] }).addedScripts = []);
    new MutationObserver((records) => {
      for (const record of records)
        for (const node of Array.from(record.addedNodes))
          if (node instanceof HTMLScriptElement && node.integrity)
            added.push({
              src: node.src,
              integrity: node.integrity,
              crossOrigin: node.crossOrigin,
              nonce: node.nonce || '',
            });
    }).observe(document, { childList: true, subtree: true });
  });
  await tab.goto(`${pages.url}${path}`);
  await tab.waitForFunction(() => typeof sightline !== 'undefined' && !!sightline.getDeviceId());
  return watched;
};

const failureLines = (watched: Watched) => watched.console.filter((line) => /Could not load .*stays off/.test(line));

/** A tracked event still reaches the collector. */
const stillDelivers = async (tab: Page, type: string) => {
  await tab.evaluate((type) => sightline.track(type).promise, type);
  await expect
    .poll(() => collector.events().filter((event: { event_type: string }) => event.event_type === type).length, {
      timeout: 10_000,
    })
    .toBe(1);
};

describe('issue 22: on-demand script files', () => {
  it(
    'nothing is fetched until asked for; then one request from the main script folder, with the SRI ' +
      'hash of the file and crossorigin, shared by concurrent calls',
    async () => {
      const watched = await watch('/plain.html');
      const { tab, requests } = watched;
      await tab.waitForTimeout(300);
      expect(requests).toEqual([]);
      const answers = await tab.evaluate(() =>
        Promise.all([sightline.preview().promise, sightline.preview().promise]).then((all) => all.map((a) => a.code)),
      );
      expect(answers).toEqual([200, 200]);
      expect(requests).toEqual([`${pages.url}/dist/${PREVIEW_FILE}`]);
      // The hash the main script carries is the hash of the file the build wrote.
      const hash = `sha384-${createHash('sha384')
        .update(readFileSync(join(BROWSER_DIST, PREVIEW_FILE)))
        .digest('base64')}`;
      expect(await watched.added()).toEqual([
        { src: `${pages.url}/dist/${PREVIEW_FILE}`, integrity: hash, crossOrigin: 'anonymous', nonce: '' },
      ]);
      expect(await tab.locator('sightline-preview').count()).toBe(1);
      // Its script element is gone once it ran; the file's global stays, so a later call loads nothing.
      expect(await tab.evaluate(() => document.querySelectorAll('script[integrity]').length)).toBe(0);
      await tab.keyboard.press('Escape');
      expect(await tab.evaluate(() => sightline.preview().promise.then((a) => a.code))).toBe(200);
      expect(requests).toHaveLength(1);
      expect(failureLines(watched)).toEqual([]);
      await tab.context().close();
    },
  );

  it(
    'a tampered file is refused by its SRI hash: one log line, no preview, ' + 'every other event still arrives',
    async () => {
      const watched = await watch('/tampered.html');
      const answer = await watched.tab.evaluate(() => sightline.preview().promise);
      expect(answer).toMatchObject({ code: 0 });
      expect(watched.requests).toEqual([`${pages.url}/tampered/${PREVIEW_FILE}`]);
      // Chromium's own message names the integrity check; ours names the file and the feature.
      expect(watched.console.some((line) => /integrity/i.test(line) && line.includes(PREVIEW_FILE))).toBe(true);
      expect(failureLines(watched)).toEqual([
        `Sightline: Could not load /tampered/${PREVIEW_FILE} (not found, network, integrity or ` +
          `Content-Security-Policy): the capture preview stays off`,
      ]);
      expect(await watched.tab.locator('sightline-preview').count()).toBe(0);
      await stillDelivers(watched.tab, 'After Tampered');
      await watched.tab.context().close();
    },
  );

  it('a missing file (404) logs once however often it is asked for; the SDK keeps working', async () => {
    const watched = await watch('/missing.html');
    const codes = await watched.tab.evaluate(async () => [
      (await sightline.preview().promise).code,
      (await sightline.preview().promise).code,
    ]);
    expect(codes).toEqual([0, 0]);
    expect(watched.requests).toHaveLength(1);
    expect(failureLines(watched)).toHaveLength(1);
    expect(failureLines(watched)[0]).toContain(`/missing/${PREVIEW_FILE}`);
    await stillDelivers(watched.tab, 'After Missing');
    await watched.tab.context().close();
  });

  it(
    'under a strict CSP the file loads with the nonce the snippet gave the ' + 'main script, and the preview is styled',
    async () => {
      const watched = await watch('/csp.html');
      expect(await watched.tab.evaluate(() => sightline.preview().promise.then((a) => a.code))).toBe(200);
      expect((await watched.added()).map((script) => script.nonce)).toEqual([NONCE]);
      const panel = await watched.tab.evaluate(() => {
        const root = document.querySelector('sightline-preview')!.shadowRoot!;
        return getComputedStyle(root.querySelector('.panel')!).position;
      });
      expect(panel).toBe('fixed');
      expect(watched.violations).toEqual([]);
      await stillDelivers(watched.tab, 'After CSP');
      await watched.tab.context().close();
    },
  );
});
