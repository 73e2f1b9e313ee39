import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createDeliveryPlugin, createMemoryEventStore, type UploadRequest } from '@sightline/core';
import { Identify, type BrowserOptions, type DeliveryReport, type Event, type Plugin } from '../src/index.js';
import { BrowserClient } from '../src/browser-client.js';
import { pluginStorageKeys } from '../src/consent-plugin-keys.js';
import { decodeIdentity, encodeIdentity } from '../src/identity-codec.js';
import { silentLogger } from '@sightline/test-utils';

const API_KEY = 'consent-unit-key';
const IDENTITY_KEY = 'sl_consent-un';

/** A browser client whose delivery uploads to an array (its store in memory): storage is all the page's. */
const createClient = () => {
  const uploads: UploadRequest[] = [];
  const sent = (): Event[] => uploads.flatMap((upload) => (JSON.parse(upload.body) as { events: Event[] }).events);
  const client = new BrowserClient({
    pluginStorageKeys,
    createDestination: () =>
      createDeliveryPlugin({
        store: createMemoryEventStore(),
        createTransport: () => ({
          send: async (request) => (uploads.push(request), { status: 200, body: { code: 200 } }),
        }),
      }),
  });
  const log = silentLogger();
  const init = (options: BrowserOptions = {}) =>
    client.init(API_KEY, {
      loggerProvider: log,
      autocapture: false,
      identityStorage: 'localStorage',
      flushIntervalMillis: 0,
      ...options,
    }).promise;
  return { client, sent, log, init };
};

const settle = async () => {
  for (let i = 0; i < 10; i++) await new Promise((resolve) => setTimeout(resolve, 0));
};

const storedKeys = () =>
  [...Object.keys(localStorage), ...Object.keys(sessionStorage), document.cookie].filter(Boolean);

const setGpc = (value: boolean | undefined) =>
  Object.defineProperty(navigator, 'globalPrivacyControl', { value, configurable: true });

beforeEach(() => {
  localStorage.clear();
  sessionStorage.clear();
  for (const cookie of document.cookie.split(';').filter((part) => part.trim()))
    document.cookie = `${cookie.split('=')[0].trim()}=; expires=Thu, 01 Jan 1970 00:00:00 GMT; path=/`;
});
afterEach(() => setGpc(undefined));

describe('consent: pending', () => {
  it('stores and sends nothing; granted, identity moves to storage and held events go in order with their times and session', async () => {
    const { client, sent, init } = createClient();
    await init({ consent: 'pending' });
    const results = ['First', 'Second', 'Third'].map((name, index) => client.track(name, {}, { time: 1000 + index }));
    await settle();
    expect(storedKeys()).toEqual([]);
    expect(sent()).toEqual([]);
    expect(client.getDeliveryStats()).toMatchObject({ sent: 0, pending: 3 });
    const deviceId = client.getDeviceId();
    const sessionId = client.getSessionId();

    client.setConsent('granted');
    await settle();
    await client.flush().promise;
    expect(sent().map((event) => [event.event_type, event.time, event.session_id, event.device_id])).toEqual([
      ['First', 1000, sessionId, deviceId],
      ['Second', 1001, sessionId, deviceId],
      ['Third', 1002, sessionId, deviceId],
    ]);
    expect((await results[2].promise).code).toBe(200);
    expect(decodeIdentity(localStorage.getItem(IDENTITY_KEY))).toMatchObject({ deviceId, sessionId });
  });

  it('a visitor who granted on an earlier page keeps their device id, and the stored identity is not rewritten', async () => {
    const stored = encodeIdentity({ deviceId: 'earlier-device-id', lastEventTime: 1 });
    localStorage.setItem(IDENTITY_KEY, stored);
    const { client, init } = createClient();
    await init({ consent: 'pending' });
    client.track('Held');
    await settle();
    expect(client.getDeviceId()).toBe('earlier-device-id');
    expect(localStorage.getItem(IDENTITY_KEY)).toBe(stored);
    expect(storedKeys()).toEqual([IDENTITY_KEY]);
  });

  it('denied: held events are discarded and counted, nothing stored or sent afterwards', async () => {
    const { client, sent, init } = createClient();
    await init({ consent: 'pending' });
    const held = client.track('Held');
    client.track('Held too');
    client.setConsent('denied');
    await settle();
    expect(await held.promise).toMatchObject({ code: 0, message: 'Dropped: consent denied' });
    client.track('After denial');
    await settle();
    expect(sent()).toEqual([]);
    expect(storedKeys()).toEqual([]);
    expect(client.getDeliveryStats().dropped).toEqual({ consent_denied: 3 });
  });

  it('holds at most 1000 events: the oldest make room, counted as consent_hold_full', async () => {
    const { client, sent, init, log } = createClient();
    await init({ consent: 'pending', flushQueueSize: 2000 });
    for (let index = 0; index < 1005; index++) client.track(`Event ${index}`);
    await settle();
    expect(client.getDeliveryStats()).toMatchObject({ dropped: { consent_hold_full: 5 }, pending: 1000 });
    expect(log.warn).toHaveBeenCalledTimes(1);
    client.setConsent('granted');
    await settle();
    await client.flush().promise;
    expect(sent().map((event) => event.event_type)[0]).toBe('Event 5');
    expect(sent()).toHaveLength(1000);
  });
});

describe('consent: denied after granted', () => {
  it('removes the identity and every key the SDK wrote, then stores and sends nothing', async () => {
    const { client, sent, init } = createClient();
    localStorage.setItem('sl_mktg_consent-un', '{}');
    sessionStorage.setItem('AMP_URL_INFO', '{}');
    localStorage.setItem('sl_unsent_consent-un:1', '{}');
    localStorage.setItem('sl_sent_consent-un', '{}');
    localStorage.setItem('unrelated', 'kept');
    await init();
    client.track('Granted');
    await settle();
    await client.flush().promise;
    expect(localStorage.getItem(IDENTITY_KEY)).not.toBeNull();
    client.setConsent('denied');
    await settle();
    client.track('Denied');
    client.setUserId('someone@example.com');
    await settle();
    expect(storedKeys()).toEqual(['unrelated']);
    expect(sent().map((event) => event.event_type)).toEqual(['Granted']);
  });
});

describe('consent: denied at a re-init', () => {
  it('a write the previous init had scheduled does not store the identity again (found by the fuzz)', async () => {
    const { client, init } = createClient();
    await init();
    client.track('Granted'); // schedules the identity's activity write
    await init({ consent: 'denied' });
    // Longer than the identity's activity-write delay (250 ms).
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect(storedKeys()).toEqual([]);
  });
});

describe('consent: Global Privacy Control', () => {
  it('on, with no consent set: starts denied and says so in one line', async () => {
    setGpc(true);
    const { client, sent, init, log } = createClient();
    await init();
    client.track('Under GPC');
    await settle();
    expect(sent()).toEqual([]);
    expect(storedKeys()).toEqual([]);
    expect(log.warn.mock.calls.filter((call) => String(call[0]).includes('Global Privacy Control'))).toHaveLength(1);
    client.setConsent('granted'); // the user opted in: that wins
    client.track('Opted in');
    await settle();
    await client.flush().promise;
    expect(sent().map((event) => event.event_type)).toEqual(['Opted in']);
  });

  it('respectGlobalPrivacyControl: false, or an explicit consent, ignores it', async () => {
    setGpc(true);
    for (const options of [{ respectGlobalPrivacyControl: false }, { consent: 'granted' as const }]) {
      const { client, sent, init } = createClient();
      await init(options);
      client.track('Sent');
      await settle();
      await client.flush().promise;
      expect(sent().map((event) => event.event_type)).toEqual(['Sent']);
    }
  });
});

describe('consent: cookieless measurement', () => {
  it('when denied: sends with a page-life device id, no user id, stores nothing; identity calls are ignored', async () => {
    localStorage.setItem(IDENTITY_KEY, encodeIdentity({ deviceId: 'stored-device-id', userId: 'stored-user' }));
    const { client, sent, init, log } = createClient();
    await init({ consent: 'denied', cookieless: 'when_denied', userId: 'option-user' });
    client.setUserId('user@example.com');
    client.setDeviceId('chosen-device-id');
    client.identify(new Identify().set('plan', 'pro'));
    client.track('Counted');
    await settle();
    await client.flush().promise;
    const events = sent();
    expect(events.map((event) => event.event_type)).toEqual(['Counted']);
    expect(events[0].user_id).toBeUndefined();
    expect(events[0].device_id).not.toMatch(/stored-device-id|chosen-device-id/);
    expect(storedKeys()).toEqual([]);
    expect(
      log.warn.mock.calls.map((call) => String(call[0])).filter((line) => line.includes('cookieless')),
    ).toHaveLength(3);
  });

  it('granted then denied: a new device id and session, the old identity erased', async () => {
    const { client, sent, init } = createClient();
    await init({ cookieless: 'when_denied', userId: 'known-user' });
    client.track('Granted');
    await settle();
    const before = client.getDeviceId();
    client.setConsent('denied');
    client.track('Cookieless');
    await settle();
    await client.flush().promise;
    const last = sent().find((event) => event.event_type === 'Cookieless') as Event;
    expect(last.device_id).not.toBe(before);
    expect(last.user_id).toBeUndefined();
    expect(storedKeys()).toEqual([]);
  });
});

describe('setConsent', () => {
  it('refuses anything but the three states, and changes nothing', async () => {
    const { client, sent, init, log } = createClient();
    await init();
    client.setConsent('yes' as never);
    client.track('Still sent');
    await settle();
    await client.flush().promise;
    expect(log.error).toHaveBeenCalledWith(expect.stringContaining('setConsent needs'));
    expect(sent().map((event) => event.event_type)).toEqual(['Still sent']);
  });
});

describe('consent: onDelivery hears of consent drops', () => {
  it('discarded on denial and past the hold: each a dropped report with its reason, as its promise says', async () => {
    const { client, init } = createClient();
    const reports: DeliveryReport[] = [];
    client.onDelivery((report) => void reports.push(report)); // before init, as apps do
    await init({ consent: 'pending' });
    for (let index = 0; index < 1002; index++) client.track(`Event ${index}`);
    const kept = client.track('Kept');
    await settle();
    expect(reports.map((report) => [report.event.event_type, report.outcome, report.reason, report.code])).toEqual([
      ['Event 0', 'dropped', 'consent_hold_full', 0],
      ['Event 1', 'dropped', 'consent_hold_full', 0],
      ['Event 2', 'dropped', 'consent_hold_full', 0],
    ]);
    client.setConsent('denied');
    client.track('After denial');
    await settle();
    expect(reports).toHaveLength(1003 + 1);
    const last = reports[reports.length - 1];
    expect(last).toMatchObject({ outcome: 'dropped', reason: 'consent_denied', code: 0 });
    expect(last.event.event_type).toBe('After denial');
    const keptReport = reports.find((report) => report.event.event_type === 'Kept') as DeliveryReport;
    const keptResult = await kept.promise;
    expect(keptReport).toMatchObject({ reason: 'consent_denied', code: keptResult.code, message: keptResult.message });
    expect(client.getDeliveryStats().dropped).toEqual({ consent_hold_full: 3, consent_denied: 1001 });
  });

  it('a listener added while consent was pending hears of the events sent once it is granted', async () => {
    const { client, init } = createClient();
    await init({ consent: 'pending' });
    const reports: DeliveryReport[] = [];
    client.onDelivery((report) => void reports.push(report));
    client.track('Held');
    client.setConsent('granted');
    await settle();
    await client.flush().promise;
    expect(reports.map((report) => [report.event.event_type, report.outcome])).toEqual([['Held', 'sent']]);
  });
});

describe('consent: plugins added with add() wait for it', () => {
  /** A plugin that stores, listens and sees events, as an app's own might. */
  const appPlugin = (name: string, consentSafe?: boolean) => {
    const seen: string[] = [];
    const plugin: Plugin & { seen: string[]; setups: number; teardowns: number } = {
      name,
      consentSafe,
      seen,
      setups: 0,
      teardowns: 0,
      setup() {
        plugin.setups++;
        localStorage.setItem(`${name}_key`, 'stored');
      },
      execute: async (event: Event) => (seen.push(event.event_type), event),
      teardown() {
        plugin.teardowns++;
      },
    };
    return plugin;
  };

  it('pending: not set up (nothing stored); granted: set up before the held events go; denied: torn down', async () => {
    const { client, init } = createClient();
    const early = appPlugin('early');
    void client.add(early); // before init
    await init({ consent: 'pending' });
    const late = appPlugin('late');
    expect(await client.add(late).promise).toMatchObject({ message: 'Plugin held until consent is granted' });
    client.track('Held');
    await settle();
    expect([early.setups, late.setups]).toEqual([0, 0]);
    expect(storedKeys()).toEqual([]);

    client.setConsent('granted');
    await settle();
    expect([early.setups, late.setups]).toEqual([1, 1]);
    expect([early.seen, late.seen]).toEqual([['Held'], ['Held']]);

    client.setConsent('denied');
    await settle();
    expect([early.teardowns, late.teardowns]).toEqual([1, 1]);
    client.track('Denied');
    await settle();
    expect(late.seen).toEqual(['Held']);
  });

  it('a plugin that declares consentSafe is set up at once; one removed while held is never set up', async () => {
    const { client, init } = createClient();
    await init({ consent: 'pending' });
    const safe = appPlugin('safe', true);
    const removed = appPlugin('removed');
    await client.add(safe).promise;
    await client.add(removed).promise;
    await client.remove('removed').promise;
    expect(safe.setups).toBe(1);
    client.setConsent('granted');
    await settle();
    expect([safe.setups, removed.setups]).toEqual([1, 0]);
  });

  it('a consentSafe plugin stays set up through every change (only what consent allowed is torn down)', async () => {
    const { client, init } = createClient();
    await init({ consent: 'pending' });
    const safe = appPlugin('safe', true);
    await client.add(safe).promise;
    for (const consent of ['granted', 'denied', 'pending', 'granted'] as const) {
      client.setConsent(consent);
      await settle();
    }
    client.track('After');
    await settle();
    expect([safe.setups, safe.teardowns]).toEqual([1, 0]);
    expect(safe.seen).toContain('After');
  });
});
