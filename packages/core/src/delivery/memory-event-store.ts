import type { EventStore, StoredEvent } from '../types.js';

/** Keeps unsent events for this page life only: the last fallback, and the store in tests. */
export const createMemoryEventStore = (): EventStore & { records: Map<string, StoredEvent> } => {
  const records = new Map<string, StoredEvent>();
  return {
    records,
    put: async (batch) => {
      for (const record of batch) records.set(record.id, record);
    },
    getAll: async () => Array.from(records.values()),
    remove: async (ids) => {
      for (const id of ids) records.delete(id);
    },
    existing: async (ids) => ids.filter((id) => records.has(id)),
  };
};
