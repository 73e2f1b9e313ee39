/**
 * The public API's types, checked by tsc: what a TypeScript app may write compiles, and the
 * usual mistakes do not (each `@ts-expect-error` row fails the test if the line compiles).
 */
import { describe, expectTypeOf, test } from 'vitest';
import {
  add,
  createInstance,
  getDeliveryStats,
  Identify,
  init,
  LogLevel,
  OfflineDisabled,
  onDelivery,
  remove,
  Revenue,
  setConsent,
  setOffline,
  setTransport,
  track,
  Types,
  type AutocaptureOptions,
  type BrowserOptions,
  type ConsentState,
  type DeliveryReport,
  type DeliveryStats,
  type Event,
  type EventOptions,
  type Plugin,
  type Result,
  type ResultPromise,
} from '@sightline/browser';
import * as lite from '@sightline/browser/lite';
import type { AttributionOptions } from '@sightline/plugin-attribution';
import type {
  ElementInteractionsOptions,
  FrustrationInteractionsOptions,
} from '@sightline/plugin-element-interactions';
import type { FileDownloadsOptions } from '@sightline/plugin-file-downloads';
import type { FormInteractionsOptions } from '@sightline/plugin-form-interactions';
import type { NetworkTrackingOptions } from '@sightline/plugin-network-requests';
import type { PageUrlEnrichmentOptions } from '@sightline/plugin-page-url-enrichment';
import { pageViewsPlugin, type PageViewsOptions } from '@sightline/plugin-page-views';
import type { WebVitalsOptions } from '@sightline/plugin-web-vitals';

const KEY = 'API_KEY';

describe('init: the four documented forms', () => {
  test('init(apiKey), init(apiKey, options), init(apiKey, userId), init(apiKey, userId, options)', () => {
    expectTypeOf(init(KEY)).toEqualTypeOf<ResultPromise>();
    expectTypeOf(init(KEY, { flushIntervalMillis: 500 })).toEqualTypeOf<ResultPromise>();
    expectTypeOf(init(KEY, 'user@example.com')).toEqualTypeOf<ResultPromise>();
    expectTypeOf(init(KEY, 'user@example.com', { serverZone: 'EU' })).toEqualTypeOf<ResultPromise>();
    // The documented examples pass null or undefined for "no user id yet".
    init(KEY, null, { deviceId: 'device-123', sessionId: 1716245958483 });
    init(KEY, undefined, { identityStorage: 'localStorage' });
    expectTypeOf(init(KEY).promise).resolves.toEqualTypeOf<Result>();
  });

  test('every documented option, and the Sightline extensions', () => {
    const options: BrowserOptions = {
      instanceName: 'second-project',
      flushIntervalMillis: 1000,
      flushQueueSize: 30,
      flushMaxRetries: 5,
      logLevel: LogLevel.Warn,
      loggerProvider: { log() {}, warn() {}, error() {}, debug() {}, enable() {}, disable() {} },
      minIdLength: 5,
      optOut: false,
      serverUrl: 'https://collector.example.com/2/httpapi',
      serverZone: 'US',
      useBatch: false,
      appVersion: '1.0.0',
      autocapture: true,
      deviceId: 'device-123',
      userId: 'user@example.com',
      sessionId: 1716245958483,
      identify: new Identify().set('plan', 'pro'),
      cookieOptions: { domain: '.example.com', expiration: 365, sameSite: 'Lax', secure: true, upgrade: true },
      identityStorage: 'cookie',
      partnerId: 'partner',
      sessionTimeout: 30 * 60 * 1000,
      trackingOptions: { ipAddress: false, language: true, platform: true, osName: false, userAgent: false },
      transport: { type: 'fetch', headers: { 'X-Env': 'staging' } },
      enableRequestBodyCompression: true,
      offline: OfflineDisabled,
      maxStoredEvents: 5000,
      remoteConfig: { fetchRemoteConfig: false, serverUrl: 'https://config.example.com' },
    };
    init(KEY, options);
    init(KEY, { logLevel: Types.LogLevel.Debug, transport: Types.TransportType.SendBeacon, offline: true });
    init(KEY, { defaultTracking: false });
  });

  test('a misspelled option, a wrong value or a wrong API key does not compile', () => {
    // @ts-expect-error: no option serverUrll
    init(KEY, { serverUrll: 'typo' });
    // @ts-expect-error: autocapture takes a boolean or its options object
    init(KEY, { autocapture: 'yes' });
    // @ts-expect-error: only the documented zones
    init(KEY, 'user', { serverZone: 'ASIA' });
    // @ts-expect-error: logLevel is a LogLevel value, not its name
    init(KEY, { logLevel: 'LogLevel.None' });
    // @ts-expect-error: tracking options are booleans
    init(KEY, { trackingOptions: { ipAddress: 'no' } });
    // @ts-expect-error: SameSite has three values
    init(KEY, { cookieOptions: { sameSite: 'Sometimes' } });
    // @ts-expect-error: header values are strings
    init(KEY, { transport: { type: 'fetch', headers: { 'X-Retry': 1 } } });
    // @ts-expect-error: the API key is a string
    init(42);
  });
});

describe('autocapture: each feature takes true, false or its plugin options', () => {
  test('each key is typed with the options its plugin exports', () => {
    expectTypeOf<AutocaptureOptions['attribution']>().toEqualTypeOf<boolean | AttributionOptions | undefined>();
    expectTypeOf<AutocaptureOptions['pageViews']>().toEqualTypeOf<boolean | PageViewsOptions | undefined>();
    expectTypeOf<AutocaptureOptions['sessions']>().toEqualTypeOf<boolean | undefined>();
    expectTypeOf<AutocaptureOptions['formInteractions']>().toEqualTypeOf<
      boolean | FormInteractionsOptions | undefined
    >();
    expectTypeOf<AutocaptureOptions['fileDownloads']>().toEqualTypeOf<boolean | FileDownloadsOptions | undefined>();
    expectTypeOf<AutocaptureOptions['pageUrlEnrichment']>().toEqualTypeOf<
      boolean | PageUrlEnrichmentOptions | undefined
    >();
    expectTypeOf<AutocaptureOptions['elementInteractions']>().toEqualTypeOf<
      boolean | ElementInteractionsOptions | undefined
    >();
    expectTypeOf<AutocaptureOptions['frustrationInteractions']>().toEqualTypeOf<
      boolean | FrustrationInteractionsOptions | undefined
    >();
    expectTypeOf<AutocaptureOptions['networkTracking']>().toEqualTypeOf<boolean | NetworkTrackingOptions | undefined>();
    expectTypeOf<AutocaptureOptions['webVitals']>().toEqualTypeOf<boolean | WebVitalsOptions | undefined>();
  });

  test('true, false and options objects for every key', () => {
    init(KEY, { autocapture: false });
    init(KEY, {
      autocapture: {
        attribution: true,
        pageViews: true,
        sessions: true,
        formInteractions: true,
        fileDownloads: true,
        pageUrlEnrichment: true,
        elementInteractions: true,
        frustrationInteractions: true,
        networkTracking: true,
        webVitals: true,
      },
    });
    init(KEY, {
      autocapture: {
        attribution: false,
        pageViews: false,
        sessions: false,
        formInteractions: false,
        fileDownloads: false,
        pageUrlEnrichment: false,
        elementInteractions: false,
        frustrationInteractions: false,
        networkTracking: false,
        webVitals: false,
      },
    });
    init(KEY, {
      autocapture: {
        attribution: {
          trackingMethod: 'eventProperty',
          excludeReferrers: [/example\.com$/],
          initialEmptyValue: 'none',
        },
        pageViews: { trackOn: 'attribution', trackHistoryChanges: 'pathOnly', eventType: 'Page Viewed' },
        formInteractions: { shouldTrackSubmit: (event) => event.submitter !== null },
        fileDownloads: { additionalFileExtensions: ['dmg'] },
        pageUrlEnrichment: { internalDomains: ['shop.example.com'] },
        elementInteractions: { cssSelectorAllowlist: ['button', '[data-track]'], dataAttributePrefix: 'data-track-' },
        frustrationInteractions: { rageClicks: true, deadClicks: { cssSelectorAllowlist: ['button'] } },
        networkTracking: { ignoreHosts: ['*.internal.example.com'], captureRules: [{ statusCodeRange: '400-599' }] },
        webVitals: { reportSoftNavs: false },
      },
    });
  });

  test('an unknown feature or an option of the wrong feature does not compile', () => {
    // @ts-expect-error: no feature nope
    init(KEY, { autocapture: { nope: true } });
    // @ts-expect-error: trackHistoryChanges is 'all' or 'pathOnly'
    init(KEY, { autocapture: { pageViews: { trackHistoryChanges: 'sometimes' } } });
    // @ts-expect-error: a page views option given to web vitals
    init(KEY, { autocapture: { webVitals: { eventType: 'Vitals' } } });
  });
});

describe('events', () => {
  test('track by name or by event object, with properties and eventOptions', () => {
    expectTypeOf(track('Signed Up')).toEqualTypeOf<ResultPromise>();
    track('Signed Up', { plan: 'pro', seats: 3 }, { time: Date.now(), user_id: 'user@example.com' });
    const event: Event = { event_type: 'Signed Up', event_properties: { plan: 'pro' }, groups: { org: ['a', 'b'] } };
    track(event);
    expectTypeOf(track('x').promise).resolves.toEqualTypeOf<Result>();
    expectTypeOf<Result>().toEqualTypeOf<{ event: Event; code: number; message: string }>();
    expectTypeOf<EventOptions['time']>().toEqualTypeOf<number | undefined>();
  });

  test('track without an event type, or with eventOptions of the wrong shape, does not compile', () => {
    // @ts-expect-error: an event type is required
    track();
    // @ts-expect-error: an event object needs its event_type
    track({ event_properties: { plan: 'pro' } });
    // @ts-expect-error: time is a ms epoch number
    track('Signed Up', {}, { time: 'now' });
    // @ts-expect-error: eventOptions use the wire names (user_id)
    track('Signed Up', {}, { userId: 'user@example.com' });
  });

  test('Identify and Revenue take the documented value types', () => {
    new Identify().set('plan', 'pro').setOnce('first', true).add('logins', 1).append('tags', ['a']).unset('old');
    new Revenue().setProductId('sku').setPrice(9.99).setQuantity(2).setRevenueType('purchase').setCurrency('EUR');
    // @ts-expect-error: a price is a number
    new Revenue().setPrice('1');
    new Identify().set('address', { city: 'Lyon', codes: [69001, 69002] }).postInsert('visits', ['home', 2]);
    // @ts-expect-error: add increments by a number
    new Identify().add('logins', '1');
    // @ts-expect-error: a user property is not undefined (unset removes one)
    new Identify().set('plan', undefined);
    // @ts-expect-error: a function is no user property
    new Identify().setOnce('callback', () => 1);
  });
});

describe('plugins', () => {
  test('the documented plugin shapes: enrichment (the default type), before, destination', () => {
    add({
      name: 'tag-app',
      execute: async (event) => ({ ...event, event_properties: { ...event.event_properties, app: 'web' } }),
    });
    add({ name: 'drop-internal', type: 'before', execute: (event) => (event.user_id === 'internal' ? null : event) });
    add({
      name: 'console',
      type: 'destination',
      setup: async () => undefined,
      execute: async (event) => ({ event, code: 200, message: 'logged' }),
      teardown: async () => undefined,
    });
    add(pageViewsPlugin({ trackHistoryChanges: 'all' }));
    const typed: Plugin = { name: 'typed', type: Types.PluginType.ENRICHMENT };
    add(typed);
    expectTypeOf(remove('typed')).toEqualTypeOf<ResultPromise>();
  });

  test(
    'a plugin of no known shape, without a name, of an unknown type or a ' +
      'destination that sends nothing does not compile',
    () => {
      // @ts-expect-error: not a plugin member
      add({ nope: true });
      // @ts-expect-error: a plugin has a name (remove(name) finds it; names are unique per instance)
      add({ type: 'enrichment', execute: (event: Event) => event });
      // @ts-expect-error: type is 'before', 'enrichment' or 'destination'
      add({ name: 'sideways', type: 'sideways' });
      // @ts-expect-error: a destination must execute (and answer with a Result)
      add({ name: 'nowhere', type: 'destination' });
      // @ts-expect-error: a destination answers with { event, code, message }
      add({ name: 'half', type: 'destination', execute: async (event: Event) => event });
    },
  );
});

describe('Sightline extensions', () => {
  test('consent: states, cookieless measurement and Global Privacy Control', () => {
    const options: BrowserOptions = {
      consent: 'pending',
      cookieless: 'when_denied',
      respectGlobalPrivacyControl: false,
    };
    void options;
    setConsent('granted');
    setConsent('denied');
    createInstance().setConsent('pending');
    expectTypeOf(setConsent).parameter(0).toEqualTypeOf<ConsentState>();
    // @ts-expect-error: granted, pending or denied
    setConsent(true);
    // @ts-expect-error: never, when_denied or always
    init(KEY, { cookieless: 'sometimes' });
    // @ts-expect-error: a boolean
    init(KEY, { respectGlobalPrivacyControl: 'yes' });
  });

  test('delivery report, offline control and transport switch', () => {
    expectTypeOf(getDeliveryStats()).toEqualTypeOf<DeliveryStats>();
    expectTypeOf(onDelivery((report: DeliveryReport) => void report.outcome)).toEqualTypeOf<() => void>();
    setOffline(true);
    setOffline(OfflineDisabled);
    setTransport('beacon');
    setTransport({ type: 'xhr', headers: { 'X-Env': 'staging' } });
    // @ts-expect-error: true, false or OfflineDisabled
    setOffline('yes');
    // @ts-expect-error: fetch, xhr or beacon
    setTransport('carrier-pigeon');
  });

  test('named instances and the lean entry have the same typed API', () => {
    const instance = createInstance();
    instance.init(KEY, { instanceName: 'second' });
    lite.init(KEY, 'user', { autocapture: { sessions: false } });
    expectTypeOf(lite.init).toEqualTypeOf(init);
    expectTypeOf(lite.createInstance().init).toEqualTypeOf(instance.init);
    // @ts-expect-error: a misspelled option, on an instance too
    instance.init(KEY, { flushIntervalMilis: 10 });
  });
});
