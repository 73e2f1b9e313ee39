import { createMemoryEventStore, type Connectivity, type EventStore } from '../delivery-internals.js';
import type { Ledger, Page } from './ledger.js';
import type { Random } from './scenario-random.js';

// ------------------------------------------------------------------ the browser around the engine

export const createNetwork = () => {
  let online = true;
  const listeners = new Set<(online: boolean) => void>();
  const value: Connectivity = {
    isOnline: () => online,
    subscribe: (listener) => (listeners.add(listener), () => void listeners.delete(listener)),
  };
  const set = (next: boolean): void => {
    if (next === online) return;
    online = next;
    listeners.forEach((listener) => listener(next));
  };
  return { value, set, isOnline: () => online };
};

/**
 * A memory store shared by every page life; it tells the ledger what happens to records, fails a
 * write on request, and sometimes takes a while to say which records it still has (so a page can
 * be hidden between a session picking a batch and sending it).
 */
export const createObservedStore = (ledger: Ledger, random: Random) => {
  const memory = createMemoryEventStore();
  let failNextWrite = false;
  const forPage = (page: Page): EventStore => ({
    put: async (records) => {
      if (failNextWrite) {
        failNextWrite = false;
        ledger.onWriteFailed(records.map((record) => record.id));
        throw new Error('QuotaExceededError');
      }
      await memory.put(records);
    },
    getAll: async () => {
      const records = await memory.getAll();
      records.forEach((record) => page.known.add(record.id));
      return records;
    },
    remove: async (ids) => {
      ledger.onRemove(ids);
      await memory.remove(ids);
    },
    existing: async (ids) => {
      if (random.chance(0.3)) await new Promise((resolve) => setTimeout(resolve, random.int(1, 40)));
      return memory.existing!(ids);
    },
  });
  return { memory, forPage, failNextWrite: () => (failNextWrite = true) };
};

/**
 * Between user actions the event loop lets promise chains (coalesced store writes) finish, as between browser tasks.
 */
export const settleMicrotasks = async (): Promise<void> => {
  for (let i = 0; i < 30; i++) await Promise.resolve();
};
