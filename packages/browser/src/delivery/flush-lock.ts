import { createInPageLock, encodeJson, getNavigator, type FlushLock } from '@sightline/core';
import type { DeliveryPlatform } from './delivery-platform.js';

interface LockManagerLike {
  request<T>(name: string, options: { signal?: AbortSignal }, callback: () => Promise<T>): Promise<T>;
}

/** How long a lease holder may go silent before another tab takes over (a closed or frozen tab). */
export const LEASE_MS = 5000;
const LEASE_POLL_MS = 100;

const lockManager = (): LockManagerLike | undefined => {
  try {
    const navigator = getNavigator();
    const locks = navigator && navigator.locks;
    return locks && typeof locks.request === 'function' ? locks : undefined;
  } catch {
    return undefined;
  }
};

/** Sleeps on the platform's timers; `wake()` ends every sleep at once (teardown). */
const createSleeper = ({ clock }: DeliveryPlatform) => {
  const sleeping = new Map<unknown, () => void>();
  return {
    sleep: (ms: number) =>
      new Promise<void>((resolve) => {
        const timer = clock.setTimeout(() => {
          sleeping.delete(timer);
          resolve();
        }, ms);
        sleeping.set(timer, resolve);
      }),
    wake(): void {
      sleeping.forEach((resolve, timer) => {
        clock.clearTimeout(timer);
        resolve();
      });
      sleeping.clear();
    },
  };
};

/**
 * A lease in localStorage for browsers without Web Locks. Whether it expired is judged by watching,
 * not by reading another tab's clock: the holder rewrites it every LEASE_MS / 2, and a waiting tab
 * takes it once it has not changed for LEASE_MS of the waiting tab's own monotonic time (a closed or
 * frozen holder). A device clock that moves moves no lease.
 */
const leaseLock = (storage: Storage, name: string, owner: string, platform: DeliveryPlatform): FlushLock => {
  const { clock } = platform;
  const { sleep, wake } = createSleeper(platform);
  let closed = false;
  let beat = 0;
  const write = () => storage.setItem(name, encodeJson({ owner, beat: ++beat }) as string);
  const isMine = (): boolean => {
    try {
      const lease = JSON.parse(storage.getItem(name) as string) as { owner?: unknown } | null;
      return !!lease && lease.owner === owner;
    } catch {
      return false;
    }
  };
  /** True once this tab holds the lease; false when closed while waiting. */
  const acquire = async (): Promise<boolean> => {
    let seen = storage.getItem(name);
    let seenSince = clock.now();
    while (!closed) {
      const lease = storage.getItem(name);
      if (lease !== seen) {
        seen = lease;
        seenSince = clock.now();
      }
      if (lease === null || isMine() || clock.now() - seenSince >= LEASE_MS) {
        write();
        await sleep(LEASE_POLL_MS / 2);
        // Another tab that wrote meanwhile won the race: wait again.
        if (isMine()) return true;
        continue;
      }
      await sleep(LEASE_POLL_MS);
    }
    return false;
  };
  const inPage = createInPageLock();
  return {
    run: (task) =>
      inPage.run(async () => {
        let acquired: boolean;
        try {
          acquired = await acquire();
        } catch {
          return task(); // storage unusable: no other tab can share the queue through it either
        }
        if (!acquired) return task(); // closed while waiting: the task sees its engine closed
        let renewing = true;
        const renew = async () => {
          while (renewing) {
            await sleep(LEASE_MS / 2);
            if (renewing) write();
          }
        };
        void renew();
        try {
          return await task();
        } finally {
          renewing = false;
          wake();
          if (isMine()) storage.removeItem(name);
        }
      }),
    close() {
      closed = true;
      wake();
    },
  };
};

/** The lease where storage works, else this page alone (no other tab can share the queue either). */
const leaseOrPageLock = (name: string, owner: string, platform: DeliveryPlatform): FlushLock => {
  try {
    if (typeof localStorage !== 'undefined' && localStorage) return leaseLock(localStorage, name, owner, platform);
  } catch {
    // localStorage access throws where storage is blocked (sandboxed frames, some private modes)
  }
  return createInPageLock();
};

/**
 * Web Locks, falling back for good (logged once) when the page may not use them: a sandboxed
 * frame rejects every request with a SecurityError, and delivery must not stop for that.
 */
const webLocks = (locks: LockManagerLike, name: string, owner: string, platform: DeliveryPlatform): FlushLock => {
  let fallback: FlushLock | undefined;
  let closed = false;
  const abort = platform.AbortController ? new platform.AbortController() : undefined;
  return {
    run<T>(task: () => Promise<T>): Promise<T> {
      if (fallback) return fallback.run(task);
      let started = false;
      const held = () => ((started = true), task());
      let request: Promise<T>;
      try {
        request = locks.request(name, abort ? { signal: abort.signal } : {}, held);
      } catch (error) {
        request = Promise.reject(error);
      }
      return request.catch((error: unknown) => {
        if (started) throw error; // the task's own failure
        if (closed) return task(); // the wait was cut at teardown: the task sees its engine closed
        if (!fallback) {
          fallback = leaseOrPageLock(name, owner, platform);
          platform.warnOnce(
            'locks',
            `The Locks API is not available here (${String(error)}); uploads are coordinated without it`,
          );
        }
        return fallback.run(task);
      });
    },
    close() {
      closed = true;
      if (abort) abort.abort();
      if (fallback && fallback.close) fallback.close();
    },
  };
};

/** One flusher per site and queue at a time: Web Locks where available, a lease otherwise. */
export const createFlushLock = (name: string, owner: string, platform: DeliveryPlatform): FlushLock => {
  const locks = lockManager();
  return locks ? webLocks(locks, name, owner, platform) : leaseOrPageLock(name, owner, platform);
};
