import { describe, expect, it } from 'vitest';
import { DropReason, ServerUrl, type Event } from '../src/index.js';
import {
  backoffDelay,
  BACKOFF_CAP_MS,
  BACKOFF_FLOOR_MS,
  chunkBySize,
  decideResponse,
  encodeBatch,
  endpointFor,
  isDefaultEndpoint,
  THROTTLE_WAIT_MS,
} from '../src/delivery/index.js';

const batch = (count: number, ids: Partial<Event>[] = []): Event[] =>
  Array.from({ length: count }, (_, n) => ({
    event_type: `e${n}`,
    device_id: `device-${n}`,
    insert_id: `id-${n}`,
    ...(ids[n] || {}),
  }));

describe('decideResponse', () => {
  it('200 acknowledges every event', () => {
    const plan = decideResponse({ status: 200, body: { code: 200 } }, batch(3));
    expect(plan.delivered).toEqual([0, 1, 2]);
    expect(plan.dropped).toEqual([]);
    expect(plan.retry).toEqual([]);
  });

  it.each([
    ['missing_field', { code: 400, error: 'Request missing required field', missing_field: 'api_key' }],
    ['an invalid API key', { code: 400, error: 'Invalid API key: abc' }],
  ])('400 with %s drops the whole batch as invalid', (_, body) => {
    const plan = decideResponse({ status: 400, body }, batch(3));
    expect(plan.dropped).toEqual([0, 1, 2].map((index) => ({ index, reason: DropReason.INVALID })));
    expect(plan.resend).toEqual([]);
  });

  it('400 drops exactly the events the body names and resends the rest', () => {
    const body = {
      code: 400,
      error: 'Invalid field values on some events',
      events_with_invalid_fields: { time: [1] },
      events_with_missing_fields: { event_type: [3] },
      events_with_invalid_id_lengths: { user_id: [5], device_id: [] },
      silenced_events: [2],
    };
    const plan = decideResponse({ status: 400, body }, batch(7));
    expect(plan.dropped).toEqual([
      { index: 1, reason: DropReason.INVALID },
      { index: 2, reason: DropReason.SILENCED },
      { index: 3, reason: DropReason.INVALID },
      { index: 5, reason: DropReason.INVALID },
    ]);
    expect(plan.resend).toEqual([0, 4, 6]);
    expect(plan.split).toBe(false);
  });

  it('400 indices outside the batch are ignored', () => {
    const plan = decideResponse({ status: 400, body: { events_with_invalid_fields: { time: [9, -1, 0] } } }, batch(2));
    expect(plan.dropped).toEqual([{ index: 0, reason: DropReason.INVALID }]);
    expect(plan.resend).toEqual([1]);
  });

  it('400 naming no event splits a batch to isolate the bad one, and drops a single event', () => {
    expect(decideResponse({ status: 400, body: { code: 400, error: 'bad' } }, batch(4))).toMatchObject({
      resend: [0, 1, 2, 3],
      split: true,
      dropped: [],
    });
    expect(decideResponse({ status: 400, body: null }, batch(1))).toMatchObject({
      resend: [],
      dropped: [{ index: 0, reason: DropReason.INVALID }],
    });
  });

  it('413 splits a batch and drops a single event as too large', () => {
    expect(decideResponse({ status: 413, body: null }, batch(5))).toMatchObject({
      resend: [0, 1, 2, 3, 4],
      split: true,
    });
    expect(decideResponse({ status: 413, body: null }, batch(1))).toMatchObject({
      dropped: [{ index: 0, reason: DropReason.TOO_LARGE }],
      resend: [],
    });
  });

  it('429 drops daily-quota users and devices, holds throttled ones and retries the rest', () => {
    const events = batch(6, [{ user_id: 'quota-user' }, {}, { user_id: 'hot-user' }, {}, {}, {}]);
    events[1].device_id = 'quota-device';
    events[3].device_id = 'hot-device';
    const body = {
      code: 429,
      error: 'Too many requests for some devices and users',
      exceeded_daily_quota_users: { 'quota-user': 500001 },
      exceeded_daily_quota_devices: { 'quota-device': 500001 },
      throttled_users: { 'hot-user': 31 },
      throttled_devices: { 'hot-device': 31 },
      throttled_events: [4],
    };
    const plan = decideResponse({ status: 429, body, retryAfterMs: undefined }, events);
    expect(plan.dropped).toEqual([
      { index: 0, reason: DropReason.QUOTA },
      { index: 1, reason: DropReason.QUOTA },
    ]);
    expect(plan.throttled).toEqual([2, 3, 4]);
    expect(plan.throttleMs).toBe(THROTTLE_WAIT_MS);
    expect(plan.retry).toEqual([5]);
  });

  it('429 with Retry-After waits that long for everything', () => {
    const plan = decideResponse({ status: 429, body: { code: 429 }, retryAfterMs: 1000 }, batch(2));
    expect(plan.retry).toEqual([0, 1]);
    expect(plan.retryAfterMs).toBe(1000);
    expect(plan.throttleMs).toBe(1000);
  });

  it.each([[500], [502], [503], [504], [408], [0], [404], [401]])(
    '%i retries the whole batch (never drops)',
    (status) => {
      const plan = decideResponse({ status, body: null }, batch(3));
      expect(plan.retry).toEqual([0, 1, 2]);
      expect(plan.dropped).toEqual([]);
      expect(plan.delivered).toEqual([]);
      expect(plan.code).toBe(status);
    },
  );

  it('a network error says so', () => {
    expect(decideResponse({ status: 0, body: null }, batch(1)).message).toMatch(/network/i);
  });
});

describe('backoffDelay: exponential, full jitter, capped, floored', () => {
  it.each([
    [1, 0.5, 500],
    [2, 0.5, 1000],
    [3, 0.5, 2000],
    [3, 0.999, 3996],
    [10, 0.5, BACKOFF_CAP_MS / 2],
    [40, 0.999, Math.floor(0.999 * BACKOFF_CAP_MS)],
    [1, 0, BACKOFF_FLOOR_MS],
    [0, 0.5, 500],
  ])('attempt %i with random %f waits %i ms', (attempt, random, expected) => {
    expect(backoffDelay({ attempt, random })).toBe(expected);
  });
});

describe('HTTP V2 codec', () => {
  it.each([
    [{ serverZone: 'US', useBatch: false }, ServerUrl.US],
    [{ serverZone: 'US', useBatch: true }, ServerUrl.US_BATCH],
    [{ serverZone: 'EU', useBatch: false }, ServerUrl.EU],
    [{ serverZone: 'EU', useBatch: true }, ServerUrl.EU_BATCH],
    [{ serverZone: 'EU', useBatch: true, serverUrl: 'http://127.0.0.1:9/x' }, 'http://127.0.0.1:9/x'],
  ] as const)('endpointFor(%o) is %s', (options, url) => {
    expect(endpointFor(options)).toBe(url);
  });

  it('knows the default endpoints (compression is automatic there)', () => {
    expect(isDefaultEndpoint(ServerUrl.EU_BATCH)).toBe(true);
    expect(isDefaultEndpoint('http://127.0.0.1:8787/2/httpapi')).toBe(false);
  });

  it('encodes the body with options.min_id_length only when set and an ISO upload time', () => {
    const events = batch(1);
    expect(JSON.parse(encodeBatch({ apiKey: 'k', events, uploadTime: 0 }))).toEqual({
      api_key: 'k',
      events,
      client_upload_time: '1970-01-01T00:00:00.000Z',
    });
    expect(JSON.parse(encodeBatch({ apiKey: 'k', events, minIdLength: 3, uploadTime: 0 })).options).toEqual({
      min_id_length: 3,
    });
  });

  it('chunks events so every encoded request stays under the limit, keeping order', () => {
    const events = Array.from({ length: 50 }, (_, n) => ({
      event_type: 'x'.repeat(900),
      insert_id: String(n),
      device_id: 'ü'.repeat(50),
    }));
    const chunks = chunkBySize({ events, maxBytes: 10_000, envelopeBytes: 100 });
    expect(chunks.length).toBeGreaterThan(4);
    expect(([] as Event[]).concat(...chunks).map((e) => e.insert_id)).toEqual(events.map((e) => e.insert_id));
    for (const chunk of chunks)
      expect(new TextEncoder().encode(encodeBatch({ apiKey: 'k', events: chunk, uploadTime: 0 })).length).toBeLessThan(
        10_000,
      );
  });

  it('gives an oversized event a chunk of its own instead of skipping it', () => {
    const chunks = chunkBySize({
      events: [{ event_type: 'a' }, { event_type: 'b'.repeat(500) }, { event_type: 'c' }],
      maxBytes: 200,
      envelopeBytes: 50,
    });
    expect(chunks.map((chunk) => chunk.map((e) => e.event_type[0]))).toEqual([['a'], ['b'], ['c']]);
  });
});
