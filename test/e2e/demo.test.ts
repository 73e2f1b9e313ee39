// The demo (issue 4): `node scripts/demo.mjs`, as `npm start` runs it, started as a child
// process on free ports, its examples driven in real Chromium, its collector read through
// the control API, and Ctrl-C (SIGINT) stopping it cleanly.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from './support/chromium.js';
import { BROWSER_DIST, ROOT } from './support/fixtures.js';

/** What the demo prints once it serves: one line per example, then the collector's URLs. */
const URL_LINE = /^\s+(\S+)\s+(http:\/\/127\.0\.0\.1:\d+\/\S*)/gm;
const START_TIMEOUT_MS = 120_000;
const STOP_TIMEOUT_MS = 5_000;
const SECRET_EMAIL = 'demo-reader@inbox.test';

type WireEvent = { event_type: string; device_id: string; time: number; event_properties?: Record<string, unknown> };

let demo: ChildProcess;
let output = '';
let urls: Record<string, string> = {};
let dataDir: string;
let browser: Browser;
const pageErrors: string[] = [];

/** Resolves with the printed URLs once the demo says it is running; rejects if it exits first. */
const waitForUrls = (child: ChildProcess) =>
  new Promise<Record<string, string>>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`the demo printed no URLs within ${START_TIMEOUT_MS} ms:\n${output}`)),
      START_TIMEOUT_MS,
    );
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (!/^\s+ingestion\s+http/m.test(output)) return;
      clearTimeout(timer);
      resolve(Object.fromEntries([...output.matchAll(URL_LINE)].map(([, name, url]) => [name, url])));
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`the demo exited (${signal || code}) before it served:\n${output}`));
    });
  });

/** The collector's accepted events, read the way another process would: its control API. */
const collectorEvents = async (): Promise<WireEvent[]> => {
  const response = await fetch(`${urls.inspector}_control/events`);
  expect(response.status).toBe(200);
  return response.json();
};

const eventsOf = async (deviceId: string) => (await collectorEvents()).filter((event) => event.device_id === deviceId);
const typesOf = async (deviceId: string) => (await eventsOf(deviceId)).map((event) => event.event_type);

/** Each example prints `device <id> · …` once init has resolved. */
const deviceIdShownBy = async (page: Page) => {
  await page.waitForFunction(() => /^device \S+/.test(document.getElementById('ids')?.textContent || ''), undefined, {
    timeout: 15_000,
  });
  return /^device (\S+)/.exec((await page.textContent('#ids')) || '')![1];
};

const openPage = async (url: string) => {
  const page = await browser.newPage();
  page.on('pageerror', (error) => pageErrors.push(`${url}: ${error.message}`));
  await page.goto(url);
  return page;
};

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'sightline-demo-'));
  // Free ports and its own data folder, so a demo someone is running is not disturbed.
  // --no-build: the e2e run uses the packages as built; other engineers rebuild concurrently
  // and a second build here would race theirs. The examples are still bundled by the demo.
  demo = spawn(
    process.execPath,
    ['scripts/demo.mjs', '--no-build', '--port', '0', '--collector-port', '0', '--data-dir', dataDir],
    {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  urls = await waitForUrls(demo);
  browser = await launchChromium();
}, START_TIMEOUT_MS + 30_000);

afterAll(async () => {
  await browser?.close();
  if (demo && demo.exitCode === null && demo.signalCode === null) demo.kill('SIGKILL');
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

describe('issue 4: the demo (npm start)', () => {
  it('prints the URL of every example and of the collector inspector', () => {
    expect(Object.keys(urls)).toEqual(
      expect.arrayContaining(['static-site', 'npm-app', 'custom-build', 'experiment', 'inspector', 'ingestion']),
    );
    expect(urls['npm-app']).toBe(`${urls['static-site']}npm-app/`);
    expect(urls.ingestion).toBe(`${urls.inspector}2/httpapi`);
  });

  it(
    'the static site loads through the inline snippet; a click reaches the ' + 'collector, after the queued calls',
    async () => {
      // The example carries the snippet pasted as is: it must be the one the build produces.
      const html = readFileSync(join(ROOT, 'examples/static-site/index.html'), 'utf8');
      expect(html).toContain(`<script>${readFileSync(join(BROWSER_DIST, 'snippet.min.js'), 'utf8').trim()}</script>`);
      expect(html).not.toMatch(/<script[^>]+src="\/sightline\.min\.js"/);

      const page = await openPage(urls['static-site']);
      const deviceId = await deviceIdShownBy(page);
      await expect.poll(() => typesOf(deviceId), { timeout: 10_000 }).toContain('Page Opened');
      await page.click('#signup');
      await expect.poll(() => typesOf(deviceId), { timeout: 10_000 }).toContain('Sign Up Clicked');

      const events = await eventsOf(deviceId);
      const types = events.map((event) => event.event_type);
      // Queued before the bundle arrived and replayed in order, before the click.
      expect(types.indexOf('Page Opened')).toBeLessThan(types.indexOf('Sign Up Clicked'));
      expect(events.find((event) => event.event_type === 'Sign Up Clicked')!.event_properties).toMatchObject({
        plan: 'starter',
      });
      expect(pageErrors).toEqual([]);
      await page.close();
    },
  );

  it(
    'the static site\'s "Preview what autocapture sends" opens the capture preview, ' +
      'its file loaded from next to sightline.min.js',
    async () => {
      const page = await openPage(urls['static-site']);
      await deviceIdShownBy(page);
      const requested: string[] = [];
      page.on('request', (request) => requested.push(new URL(request.url()).pathname));
      await page.click('#preview');
      await expect.poll(() => page.locator('sightline-preview [role="option"]').count()).toBeGreaterThan(5);
      expect(requested.filter((path) => path.endsWith('.js'))).toEqual(['/sightline-preview.min.js']);
      await page.locator('sightline-preview [role="option"][aria-label^="a#pricing"]').hover();
      expect(await page.locator('sightline-preview dd[data-property="[Amplitude] Element Href"]').textContent()).toBe(
        '/?plan=pro&token=*****',
      );
      await page.keyboard.press('Escape');
      await expect.poll(() => page.locator('sightline-preview').count()).toBe(0);
      expect(pageErrors).toEqual([]);
      await page.close();
    },
  );

  it('the npm app (full entry, rollup) sends element clicks, a captured 4xx request and web vitals', async () => {
    const page = await openPage(urls['npm-app']);
    const deviceId = await deviceIdShownBy(page);
    await page.click('#add-to-cart');
    await page.fill('input[name=email]', SECRET_EMAIL);
    await page.click('#newsletter button[type=submit]');
    await page.click('#broken-endpoint');
    await page.waitForFunction(() => /answered 404/.test(document.getElementById('status')?.textContent || ''));
    await expect
      .poll(() => typesOf(deviceId), { timeout: 10_000 })
      .toEqual(
        expect.arrayContaining([
          '[Amplitude] Page Viewed',
          '[Amplitude] Element Clicked',
          'Product Added',
          '[Amplitude] Network Request',
          '[Amplitude] Form Started',
          '[Amplitude] Form Submitted',
        ]),
      );
    // Web vitals go out when the page is hidden: navigate away.
    await page.goto(urls['static-site']);
    await expect.poll(() => typesOf(deviceId), { timeout: 10_000 }).toContain('[Amplitude] Web Vitals');

    const events = await eventsOf(deviceId);
    const click = events.find(
      (event) =>
        event.event_type === '[Amplitude] Element Clicked' &&
        event.event_properties?.['[Amplitude] Element ID'] === 'add-to-cart',
    );
    expect(click?.event_properties).toMatchObject({ '[Amplitude] Element Attributes': { sku: 'sku-42' } });
    const network = events.filter((event) => event.event_type === '[Amplitude] Network Request');
    // Only the 404: the 200 from a catalog load would not be captured, and the SDK's own uploads never are.
    expect(network.map((event) => event.event_properties?.['[Amplitude] Status Code'])).toEqual([404]);
    // Private by default: the typed address is in no event (nor its local part, nor the domain).
    expect(JSON.stringify(events)).not.toMatch(/demo-reader|inbox\.test/);
    expect(pageErrors).toEqual([]);
    await page.close();
  });

  it('the custom build (lean entry) runs its two plugins and enriches every event with its own plugin', async () => {
    const page = await openPage(urls['custom-build']);
    const deviceId = await deviceIdShownBy(page);
    await page.click('#checkout');
    await page.click('#next-page');
    await page.click('.card');
    await expect
      .poll(async () => (await typesOf(deviceId)).filter((type) => type === '[Amplitude] Page Viewed').length, {
        timeout: 10_000,
      })
      .toBe(2);
    await expect.poll(() => typesOf(deviceId), { timeout: 10_000 }).toContain('Checkout Started');
    // One click event per click: the two buttons and the card.
    await expect
      .poll(async () => (await typesOf(deviceId)).filter((type) => type === '[Amplitude] Element Clicked').length, {
        timeout: 10_000,
      })
      .toBe(3);

    const events = await eventsOf(deviceId);
    for (const event of events) {
      expect(event.event_properties, event.event_type).toMatchObject({
        app_version: '2.3.0',
        release_channel: 'beta',
        color_scheme: expect.stringMatching(/^(light|dark)$/),
      });
    }
    // The lean client wires no autocapture of its own: only what the two plugins and the app send.
    expect(new Set(events.map((event) => event.event_type))).toEqual(
      new Set(['session_start', '[Amplitude] Page Viewed', '[Amplitude] Element Clicked', 'Checkout Started']),
    );
    // The card is tracked through the example's own allowlist entry, `[data-track]`.
    expect(
      events.some(
        (event) =>
          event.event_type === '[Amplitude] Element Clicked' &&
          event.event_properties?.['[Amplitude] Element Tag'] === 'div',
      ),
    ).toBe(true);
    // The app's own property is kept next to the enrichment.
    expect(events.find((event) => event.event_type === 'Checkout Started')!.event_properties).toMatchObject({
      items: 2,
    });
    expect(pageErrors).toEqual([]);
    await page.close();
  });

  it('stops on Ctrl-C (SIGINT): exit code 0 within a few seconds, ports released', async () => {
    const exited = new Promise<{ code: number | null; signal: string | null }>((resolve) =>
      demo.once('exit', (code, signal) => resolve({ code, signal })),
    );
    const startedAt = Date.now();
    demo.kill('SIGINT');
    const { code, signal } = await Promise.race([
      exited,
      new Promise<never>((_, reject) =>
        setTimeout(() => reject(new Error(`the demo did not exit within ${STOP_TIMEOUT_MS} ms`)), STOP_TIMEOUT_MS),
      ),
    ]);
    expect({ code, signal }).toEqual({ code: 0, signal: null });
    expect(Date.now() - startedAt).toBeLessThan(STOP_TIMEOUT_MS);
    expect(output).toContain('Demo stopped.');
    await expect(fetch(`${urls.inspector}_control/stats`)).rejects.toThrow();
    await expect(fetch(urls['static-site'])).rejects.toThrow();
  });
});
