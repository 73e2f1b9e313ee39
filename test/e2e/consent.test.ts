import { describe, expect, it } from 'vitest';
import type { CDPSession, Page } from 'playwright-core';
import { useBrowserSuite } from './support/browser-suite.js';
import { captureRequests, readStorage, type StorageSnapshot } from './support/consent-storage.js';

// Consent in real Chromium: what cookies, localStorage, sessionStorage and IndexedDB hold after
// each state change (read from the page and over CDP), what reaches the collector, and a scan of
// the raw bytes of every request the page sends.

const API_KEY = 'e2e-consent-key';
const SUFFIX = API_KEY.slice(0, 10);
const EMAIL = 'jane.doe@example.com';
const USER_ID = 'user-4711-consent';
/** A device id an earlier, consented visit stored (in the documented SDK's cookie, for the upgrade). */
const STORED_DEVICE_ID = 'stored-device-0815';
/** The documented SDK's cookie holding it: base64 of the URI-encoded JSON. */
const UPGRADED_COOKIE = Buffer.from(encodeURIComponent(JSON.stringify({ deviceId: STORED_DEVICE_ID }))).toString(
  'base64',
);
const NOTHING: StorageSnapshot = { cookies: [], localStorage: [], sessionStorage: [], databases: [] };

interface SentEvent {
  event_type: string;
  time: number;
  device_id: string;
  user_id?: string;
  session_id: number;
  insert_id: string;
}

declare const sightline: {
  init(key: string, options: object): { promise: Promise<unknown> };
  track(type: string, props?: object): { promise: Promise<{ code: number; message: string }> };
  setConsent(state: string): void;
  add(plugin: object): { promise: Promise<{ code: number; message: string }> };
  setUserId(id: string): void;
  getDeviceId(): string;
  getSessionId(): number;
  getDeliveryStats(): { dropped: { [reason: string]: number }; pending: number };
};

const suite = useBrowserSuite({
  addPages: ({ pages }) =>
    pages.setPage(
      '/consent.html',
      `<!doctype html><html><head><meta charset="utf-8"><title>Consent test</title></head><body>
<p>Contact ${EMAIL}</p><button id="buy">Buy</button>
<form id="signup"><input name="email" value="${EMAIL}"><button>Sign up</button></form>
<script src="/dist/sightline.min.js"></script></body></html>`,
    ),
});

const open = async (query = '') => {
  const page = await suite.context.newPage();
  const requests = captureRequests(page, new URL(suite.collector.url).origin);
  await page.goto(`${suite.pages.url}/consent.html${query}`);
  return { page, requests };
};

const init = (page: Page, options: object) =>
  page.evaluate(
    ([key, url, given]) =>
      sightline.init(key as string, {
        serverUrl: url,
        flushIntervalMillis: 50,
        enableRequestBodyCompression: false,
        ...given,
      }).promise,
    [API_KEY, suite.collector.ingestUrl, options] as const,
  );

const track = (page: Page, type: string) => page.evaluate((name) => void sightline.track(name, { n: 1 }), type);
const sent = (): SentEvent[] => suite.collector.events();
const typesSent = () => sent().map((event) => event.event_type);
/** The wire is quiet long enough for a 50 ms flush interval to have sent anything it had. */
const quiet = (page: Page) => page.waitForTimeout(600);

/** Sightline's own names in a snapshot (the test seeds unrelated ones the SDK must leave alone). */
const ours = (snapshot: StorageSnapshot): StorageSnapshot => {
  const mine = (name: string) => name.includes(SUFFIX) || name.startsWith('AMP_') || name.startsWith('amp_');
  return {
    cookies: snapshot.cookies.filter(mine),
    localStorage: snapshot.localStorage.filter(mine),
    sessionStorage: snapshot.sessionStorage.filter((name) => mine(name) || name === 'AMP_URL_INFO'),
    databases: snapshot.databases.filter(mine),
  };
};

/** No byte of any request carries what identifies the user. */
const expectNothingIdentifying = (requests: Buffer[], secrets: string[]) => {
  for (const bytes of requests) for (const secret of secrets) expect(bytes.includes(secret)).toBe(false);
};

/** Event listeners on window and document, by type (CDP DOMDebugger.getEventListeners). */
const listenersOf = async (cdp: CDPSession): Promise<string[]> => {
  const found: string[] = [];
  for (const target of ['window', 'document']) {
    const { result } = await cdp.send('Runtime.evaluate', { expression: target });
    const { listeners } = await cdp.send('DOMDebugger.getEventListeners', { objectId: result.objectId! });
    for (const { type } of listeners) found.push(`${target} ${type}`);
  }
  return found.sort();
};

/** Whether fetch, XMLHttpRequest and history are still the browser's own. */
const builtInsUntouched = (page: Page) =>
  page.evaluate(() =>
    [window.fetch, XMLHttpRequest.prototype.open, XMLHttpRequest.prototype.send, history.pushState].every((fn) =>
      Function.prototype.toString.call(fn).includes('[native code]'),
    ),
  );

describe('consent in Chromium', () => {
  it("'pending' stores and sends nothing; 'granted' moves identity and queue to storage and sends the held events in order, with their times and session", async () => {
    const { page, requests } = await open();
    await init(page, { consent: 'pending' });
    const trackedAt = Date.now();
    await track(page, 'Held 1');
    await track(page, 'Held 2');
    await page.evaluate((id) => sightline.setUserId(id), USER_ID);
    await track(page, 'Held 3');
    await quiet(page);
    expect(await readStorage(suite.context, page)).toEqual(NOTHING);
    expect(requests).toHaveLength(0);
    expect(sent()).toEqual([]);
    const identity = await page.evaluate(() => ({
      deviceId: sightline.getDeviceId(),
      sessionId: sightline.getSessionId(),
    }));

    const grantedAt = Date.now();
    await page.evaluate(() => sightline.setConsent('granted'));
    await expect.poll(() => typesSent().filter((type) => type.startsWith('Held')).length, { timeout: 10_000 }).toBe(3);
    const held = sent().filter((event) => event.event_type.startsWith('Held'));
    expect(held.map((event) => event.event_type)).toEqual(['Held 1', 'Held 2', 'Held 3']);
    for (const event of held) {
      expect(event.time).toBeGreaterThanOrEqual(trackedAt);
      expect(event.time).toBeLessThan(grantedAt);
      expect(event).toMatchObject({ device_id: identity.deviceId, session_id: identity.sessionId });
    }
    expect(held[2].user_id).toBe(USER_ID);
    // The page view plugin starts with consent: its view goes after the held events.
    await expect.poll(() => typesSent(), { timeout: 10_000 }).toContain('[Amplitude] Page Viewed');
    const stored = await readStorage(suite.context, page);
    expect(stored.cookies).toContain(`sl_${SUFFIX}`);
    expect(stored.databases).toContain(`sightline_${SUFFIX}`);
    const cookie = await page.evaluate((name) => {
      const value = document.cookie.split('; ').find((part) => part.startsWith(`${name}=`)) as string;
      return JSON.parse(decodeURIComponent(atob(decodeURIComponent(value.slice(name.length + 1)))));
    }, `sl_${SUFFIX}`);
    expect(cookie).toMatchObject({ deviceId: identity.deviceId, userId: USER_ID });
  });

  it("'pending' then 'denied': the held events are discarded and counted, nothing is stored, nothing leaves", async () => {
    const { page, requests } = await open();
    await init(page, { consent: 'pending' });
    await track(page, 'Held');
    await page.evaluate(() => sightline.setConsent('denied'));
    await track(page, 'After Denial');
    await page.locator('#buy').click();
    await quiet(page);
    expect(await readStorage(suite.context, page)).toEqual(NOTHING);
    expect(requests).toHaveLength(0);
    expect(sent()).toEqual([]);
    const stats = await page.evaluate(() => sightline.getDeliveryStats());
    expect(stats.dropped.consent_denied).toBeGreaterThanOrEqual(2);
    expect(stats.pending).toBe(0);
  });

  it("'granted' then 'denied': every cookie, key and database the SDK (and the SDK it upgraded from) wrote is removed", async () => {
    await suite.context.addCookies([
      { name: `AMP_${SUFFIX}`, value: UPGRADED_COOKIE, url: suite.pages.url },
      { name: 'app_pref', value: 'dark', url: suite.pages.url },
    ]);
    const { page } = await open('?utm_source=newsletter');
    await page.evaluate(() => localStorage.setItem('app_state', 'kept'));
    await init(page, {});
    await track(page, 'Granted');
    await expect.poll(() => typesSent(), { timeout: 10_000 }).toContain('Granted');
    const before = ours(await readStorage(suite.context, page));
    expect(before.cookies).toEqual(expect.arrayContaining([`sl_${SUFFIX}`, `AMP_${SUFFIX}`]));
    expect(before.localStorage).toContain(`sl_mktg_${SUFFIX}`);
    expect(before.sessionStorage).toContain('AMP_URL_INFO');
    expect(before.databases).toContain(`sightline_${SUFFIX}`);

    await page.evaluate(() => sightline.setConsent('denied'));
    await expect.poll(async () => ours(await readStorage(suite.context, page)), { timeout: 10_000 }).toEqual(NOTHING);
    const count = sent().length;
    await track(page, 'Denied');
    await page.locator('#buy').click();
    await quiet(page);
    expect(sent()).toHaveLength(count);
    const after = await readStorage(suite.context, page);
    expect(after).toEqual({ ...NOTHING, cookies: ['app_pref'], localStorage: ['app_state'] });
  });

  it("'pending': no plugin patches fetch, XMLHttpRequest or history or adds a listener; granted, network and element capture start", async () => {
    const { page } = await open();
    const cdp = await suite.context.newCDPSession(page);
    const before = await listenersOf(cdp);
    const everything = {
      networkTracking: true,
      elementInteractions: true,
      frustrationInteractions: true,
      webVitals: true,
    };
    await init(page, { consent: 'pending', autocapture: everything });
    await page.locator('#buy').click();
    await quiet(page);
    expect(await listenersOf(cdp)).toEqual(before);
    expect(await builtInsUntouched(page)).toBe(true);
    expect(await readStorage(suite.context, page)).toEqual(NOTHING);

    await page.evaluate(() => sightline.setConsent('granted'));
    await expect.poll(async () => (await listenersOf(cdp)).length, { timeout: 10_000 }).toBeGreaterThan(before.length);
    expect(await builtInsUntouched(page)).toBe(false);
    await page.locator('#buy').click();
    await expect.poll(() => typesSent(), { timeout: 10_000 }).toContain('[Amplitude] Element Clicked');
    await cdp.detach();
  });

  it("add() while 'pending': set up (storage, listener) once granted; consentSafe at once", async () => {
    const { page } = await open();
    const cdp = await suite.context.newCDPSession(page);
    await init(page, { consent: 'pending', autocapture: false });
    const added = await page.evaluate(async () => {
      const page = window as unknown as { setUps: string[] };
      page.setUps = [];
      const plugin = (name: string, consentSafe: boolean) => ({
        name,
        consentSafe,
        setup() {
          page.setUps.push(name);
          if (consentSafe) return;
          localStorage.setItem('app_plugin_seen', '1');
          document.addEventListener('click', () => undefined);
        },
      });
      const held = await sightline.add(plugin('app-capture', false)).promise;
      await sightline.add(plugin('app-safe', true)).promise;
      return held.message;
    });
    expect(added).toBe('Plugin held until consent is granted');
    await page.locator('#buy').click();
    await quiet(page);
    const setUps = () => page.evaluate(() => (window as unknown as { setUps: string[] }).setUps);
    expect(await setUps()).toEqual(['app-safe']);
    expect(await listenersOf(cdp)).not.toContain('document click');
    expect(await readStorage(suite.context, page)).toEqual(NOTHING);

    await page.evaluate(() => sightline.setConsent('granted'));
    await expect.poll(setUps, { timeout: 10_000 }).toEqual(['app-safe', 'app-capture']);
    expect(await listenersOf(cdp)).toContain('document click');
    expect((await readStorage(suite.context, page)).localStorage).toContain('app_plugin_seen');
    await cdp.detach();
  });

  it('Global Privacy Control on: starts denied with one line saying so; the user opting in wins', async () => {
    const page = await suite.context.newPage();
    const lines: string[] = [];
    page.on('console', (message) => lines.push(message.text()));
    await page.addInitScript(() =>
      Object.defineProperty(Navigator.prototype, 'globalPrivacyControl', { get: () => true }),
    );
    await page.goto(`${suite.pages.url}/consent.html`);
    await init(page, {});
    await track(page, 'Under GPC');
    await quiet(page);
    expect(sent()).toEqual([]);
    expect(await readStorage(suite.context, page)).toEqual(NOTHING);
    expect(lines.filter((line) => line.includes('Global Privacy Control'))).toHaveLength(1);

    await page.evaluate(() => sightline.setConsent('granted'));
    await track(page, 'Opted In');
    await expect.poll(() => typesSent(), { timeout: 10_000 }).toContain('Opted In');
    expect(typesSent()).not.toContain('Under GPC');
    expect((await readStorage(suite.context, page)).cookies).toContain(`sl_${SUFFIX}`);
  });

  it('Global Privacy Control on with respectGlobalPrivacyControl: false, or off: events are stored and sent', async () => {
    for (const [gpc, options] of [
      [true, { respectGlobalPrivacyControl: false }],
      [false, {}],
    ] as const) {
      suite.collector.reset();
      const page = await suite.context.newPage();
      await page.addInitScript(
        (on) => Object.defineProperty(Navigator.prototype, 'globalPrivacyControl', { get: () => on }),
        gpc,
      );
      await page.goto(`${suite.pages.url}/consent.html`);
      await init(page, options);
      await track(page, `GPC ${gpc}`);
      await expect.poll(() => typesSent(), { timeout: 10_000 }).toContain(`GPC ${gpc}`);
      await page.close();
    }
  });

  it('cookieless when denied, across two page loads: events counted with a new device id each load, no user id, nothing stored, nothing identifying on the wire', async () => {
    await suite.context.addCookies([{ name: `AMP_${SUFFIX}`, value: UPGRADED_COOKIE, url: suite.pages.url }]);
    const deviceIds: string[] = [];
    const requests: Buffer[] = [];
    for (const load of [1, 2]) {
      const opened = await open();
      await init(opened.page, { consent: 'denied', cookieless: 'when_denied', userId: USER_ID });
      await opened.page.evaluate((id) => sightline.setUserId(id), USER_ID);
      await track(opened.page, `Cookieless ${load}`);
      await opened.page.locator('#buy').click();
      await expect.poll(() => typesSent(), { timeout: 10_000 }).toContain(`Cookieless ${load}`);
      await quiet(opened.page);
      expect(await readStorage(suite.context, opened.page)).toEqual(NOTHING);
      deviceIds.push(await opened.page.evaluate(() => sightline.getDeviceId()));
      requests.push(...opened.requests);
      await opened.page.close();
    }
    expect(new Set(deviceIds).size).toBe(2);
    const events = sent();
    expect(events.map((event) => event.event_type)).toEqual(
      expect.arrayContaining(['[Amplitude] Page Viewed', 'Cookieless 1', 'Cookieless 2']),
    );
    for (const event of events) {
      expect(event.user_id).toBeUndefined();
      expect(deviceIds).toContain(event.device_id);
    }
    expect(requests.length).toBeGreaterThan(0);
    expectNothingIdentifying(requests, [STORED_DEVICE_ID, USER_ID, EMAIL, encodeURIComponent(EMAIL)]);
  });
});
