import { encodeJson, type EventStore, type StoredEvent } from '@sightline/core';

/**
 * Unsent events in localStorage where IndexedDB is unavailable: one key per event
 * (`<prefix>:<insert_id>`), never one big array rewritten on every change; written with the
 * encoder a page's patched `toJSON` cannot reach. Rejects when
 * storage is unavailable or full; the resilient store falls back further.
 */
export const createLocalEventStore = (storage: Storage, prefix: string): EventStore => {
  const ownPrefix = `${prefix}:`;
  const keyOf = (id: string) => ownPrefix + id;
  const ownKeys = (): string[] => {
    const found: string[] = [];
    for (let index = 0; index < storage.length; index++) {
      const key = storage.key(index);
      if (key && key.indexOf(ownPrefix) === 0) found.push(key);
    }
    return found;
  };
  return {
    put: async (records: StoredEvent[]) => {
      for (const record of records) storage.setItem(keyOf(record.id), encodeJson(record) as string);
    },
    getAll: async () => {
      const records: StoredEvent[] = [];
      for (const key of ownKeys()) {
        try {
          records.push(JSON.parse(storage.getItem(key) as string) as StoredEvent);
        } catch {
          storage.removeItem(key); // a damaged record can never be sent
        }
      }
      return records;
    },
    remove: async (ids) => {
      for (const id of ids) storage.removeItem(keyOf(id));
    },
    existing: async (ids) => ids.filter((id) => storage.getItem(keyOf(id)) !== null),
  };
};
