import { createStore, delMany, promisifyRequest, setMany, values, type UseStore } from 'idb-keyval';
import type { EventStore, StoredEvent } from '@sightline/core';

/** Records per IndexedDB transaction: each put is a structured clone (≈50 µs), so a chunk of
 * 100 keeps every write task near 5 ms during a burst. */
const WRITE_CHUNK = 100;

/**
 * Unsent events in IndexedDB, one record per event keyed by insert_id: a write or a delete
 * touches only its own records, so tabs never overwrite each other's queue. Operations reject
 * on failure; the resilient store decides what happens then.
 */
export const createIdbEventStore = (databaseName: string, storeName: string): EventStore => {
  let store: UseStore | undefined;
  const use = (): UseStore => {
    if (store) return store;
    store = createStore(databaseName, storeName);
    // The database is being deleted (consent denied, here or in another tab): let it go.
    store('readonly', (records) => {
      const database = records.transaction.db;
      database.onversionchange = () => database.close();
    }).catch(() => undefined);
    return store;
  };
  return {
    put: async (records: StoredEvent[]) => {
      for (let start = 0; start < records.length; start += WRITE_CHUNK) {
        await setMany(
          records.slice(start, start + WRITE_CHUNK).map((record): [string, StoredEvent] => [record.id, record]),
          use(),
        );
      }
    },
    getAll: () => values<StoredEvent>(use()),
    remove: (ids) => delMany(ids, use()),
    // Keys only: reading the records back would copy every event of the batch out of the database.
    existing: async (ids) => {
      const keys = await use()('readonly', (records) =>
        Promise.all(ids.map((id) => promisifyRequest(records.getKey(id)))),
      );
      return ids.filter((_, index) => keys[index] !== undefined);
    },
  };
};
