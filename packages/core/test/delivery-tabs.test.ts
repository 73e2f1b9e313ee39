import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  createInPageLock,
  createMemoryEventStore,
  type OutcomeChannel,
  type OutcomeChannelListener,
  type Result,
  type SharedOutcome,
  type UploadResponse,
} from './delivery-internals.js';
import { harness, lifecycle, storedIds, testClock } from './delivery-harness.js';

// Tabs of one site share the store and the flush lock (docs/delivery.md, "Tabs"), and a new engine
// takes over from a torn-down one (re-init).

beforeEach(() => {
  vi.useFakeTimers({ now: 1_800_000_000_000 });
});
afterEach(() => {
  vi.useRealTimers();
});

/** BroadcastChannel between the harness's pages: each hears the others, never itself. */
const channelHub = () => {
  const listeners = new Set<{ from: number; listener: OutcomeChannelListener }>();
  let pages = 0;
  return (): OutcomeChannel & { leave: (ids: string[]) => void } => {
    const me = ++pages;
    const others = () => [...listeners].filter((entry) => entry.from !== me).map((entry) => entry.listener);
    return {
      publish: (outcome) => others().forEach((listener) => listener.outcome(outcome)),
      leave: (ids) => others().forEach((listener) => listener.left && listener.left(ids)),
      subscribe(listener) {
        const entry = { from: me, listener };
        listeners.add(entry);
        return () => void listeners.delete(entry);
      },
    };
  };
};

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
    await store.put([
      { id: 'left-over', event: { event_type: 'Old', insert_id: 'left-over', time: Date.now() }, attempts: 0 },
    ]);
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
    const channel: OutcomeChannel = {
      publish: vi.fn(),
      subscribe: (listener) => ((deliver = listener.outcome), () => undefined),
    };
    const h = harness({ options: { offline: true }, environment: { channel } });
    const result = h.track();
    deliver({ ids: ['id-0'], code: 200, message: 'Sent by another tab' });
    expect(await result).toMatchObject({ code: 200, message: 'Sent by another tab' });
    expect(h.plugin.getDeliveryStats().pending).toBe(0);
  });

  it('publishes its own outcomes for other tabs', async () => {
    const channel: OutcomeChannel = { publish: vi.fn(), subscribe: () => () => undefined };
    const h = harness({ environment: { channel } });
    void h.track();
    await vi.advanceTimersByTimeAsync(200);
    expect(channel.publish).toHaveBeenCalledWith(expect.objectContaining({ ids: ['id-0'], code: 200 }));
  });

  it('an engine torn down while it waits for the flush lock leaves the store to the next page life', async () => {
    const store = createMemoryEventStore();
    await store.put(
      ['left-1', 'left-2'].map((id) => ({
        id,
        event: { event_type: 'Old', insert_id: id, time: Date.now() },
        attempts: 0,
      })),
    );
    const lock = createInPageLock();
    let release!: () => void;
    void lock.run(() => new Promise<void>((resolve) => (release = resolve))); // the last page's upload still holds it
    const closing = harness({ store, environment: { lock }, options: { maxStoredEvents: 1 } });
    await vi.advanceTimersByTimeAsync(10); // its first session waits for the lock
    void closing.plugin.teardown!();
    release();
    await vi.advanceTimersByTimeAsync(10);
    expect(closing.plugin.getDeliveryStats()).toEqual({ sent: 0, retried: 0, dropped: {}, pending: 0 });
    expect(await storedIds(store)).toEqual(['left-1', 'left-2']);
  });

  it(
    'teardown (re-init) answers an unsent event with code 0, uncounted; it ' +
      'stays stored and the next engine sends it',
    async () => {
      const store = createMemoryEventStore();
      const old = harness({ store, options: { offline: true } });
      let held: Result | undefined;
      void old.track().then((result) => (held = result));
      await vi.advanceTimersByTimeAsync(10);
      void old.plugin.teardown!();
      await vi.advanceTimersByTimeAsync(0);
      expect(held).toMatchObject({ code: 0, message: expect.stringMatching(/re-initialised: the event stays stored/) });
      expect(old.plugin.getDeliveryStats()).toMatchObject({ sent: 0, dropped: {} });
      expect(await storedIds(store)).toEqual(['id-0']);
      const next = harness({ store });
      await vi.advanceTimersByTimeAsync(10);
      expect(next.sentIds()).toEqual(['id-0']);
      expect(next.plugin.getDeliveryStats()).toMatchObject({ sent: 1, pending: 0 });
    },
  );

  it(
    'an upload still out at teardown answers for its events; what it leaves ' + 'unsent is handed over when it lands',
    async () => {
      let land!: (response: UploadResponse) => void;
      const h = harness({
        environment: {
          createTransport: () => ({ send: () => new Promise<UploadResponse>((resolve) => (land = resolve)) }),
        },
      });
      let result: Result | undefined;
      void h.track().then((settled) => (result = settled));
      await vi.advanceTimersByTimeAsync(200);
      void h.plugin.teardown!();
      await vi.advanceTimersByTimeAsync(0);
      expect(result).toBeUndefined(); // in flight: the server's answer is still to come
      land({ status: 503, body: null });
      await vi.advanceTimersByTimeAsync(0);
      expect(result).toMatchObject({ code: 0, message: expect.stringMatching(/stays stored/) });
      expect(await storedIds(h.store)).toEqual(['id-0']);
    },
  );

  it("a second event with the insert_id of one still waiting is not sent; it settles with the first one's outcome", async () => {
    const h = harness();
    const results: Result[] = [];
    void h.track({ event_type: 'First', insert_id: 'same' }).then((result) => results.push(result));
    void h.track({ event_type: 'Second', insert_id: 'same' }).then((result) => results.push(result));
    await vi.advanceTimersByTimeAsync(200);
    expect(h.sent).toEqual([[expect.objectContaining({ event_type: 'First', insert_id: 'same' })]]);
    expect(results.map((result) => [result.event.event_type, result.code])).toEqual([
      ['First', 200],
      ['First', 200],
    ]);
    expect(h.plugin.getDeliveryStats()).toMatchObject({ sent: 1, pending: 0 });
    expect(await storedIds(h.store)).toEqual([]);
    expect(h.logger.warn).toHaveBeenCalledWith(expect.stringMatching(/insert_id "same" is already waiting/));
  });
});

describe('a page that goes away', () => {
  it('tells the other tabs on pagehide which of its events are on the wire', async () => {
    const page = lifecycle();
    const hub = channelHub();
    const heard: string[][] = [];
    hub().subscribe({ outcome: () => undefined, left: (ids) => heard.push(ids) });
    const h = harness({ environment: { lifecycle: page.value, channel: hub() } });
    void h.trackMany(2);
    await vi.advanceTimersByTimeAsync(0);
    page.leave();
    expect(heard).toEqual([['id-0', 'id-1']]);
  });

  it(
    'two tabs track while the server is down; the flushing tab closes; the other sends every ' +
      'stored event once the server answers, within a flush interval',
    async () => {
      const store = createMemoryEventStore();
      const lock = createInPageLock();
      const hub = channelHub();
      const down = { status: 0, body: null } as UploadResponse;
      const tabB = harness({ store, environment: { lock, channel: hub(), clock: testClock() } });
      await vi.advanceTimersByTimeAsync(10); // tab B is open first: it looked into the store before tab A's events
      const pageA = lifecycle();
      const tabA = harness({
        store,
        environment: { lock, channel: hub(), lifecycle: pageA.value, clock: testClock() },
      });
      tabA.answers.push(...Array(50).fill(down));
      tabB.answers.push(...Array(50).fill(down));
      for (let n = 0; n < 5; n++) {
        void tabA.track({ insert_id: `a-${n}` });
        void tabB.track({ insert_id: `b-${n}` });
      }
      await vi.advanceTimersByTimeAsync(3000); // both tried and failed: their events wait out a backoff
      expect(tabA.sent.length).toBeGreaterThan(0);
      pageA.leave(); // closing: nothing goes on exit (all wait out a backoff); tab B hears it left
      void tabA.plugin.teardown!();
      expect(tabA.exitRequests).toHaveLength(0);
      tabB.answers.length = 0; // the server is back
      const before = tabB.sent.length;
      for (let waited = 0; tabB.sent.length === before && waited < 60_000; waited += 50)
        await vi.advanceTimersByTimeAsync(50); // until tab B's next attempt, which is answered
      await vi.advanceTimersByTimeAsync(100); // one flush interval
      const sentSince = tabB.sent
        .slice(before)
        .flat()
        .map((event) => event.insert_id as string);
      expect(sentSince.sort()).toEqual(['a-0', 'a-1', 'a-2', 'a-3', 'a-4', 'b-0', 'b-1', 'b-2', 'b-3', 'b-4']);
      expect(await storedIds(store)).toEqual([]);
    },
  );

  it('what the page that left had on the wire is not sent again by the other tabs in this page life', async () => {
    const store = createMemoryEventStore();
    const lock = createInPageLock();
    const hub = channelHub();
    const pageA = lifecycle();
    const tabA = harness({ store, environment: { lock, channel: hub(), lifecycle: pageA.value } });
    const tabB = harness({ store, environment: { lock, channel: hub() } });
    await vi.advanceTimersByTimeAsync(10); // tab B looked into the (empty) store
    void tabA.trackMany(3);
    await vi.advanceTimersByTimeAsync(0);
    pageA.leave(); // all three go on exit: their answers will never be read (the tab closes)
    void tabA.plugin.teardown!();
    expect(tabA.exitIds()).toEqual(['id-0', 'id-1', 'id-2']);
    await vi.advanceTimersByTimeAsync(5000);
    expect(tabB.sent).toEqual([]);
    expect(await storedIds(store)).toEqual(['id-0', 'id-1', 'id-2']); // the next page load sends them, once
  });
});

describe('what a page leaves noted as it goes', () => {
  /** A note shared by the page lives of one site, as localStorage is. */
  const memoryNote = () => {
    const ids = new Set<string>();
    return {
      ids,
      add: (added: readonly string[]) => added.forEach((id) => ids.add(id)),
      noted: (asked: readonly string[]) => asked.filter((id) => ids.has(id)),
      forget: (gone: readonly string[]) => gone.forEach((id) => ids.delete(id)),
    };
  };
  /**
   * A transport whose requests never answer (the page reloads first), but for the first `failures`,
   * answered 503; it says whether each request outlives the page.
   */
  const pendingTransport = (outliving: boolean, failures: number, sent: string[][]) => {
    const requests = new WeakSet<object>();
    let failing = failures;
    return {
      transport: {
        send: (request: { body: string }) => {
          if (outliving) requests.add(request);
          sent.push(JSON.parse(request.body).events.map((event: { insert_id: string }) => event.insert_id));
          if (failing-- > 0) return Promise.resolve({ status: 503, body: null });
          return new Promise<never>(() => undefined);
        },
      },
      outlivesPage: (request: object) => requests.has(request),
    };
  };

  it.each([
    ['a keepalive upload, the server answering: noted, and the next page life does not send them again', true, 0, 0],
    ['an upload that dies with the page: not noted, the next page life sends them once more', false, 0, 1],
    ['while its uploads fail: not noted, the next page life sends them once more', true, 1, 1],
  ])('%s', async (_label, outliving, failures, copiesAfter) => {
    const store = createMemoryEventStore();
    const note = memoryNote();
    const sent: string[][] = [];
    const wire = pendingTransport(outliving, failures, sent);
    const page = lifecycle();
    const first = harness({
      store,
      options: { flushQueueSize: 1 },
      environment: {
        lifecycle: page.value,
        sentNote: note,
        outlivesPage: wire.outlivesPage,
        createTransport: () => wire.transport,
        clock: testClock(),
      },
    });
    if (failures) {
      void first.track({ insert_id: 'failed-before' });
      await vi.advanceTimersByTimeAsync(10); // answered 503: the server is failing
    }
    void first.track({ insert_id: 'e-1' });
    await vi.advanceTimersByTimeAsync(10); // the upload is out; the page reloads before its answer
    expect(sent.flat()).toContain('e-1');
    page.leave();
    void first.plugin.teardown!();
    const next = harness({ store, environment: { sentNote: note } });
    await vi.advanceTimersByTimeAsync(2000);
    expect(next.sentIds().filter((id) => id === 'e-1')).toHaveLength(copiesAfter);
    if (!copiesAfter) {
      expect(await storedIds(store)).toEqual([]); // taken as delivered: gone from the store, and from the note
      expect(note.ids.size).toBe(0);
    }
  });
});

describe('a page that goes while its store still removes what was answered', () => {
  it('notes those events, and the next page life does not send them again', async () => {
    const store = createMemoryEventStore();
    // The removal of answered records has not reached the store when the page goes.
    const slowStore = { ...store, remove: () => new Promise<void>(() => undefined) };
    const ids = new Set<string>();
    const note = {
      add: (added: readonly string[]) => added.forEach((id) => ids.add(id)),
      noted: (asked: readonly string[]) => asked.filter((id) => ids.has(id)),
      forget: (gone: readonly string[]) => gone.forEach((id) => ids.delete(id)),
    };
    const page = lifecycle();
    const first = harness({
      store: slowStore,
      options: { flushQueueSize: 1 },
      environment: { lifecycle: page.value, sentNote: note, clock: testClock() },
    });
    void first.track({ insert_id: 'answered' });
    await vi.advanceTimersByTimeAsync(10);
    expect(first.sentIds()).toEqual(['answered']);
    expect(await storedIds(store)).toEqual(['answered']); // its removal is still on its way
    page.leave();
    void first.plugin.teardown!();
    expect([...ids]).toEqual(['answered']);
    const next = harness({ store, environment: { sentNote: note } });
    await vi.advanceTimersByTimeAsync(2000);
    expect(next.sentIds()).toEqual([]);
    expect(await storedIds(store)).toEqual([]); // the next page life removed the record, then the note
    expect(ids.size).toBe(0);
  });
});
