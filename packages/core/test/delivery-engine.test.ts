import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  createMemoryEventStore,
  DropReason,
  type Connectivity,
  type Event,
  type EventStore,
  type UploadRequest,
  type UploadResponse,
} from '../src/index.js';
import { MAX_EVENT_AGE_MS } from '../src/delivery/index.js';
import { WRITE_WINDOW_MS } from '../src/delivery/queue-policy.js';
import { harness, lifecycle, OK, storedIds } from './delivery-harness.js';

beforeEach(() => {
  vi.useFakeTimers({ now: 1_800_000_000_000 });
});
afterEach(() => {
  vi.useRealTimers();
});

describe('batching', () => {
  it('sends a full batch at once and a partial one after flushIntervalMillis', async () => {
    const h = harness({ options: { flushQueueSize: 5, flushIntervalMillis: 1000 } });
    void h.trackMany(7);
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

  it('encodes api_key, options.min_id_length and client_upload_time (the upload time, in ISO)', async () => {
    const h = harness({ options: { minIdLength: 3 } });
    void h.track(); // at 2027-01-15T08:00:00.000Z (the fake clock's start)
    await vi.advanceTimersByTimeAsync(200);
    const body = JSON.parse(h.transport.send.mock.calls[0][0].body);
    expect(body.api_key).toBe('test-api-key');
    expect(body.options).toEqual({ min_id_length: 3 });
    // Uploaded flushIntervalMillis (100 ms) after it was tracked, not when it was tracked nor when the test looks.
    expect(body.client_upload_time).toBe('2027-01-15T08:00:00.100Z');
  });
});

describe('write-ahead persistence', () => {
  it('writes an event to the store before sending it and removes it only on acknowledgement', async () => {
    let release!: () => void;
    const memory = createMemoryEventStore();
    const slowStore: EventStore = {
      ...memory,
      put: (records) => new Promise<void>((resolve) => (release = () => void memory.put(records).then(resolve))),
    };
    const h = harness({ store: slowStore });
    void h.track();
    await vi.advanceTimersByTimeAsync(1000);
    expect(h.sent).toHaveLength(0); // not written yet: not sent
    release();
    await vi.advanceTimersByTimeAsync(200);
    expect(h.sent).toHaveLength(1);
    expect(await storedIds(memory)).toEqual([]);
  });

  /** The memory store, counting its writes (each one transaction in IndexedDB) and removals. */
  const countingStore = () => {
    const memory = createMemoryEventStore();
    const calls = { put: [] as string[][], remove: [] as string[][] };
    const store: EventStore = {
      ...memory,
      put: (records) => (calls.put.push(records.map((record) => record.id)), memory.put(records)),
      remove: (ids) => (calls.remove.push([...ids]), memory.remove(ids)),
    };
    return { store, calls };
  };

  it('events tracked within the write window are one store write', async () => {
    const { store, calls } = countingStore();
    const h = harness({ store, options: { flushIntervalMillis: 1000 } });
    await vi.advanceTimersByTimeAsync(10); // the start's session is over
    void h.track();
    await vi.advanceTimersByTimeAsync(16); // a click per frame
    void h.track();
    await vi.advanceTimersByTimeAsync(16);
    void h.track();
    expect(calls.put).toEqual([]);
    await vi.advanceTimersByTimeAsync(WRITE_WINDOW_MS);
    expect(calls.put).toEqual([['id-0', 'id-1', 'id-2']]);
    await vi.advanceTimersByTimeAsync(1000);
    expect(h.sentIds()).toEqual(['id-0', 'id-1', 'id-2']);
  });

  it('a hidden page, and teardown, write at once: neither waits for the window', async () => {
    const page = lifecycle();
    const { store, calls } = countingStore();
    const h = harness({ store, options: { flushIntervalMillis: 1000 }, environment: { lifecycle: page.value } });
    void h.track();
    page.hide();
    await vi.advanceTimersByTimeAsync(0);
    expect(calls.put).toEqual([['id-0']]);
    void h.track(); // tracked while hidden (web vitals on hide)
    await vi.advanceTimersByTimeAsync(0);
    expect(calls.put).toEqual([['id-0'], ['id-1']]);
    page.show();
    void h.track();
    void h.plugin.teardown!();
    await vi.advanceTimersByTimeAsync(0);
    expect(calls.put).toEqual([['id-0'], ['id-1'], ['id-2']]);
  });

  it('an event dropped before its write started is neither written nor removed', async () => {
    const { store, calls } = countingStore();
    const h = harness({ store, options: { maxStoredEvents: 1, offline: true } });
    await vi.advanceTimersByTimeAsync(10); // the start's session is over
    const [first] = h.trackMany(2);
    expect((await first).code).toBe(0); // store_full
    await vi.advanceTimersByTimeAsync(WRITE_WINDOW_MS);
    expect(calls.put).toEqual([['id-1']]);
    expect(calls.remove).toEqual([]);
  });

  it('keeps a failed event stored while it retries', async () => {
    const h = harness();
    h.answers.push({ status: 503, body: null });
    void h.track();
    await vi.advanceTimersByTimeAsync(150);
    expect(h.sent).toHaveLength(1);
    expect(await storedIds(h.store)).toEqual(['id-0']);
  });

  it('sends events left by an earlier page life at start, without waiting for a new event', async () => {
    const store = createMemoryEventStore();
    await store.put([
      { id: 'old-1', event: { event_type: 'Old', insert_id: 'old-1', time: Date.now() - 1000 }, attempts: 2 },
    ]);
    const h = harness({ store });
    await vi.advanceTimersByTimeAsync(10);
    expect(h.sentIds()).toEqual(['old-1']);
    expect(await storedIds(store)).toEqual([]);
  });

  it('drops stored events older than 7 days and counts them as too_old', async () => {
    const store = createMemoryEventStore();
    await store.put([
      {
        id: 'ancient',
        event: { event_type: 'Old', insert_id: 'ancient', time: Date.now() - MAX_EVENT_AGE_MS - 1 },
        attempts: 0,
      },
    ]);
    const h = harness({ store });
    await vi.advanceTimersByTimeAsync(10);
    expect(h.sent).toHaveLength(0);
    expect(h.plugin.getDeliveryStats().dropped).toEqual({ [DropReason.TOO_OLD]: 1 });
    expect(await storedIds(store)).toEqual([]);
  });

  it('past maxStoredEvents drops the oldest and counts store_full', async () => {
    const h = harness({ options: { maxStoredEvents: 3, offline: true } });
    const results = h.trackMany(5);
    await vi.advanceTimersByTimeAsync(100); // past the write window
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

  it('an event whose store write failed is still sent from memory, not taken as sent by another tab', async () => {
    const memory = createMemoryEventStore();
    const failingWrites: EventStore = { ...memory, put: () => Promise.reject(new Error('QuotaExceededError')) };
    const h = harness({ store: failingWrites });
    const result = h.track();
    await vi.advanceTimersByTimeAsync(200);
    expect(h.sentIds()).toEqual(['id-0']);
    expect(await result).toMatchObject({ code: 200, message: 'Event tracked successfully' });
    expect(h.plugin.getDeliveryStats()).toMatchObject({ sent: 1, pending: 0 });
  });

  it('after a reload, store_full drops the stored (older) events before those this page just tracked', async () => {
    const store = createMemoryEventStore();
    await store.put(
      ['old-0', 'old-1', 'old-2'].map((id) => ({
        id,
        event: { event_type: 'Old', insert_id: id, time: Date.now() },
        attempts: 1,
      })),
    );
    const h = harness({ store, options: { maxStoredEvents: 3 } });
    const dropped: string[] = [];
    h.plugin.onDelivery((report) => report.reason && dropped.push(report.event.insert_id as string));
    const results = h.trackMany(2); // before the engine has looked at the store
    await vi.advanceTimersByTimeAsync(200);
    expect(dropped).toEqual(['old-0', 'old-1']);
    expect((await Promise.all(results)).map((result) => result.code)).toEqual([200, 200]);
    expect(h.sentIds()).toEqual(['old-2', 'id-0', 'id-1']);
  });
});

describe('response handling', () => {
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
    void h.track();
    await vi.advanceTimersByTimeAsync(150);
    expect(h.sent).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(400);
    expect(h.sent).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(200);
    expect(h.sent).toHaveLength(2);
    vi.restoreAllMocks();
  });

  it(
    'after flushMaxRetries the promise resolves with the last code but the event stays ' +
      'stored, then goes when the network returns',
    async () => {
      let online = true;
      let notify!: (online: boolean) => void;
      const connectivity: Connectivity = {
        isOnline: () => online,
        subscribe: (listener) => ((notify = listener), () => undefined),
      };
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
    },
  );

  it('flushMaxRetries: 0 makes one attempt per page life, not none (it counts retries)', async () => {
    const h = harness({ options: { flushMaxRetries: 0 } });
    h.answers.push({ status: 503, body: null });
    const failed = h.track();
    await vi.advanceTimersByTimeAsync(120_000);
    expect(await failed).toMatchObject({ code: 503, message: expect.stringMatching(/kept stored/) });
    expect(h.sent).toHaveLength(1);
    expect(await storedIds(h.store)).toEqual(['id-0']);
    const next = h.track();
    await vi.advanceTimersByTimeAsync(1_000);
    expect(await next).toMatchObject({ code: 200 });
  });

  it('400 naming one event drops only that event and resends the others at once', async () => {
    const h = harness({ options: { flushQueueSize: 3 } });
    h.answers.push({ status: 400, body: { code: 400, events_with_invalid_id_lengths: { user_id: [1] } } });
    const results = h.trackMany(3);
    await vi.advanceTimersByTimeAsync(10);
    expect(h.sent.map((batch) => batch.map((event) => event.insert_id))).toEqual([
      ['id-0', 'id-1', 'id-2'],
      ['id-0', 'id-2'],
    ]);
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
    void h.track();
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

  it('413: the half still waiting for its turn is part of the upload, not a store_full victim', async () => {
    const sent: string[][] = [];
    const pending: (() => void)[] = [];
    const transport = {
      send: async (request: UploadRequest): Promise<UploadResponse> => {
        sent.push(JSON.parse(request.body).events.map((event: Event) => event.insert_id));
        if (sent.length === 1) return { status: 413, body: null };
        await new Promise<void>((resolve) => pending.push(resolve));
        return OK;
      },
    };
    const h = harness({
      options: { flushQueueSize: 4, maxStoredEvents: 4 },
      environment: { createTransport: () => transport },
    });
    const outcomes: { [id: string]: string } = {};
    h.plugin.onDelivery((report) => (outcomes[report.event.insert_id as string] = report.reason || 'sent'));
    void h.trackMany(4);
    await vi.advanceTimersByTimeAsync(200);
    expect(sent).toEqual([
      ['id-0', 'id-1', 'id-2', 'id-3'],
      ['id-0', 'id-1'],
    ]);
    void h.trackMany(2); // 6 > maxStoredEvents: two must go, but id-2 and id-3 are on their way
    pending.shift()!();
    await vi.advanceTimersByTimeAsync(0);
    pending.shift()!();
    await vi.advanceTimersByTimeAsync(0);
    expect(sent[2]).toEqual(['id-2', 'id-3']);
    expect(outcomes).toEqual({
      'id-0': 'sent',
      'id-1': 'sent',
      'id-2': 'sent',
      'id-3': 'sent',
      'id-4': 'store_full',
      'id-5': 'store_full',
    });
  });

  it('several flush() calls during an upload make one follow-up upload, not one immediate resend each', async () => {
    const h = harness();
    for (let i = 0; i < 5; i++) h.answers.push({ status: 503, body: null });
    void h.track();
    void h.plugin.flush!();
    void h.plugin.flush!();
    void h.plugin.flush!();
    await vi.advanceTimersByTimeAsync(50); // shorter than any backoff
    expect(h.sent).toHaveLength(2);
  });
});
