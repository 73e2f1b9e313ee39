// The cookie upgrade in real Chromium: a visitor the documented SDK knew (its `AMP_<key10>`
// cookie, or amplitude-js's legacy `amp_<key6>`) keeps their device id, user id and session, and
// the first event, tracked in the same script as init (before init has resolved), already
// carries them. The collector's duplicate guard checks no event went out twice.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { launchChromium } from './support/chromium.js';
import { startPages, startTestCollector, type Collector } from './support/fixtures.js';
import type { StaticServer } from './support/static-server.js';

const API_KEY = 'e2e-cookie-upgrade';
const USER = 'user@upgraded';
/** The main script and the lean one. */
const SCRIPTS = ['sightline.min.js', 'sightline-lite.min.js'];

declare const sightline: { getDeviceId(): string; getUserId(): string | undefined };

let collector: Collector;
let pages: StaticServer;
let browser: Browser;

const page = (script: string) => `<!doctype html><html><head><meta charset="utf-8"><title>Upgrade</title></head>
<body><script src="/dist/${script}"></script>
<script>sightline.init('${API_KEY}', { serverUrl: '${collector.ingestUrl}', flushIntervalMillis: 50 });
sightline.track('First Event');</script>
</body></html>`;

beforeAll(async () => {
  collector = await startTestCollector();
  pages = await startPages();
  for (const script of SCRIPTS) pages.setPage(`/${script}.html`, page(script));
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await pages?.close();
  await collector?.close();
});

/** The documented SDK's cookie: base64 of the URI-encoded JSON. */
const ampCookie = (snapshot: object) => Buffer.from(encodeURIComponent(JSON.stringify(snapshot))).toString('base64');
/** amplitude-js's cookie: `deviceId.base64(userId).optOut.sessionId.lastEventTime.eventId`, numbers in base 32. */
const legacyCookie = (device: string, sessionId: number) =>
  [
    device,
    Buffer.from(USER).toString('base64'),
    '0',
    sessionId.toString(32),
    (sessionId + 1000).toString(32),
    '1',
  ].join('.');

interface FirstEvent {
  event_type: string;
  device_id: string;
  user_id?: string;
  session_id: number;
}

const firstEventOf = async (device: string): Promise<FirstEvent> => {
  const find = () =>
    (collector.events() as FirstEvent[]).find(
      (event) => event.event_type === 'First Event' && event.device_id === device,
    );
  await expect.poll(find, { timeout: 10_000 }).toBeDefined();
  return find() as FirstEvent;
};

describe('a visitor the documented SDK knew keeps their identity from the first event', () => {
  const cases = SCRIPTS.flatMap((script) => [
    [script, 'AMP_'],
    [script, 'amp_'],
  ]);
  it.each(cases)('%s with the %s cookie', async (script, kind) => {
    // No dots: the legacy format is dot-separated.
    const device = `upgraded-${kind}-${script.replace(/\W/g, '-')}`;
    const sessionId = Date.now() - 60_000;
    const cookie =
      kind === 'AMP_'
        ? {
            name: `AMP_${API_KEY.slice(0, 10)}`,
            value: ampCookie({ deviceId: device, userId: USER, sessionId, lastEventTime: Date.now() - 1000 }),
          }
        : { name: `amp_${API_KEY.slice(0, 6)}`, value: legacyCookie(device, sessionId) };
    const context = await browser.newContext();
    await context.addCookies([{ ...cookie, url: pages.url }]);
    const tab = await context.newPage();
    await tab.goto(`${pages.url}/${script}.html`);
    expect(await firstEventOf(device)).toMatchObject({ device_id: device, user_id: USER, session_id: sessionId });
    expect(await tab.evaluate(() => [sightline.getDeviceId(), sightline.getUserId()])).toEqual([device, USER]);
    // The legacy cookie is removed once adopted; the documented SDK's stays for a rollback.
    const names = (await context.cookies()).map((entry) => entry.name);
    expect(names.includes(cookie.name)).toBe(kind === 'AMP_');
    await context.close();
  });
});
