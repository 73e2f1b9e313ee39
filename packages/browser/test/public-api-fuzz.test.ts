/**
 * Seeded fuzz of the public API (docs/architecture.md, "Never throw into the host page").
 *
 * For each seed, a fresh `createInstance()` from the full entry gets CALLS_PER_SEED random calls
 * of every public method with hostile arguments; then the invariants are checked, the seed in
 * every message (`FUZZ_SEEDS=17 pnpm exec vitest run --project unit <this file>` replays one):
 *   1. no call throws synchronously;
 *   2. every `{ promise }` resolves, never rejects, to `{ event, code, message }`;
 *   3. no unhandled rejection and no uncaught error;
 *   4. after a fresh init, a valid `track('Sentinel', { ok: 1 })` still reaches the wire;
 *   5. everything the delivery destination is handed is JSON with a string `event_type` (but for
 *      the non-JSON events hostile plugins make, which never reach the wire), and so is every
 *      event on the wire;
 *   6. consent (`setConsent` with valid and bad states): a probe tracked while consent is denied is
 *      dropped as `consent_denied` and never sent; one tracked while it is pending is sent only if a
 *      later call could grant it (`setConsent('granted')`, an init); after a final denial the
 *      identity is stored nowhere and nothing more is sent.
 * The network is replaced by recording fetch / XHR / sendBeacon stubs that answer 200, and time
 * is fake and advanced in bounded steps, so a run is repeatable and no promise can hang it.
 */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Event, Logger, Plugin, Result } from '@sightline/core';
import { createInstance, Identify, Revenue, type BrowserClient } from '../src/index.js';
import { mulberry32 } from '@sightline/test-utils';
import { storageKey } from '../src/identity-storage.js';

/** What the delivery destination was handed (before encoding), recorded by wrapping the real destination. */
const destination = vi.hoisted(() => ({ events: [] as unknown[] }));

vi.mock('../src/delivery/create-browser-delivery.js', async (importOriginal) => {
  const actual = await importOriginal<typeof import('../src/delivery/create-browser-delivery.js')>();
  return {
    ...actual,
    createBrowserDelivery: (...args: Parameters<typeof actual.createBrowserDelivery>) => {
      const delivery = actual.createBrowserDelivery(...args);
      const accept = delivery.execute as (event: Event) => Promise<Result>;
      delivery.execute = (event: Event) => {
        destination.events.push(event);
        return accept(event);
      };
      return delivery;
    },
  };
});

// ------------------------------------------------------------------ seeds and randomness

/** 60 fixed seeds; `FUZZ_SEEDS=3,17` runs those instead (to replay a failure, or to explore more). */
const SEEDS = process.env.FUZZ_SEEDS
  ? process.env.FUZZ_SEEDS.split(',').map(Number)
  : Array.from({ length: 60 }, (_, index) => index + 1);
const CALLS_PER_SEED = 40;

interface Random {
  (): number;
  int(below: number): number;
  chance(probability: number): boolean;
  pick<T>(items: readonly T[]): T;
}

const randomFor = (seed: number): Random => {
  const next = mulberry32(seed) as Random;
  next.int = (below) => Math.floor(next() * below);
  next.chance = (probability) => next() < probability;
  next.pick = (items) => items[next.int(items.length)];
  return next;
};

// ------------------------------------------------------------------ hostile values

const thrower = (what: string) => () => {
  throw new Error(`fuzz: ${what}`);
};

/** A Proxy whose every trap throws: even `String(value)` and `x instanceof Date` throw. */
const throwingProxy = (target: object = {}): object => {
  const traps = [
    'get',
    'set',
    'has',
    'deleteProperty',
    'ownKeys',
    'getOwnPropertyDescriptor',
    'defineProperty',
    'getPrototypeOf',
    'setPrototypeOf',
    'isExtensible',
    'preventExtensions',
    'apply',
    'construct',
  ];
  const handler = Object.fromEntries(traps.map((trap) => [trap, thrower(`proxy ${trap}`)]));
  return new Proxy(target, handler);
};

const revokedProxy = (): object => {
  const { proxy, revoke } = Proxy.revocable({}, {});
  revoke();
  return proxy;
};

const deepObject = (depth: number): object => {
  const root: Record<string, unknown> = {};
  let node = root;
  for (let level = 0; level < depth; level++) node = node.next = { level };
  return root;
};

const circularObject = (): object => {
  const node: Record<string, unknown> = { name: 'loop', list: [] };
  node.self = node;
  (node.list as unknown[]).push(node);
  return node;
};

class Widget {
  #secret = 1;
  visible = 'yes';
  get computed() {
    return this.#secret;
  }
}

/** The hostile values, each made by a factory so that no two calls share one. */
const HOSTILE_VALUES: [name: string, make: () => unknown][] = [
  ['undefined', () => undefined],
  ['null', () => null],
  ['NaN', () => NaN],
  ['Infinity', () => Infinity],
  ['-Infinity', () => -Infinity],
  ['-0', () => -0],
  ['huge number', () => Number.MAX_VALUE],
  ['unsafe integer', () => 2 ** 60],
  ['negative', () => -12345],
  ['fraction', () => 0.5],
  ['BigInt', () => BigInt('123456789012345678901234567890')],
  ['Symbol', () => Symbol('fuzz')],
  ['empty string', () => ''],
  ['whitespace', () => '   '],
  ['very long string', () => 'x'.repeat(100_000)],
  ['unicode', () => 'Grüße 日本語 🎉 \u202e\u0000 مرحبا'],
  ['lone surrogate', () => 'a\ud800b\udfff'],
  ['__proto__', () => '__proto__'],
  ['function', () => () => 'fn'],
  ['throwing function', () => thrower('function called')],
  // Resolves: a rejection the app creates in a callback the SDK calls without awaiting (a trackOn
  // predicate) is the app's own unhandled rejection. onDelivery listeners that reject: see randomCall.
  ['async function', () => async () => 'async'],
  ['Date', () => new Date(0)],
  ['invalid Date', () => new Date(NaN)],
  ['RegExp', () => /fuzz.*/gi],
  [
    'Map',
    () =>
      new Map<unknown, unknown>([
        ['a', 1],
        [{}, 2],
      ]),
  ],
  ['Set', () => new Set([1, 'two', {}])],
  ['Uint8Array', () => new Uint8Array([1, 2, 3])],
  ['Float64Array', () => new Float64Array([NaN, Infinity])],
  ['ArrayBuffer', () => new ArrayBuffer(8)],
  // eslint-disable-next-line no-sparse-arrays
  ['array with holes', () => [1, , 3, , undefined]],
  ['empty sparse array', () => new Array(1000)],
  ['deep object (200)', () => deepObject(200)],
  ['circular object', circularObject],
  ['throwing getter', () => Object.defineProperty({ ok: 1 }, 'boom', { enumerable: true, get: thrower('getter') })],
  [
    'throwing toString/toJSON/valueOf',
    () => ({ toString: thrower('toString'), toJSON: thrower('toJSON'), valueOf: thrower('valueOf') }),
  ],
  ['throwing Symbol.toPrimitive', () => ({ [Symbol.toPrimitive]: thrower('toPrimitive') })],
  ['throwing Proxy', () => throwingProxy()],
  ['throwing Proxy of an array', () => throwingProxy([])],
  ['throwing Proxy of a function', () => throwingProxy(() => undefined)],
  ['revoked Proxy', revokedProxy],
  ['null-prototype object', () => Object.assign(Object.create(null), { a: 1, nested: Object.create(null) })],
  ['frozen object', () => Object.freeze({ frozen: true, inner: Object.freeze([1, 2]) })],
  ['class instance', () => new Widget()],
  ['Error', () => new Error('an error value')],
  ['resolved Promise', () => Promise.resolve(1)],
  ['object with hostile keys', () => ({ '': 1, __proto__: { inherited: 1 }, constructor: 'c', ['\ud800']: 2 })],
  ['plain object', () => ({ plain: true, n: 1 })],
  ['string', () => 'fuzz-value'],
  ['number', () => 42],
  ['boolean', () => true],
];

const hostile = (random: Random, depth = 0): unknown => {
  // Now and then a container holding more hostility, as apps nest their data.
  if (depth < 2 && random.chance(0.12)) {
    const items = Array.from({ length: 1 + random.int(3) }, () => hostile(random, depth + 1));
    return random.chance(0.5) ? items : Object.fromEntries(items.map((item, index) => [`k${index}`, item]));
  }
  return random.pick(HOSTILE_VALUES)[1]();
};

/** Mostly hostile, sometimes what the option or argument expects. */
const maybeValid = (random: Random, valid: unknown[]): unknown =>
  random.chance(0.35) ? random.pick(valid) : hostile(random);

// ------------------------------------------------------------------ hostile options and plugins

/** Every documented option with a few values it accepts. */
const OPTION_SAMPLES: { [name: string]: unknown[] } = {
  instanceName: ['fuzz-instance', 'other'],
  flushIntervalMillis: [0, 10, 1000],
  flushQueueSize: [1, 5, 30],
  flushMaxRetries: [1, 3, 5],
  logLevel: [0, 1, 2],
  loggerProvider: [
    { log() {}, warn() {}, error() {}, debug() {}, enable() {}, disable() {} },
    // The right shape, but app code that throws, like a throwing plugin.
    {
      log: thrower('log'),
      warn: thrower('warn'),
      error: thrower('error'),
      debug: thrower('debug'),
      enable: thrower('enable'),
      disable: thrower('disable'),
    },
  ],
  minIdLength: [1, 5],
  optOut: [true, false],
  serverUrl: ['https://collector.example/2/httpapi', '/relative/endpoint'],
  serverZone: ['US', 'EU'],
  useBatch: [true, false],
  appVersion: ['1.2.3'],
  deviceId: ['device-from-options'],
  userId: ['user-from-options'],
  sessionId: [1_700_000_000_000],
  identify: [new Identify().set('plan', 'pro')],
  identityStorage: ['cookie', 'localStorage', 'sessionStorage', 'none'],
  partnerId: ['partner'],
  sessionTimeout: [1, 60_000],
  storageProvider: [{ put: async () => {}, getAll: async () => [], remove: async () => {} }],
  transport: ['fetch', 'xhr', 'beacon', { type: 'fetch', headers: { 'X-Fuzz': '1' } }],
  enableRequestBodyCompression: [true, false],
  offline: [true, false, null],
  maxStoredEvents: [1, 100],
  remoteConfig: [{}],
  cookieOptions: [{ domain: '', expiration: 1, sameSite: 'Strict', secure: false, upgrade: true }],
  trackingOptions: [{ ipAddress: false, language: true }],
  defaultTracking: [false, true],
};

/** Each autocapture feature's documented options. */
const AUTOCAPTURE_OPTIONS: { [feature: string]: string[] } = {
  sessions: [],
  attribution: [
    'trackingMethod',
    'fallbackAttributionEvent',
    'excludeReferrers',
    'excludeInternalReferrers',
    'initialEmptyValue',
    'resetSessionOnNewCampaign',
    'siteDomain',
  ],
  pageViews: ['trackOn', 'trackHistoryChanges', 'eventType'],
  formInteractions: ['shouldTrackSubmit'],
  fileDownloads: ['fileExtensions', 'additionalFileExtensions'],
  fileDownload: ['fileExtensions'],
  pageUrlEnrichment: ['internalDomains'],
  elementInteractions: [
    'cssSelectorAllowlist',
    'actionClickAllowlist',
    'pageUrlAllowlist',
    'pageUrlExcludelist',
    'shouldTrackEventResolver',
    'dataAttributePrefix',
    'maskTextRegex',
    'visualTaggingOptions',
    'privacyLevel',
  ],
  frustrationInteractions: [
    'rageClicks',
    'deadClicks',
    'errorClicks',
    'thrashedCursor',
    'pageUrlAllowlist',
    'maskTextRegex',
    'privacyLevel',
  ],
  networkTracking: ['captureRules', 'ignoreHosts', 'ignoreAmplitudeRequests'],
  webVitals: ['reportSoftNavs'],
};

const CAPTURE_RULE_KEYS = [
  'urls',
  'hosts',
  'methods',
  'statusCodeRange',
  'requestHeaders',
  'responseHeaders',
  'requestBody',
  'responseBody',
];

/** An object with some of `keys`, each given a hostile value; now and then one is a getter that throws. */
const hostileShape = (random: Random, keys: string[]): Record<string, unknown> => {
  const shape = Object.fromEntries(keys.filter(() => random.chance(0.6)).map((key) => [key, hostile(random)]));
  if (random.chance(0.08))
    Object.defineProperty(shape, random.pick(keys), { enumerable: true, configurable: true, get: thrower('getter') });
  return shape;
};

const hostileAutocapture = (random: Random): unknown => {
  if (random.chance(0.3)) return hostile(random);
  const setting: Record<string, unknown> = {};
  for (const [feature, keys] of Object.entries(AUTOCAPTURE_OPTIONS)) {
    if (!random.chance(0.5)) continue;
    if (random.chance(0.3)) setting[feature] = hostile(random);
    else if (feature === 'networkTracking' && random.chance(0.5)) {
      setting[feature] = {
        captureRules: [hostileShape(random, CAPTURE_RULE_KEYS), hostile(random)],
        ignoreHosts: hostile(random),
      };
    } else setting[feature] = hostileShape(random, keys);
  }
  return setting;
};

const hostileOptions = (random: Random): unknown => {
  if (random.chance(0.15)) return hostile(random);
  const options: Record<string, unknown> = {};
  for (const [name, samples] of Object.entries(OPTION_SAMPLES)) {
    if (random.chance(0.35)) options[name] = maybeValid(random, samples);
  }
  if (random.chance(0.7)) options.autocapture = hostileAutocapture(random);
  // Hostile options with a logger that stays silent keep the run fast and its output readable.
  if (options.loggerProvider === undefined && random.chance(0.8))
    options.loggerProvider = OPTION_SAMPLES.loggerProvider[0];
  if (random.chance(0.1))
    Object.defineProperty(options, 'flushQueueSize', { enumerable: true, get: thrower('option getter') });
  return options;
};

/** The event type of the non-JSON events hostile plugins make (invariant 5 lets only them through). */
const UNENCODABLE_EVENT_TYPE = 'Plugin Made Unencodable';

/** What a misbehaving hook returns instead of an event; the SDK calls these itself. */
const GARBAGE: (() => unknown)[] = [
  () => 5,
  () => 'not an event',
  () => ({}),
  () => ({ event_type: 42 }),
  // A new event in place of the one given; or one JSON cannot encode, which the delivery engine
  // drops (as unencodable) without holding back the other events of its batch.
  () => ({ event_type: 'Plugin Made', event_properties: { replaced: true } }),
  () => ({ event_type: UNENCODABLE_EVENT_TYPE, event_properties: { big: BigInt(1), loop: circularObject() } }),
  () => ({ event: null, code: 'x', message: 7 }),
  () => throwingProxy(),
  () => Promise.resolve({ not: 'an event' }),
];

/** Hooks the SDK awaits may also reject; `capture` is synchronous, so it does not. */
const ASYNC_GARBAGE: (() => unknown)[] = [...GARBAGE, () => Promise.reject(new Error('fuzz: async hook'))];

/**
 * Plugins that misbehave in every documented hook, or are not plugins at all. Each
 * hook's behaviour is drawn here, not when the SDK calls it, so the random stream of a seed
 * does not depend on the SDK's timing.
 */
const hostilePlugin = (random: Random): unknown => {
  if (random.chance(0.2)) return hostile(random);
  const plugin: Record<string, unknown> = {};
  if (random.chance(0.8)) plugin.name = maybeValid(random, ['fuzz-plugin', 'sightline-delivery', 'sightline-context']);
  if (random.chance(0.7)) plugin.type = maybeValid(random, ['before', 'enrichment', 'destination']);
  if (random.chance(0.05)) Object.defineProperty(plugin, 'type', { enumerable: true, get: thrower('type getter') });
  const hook = (name: string, garbage: (() => unknown)[], valid?: (event: Event) => Event) => {
    const behaviour = random.int(4);
    if (behaviour === 0) Object.defineProperty(plugin, name, { enumerable: true, get: thrower(`${name} getter`) });
    else plugin[name] = behaviour === 1 ? thrower(name) : behaviour === 2 || !valid ? random.pick(garbage) : valid;
  };
  if (random.chance(0.5)) hook('setup', ASYNC_GARBAGE);
  if (random.chance(0.7)) hook('execute', ASYNC_GARBAGE, (event) => event);
  if (random.chance(0.3)) hook('capture', GARBAGE);
  if (random.chance(0.3)) hook('flush', ASYNC_GARBAGE);
  if (random.chance(0.4)) hook('teardown', ASYNC_GARBAGE);
  return plugin;
};

const IDENTIFY_OPERATIONS = [
  'set',
  'setOnce',
  'add',
  'append',
  'prepend',
  'preInsert',
  'postInsert',
  'remove',
  'unset',
  'clearAll',
] as const;

/** A real Identify fed hostile keys and values, or something that only looks like one. */
const hostileIdentify = (random: Random, calls: CallLog): unknown => {
  if (random.chance(0.25)) {
    return random.pick<() => unknown>([
      () => hostile(random),
      () => ({ getUserProperties: thrower('getUserProperties') }),
      () => ({ getUserProperties: () => hostile(random), problems: hostile(random) }),
    ])();
  }
  const identify = new Identify();
  for (let i = random.int(5); i > 0; i--) {
    const operation = random.pick(IDENTIFY_OPERATIONS);
    const key = maybeValid(random, ['plan', 'count', 'tags']);
    const value = maybeValid(random, ['pro', 3, ['a', 'b']]);
    calls.run(`Identify.${operation}`, () => (identify[operation] as (k: unknown, v: unknown) => unknown)(key, value));
  }
  return identify;
};

const REVENUE_SETTERS = [
  'setProductId',
  'setQuantity',
  'setPrice',
  'setRevenueType',
  'setCurrency',
  'setRevenue',
  'setReceipt',
  'setReceiptSignature',
  'setEventProperties',
] as const;

const hostileRevenue = (random: Random, calls: CallLog): unknown => {
  if (random.chance(0.25)) {
    return random.pick<() => unknown>([
      () => hostile(random),
      () => ({ getEventProperties: thrower('getEventProperties'), validate: () => undefined }),
      () => ({ getEventProperties: () => hostile(random), validate: thrower('validate') }),
    ])();
  }
  const revenue = new Revenue();
  for (let i = random.int(5); i > 0; i--) {
    const setter = random.pick(REVENUE_SETTERS);
    calls.run(`Revenue.${setter}`, () => (revenue[setter] as (v: unknown) => unknown)(hostile(random)));
  }
  // Half of them valid enough to be sent (price is required).
  if (random.chance(0.5)) revenue.setPrice(9.99);
  return revenue;
};

// ------------------------------------------------------------------ the recording network

const uploads: { url: string; body: string }[] = [];

const record = (url: unknown, body: unknown) =>
  uploads.push({ url: String(url), body: typeof body === 'string' ? body : String(body) });

const ACK = '{"code":200}';

const recordingFetch = async (url: unknown, init?: { body?: unknown }) => {
  record(url, init && init.body);
  return { status: 200, text: async () => ACK, headers: { get: () => null } };
};

class RecordingXhr {
  status = 0;
  responseText = '';
  timeout = 0;
  onload: (() => void) | null = null;
  onerror: (() => void) | null = null;
  ontimeout: (() => void) | null = null;
  onabort: (() => void) | null = null;
  private url = '';
  open(_method: string, url: string) {
    this.url = url;
  }
  setRequestHeader() {}
  getResponseHeader() {
    return null;
  }
  send(body: unknown) {
    record(this.url, body);
    this.status = 200;
    this.responseText = ACK;
    setTimeout(() => this.onload && this.onload(), 1);
  }
}

const recordingBeacon = (url: string, body: unknown) => {
  record(url, body);
  return true;
};

/** Every event on the wire (a body that is not JSON throws here, failing the seed). */
const wireEvents = (): Event[] => uploads.flatMap((upload) => (JSON.parse(upload.body) as { events: Event[] }).events);

// ------------------------------------------------------------------ calls and their outcomes

interface Outcome {
  label: string;
  state: 'pending' | 'resolved' | 'rejected';
  value?: unknown;
}

const safeString = (value: unknown): string => {
  try {
    return value instanceof Error ? `${value.name}: ${value.message}` : String(value);
  } catch {
    return '(unprintable)';
  }
};

/** Runs public calls, records what they throw, and follows every `{ promise }` they return. */
class CallLog {
  readonly throws: string[] = [];
  readonly missingPromises: string[] = [];
  readonly outcomes: Outcome[] = [];
  count = 0;

  constructor(private readonly seed: number) {}

  run(label: string, call: () => unknown, returnsPromise = false): unknown {
    const name = `seed ${this.seed}, call #${++this.count} ${label}`;
    let returned: unknown;
    try {
      returned = call();
    } catch (error) {
      this.throws.push(`${name} threw ${safeString(error)}`);
      return undefined;
    }
    if (returnsPromise) this.follow(name, returned);
    return returned;
  }

  private follow(label: string, returned: unknown): void {
    const promise = returned && (returned as { promise?: unknown }).promise;
    if (!promise || typeof (promise as Promise<unknown>).then !== 'function') {
      this.missingPromises.push(label);
      return;
    }
    const outcome: Outcome = { label, state: 'pending' };
    this.outcomes.push(outcome);
    (promise as Promise<unknown>).then(
      (value) => Object.assign(outcome, { state: 'resolved', value }),
      (error) => Object.assign(outcome, { state: 'rejected', value: error }),
    );
  }

  pending(): boolean {
    return this.outcomes.some((outcome) => outcome.state === 'pending');
  }
}

const isResult = (value: unknown): boolean => {
  const result = value as { event?: unknown; code?: unknown; message?: unknown } | null;
  return (
    !!result &&
    typeof result === 'object' &&
    'event' in result &&
    typeof result.code === 'number' &&
    typeof result.message === 'string'
  );
};

// ------------------------------------------------------------------ one seed

/** An event tracked right after a `setConsent`, with the consent mode the ready client was in then. */
interface ConsentProbe {
  id: number;
  mode: string;
  /** The number of the call: a later init or `setConsent('granted')` may let a held probe out. */
  call: number;
  result: { promise: Promise<Result> };
}

/** The consent mode of a ready client (`undefined` before its init has set up): what a track meets now. */
const consentModeOf = (client: BrowserClient): string | undefined =>
  (client as unknown as { ready?: object; consent: { mode: string } }).ready
    ? (client as unknown as { consent: { mode: string } }).consent.mode
    : undefined;

/** One random public call with hostile arguments, or time passing. */
const randomCall = async (
  client: BrowserClient,
  random: Random,
  calls: CallLog,
  apiKey: string,
  probes: ConsentProbe[],
): Promise<void> => {
  const api = client as unknown as { [method: string]: (...args: unknown[]) => unknown };
  const call = (method: string, args: unknown[], returnsPromise: boolean) =>
    calls.run(method, () => api[method](...args), returnsPromise);
  const key = () => maybeValid(random, [apiKey, apiKey, `${apiKey}${'k'.repeat(5000)}`, `${apiKey}日本🎉`]);
  const userId = () => maybeValid(random, ['user-12345', null, undefined]);
  const eventType = () => maybeValid(random, ['Fuzz Event', 'fuzz', '[Amplitude] Page Viewed']);
  const eventFields = [
    'user_properties',
    'groups',
    'group_properties',
    'time',
    'insert_id',
    'user_id',
    'device_id',
    'session_id',
    'extra_field',
  ];
  const eventObject = () => {
    if (random.chance(0.3)) return hostile(random);
    // Assigned, not spread: a getter that throws is part of the shape, for the SDK to meet.
    return Object.assign(hostileShape(random, eventFields), {
      event_type: eventType(),
      event_properties: hostile(random),
    });
  };
  const eventOptions = () =>
    random.chance(0.5)
      ? undefined
      : random.chance(0.3)
        ? hostile(random)
        : hostileShape(random, ['time', 'user_id', 'device_id', 'session_id', 'insert_id', 'groups', 'custom']);
  const properties = () =>
    random.chance(0.2)
      ? undefined
      : random.chance(0.3)
        ? hostile(random)
        : hostileShape(random, ['a', 'b', 'c', 'nested']);
  const groupType = () => maybeValid(random, ['org']);
  const groupName = () => maybeValid(random, ['acme', ['a', 'b']]);

  switch (random.int(25)) {
    // The four init overloads.
    case 0:
      return void call('init', [key()], true);
    case 1:
      return void call('init', [key(), hostileOptions(random)], true);
    case 2:
      return void call('init', [key(), userId()], true);
    case 3:
      return void call('init', [key(), userId(), hostileOptions(random)], true);
    case 4:
      return void call(random.pick(['track', 'logEvent']), [eventType(), properties(), eventOptions()], true);
    case 5:
      return void call(
        random.pick(['track', 'logEvent']),
        [eventObject(), random.chance(0.2) ? hostile(random) : undefined, eventOptions()],
        true,
      );
    case 6:
      return void call('identify', [hostileIdentify(random, calls), eventOptions()], true);
    case 7:
      return void call(
        'groupIdentify',
        [groupType(), groupName(), hostileIdentify(random, calls), eventOptions()],
        true,
      );
    case 8:
      return void call('setGroup', [groupType(), groupName(), eventOptions()], true);
    case 9:
      return void call('revenue', [hostileRevenue(random, calls), eventOptions()], true);
    case 10:
      return void call('setUserId', [maybeValid(random, ['user-12345', undefined])], false);
    case 11:
      return void call('setDeviceId', [maybeValid(random, ['device-12345'])], false);
    case 12:
      return void call('setSessionId', [maybeValid(random, [Date.now(), 1_700_000_000_000])], false);
    case 13:
      return void call(random.pick(['extendSession', 'reset']), [hostile(random)], false);
    case 14:
      return void call('setOptOut', [maybeValid(random, [true, false, false])], false);
    case 15:
      return void call('flush', [hostile(random)], true);
    case 16:
      return void call('add', [hostilePlugin(random)], true);
    case 17:
      return void call(
        'remove',
        [maybeValid(random, ['fuzz-plugin', 'sightline-delivery', 'sightline-page-views'])],
        true,
      );
    case 18:
      return void call(
        'setTransport',
        [maybeValid(random, ['fetch', 'xhr', 'beacon', { type: 'xhr', headers: hostile(random) }])],
        false,
      );
    case 19:
      return void call('setOffline', [maybeValid(random, [true, false, null])], false);
    case 20:
      for (const getter of ['getUserId', 'getDeviceId', 'getSessionId', 'getDeliveryStats'])
        call(getter, [hostile(random)], false);
      return;
    case 21: {
      const rejecting = async () => Promise.reject(new Error('fuzz: async listener'));
      const stop = call('onDelivery', [maybeValid(random, [() => undefined, thrower('listener'), rejecting])], false);
      if (typeof stop === 'function' && random.chance(0.5)) calls.run('onDelivery unsubscribe', stop as () => unknown);
      return;
    }
    case 22: {
      // An init still setting up its plugins finishes first: a probe needs a ready client to mean something.
      await vi.advanceTimersByTimeAsync(10);
      call('setConsent', [maybeValid(random, ['granted', 'pending', 'denied'])], false);
      const mode = consentModeOf(client);
      if (mode === 'off' || mode === 'hold') {
        const id = probes.length;
        const result = call('track', ['Consent Probe', { probe: id }], true) as ConsentProbe['result'];
        probes.push({ id, mode, call: calls.count, result });
      }
      return;
    }
    default:
      // Time passes between calls, as on a page: timers, retries and session timeouts (30 min) run.
      await vi.advanceTimersByTimeAsync(random.pick([0, 1, 50, 1000, 31 * 60 * 1000]));
  }
};

/** Lets fake time run, in bounded steps, until every followed promise has settled (or 2 min passed). */
const settleAll = async (calls: CallLog): Promise<void> => {
  for (let step = 0; step < 120 && calls.pending(); step++) await vi.advanceTimersByTimeAsync(1000);
};

/** Forgets the identity, queue and lease a seed left in this page's storage. */
const clearPageStorage = () => {
  localStorage.clear();
  sessionStorage.clear();
  for (const cookie of document.cookie.split(';')) {
    const name = cookie.split('=')[0].trim();
    if (name) document.cookie = `${name}=; expires=Thu, 01 Jan 1970 00:00:00 GMT; path=/`;
  }
};

/** Removes every plugin of a seed's client, so its listeners, patches and timers do not reach the next seed. */
const tearDown = async (client: BrowserClient): Promise<void> => {
  const plugins = client['plugins']();
  for (const { name } of plugins.slice()) await client.remove(name).promise;
};

const SILENT_LOGGER = OPTION_SAMPLES.loggerProvider[0] as Logger;
const VALID_OPTIONS = { loggerProvider: SILENT_LOGGER, optOut: false, offline: false, flushIntervalMillis: 10 };

// ------------------------------------------------------------------ the tests

const uncaught: string[] = [];
const onUnhandledRejection = (reason: unknown) => uncaught.push(`unhandled rejection: ${safeString(reason)}`);
const onUncaughtException = (error: unknown) => uncaught.push(`uncaught exception: ${safeString(error)}`);
const onWindowError = (event: ErrorEvent) => uncaught.push(`window error: ${safeString(event.error || event.message)}`);
const onWindowRejection = (event: PromiseRejectionEvent) =>
  uncaught.push(`window unhandledrejection: ${safeString(event.reason)}`);

let current: BrowserClient | undefined;

beforeAll(() => {
  vi.stubGlobal('fetch', recordingFetch);
  vi.stubGlobal('XMLHttpRequest', RecordingXhr);
  vi.spyOn(navigator, 'sendBeacon').mockImplementation(recordingBeacon as never);
  // gzip streams through happy-dom's Response on real time, which fake time never waits for.
  vi.stubGlobal('CompressionStream', undefined);
  // Cross-tab outcomes arrive on real time and would let one seed's clients answer the next one's events.
  vi.stubGlobal('BroadcastChannel', undefined);
  // The SDK logs every bad input, as it should: hundreds of lines per seed would drown the report.
  for (const method of ['log', 'warn', 'error', 'debug'] as const)
    vi.spyOn(console, method).mockImplementation(() => undefined);
  process.on('unhandledRejection', onUnhandledRejection);
  process.on('uncaughtException', onUncaughtException);
  window.addEventListener('error', onWindowError);
  window.addEventListener('unhandledrejection', onWindowRejection);
});

afterAll(() => {
  process.off('unhandledRejection', onUnhandledRejection);
  process.off('uncaughtException', onUncaughtException);
  window.removeEventListener('error', onWindowError);
  window.removeEventListener('unhandledrejection', onWindowRejection);
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
});

beforeEach(() => {
  vi.useFakeTimers({ now: new Date('2025-06-01T12:00:00Z') });
  clearPageStorage();
  uploads.length = 0;
  destination.events.length = 0;
  uncaught.length = 0;
});

afterEach(async () => {
  if (current) await tearDown(current);
  current = undefined;
  vi.useRealTimers();
});

describe('public API fuzz: hostile calls never break the host page, and the SDK keeps working', () => {
  it.each(SEEDS)('seed %i', async (seed) => {
    const random = randomFor(seed);
    const calls = new CallLog(seed);
    // Its first 10 characters name the identity cookie and the queue: one per seed.
    const apiKey = `k${String(seed).padStart(4, '0')}fuzz-api-key`;
    const client = (current = createInstance());
    const probes: ConsentProbe[] = [];
    /** Call numbers after which a held probe may be let out: inits and grants. */
    const grants: number[] = [];
    const run = calls.run.bind(calls);
    calls.run = (label, call, returnsPromise) => {
      const returned = run(label, call, returnsPromise);
      if (label === 'init' || (label === 'setConsent' && consentModeOf(client) === 'full')) grants.push(calls.count);
      return returned;
    };

    for (let n = 0; n < CALLS_PER_SEED; n++) await randomCall(client, random, calls, apiKey, probes);

    // Whatever the hostile calls queued may now go out: online, flushed, time passing (bounded).
    calls.run('setOffline(false)', () => client.setOffline(false));
    calls.run('flush', () => client.flush(), true);
    await settleAll(calls);

    // 6. Consent: the probes, then a final denial that leaves nothing stored and sends nothing more.
    const probesSent = new Set(
      wireEvents()
        .filter((event) => event.event_type === 'Consent Probe')
        .map((event) => (event.event_properties as { probe: number }).probe),
    );
    for (const probe of probes) {
      const label = `seed ${seed}: probe ${probe.id}, tracked while consent was ${probe.mode}`;
      if (probe.mode === 'off') {
        expect(probesSent.has(probe.id), `${label}: sent`).toBe(false);
        // Opting out drops first, with its own message; either way nothing is sent.
        expect(await probe.result.promise, label).toMatchObject({
          code: 0,
          message: expect.stringMatching(/^(Dropped: consent denied|Opted out)/) as string,
        });
      } else if (probesSent.has(probe.id))
        expect(
          grants.some((call) => call > probe.call),
          `${label}: sent with nothing that granted it`,
        ).toBe(true);
    }
    calls.run('setConsent (final denial)', () => client.setConsent('denied'));
    await settleAll(calls);
    const { config } = client;
    if (config && consentModeOf(client) === 'off') {
      const afterDenial = calls.run('track', () => client.track('After Denial'), true) as ConsentProbe['result'];
      await settleAll(calls);
      const key = storageKey(config);
      expect(document.cookie, `seed ${seed}: the identity cookie after denial`).not.toContain(`${key}=`);
      expect([localStorage.getItem(key), sessionStorage.getItem(key)], `seed ${seed}: stored identity`).toEqual([
        null,
        null,
      ]);
      expect(await afterDenial.promise, `seed ${seed}: tracked after denial`).toMatchObject({ code: 0 });
      expect(wireEvents().filter((event) => event.event_type === 'After Denial')).toEqual([]);
    }

    // Twice: the first init also sets up the plugins add()ed while no init had succeeded,
    // which may drop events as they please; the second tears them down: a fresh state.
    for (const label of ['init (recovery)', 'init (fresh)']) {
      calls.run(label, () => client.init(apiKey, VALID_OPTIONS), true);
      await settleAll(calls);
    }
    const sentinel = calls.run('track Sentinel', () => client.track('Sentinel', { ok: 1 }), true) as {
      promise: Promise<Result>;
    };
    calls.run('flush', () => client.flush(), true);
    await settleAll(calls);

    // 1. No call threw.
    expect(calls.throws, `seed ${seed}: calls that threw`).toEqual([]);
    // 2. Every `{ promise }` exists and resolved (not rejected, not pending) to a result.
    expect(calls.missingPromises, `seed ${seed}: calls without { promise }`).toEqual([]);
    const unresolved = calls.outcomes
      .filter((o) => o.state !== 'resolved')
      .map((o) => `${o.label}: ${o.state} ${o.state === 'rejected' ? safeString(o.value) : ''}`);
    expect(unresolved, `seed ${seed}: promises that did not resolve`).toEqual([]);
    const malformed = calls.outcomes.filter((o) => !isResult(o.value)).map((o) => o.label);
    expect(malformed, `seed ${seed}: results that are not { event, code: number, message: string }`).toEqual([]);
    // 3. Nothing escaped as an unhandled rejection or an uncaught error.
    expect(uncaught, `seed ${seed}: unhandled errors`).toEqual([]);
    // 5. The destination was handed JSON only; the wire carries events with a string event_type.
    const notJson = destination.events.flatMap((event, index) => {
      if ((event as Event).event_type === UNENCODABLE_EVENT_TYPE) return [];
      try {
        JSON.stringify(event);
        return typeof (event as Event).event_type === 'string'
          ? []
          : [`#${index}: event_type is ${typeof (event as Event).event_type}`];
      } catch (error) {
        return [`#${index} "${safeString((event as Event).event_type)}": ${safeString(error)}`];
      }
    });
    expect(notJson, `seed ${seed}: events handed to the destination that are not JSON`).toEqual([]);
    const events = wireEvents();
    expect(
      events.filter((event) => typeof event.event_type !== 'string'),
      `seed ${seed}: wire events without a string event_type`,
    ).toEqual([]);
    expect(
      events.filter((event) => event.event_type === UNENCODABLE_EVENT_TYPE),
      `seed ${seed}: unencodable events on the wire`,
    ).toEqual([]);
    // 4. The SDK kept working: the sentinel was delivered, with its properties.
    expect(await sentinel.promise, `seed ${seed}: the Sentinel's result`).toMatchObject({ code: 200 });
    const sent = events.filter((event) => event.event_type === 'Sentinel');
    expect(sent, `seed ${seed}: the Sentinel on the wire`).toHaveLength(1);
    expect(sent[0].event_properties, `seed ${seed}: the Sentinel's properties`).toMatchObject({ ok: 1 });
  });
});

/** Delivery-engine bugs the fuzz met, fixed: regression tests through the public API. */
describe('delivery engine bugs the fuzz found', () => {
  const KEY = 'known-bug-key-0001';
  const ready = async (options: Record<string, unknown> = {}) => {
    const client = (current = createInstance());
    const init = client.init(KEY, { ...VALID_OPTIONS, autocapture: false, flushIntervalMillis: 0, ...options });
    await vi.advanceTimersByTimeAsync(10);
    expect((await init.promise).code).toBe(200);
    return client;
  };
  const settles = async (result: { promise: Promise<Result> }) => {
    let done = false;
    void result.promise.then(() => (done = true));
    await vi.advanceTimersByTimeAsync(60_000);
    return done;
  };

  it('re-init settles the promise of an event its old engine had not sent', async () => {
    const client = await ready({ offline: true });
    const held = client.track('Held');
    await vi.advanceTimersByTimeAsync(10);
    client.init(KEY, { ...VALID_OPTIONS, autocapture: false });
    expect(await settles(held), 'the promise of Held settled').toBe(true);
  });

  it('a second event with the same insert_id leaves neither promise pending', async () => {
    const client = await ready();
    const first = client.track('First', {}, { insert_id: 'same-id' });
    const second = client.track('Second', {}, { insert_id: 'same-id' });
    client.flush();
    expect(await settles(first), 'the promise of First settled').toBe(true);
    expect(await settles(second), 'the promise of Second settled').toBe(true);
  });

  it('flushMaxRetries: 0 (or -0) still uploads once: no retries, not no upload', async () => {
    const client = await ready({ flushMaxRetries: 0 });
    client.track('Once');
    client.flush();
    await vi.advanceTimersByTimeAsync(60_000);
    expect(wireEvents().map((event) => event.event_type)).toContain('Once');
  });

  it(
    'one event a plugin made un-encodable (BigInt) does not keep the valid ' + 'events of its batch off the wire',
    async () => {
      const client = await ready();
      const addBigInt: Plugin = {
        name: 'adds-bigint',
        execute: (event) => {
          if (event.event_type === 'Poison') event.event_properties = { n: BigInt(1) };
          return event;
        },
      };
      await client.add(addBigInt).promise;
      client.track('Poison');
      client.track('Fine');
      client.flush();
      await vi.advanceTimersByTimeAsync(60_000);
      expect(wireEvents().map((event) => event.event_type)).toContain('Fine');
    },
  );
});
