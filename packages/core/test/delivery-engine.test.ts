import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  createDeliveryPlugin,
  createInPageLock,
  createMemoryEventStore,
  DropReason,
  MAX_EVENT_AGE_MS,
  resolveConfig,
  type Connectivity,
  type DeliveryEnvironment,
  type Event,
  type EventStore,
  type OutcomeChannel,
  type PageLifecycle,
  type Result,
  type SharedOutcome,
  type UploadRequest,
  type UploadResponse,
} from '../src';
import { silentLogger } from './helpers';

const OK: UploadResponse = { status: 200, body: { code: 200 } };

interface HarnessOptions {
  options?: Record<string, unknown>;
  environment?: Partial<DeliveryEnvironment>;
  store?: EventStore & { records?: Map<string, unknown> };
}

/** The engine on a memory store, a scripted transport and fake timers. */
const harness = ({ options = {}, environment = {}, store = createMemoryEventStore() }: HarnessOptions = {}) => {
  const sent: Event[][] = [];
  const answers: (UploadResponse | Error)[] = [];
  const transport = {
    send: vi.fn(async (request: UploadRequest): Promise<UploadResponse> => {
      sent.push(JSON.parse(request.body).events);
      const answer = answers.shift() || OK;
      if (answer instanceof Error) throw answer;
      return answer;
    }),
  };
  const exitRequests: UploadRequest[] = [];
  const exitTransport = { send: vi.fn(async (request: UploadRequest) => (exitRequests.push(request), OK)) };
  const logger = silentLogger();
  const plugin = createDeliveryPlugin({ store, createTransport: () => transport, exitTransport, ...environment });
  const { config } = resolveConfig({ apiKey: 'test-api-key', options: { loggerProvider: logger, flushIntervalMillis: 100, ...options } });
  plugin.setup!(config, undefined);
  let counter = 0;
  const track = (fields: Partial<Event> = {}): Promise<Result> =>
    plugin.execute!({ event_type: 'Numbered', insert_id: `id-${counter++}`, device_id: 'device-12345', time: Date.now(), ...fields }) as Promise<Result>;
  const trackMany = (count: number) => Array.from({ length: count }, () => track());
  const sentIds = () => ([] as Event[]).concat(...sent).map((event) => event.insert_id);
  return { plugin, store, transport, exitTransport, exitRequests, sent, sentIds, answers, logger, config, track, trackMany };
};

const storedIds = async (store: EventStore) => (await store.getAll()).map((record) => record.id).sort();

beforeEach(() => {
  vi.useFakeTimers({ now: 1_800_000_000_000 });
});
afterEach(() => {
  vi.useRealTimers();
});

describe('batching (E08)', () => {
  it('sends a full batch at once and a partial one after flushIntervalMillis', async () => {
    const h = harness({ options: { flushQueueSize: 5, flushIntervalMillis: 1000 } });
    h.trackMany(7);
    await vi.advanceTimersByTimeAsync(10);
    expect(h.sent.map((batch) => batch.length)).toEqual([5]);
    await vi.advanceTimersByTimeAsync(500);
    expect(h.sent).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(600);
    expect(h.sent.map((batch) => batch.length)).toEqual([5, 2]);
  });

  it('flush() sends everything waiting at once', async () => {
    const h = harness({ options: { flushQueueSize: 50, flushIntervalMillis: 60_000 } });
    const results = h.trackMany(3);
    await h.plugin.flush!();
    expect(h.sentIds()).toEqual(['id-0', 'id-1', 'id-2']);
    expect((await Promise.all(results)).map((result) => result.code)).toEqual([200, 200, 200]);
  });

  it('encodes api_key, options.min_id_length and client_upload_time (OQ-7)', async () => {
    const h = harness({ options: { minIdLength: 3 } });
    h.track();
    await vi.advanceTimersByTimeAsync(200);
    const body = JSON.parse(h.transport.send.mock.calls[0][0].body);
    expect(body.api_key).toBe('test-api-key');
    expect(body.options).toEqual({ min_id_length: 3 });
    expect(body.client_upload_time).toBe(new Date(Date.now() - 100).toISOString().slice(0, 19) + body.client_upload_time.slice(19));
  });
});

describe('write-ahead persistence', () => {
  it('writes an event to the store before sending it and removes it only on acknowledgement', async () => {
    let release!: () => void;
    const memory = createMemoryEventStore();
    const slowStore: EventStore = { ...memory, put: (records) => new Promise<void>((resolve) => (release = () => void memory.put(records).then(resolve))) };
    const h = harness({ store: slowStore });
    h.track();
    await vi.advanceTimersByTimeAsync(1000);
    expect(h.sent).toHaveLength(0); // not written yet: not sent
    release();
    await vi.advanceTimersByTimeAsync(200);
    expect(h.sent).toHaveLength(1);
    expect(await storedIds(memory)).toEqual([]);
  });

  it('keeps a failed event stored while it retries', async () => {
    const h = harness();
    h.answers.push({ status: 503, body: null });
    h.track();
    await vi.advanceTimersByTimeAsync(150);
    expect(h.sent).toHaveLength(1);
    expect(await storedIds(h.store)).toEqual(['id-0']);
  });

  it('sends events left by an earlier page life at start, without waiting for a new event', async () => {
    const store = createMemoryEventStore();
    await store.put([{ id: 'old-1', event: { event_type: 'Old', insert_id: 'old-1', time: Date.now() - 1000 }, attempts: 2 }]);
    const h = harness({ store });
    await vi.advanceTimersByTimeAsync(10);
    expect(h.sentIds()).toEqual(['old-1']);
    expect(await storedIds(store)).toEqual([]);
  });

  it('drops stored events older than 7 days and counts them as too_old', async () => {
    const store = createMemoryEventStore();
    await store.put([{ id: 'ancient', event: { event_type: 'Old', insert_id: 'ancient', time: Date.now() - MAX_EVENT_AGE_MS - 1 }, attempts: 0 }]);
    const h = harness({ store });
    await vi.advanceTimersByTimeAsync(10);
    expect(h.sent).toHaveLength(0);
    expect(h.plugin.getDeliveryStats().dropped).toEqual({ [DropReason.TOO_OLD]: 1 });
    expect(await storedIds(store)).toEqual([]);
  });

  it('past maxStoredEvents drops the oldest and counts store_full', async () => {
    const h = harness({ options: { maxStoredEvents: 3, offline: true } });
    const results = h.trackMany(5);
    await vi.advanceTimersByTimeAsync(10);
    expect((await results[0]).code).toBe(0);
    expect(await storedIds(h.store)).toEqual(['id-2', 'id-3', 'id-4']);
    expect(h.plugin.getDeliveryStats()).toMatchObject({ dropped: { store_full: 2 }, pending: 3 });
    expect(h.logger.warn).toHaveBeenCalledWith(expect.stringMatching(/maxStoredEvents 3/));
  });

  it('keeps delivering from memory when the store fails, and says so', async () => {
    const failing: EventStore = {
      put: () => Promise.reject(new Error('QuotaExceededError')),
      getAll: async () => [],
      remove: async () => undefined,
    };
    const h = harness({ store: failing });
    const result = h.track();
    await vi.advanceTimersByTimeAsync(200);
    expect((await result).code).toBe(200);
    expect(h.logger.error).toHaveBeenCalledWith(expect.stringMatching(/store failed to write/), expect.any(Error));
  });
});

describe('response handling (OQ-9)', () => {
  it('retries 500s with backoff and delivers each event exactly once', async () => {
    const h = harness();
    h.answers.push({ status: 500, body: null }, { status: 500, body: null }, { status: 500, body: null });
    const results = h.trackMany(4);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(h.sent).toHaveLength(4);
    expect((await Promise.all(results)).every((result) => result.code === 200)).toBe(true);
    expect(h.plugin.getDeliveryStats()).toMatchObject({ sent: 4, retried: 12, pending: 0 });
  });

  it('waits the backoff between attempts (no tight loop)', async () => {
    vi.spyOn(Math, 'random').mockReturnValue(0.5); // first backoff: 0.5 × 1000 ms
    const h = harness();
    for (let i = 0; i < 5; i++) h.answers.push({ status: 503, body: null });
    h.track();
    await vi.advanceTimersByTimeAsync(150);
    expect(h.sent).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(400);
    expect(h.sent).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(200);
    expect(h.sent).toHaveLength(2);
    vi.restoreAllMocks();
  });

  it('after flushMaxRetries the promise resolves with the last code but the event stays stored, then goes when the network returns', async () => {
    let online = true;
    let notify!: (online: boolean) => void;
    const connectivity: Connectivity = { isOnline: () => online, subscribe: (listener) => ((notify = listener), () => undefined) };
    const h = harness({ options: { flushMaxRetries: 2 }, environment: { connectivity } });
    h.answers.push({ status: 502, body: null }, { status: 502, body: null });
    const result = h.track();
    await vi.advanceTimersByTimeAsync(120_000);
    expect(await result).toMatchObject({ code: 502, message: expect.stringMatching(/kept stored/) });
    expect(h.sent).toHaveLength(2);
    expect(await storedIds(h.store)).toEqual(['id-0']);
    online = false;
    notify(false);
    online = true;
    notify(true);
    await vi.advanceTimersByTimeAsync(10);
    expect(h.sent).toHaveLength(3);
    expect(await storedIds(h.store)).toEqual([]);
  });

  it('400 naming one event drops only that event and resends the others at once', async () => {
    const h = harness({ options: { flushQueueSize: 3 } });
    h.answers.push({ status: 400, body: { code: 400, events_with_invalid_id_lengths: { user_id: [1] } } });
    const results = h.trackMany(3);
    await vi.advanceTimersByTimeAsync(10);
    expect(h.sent.map((batch) => batch.map((event) => event.insert_id))).toEqual([['id-0', 'id-1', 'id-2'], ['id-0', 'id-2']]);
    expect((await Promise.all(results)).map((result) => result.code)).toEqual([200, 400, 200]);
    expect(h.plugin.getDeliveryStats()).toMatchObject({ sent: 2, dropped: { invalid: 1 }, retried: 0 });
  });

  it('413 splits the batch in halves until it fits; a single oversized event is dropped as too_large', async () => {
    const h = harness({ options: { flushQueueSize: 4 } });
    h.answers.push({ status: 413, body: null }, OK, { status: 413, body: null }, { status: 413, body: null }, OK);
    const results = h.trackMany(4);
    await vi.advanceTimersByTimeAsync(10);
    expect(h.sent.map((batch) => batch.length)).toEqual([4, 2, 2, 1, 1]);
    expect((await Promise.all(results)).map((result) => result.code)).toEqual([200, 200, 413, 200]);
    expect(h.plugin.getDeliveryStats().dropped).toEqual({ too_large: 1 });
  });

  it('429 with Retry-After waits exactly that long', async () => {
    const h = harness();
    h.answers.push({ status: 429, body: { code: 429 }, retryAfterMs: 5000 });
    h.track();
    await vi.advanceTimersByTimeAsync(150);
    await vi.advanceTimersByTimeAsync(4800);
    expect(h.sent).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(200);
    expect(h.sent).toHaveLength(2);
  });

  it('a transport that throws counts as a network error and is retried', async () => {
    const h = harness();
    h.answers.push(new Error('boom'));
    const result = h.track();
    await vi.advanceTimersByTimeAsync(40_000);
    expect((await result).code).toBe(200);
    expect(h.sent).toHaveLength(2);
  });
});

describe('offline (OQ-19, E14)', () => {
  it('offline: true holds everything stored until setOffline(false)', async () => {
    const h = harness({ options: { offline: true } });
    h.trackMany(3);
    await vi.advanceTimersByTimeAsync(5000);
    expect(h.sent).toHaveLength(0);
    expect(await storedIds(h.store)).toHaveLength(3);
    h.plugin.setOffline(false);
    await vi.advanceTimersByTimeAsync(10);
    expect(h.sentIds()).toHaveLength(3);
  });

  it('follows connectivity by default and ignores it with OfflineDisabled (null)', async () => {
    const offline: Connectivity = { isOnline: () => false, subscribe: () => () => undefined };
    const following = harness({ environment: { connectivity: offline } });
    following.track();
    await vi.advanceTimersByTimeAsync(1000);
    expect(following.sent).toHaveLength(0);
    const ignoring = harness({ options: { offline: null }, environment: { connectivity: offline } });
    ignoring.track();
    await vi.advanceTimersByTimeAsync(1000);
    expect(ignoring.sent).toHaveLength(1);
  });
});

describe('page exit', () => {
  const lifecycle = () => {
    let hidden = false;
    let listener!: { onHidden(): void; onVisible(): void };
    const value: PageLifecycle = { isHidden: () => hidden, subscribe: (l) => ((listener = l), () => undefined) };
    return { value, hide: () => ((hidden = true), listener.onHidden()), show: () => ((hidden = false), listener.onVisible()) };
  };

  it('on hide, sends everything unsent through the exit transport in chunks under 64 KB, keeping it stored', async () => {
    const page = lifecycle();
    const h = harness({ options: { flushIntervalMillis: 60_000, flushQueueSize: 10_000 }, environment: { lifecycle: page.value } });
    for (let n = 0; n < 300; n++) h.track({ event_properties: { padding: 'x'.repeat(500) } });
    await vi.advanceTimersByTimeAsync(10);
    page.hide();
    page.hide(); // visibilitychange then pagehide: no second copy
    await vi.advanceTimersByTimeAsync(0);
    expect(h.exitRequests.length).toBeGreaterThan(2);
    for (const request of h.exitRequests) expect(new TextEncoder().encode(request.body).length).toBeLessThan(64 * 1024);
    const ids = ([] as Event[]).concat(...h.exitRequests.map((request) => JSON.parse(request.body).events)).map((event) => event.insert_id);
    expect(new Set(ids).size).toBe(300);
    expect(ids).toHaveLength(300);
    expect(await storedIds(h.store)).toHaveLength(300);
  });

  it('an event tracked while the page is hidden goes out at once (web vitals on hide)', async () => {
    const page = lifecycle();
    const h = harness({ options: { flushIntervalMillis: 60_000 }, environment: { lifecycle: page.value } });
    page.hide();
    h.track({ event_type: '[Amplitude] Web Vitals' });
    await vi.advanceTimersByTimeAsync(0);
    expect(h.exitRequests).toHaveLength(1);
    expect(JSON.parse(h.exitRequests[0].body).events[0].event_type).toBe('[Amplitude] Web Vitals');
  });

  it('the page coming back re-arms the exit path for what is still unsent', async () => {
    const page = lifecycle();
    const h = harness({ options: { flushIntervalMillis: 60_000 }, environment: { lifecycle: page.value } });
    h.track();
    await vi.advanceTimersByTimeAsync(0);
    page.hide();
    page.show();
    page.hide();
    expect(h.exitRequests).toHaveLength(2);
  });
});

describe('cross-tab', () => {
  it('two pages on one store and one lock send every event exactly once', async () => {
    const store = createMemoryEventStore();
    const lock = createInPageLock();
    const tabA = harness({ store, environment: { lock } });
    const tabB = harness({ store, environment: { lock } });
    // Distinct ids per tab, as insert_ids are.
    for (let n = 0; n < 50; n++) {
      void tabA.track({ insert_id: `a-${n}` });
      void tabB.track({ insert_id: `b-${n}` });
    }
    await vi.advanceTimersByTimeAsync(2000);
    const all = tabA.sentIds().concat(tabB.sentIds());
    expect(all).toHaveLength(100);
    expect(new Set(all).size).toBe(100);
  });

  it('does not resend what another tab already sent (the store is checked before each batch)', async () => {
    const store = createMemoryEventStore();
    await store.put([{ id: 'left-over', event: { event_type: 'Old', insert_id: 'left-over', time: Date.now() }, attempts: 0 }]);
    const lock = createInPageLock();
    const tabA = harness({ store, environment: { lock }, options: { offline: true } });
    const tabB = harness({ store, environment: { lock } });
    await vi.advanceTimersByTimeAsync(100); // B adopts and sends the left-over event
    tabA.plugin.setOffline(false); // A adopted it too, but it is gone from the store now
    await vi.advanceTimersByTimeAsync(100);
    expect(tabB.sentIds()).toEqual(['left-over']);
    expect(tabA.sentIds()).toEqual([]);
  });

  it('settles a promise when another tab reports the outcome on the channel', async () => {
    let deliver!: (outcome: SharedOutcome) => void;
    const channel: OutcomeChannel = { publish: vi.fn(), subscribe: (listener) => ((deliver = listener), () => undefined) };
    const h = harness({ options: { offline: true }, environment: { channel } });
    const result = h.track();
    deliver({ ids: ['id-0'], code: 200, message: 'Sent by another tab' });
    expect(await result).toMatchObject({ code: 200, message: 'Sent by another tab' });
    expect(h.plugin.getDeliveryStats().pending).toBe(0);
  });

  it('publishes its own outcomes for other tabs', async () => {
    const channel: OutcomeChannel = { publish: vi.fn(), subscribe: () => () => undefined };
    const h = harness({ environment: { channel } });
    h.track();
    await vi.advanceTimersByTimeAsync(200);
    expect(channel.publish).toHaveBeenCalledWith(expect.objectContaining({ ids: ['id-0'], code: 200 }));
  });
});

describe('delivery report', () => {
  it('onDelivery hears each final outcome; a throwing listener is logged and others still hear', async () => {
    const h = harness({ options: { flushQueueSize: 2 } });
    h.answers.push({ status: 400, body: { events_with_missing_fields: { event_type: [0] } } });
    const heard: string[] = [];
    h.plugin.onDelivery(() => {
      throw new Error('listener bug');
    });
    const stop = h.plugin.onDelivery((report) => heard.push(`${report.outcome}:${report.reason || ''}:${report.code}`));
    h.trackMany(2);
    await vi.advanceTimersByTimeAsync(10);
    expect(heard).toEqual(['dropped:invalid:400', 'sent::200']);
    expect(h.logger.error).toHaveBeenCalledWith(expect.stringMatching(/onDelivery listener threw/), expect.any(Error));
    stop();
    h.track();
    await vi.advanceTimersByTimeAsync(200);
    expect(heard).toHaveLength(2);
  });

  it('rejects a non-function listener clearly', () => {
    const h = harness();
    h.plugin.onDelivery('nope' as never)();
    expect(h.logger.error).toHaveBeenCalledWith('onDelivery needs a function');
  });
});

describe('before setup', () => {
  it('flush() and flushOnExit() before setup resolve quietly and send nothing', async () => {
    const send = vi.fn();
    const plugin = createDeliveryPlugin({ store: createMemoryEventStore(), createTransport: () => ({ send }) });
    await expect(plugin.flush!()).resolves.toBeUndefined();
    expect(() => plugin.flushOnExit()).not.toThrow();
    expect(send).not.toHaveBeenCalled();
  });
});
