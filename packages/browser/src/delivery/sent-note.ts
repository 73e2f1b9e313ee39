import { encodeJson, objectOrEmpty, type SentNote } from '@sightline/core';

/** Past the server's 7-day insert_id window a note is worth nothing: the record was dropped as too old. */
const NOTE_LIFETIME_MS = 7 * 24 * 60 * 60 * 1000;

type Entries = { [id: string]: number };

/**
 * The note of events sent in requests that outlived their page, in localStorage (one key per
 * queue): written synchronously, so it is there when the next page life looks, whatever happens to
 * the page that wrote it. Where storage is unavailable there is no note, and events whose answer
 * was lost are sent once more.
 */
export const createSentNote = (storage: Storage, key: string, now: () => number): SentNote => {
  const read = (): Entries => {
    try {
      return objectOrEmpty<Entries>(JSON.parse(storage.getItem(key) as string)) as Entries;
    } catch {
      return {};
    }
  };
  const write = (entries: Entries): void => {
    try {
      const ids = Object.keys(entries);
      if (ids.length) storage.setItem(key, encodeJson(entries) as string);
      else storage.removeItem(key);
    } catch {
      // full or blocked storage: no note, and the next page life sends those events once more
    }
  };
  return {
    add(ids) {
      const entries = read();
      const time = now();
      for (const id of Object.keys(entries)) if (!(entries[id] > time - NOTE_LIFETIME_MS)) delete entries[id];
      for (const id of ids) entries[id] = time;
      write(entries);
    },
    noted(ids) {
      const entries = read();
      return ids.filter((id) => Object.prototype.hasOwnProperty.call(entries, id));
    },
    forget(ids) {
      const entries = read();
      let changed = false;
      for (const id of ids) {
        if (Object.prototype.hasOwnProperty.call(entries, id)) {
          delete entries[id];
          changed = true;
        }
      }
      if (changed) write(entries);
    },
  };
};
