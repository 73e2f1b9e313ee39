import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createClock, createMemoryEventStore, MAX_EVENT_AGE_MS, type ClockSources } from './delivery-internals.js';
import { harness, OK, testClock } from './delivery-harness.js';

// When uploads and retries go (docs/delivery.md, "Retries"): on a monotonic clock, so a device
// clock that moves (sleep, a manual change, NTP) moves none of them; event times stay wall-clock.

const START = 1_800_000_000_000;
const HOUR = 3_600_000;

beforeEach(() => {
  vi.useFakeTimers({ now: START });
});
afterEach(() => {
  vi.useRealTimers();
});

/** The test's clock, whose wall-clock time jumps by `jump.by` (the monotonic one does not). */
const jumpingClock = () => {
  const jump = { by: 0 };
  return { jump, clock: testClock(0.99, () => Date.now() + jump.by) };
};

describe('monotonic scheduling', () => {
  it.each([
    ['back an hour', -HOUR],
    ['forward an hour', HOUR],
  ])('the device clock jumping %s moves no retry: it goes after its backoff', async (_label, by) => {
    const { jump, clock } = jumpingClock();
    const h = harness({ environment: { clock } });
    h.answers.push({ status: 503, body: null });
    void h.track();
    await vi.advanceTimersByTimeAsync(150); // sent at the flush interval (100 ms), answered 503
    expect(h.sent).toHaveLength(1);
    jump.by = by;
    await vi.advanceTimersByTimeAsync(900); // the backoff (≈ 990 ms with the jitter at 0.99) is not over
    expect(h.sent).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(200);
    expect(h.sent).toHaveLength(2);
  });

  it('a partial batch waits flushIntervalMillis of monotonic time, whatever the device clock does', async () => {
    const { jump, clock } = jumpingClock();
    const h = harness({ options: { flushIntervalMillis: 1000 }, environment: { clock } });
    void h.track();
    await vi.advanceTimersByTimeAsync(10);
    jump.by = HOUR;
    await vi.advanceTimersByTimeAsync(500);
    expect(h.sent).toHaveLength(0);
    jump.by = -HOUR;
    await vi.advanceTimersByTimeAsync(600);
    expect(h.sent).toHaveLength(1);
  });

  it('client_upload_time is the device clock at upload; event time is left as tracked', async () => {
    const { jump, clock } = jumpingClock();
    const h = harness({ environment: { clock } });
    const trackedAt = Date.now();
    void h.track({ time: trackedAt });
    jump.by = -HOUR;
    let body: { client_upload_time: string; events: { time: number }[] } | undefined;
    let uploadedAt = 0;
    h.transport.send.mockImplementationOnce(async (request) => {
      body = JSON.parse(request.body);
      uploadedAt = Date.now();
      return OK;
    });
    await vi.advanceTimersByTimeAsync(150);
    expect(body!.client_upload_time).toBe(new Date(uploadedAt - HOUR).toISOString());
    expect(body!.events[0].time).toBe(trackedAt);
  });

  it('the age of stored events (too_old after 7 days) is wall-clock, as their time is', async () => {
    const store = createMemoryEventStore();
    const old = (id: string, age: number) => ({
      id,
      event: { event_type: 'Old', insert_id: id, device_id: 'device-12345', time: Date.now() - age },
      attempts: 1,
    });
    await store.put([old('fresh', MAX_EVENT_AGE_MS - HOUR), old('stale', MAX_EVENT_AGE_MS + HOUR)]);
    const h = harness({ store, environment: { clock: testClock() } });
    await vi.advanceTimersByTimeAsync(50);
    expect(h.sentIds()).toEqual(['fresh']);
    expect(h.plugin.getDeliveryStats().dropped).toEqual({ too_old: 1 });
  });
});

describe('a server that answers again', () => {
  it('a 200 ends the backoff of events that failed when the server or network was down: they go at once', async () => {
    const h = harness({ options: { flushQueueSize: 1 }, environment: { clock: testClock() } });
    h.answers.push({ status: 503, body: null });
    void h.track();
    await vi.advanceTimersByTimeAsync(10); // a full batch goes at once: 503, backoff ≈ 990 ms
    void h.track();
    await vi.advanceTimersByTimeAsync(20); // the second goes, answered 200
    expect(h.sentIds()).toEqual(['id-0', 'id-1', 'id-0']);
    expect(h.plugin.getDeliveryStats()).toMatchObject({ sent: 2, pending: 0 });
  });

  it("the server's own wait (Retry-After) stands", async () => {
    const h = harness({ options: { flushQueueSize: 1 }, environment: { clock: testClock() } });
    h.answers.push({ status: 503, body: null, retryAfterMs: 5000 });
    void h.track();
    await vi.advanceTimersByTimeAsync(10);
    void h.track();
    await vi.advanceTimersByTimeAsync(4000);
    expect(h.sentIds()).toEqual(['id-0', 'id-1']);
    await vi.advanceTimersByTimeAsync(1100);
    expect(h.sentIds()).toEqual(['id-0', 'id-1', 'id-0']);
  });
});

describe('createClock', () => {
  const sources = (monotonic: ClockSources['monotonic'], wall: ClockSources['wall']): ClockSources => ({
    monotonic,
    wall,
    setTimeout: () => 0,
    clearTimeout: () => undefined,
    random: () => 0,
  });

  it('now follows the monotonic source and never goes back', () => {
    const readings = [5, 7, 6, 9];
    const clock = createClock(
      sources(
        () => readings.shift()!,
        () => START,
      ),
    );
    expect([clock.now(), clock.now(), clock.now(), clock.now()]).toEqual([5, 7, 7, 9]);
    expect(clock.epoch()).toBe(START);
  });

  it.each([
    [
      'throws',
      () => (): number => {
        throw new Error('patched');
      },
    ],
    ['answers NaN', () => () => NaN],
    ['answers a string', () => () => '12' as unknown as number],
    ['is missing', () => undefined],
  ])('a monotonic source that %s gives way to the wall clock for good', (_label, make) => {
    let wall = START;
    const clock = createClock(sources(make(), () => wall));
    expect(clock.now()).toBe(START);
    wall = START - 10; // the wall clock went back: now does not
    expect(clock.now()).toBe(START);
    wall = START + 10;
    expect(clock.now()).toBe(START + 10);
  });

  it('a wall clock that answers nonsense gives NaN epoch (the request then carries no client_upload_time)', () => {
    const clock = createClock(
      sources(
        () => 1,
        () => 'soon' as unknown as number,
      ),
    );
    expect(clock.epoch()).toBeNaN();
    expect(clock.now()).toBe(1);
  });
});
