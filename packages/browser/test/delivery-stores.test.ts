import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import type { EventStore, StoredEvent } from '@sightline/core';
import { createIdbEventStore } from '../src/delivery/idb-event-store.js';
import { createLocalEventStore } from '../src/delivery/local-event-store.js';
import { createResilientEventStore } from '../src/delivery/resilient-event-store.js';
import { queueSuffix } from '../src/delivery/store-names.js';
import { silentLogger } from '@sightline/test-utils';

const record = (id: string): StoredEvent => ({
  id,
  event: { event_type: 'E', insert_id: id, device_id: 'device-1' },
  attempts: 0,
});
const ids = async (store: EventStore) => (await store.getAll()).map((r) => r.id).sort();

describe.each([
  ['IndexedDB (idb-keyval)', () => createIdbEventStore(`test-db-${Math.random()}`, 'unsent')],
  ['localStorage', () => createLocalEventStore(localStorage, `sl_unsent_${Math.random()}`)],
])('%s event store: one record per event', (_, open) => {
  it('puts, lists, confirms and removes records by id', async () => {
    const store = open();
    await store.put([record('a'), record('b'), record('c')]);
    expect(await ids(store)).toEqual(['a', 'b', 'c']);
    expect(await store.existing!(['a', 'x', 'c'])).toEqual(['a', 'c']);
    await store.remove(['a', 'c']);
    expect(await ids(store)).toEqual(['b']);
    expect((await store.getAll())[0]).toEqual(record('b'));
  });

  it('two handles on one queue (two tabs) never overwrite each other', async () => {
    const first = open();
    await first.put([record('tab-a-1')]);
    await first.put([record('tab-a-2')]);
    await first.remove(['tab-a-1']);
    await first.put([record('tab-a-3')]);
    expect(await ids(first)).toEqual(['tab-a-2', 'tab-a-3']);
  });

  it('writes a large batch (chunked transactions) without losing any record', async () => {
    const store = open();
    await store.put(Array.from({ length: 1200 }, (_, n) => record(`r${n}`)));
    expect(await ids(store)).toHaveLength(1200);
  });
});

describe('localStorage store', () => {
  it('keeps its records under its own prefix and skips damaged ones', async () => {
    const store = createLocalEventStore(localStorage, 'sl_unsent_prefix1');
    const other = createLocalEventStore(localStorage, 'sl_unsent_prefix2');
    await store.put([record('mine')]);
    await other.put([record('theirs')]);
    localStorage.setItem('sl_unsent_prefix1:broken', '{not json');
    expect(await ids(store)).toEqual(['mine']);
    expect(localStorage.getItem('sl_unsent_prefix1:broken')).toBeNull();
  });
});

describe('resilient store: IndexedDB → localStorage → memory, one warning each step', () => {
  const failing = (error = new Error('QuotaExceededError')): EventStore => ({
    put: () => Promise.reject(error),
    getAll: () => Promise.reject(error),
    remove: () => Promise.reject(error),
  });

  it('moves on when the first store is unavailable, with one warning naming it', async () => {
    const log = silentLogger();
    const store = createResilientEventStore(
      [
        {
          name: 'IndexedDB',
          open: () => {
            throw new Error('no indexedDB');
          },
        },
        { name: 'localStorage', open: () => createLocalEventStore(localStorage, 'sl_unsent_fallback1') },
      ],
      log,
    );
    await store.put([record('a')]);
    expect(await ids(store)).toEqual(['a']);
    expect(log.warn).toHaveBeenCalledTimes(1);
    expect(log.warn.mock.calls[0][0]).toMatch(/IndexedDB is unavailable.*kept in localStorage/);
  });

  it('repeats a failed operation on the next store: the caller never sees the failure', async () => {
    const log = silentLogger();
    const store = createResilientEventStore(
      [
        { name: 'IndexedDB', open: () => failing() },
        { name: 'localStorage', open: () => failing() },
      ],
      log,
    );
    await expect(store.put([record('kept')])).resolves.toBeUndefined();
    expect(await ids(store)).toEqual(['kept']);
    expect(log.warn).toHaveBeenCalledTimes(2);
    expect(log.warn.mock.calls[1][0]).toMatch(/localStorage failed.*kept in memory/);
  });

  it('after a fallback every id counts as still stored (the new store cannot speak for the old)', async () => {
    const store = createResilientEventStore([{ name: 'IndexedDB', open: () => failing() }], silentLogger());
    await store.put([record('a')]);
    expect(await store.existing!(['a', 'never-written'])).toEqual(['a', 'never-written']);
  });
});

describe('queue names', () => {
  it.each([
    [{ apiKey: '0123456789abcdef', instanceName: '$default_instance' }, '0123456789'],
    [{ apiKey: '0123456789abcdef', instanceName: 'second' }, '0123456789_second'],
  ])('%o → %s', (config, suffix) => {
    expect(queueSuffix(config)).toBe(suffix);
  });
});
