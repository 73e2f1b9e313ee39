import { createMemoryEventStore, type EventStore, type Logger } from '@sightline/core';

export interface StoreCandidate {
  name: string;
  /** Returns the store, or throws when this kind of storage is unavailable here. */
  open(): EventStore;
}

/**
 * Tries each store in turn (IndexedDB, then localStorage, then memory). When one is missing
 * or an operation on it fails (private mode, quota), it moves on, logs one warning, and
 * repeats the operation on the next: callers never see an exception.
 */
export const createResilientEventStore = (candidates: StoreCandidate[], logger: Logger): EventStore => {
  let index = 0;
  let current!: EventStore;
  // Records written before a fallback stay in the old store, so the new one cannot confirm
  // which events other tabs sent: after a fallback every id counts as still stored.
  let degraded = false;
  const advance = (reason: string): void => {
    const reasons = [`${candidates[index].name} ${reason}`];
    degraded = true;
    for (index++; index < candidates.length; index++) {
      try {
        current = candidates[index].open();
        break;
      } catch (error) {
        reasons.push(`${candidates[index].name} is unavailable (${String(error)})`);
      }
    }
    if (index >= candidates.length) current = createMemoryEventStore();
    const next = index < candidates.length ? candidates[index].name : 'memory';
    logger.warn(`${reasons.join('; ')}; unsent events are kept in ${next} instead`);
  };
  // The first candidate's absence is reported the same way as its failure.
  try {
    current = candidates[0].open();
  } catch (error) {
    advance(`is unavailable (${String(error)})`);
  }

  const attempt = async <T>(run: (store: EventStore) => Promise<T>): Promise<T> => {
    for (;;) {
      const store = current;
      try {
        return await run(store);
      } catch (error) {
        if (store !== current) continue; // another call already moved on
        if (index >= candidates.length) throw error; // memory does not fail
        advance(`failed (${String(error)})`);
      }
    }
  };

  return {
    put: (records) => attempt((store) => store.put(records)),
    getAll: () => attempt((store) => store.getAll()),
    remove: (ids) => attempt((store) => store.remove(ids)),
    existing: (ids) => attempt((store) => (store.existing && !degraded ? store.existing(ids) : Promise.resolve(ids))),
  };
};
