import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  createDeliveryPlugin,
  createMemoryEventStore,
  DropReason,
  type Connectivity,
  type Event,
} from './delivery-internals.js';
import { harness, lifecycle, storedIds } from './delivery-harness.js';

// The engine offline, before setup, and its delivery report (docs/delivery.md, "Offline" and
// "The delivery report").

beforeEach(() => {
  vi.useFakeTimers({ now: 1_800_000_000_000 });
});
afterEach(() => {
  vi.useRealTimers();
});

describe('offline', () => {
  it('offline: true holds everything stored until setOffline(false)', async () => {
    const h = harness({ options: { offline: true } });
    void h.trackMany(3);
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
    void following.track();
    await vi.advanceTimersByTimeAsync(1000);
    expect(following.sent).toHaveLength(0);
    const ignoring = harness({ options: { offline: null }, environment: { connectivity: offline } });
    void ignoring.track();
    await vi.advanceTimersByTimeAsync(1000);
    expect(ignoring.sent).toHaveLength(1);
  });

  it('sleeps while it cannot send (no timer polling) and wakes when the network returns', async () => {
    let timersArmed = 0;
    const clock = {
      now: () => Date.now(),
      epoch: () => Date.now(),
      setTimeout: (callback: () => void, ms: number) => (timersArmed++, setTimeout(callback, ms)),
      clearTimeout: (handle: unknown) => clearTimeout(handle as ReturnType<typeof setTimeout>),
      random: () => 0.5,
    };
    let online = false;
    let notify!: (online: boolean) => void;
    const connectivity: Connectivity = {
      isOnline: () => online,
      subscribe: (listener) => ((notify = listener), () => undefined),
    };
    const h = harness({ environment: { connectivity, clock } });
    void h.track();
    await vi.advanceTimersByTimeAsync(10_000);
    expect(h.sent).toHaveLength(0);
    expect(timersArmed).toBeLessThan(5);
    online = true;
    notify(true);
    await vi.advanceTimersByTimeAsync(10);
    expect(h.sentIds()).toEqual(['id-0']);
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
    void h.trackMany(2);
    await vi.advanceTimersByTimeAsync(10);
    expect(heard).toEqual(['dropped:invalid:400', 'sent::200']);
    expect(h.logger.error).toHaveBeenCalledWith(expect.stringMatching(/onDelivery listener threw/), expect.any(Error));
    stop();
    void h.track();
    await vi.advanceTimersByTimeAsync(200);
    expect(heard).toHaveLength(2);
  });

  it('rejects a non-function listener clearly', () => {
    const h = harness();
    h.plugin.onDelivery('nope' as never)();
    expect(h.logger.error).toHaveBeenCalledWith('onDelivery needs a function');
  });

  it('an async onDelivery listener that rejects is logged, not left as an unhandled rejection', async () => {
    const h = harness();
    const heard: string[] = [];
    // eslint-disable-next-line @typescript-eslint/no-misused-promises -- a listener that rejects is the case under test
    h.plugin.onDelivery(async () => {
      throw new Error('async listener bug');
    });
    h.plugin.onDelivery((report) => heard.push(report.outcome));
    void h.track();
    await vi.advanceTimersByTimeAsync(200);
    expect(heard).toEqual(['sent']);
    expect(h.logger.error).toHaveBeenCalledWith(
      expect.stringMatching(/onDelivery listener rejected/),
      expect.any(Error),
    );
  });

  it(
    'an event a plugin made unencodable (BigInt, cycle) is dropped as unencodable ' +
      'and logged; the rest of its batch is sent',
    async () => {
      const h = harness({ options: { flushQueueSize: 3 } });
      const heard: string[] = [];
      h.plugin.onDelivery((report) => heard.push(`${report.event.insert_id}:${report.outcome}:${report.reason || ''}`));
      const circular: Record<string, unknown> = {};
      circular.self = circular;
      const codes: number[] = [];
      for (const fields of [{}, { event_properties: { n: BigInt(1) } }, { event_properties: circular }])
        void h.track(fields).then((result) => codes.push(result.code));
      await vi.advanceTimersByTimeAsync(10);
      expect(h.sentIds()).toEqual(['id-0']);
      expect(codes.sort()).toEqual([200, 400, 400]);
      expect(heard.sort()).toEqual(['id-0:sent:', 'id-1:dropped:unencodable', 'id-2:dropped:unencodable']);
      expect(h.plugin.getDeliveryStats()).toEqual({
        sent: 1,
        retried: 0,
        dropped: { [DropReason.UNENCODABLE]: 2 },
        pending: 0,
      });
      expect(h.logger.error).toHaveBeenCalledWith(
        expect.stringMatching(/cannot be encoded as JSON/),
        expect.any(TypeError),
      );
      expect(await storedIds(h.store)).toEqual([]);
    },
  );

  it('on page exit an unencodable event is dropped as unencodable and the others still go out', async () => {
    const page = lifecycle();
    const h = harness({ options: { flushIntervalMillis: 60_000 }, environment: { lifecycle: page.value } });
    void h.track();
    void h.track({ event_properties: { n: BigInt(1) } });
    await vi.advanceTimersByTimeAsync(0);
    expect(() => page.hide()).not.toThrow();
    expect(
      h.exitRequests.map((request) => JSON.parse(request.body).events.map((event: Event) => event.insert_id)),
    ).toEqual([['id-0']]);
    expect(h.plugin.getDeliveryStats().dropped).toEqual({ [DropReason.UNENCODABLE]: 1 });
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
