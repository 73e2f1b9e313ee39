import { afterEach, describe, expect, it, vi } from 'vitest';
import { captureDeliveryPlatform } from '../src/delivery/delivery-platform.js';
import { createFlushLock, LEASE_MS } from '../src/delivery/flush-lock.js';
import { createOutcomeChannel } from '../src/delivery/outcome-channel.js';
import { createPageLifecycle } from '../src/delivery/page-lifecycle.js';
import { silentLogger } from '@sightline/test-utils';

// What the tabs of a site share (the flush lock, the outcome channel) and the page signals, each
// released by its owner: docs/delivery.md, "Tabs" and "Page exit".

afterEach(() => {
  vi.unstubAllGlobals();
  vi.useRealTimers();
  localStorage.clear();
});

describe('flush lock', () => {
  it(
    'Locks API denied (a sandboxed frame): the task still runs, on the ' + 'fallback, and the fallback is logged once',
    async () => {
      const request = vi.fn(() =>
        Promise.reject(new DOMException('Access to the Locks API is denied', 'SecurityError')),
      );
      vi.stubGlobal('navigator', { ...navigator, locks: { request } });
      const log = silentLogger();
      const lock = createFlushLock('sightline_flush_test', 'me', captureDeliveryPlatform(log));
      expect(await lock.run(async () => 'first')).toBe('first');
      expect(await lock.run(async () => 'second')).toBe('second');
      expect(request).toHaveBeenCalledTimes(1); // not asked again once denied
      expect(log.warn).toHaveBeenCalledTimes(1);
      expect(log.warn).toHaveBeenCalledWith(expect.stringMatching(/Locks API is not available here.*denied/));
    },
  );

  it("a task's own failure is not taken for a denied lock", async () => {
    const request = vi.fn((_name: string, _options: object, task: () => Promise<unknown>) => task());
    vi.stubGlobal('navigator', { ...navigator, locks: { request } });
    const log = silentLogger();
    const lock = createFlushLock('sightline_flush_test', 'me', captureDeliveryPlatform(log));
    await expect(lock.run(async () => Promise.reject(new Error('task failed')))).rejects.toThrow('task failed');
    expect(log.warn).not.toHaveBeenCalled();
  });

  it(
    'close() cuts a wait for the lock short: the waiting task runs at once (its ' +
      'engine is closed) and nothing is left pending',
    async () => {
      let grant!: () => void;
      const request = vi.fn(
        (_name: string, options: { signal?: AbortSignal }, task: () => Promise<unknown>) =>
          new Promise((resolve, reject) => {
            grant = () => resolve(task());
            options.signal?.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError')));
          }),
      );
      vi.stubGlobal('navigator', { ...navigator, locks: { request } });
      const lock = createFlushLock('sightline_flush_test', 'me', captureDeliveryPlatform(silentLogger()));
      const task = vi.fn(async () => 'ran');
      const waiting = lock.run(task);
      lock.close!();
      expect(await waiting).toBe('ran');
      expect(grant).toBeTypeOf('function');
    },
  );

  describe('the lease (no Web Locks)', () => {
    const leaseLock = (owner: string) => {
      vi.stubGlobal('navigator', { ...navigator, locks: undefined });
      return createFlushLock('sightline_flush_lease', owner, captureDeliveryPlatform(silentLogger()));
    };

    it('a tab waits while the holder renews the lease, even when the device clock jumps', async () => {
      vi.useFakeTimers({ now: 1_800_000_000_000 });
      const holder = leaseLock('holder');
      const waiter = leaseLock('waiter');
      let finish!: () => void;
      void holder.run(() => new Promise<void>((resolve) => (finish = resolve)));
      await vi.advanceTimersByTimeAsync(100);
      const ran = vi.fn(async () => undefined);
      void waiter.run(ran);
      vi.setSystemTime(Date.now() + 3_600_000);
      await vi.advanceTimersByTimeAsync(LEASE_MS * 3);
      expect(ran).not.toHaveBeenCalled();
      finish(); // the holder is done: the lease is free
      await vi.advanceTimersByTimeAsync(500);
      expect(ran).toHaveBeenCalledTimes(1);
    });

    it("a closed tab's lease is taken over after LEASE_MS unchanged, whatever time it claims (no clock is compared)", async () => {
      vi.useFakeTimers({ now: 1_800_000_000_000 });
      // Left by a tab that closed mid-upload, on a device clock an hour ahead.
      localStorage.setItem('sightline_flush_lease', JSON.stringify({ owner: 'gone', until: Date.now() + 3_600_000 }));
      const ran = vi.fn(async () => undefined);
      void leaseLock('waiter').run(ran);
      await vi.advanceTimersByTimeAsync(LEASE_MS - 500);
      expect(ran).not.toHaveBeenCalled();
      await vi.advanceTimersByTimeAsync(1000);
      expect(ran).toHaveBeenCalledTimes(1);
    });

    it('close() ends the wait for the lease: no timer is left behind', async () => {
      vi.useFakeTimers();
      localStorage.setItem('sightline_flush_lease', JSON.stringify({ owner: 'someone else', beat: 1 }));
      const lock = leaseLock('me');
      const waiting = lock.run(async () => 'ran');
      await vi.advanceTimersByTimeAsync(1000);
      lock.close!();
      expect(await waiting).toBe('ran');
      expect(vi.getTimerCount()).toBe(0);
    });
  });
});

describe('outcome channel', () => {
  it('carries outcomes and page departures to the other pages; closed for good at teardown', async () => {
    const here = createOutcomeChannel('sightline_delivery_test')!;
    const there = createOutcomeChannel('sightline_delivery_test')!;
    const heard = { outcome: vi.fn(), left: vi.fn() };
    there.subscribe(heard);
    here.publish({ ids: ['a'], code: 200, message: 'ok' });
    here.leave!(['b']);
    await vi.waitFor(() => expect(heard.left).toHaveBeenCalledWith(['b']));
    expect(heard.outcome).toHaveBeenCalledWith({ ids: ['a'], code: 200, message: 'ok' });
    here.close!();
    here.publish({ ids: ['c'], code: 200, message: 'after close' });
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(heard.outcome).toHaveBeenCalledTimes(1);
    there.close!();
  });

  it('opens one BroadcastChannel, and closes it', () => {
    const opened: { close: ReturnType<typeof vi.fn> }[] = [];
    vi.stubGlobal(
      'BroadcastChannel',
      class {
        close = vi.fn();
        constructor() {
          opened.push(this);
        }
        postMessage() {}
        addEventListener() {}
        removeEventListener() {}
      },
    );
    const channel = createOutcomeChannel('sightline_delivery_test')!;
    const stop = channel.subscribe({ outcome: () => undefined });
    channel.publish({ ids: [], code: 200, message: '' });
    stop();
    channel.close!();
    channel.publish({ ids: [], code: 200, message: '' }); // not reopened
    expect(opened).toHaveLength(1);
    expect(opened[0].close).toHaveBeenCalledTimes(1);
  });
});

describe('page lifecycle', () => {
  it('adds its listeners with the subscription and removes every one with it', () => {
    const added = new Map<string, number>();
    const count = (target: EventTarget) => {
      const add = target.addEventListener.bind(target);
      const remove = target.removeEventListener.bind(target);
      vi.spyOn(target, 'addEventListener').mockImplementation((type, listener, options) => {
        added.set(type, (added.get(type) || 0) + 1);
        add(type, listener, options);
      });
      vi.spyOn(target, 'removeEventListener').mockImplementation((type, listener, options) => {
        added.set(type, (added.get(type) || 0) - 1);
        remove(type, listener, options);
      });
    };
    count(window);
    count(document);
    const lifecycle = createPageLifecycle()!;
    expect([...added.values()].reduce((sum, n) => sum + n, 0)).toBe(0); // nothing before a subscription
    const stop = lifecycle.subscribe({ onHidden: vi.fn(), onVisible: vi.fn() });
    expect(added.get('pagehide')).toBe(1);
    stop();
    expect([...added.values()].every((n) => n === 0)).toBe(true);
  });

  it('pagehide: hidden, then leaving', () => {
    const lifecycle = createPageLifecycle()!;
    const calls: string[] = [];
    const stop = lifecycle.subscribe({
      onHidden: () => calls.push('hidden'),
      onVisible: () => calls.push('visible'),
      onLeave: () => calls.push('leave'),
    });
    window.dispatchEvent(new Event('pagehide'));
    expect(calls).toEqual(['hidden', 'leave']);
    expect(lifecycle.isHidden()).toBe(true);
    stop();
  });
});
