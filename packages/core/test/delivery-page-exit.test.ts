import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { type Result, type UploadResponse } from './delivery-internals.js';
import { harness, lifecycle, OK, storedIds, testClock } from './delivery-harness.js';

// The page-exit path (docs/delivery.md, "Page exit"): an event is on the wire at most once at any time.

beforeEach(() => {
  vi.useFakeTimers({ now: 1_800_000_000_000 });
});
afterEach(() => {
  vi.useRealTimers();
});

/** An upload transport whose answers the test gives, one request at a time. */
const slowServer = () => {
  const pending: ((response: UploadResponse) => void)[] = [];
  const requests: string[][] = [];
  return {
    requests,
    answerNext: (response: UploadResponse = OK) => pending.shift()!(response),
    transport: {
      send: (request: { body: string }) => {
        requests.push(JSON.parse(request.body).events.map((event: { insert_id: string }) => event.insert_id));
        return new Promise<UploadResponse>((resolve) => pending.push(resolve));
      },
    },
  };
};

describe('page exit: what goes', () => {
  it(
    'on hide, what is neither answered nor in flight goes in chunks under 64 KB; ' +
      'unanswered (the page went away) it stays stored',
    async () => {
      const page = lifecycle();
      const h = harness({
        options: { flushIntervalMillis: 60_000, flushQueueSize: 10_000 },
        environment: { lifecycle: page.value },
      });
      for (let n = 0; n < 300; n++) void h.track({ event_properties: { padding: 'x'.repeat(500) } });
      await vi.advanceTimersByTimeAsync(10);
      page.hide();
      page.leave(); // visibilitychange then pagehide: no second copy
      await vi.advanceTimersByTimeAsync(0);
      expect(h.exitRequests.length).toBeGreaterThan(2);
      for (const request of h.exitRequests)
        expect(new TextEncoder().encode(request.body).length).toBeLessThan(64 * 1024);
      expect(new Set(h.exitIds()).size).toBe(300);
      expect(h.exitIds()).toHaveLength(300);
      expect(await storedIds(h.store)).toHaveLength(300);
    },
  );

  it(
    '30 events tracked and the page hidden at once: each goes once, by the exit ' +
      'path, and the flush timer sends none again',
    async () => {
      const page = lifecycle();
      const h = harness({ options: { flushIntervalMillis: 100 }, environment: { lifecycle: page.value } });
      void h.trackMany(30);
      page.hide();
      await vi.advanceTimersByTimeAsync(5000); // the exit request's answer has not come (a slow server, a closing tab)
      expect(h.exitIds()).toHaveLength(30);
      expect(h.sent).toEqual([]);
      expect(await storedIds(h.store)).toHaveLength(30);
    },
  );

  it('an upload in flight when the page is hidden is not sent again on exit, nor after its answer', async () => {
    const page = lifecycle();
    const server = slowServer();
    const h = harness({ environment: { lifecycle: page.value, createTransport: () => server.transport } });
    void h.trackMany(3);
    await vi.advanceTimersByTimeAsync(200);
    expect(server.requests).toEqual([['id-0', 'id-1', 'id-2']]);
    void h.track(); // not on the wire yet: this one goes on exit
    page.hide();
    page.leave();
    expect(h.exitIds()).toEqual(['id-3']);
    server.answerNext();
    await vi.advanceTimersByTimeAsync(5000);
    expect(server.requests).toHaveLength(1);
    expect(h.exitIds()).toEqual(['id-3']);
  });

  it('an event tracked while the page is hidden goes out at once, and only that way (web vitals on hide)', async () => {
    const page = lifecycle();
    const h = harness({ options: { flushIntervalMillis: 100 }, environment: { lifecycle: page.value } });
    page.hide();
    void h.track({ event_type: '[Amplitude] Web Vitals' });
    await vi.advanceTimersByTimeAsync(5000);
    expect(h.exitRequests).toHaveLength(1);
    expect(JSON.parse(h.exitRequests[0].body).events[0].event_type).toBe('[Amplitude] Web Vitals');
    expect(h.sent).toEqual([]);
  });

  it('events waiting out a retry stay for their retry (the server failed them a moment ago)', async () => {
    const page = lifecycle();
    const h = harness({ environment: { lifecycle: page.value, clock: testClock() } });
    h.answers.push({ status: 503, body: null });
    void h.track();
    await vi.advanceTimersByTimeAsync(150);
    expect(h.sent).toHaveLength(1);
    void h.track();
    page.hide();
    expect(h.exitIds()).toEqual(['id-1']);
  });
});

describe('page exit: its answer', () => {
  it(
    'answered (the page lived on): delivered events finish like an upload; a ' + 'failed one is retried later, once',
    async () => {
      const page = lifecycle();
      const h = harness({ options: { flushIntervalMillis: 100 }, environment: { lifecycle: page.value } });
      h.exitAnswers.push({ status: 503, body: null });
      const results: Result[] = [];
      void h.track().then((result) => results.push(result));
      page.hide();
      await vi.advanceTimersByTimeAsync(0);
      expect(h.sent).toEqual([]); // not at once: it waits out its backoff
      page.show();
      await vi.advanceTimersByTimeAsync(40_000);
      expect(h.exitIds()).toEqual(['id-0']);
      expect(h.sentIds()).toEqual(['id-0']);
      expect(results).toMatchObject([{ code: 200 }]);
      expect(h.plugin.getDeliveryStats()).toMatchObject({ sent: 1, retried: 1, pending: 0 });
    },
  );

  it('a 400 or 413 to an exit request leaves the rest for ordinary uploads, in batches of flushQueueSize', async () => {
    const page = lifecycle();
    const h = harness({ options: { flushQueueSize: 4 }, environment: { lifecycle: page.value } });
    h.exitAnswers.push({ status: 413, body: null });
    void h.trackMany(10);
    page.hide();
    await vi.advanceTimersByTimeAsync(1000);
    expect(h.exitIds()).toHaveLength(10);
    expect(h.sent.map((batch) => batch.length)).toEqual([4, 4, 2]);
    expect(h.plugin.getDeliveryStats()).toMatchObject({ sent: 10, pending: 0 });
  });

  it(
    'a beacon (no answer to read): stored, not sent again in this page life, its ' +
      'caller told; the next page life sends it once',
    async () => {
      const page = lifecycle();
      const h = harness({ options: { flushIntervalMillis: 100 }, environment: { lifecycle: page.value } });
      h.exitAnswers.push('beacon');
      const result = h.track();
      page.hide();
      expect(await result).toMatchObject({ code: 0, message: expect.stringMatching(/beacon.*stays stored/) });
      page.show();
      await vi.advanceTimersByTimeAsync(60_000);
      void h.plugin.flush!();
      page.hide();
      await vi.advanceTimersByTimeAsync(1000);
      expect(h.sent).toEqual([]);
      expect(h.exitRequests).toHaveLength(1);
      expect(await storedIds(h.store)).toEqual(['id-0']);
      void h.plugin.teardown!();
      const next = harness({ store: h.store });
      await vi.advanceTimersByTimeAsync(100);
      expect(next.sentIds()).toEqual(['id-0']);
    },
  );

  it(
    'nothing took it (refused, or an exit transport that throws): the events wait ' +
      'for an upload; nothing throws into the page',
    async () => {
      const page = lifecycle();
      const h = harness({ options: { flushIntervalMillis: 100 }, environment: { lifecycle: page.value } });
      h.exitAnswers.push(new TypeError('keepalive refused'));
      void h.trackMany(2);
      page.hide();
      await vi.advanceTimersByTimeAsync(0);
      h.exitTransport.send.mockImplementationOnce(() => {
        throw new Error('a patched transport');
      });
      void h.track();
      expect(() => page.leave()).not.toThrow();
      page.show();
      await vi.advanceTimersByTimeAsync(1000);
      expect(h.sentIds().sort()).toEqual(['id-0', 'id-1', 'id-2']);
      expect(h.plugin.getDeliveryStats()).toMatchObject({ sent: 3, retried: 0 });
    },
  );

  it('the page coming back: what the exit path is still sending is not sent again; what is new goes', async () => {
    const page = lifecycle();
    const h = harness({ options: { flushIntervalMillis: 100 }, environment: { lifecycle: page.value } });
    void h.track();
    await vi.advanceTimersByTimeAsync(0);
    page.hide();
    page.show();
    void h.track();
    page.hide();
    await vi.advanceTimersByTimeAsync(1000);
    expect(h.exitIds()).toEqual(['id-0', 'id-1']);
    expect(h.sent).toEqual([]);
  });
});
