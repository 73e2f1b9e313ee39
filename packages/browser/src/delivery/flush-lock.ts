import { createInPageLock, getNavigator, type FlushLock } from '@sightline/core';

interface LockManagerLike {
  request<T>(name: string, callback: () => Promise<T>): Promise<T>;
}

/** How long a lease holder may go silent before another tab takes over (a closed or frozen tab). */
export const LEASE_MS = 5000;
const LEASE_POLL_MS = 100;

const lockManager = (): LockManagerLike | undefined => {
  const navigator = getNavigator() as (Navigator & { locks?: LockManagerLike }) | undefined;
  const locks = navigator && navigator.locks;
  return locks && typeof locks.request === 'function' ? locks : undefined;
};

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * A lease in localStorage for browsers without Web Locks: take it when it is free or expired,
 * re-read after a pause to see whether another tab won the race, renew while working.
 */
const leaseLock = (storage: Storage, name: string, owner: string): FlushLock => {
  const read = (): { owner: string; until: number } | null => {
    try {
      return JSON.parse(storage.getItem(name) as string);
    } catch {
      return null;
    }
  };
  const write = () => storage.setItem(name, JSON.stringify({ owner, until: Date.now() + LEASE_MS }));
  const isMine = () => {
    const lease = read();
    return !!lease && lease.owner === owner;
  };
  const acquire = async (): Promise<void> => {
    for (;;) {
      const lease = read();
      if (!lease || lease.until < Date.now() || lease.owner === owner) {
        write();
        await sleep(LEASE_POLL_MS / 2);
        if (isMine()) return;
      }
      await sleep(LEASE_POLL_MS);
    }
  };
  const inPage = createInPageLock();
  return {
    run: (task) =>
      inPage.run(async () => {
        try {
          await acquire();
        } catch {
          return task(); // storage unusable: no other tab can share the queue through it either
        }
        const renew = setInterval(write, LEASE_MS / 2);
        try {
          return await task();
        } finally {
          clearInterval(renew);
          if (isMine()) storage.removeItem(name);
        }
      }),
  };
};

/** One flusher per site and queue at a time: Web Locks where available, a lease otherwise (E, cross-tab). */
export const createFlushLock = (name: string, owner: string): FlushLock => {
  const locks = lockManager();
  if (locks) return { run: (task) => locks.request(name, task) };
  try {
    if (typeof localStorage !== 'undefined') return leaseLock(localStorage, name, owner);
  } catch {
    // localStorage access can throw (blocked storage): one page only
  }
  return createInPageLock();
};
