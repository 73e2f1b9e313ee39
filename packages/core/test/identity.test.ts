// @vitest-environment node
import { describe, expect, it, vi } from 'vitest';
import { createMemoryIdentityStorage } from '../src/index.js';
import { EVENT_ID_BLOCK, IdentityStore, TOUCH_WRITE_DELAY_MS } from '../src/identity.js';
import { createTestClient, settle } from '@sightline/test-utils';

describe('IdentityStore (tabs share identity and sessions)', () => {
  it('adopts fields another tab changed and keeps its own changes (three-way merge)', async () => {
    const storage = createMemoryIdentityStorage();
    storage.write({ deviceId: 'device-1', sessionId: 100, lastEventTime: 100 });
    const tabA = new IdentityStore(storage, storage.read()!);
    const tabB = new IdentityStore(storage, storage.read()!);
    tabA.updateNow({ sessionId: 500, lastEventTime: 500 });
    tabB.update({ userId: 'user-b' });
    tabB.sync();
    expect(tabB.state).toMatchObject({ sessionId: 500, userId: 'user-b', lastEventTime: 500 });
    await settle();
    tabA.sync();
    expect(tabA.state.userId).toBe('user-b');
  });

  it('hands out disjoint, increasing event ids to two tabs', () => {
    const storage = createMemoryIdentityStorage();
    const tabA = new IdentityStore(storage, {});
    const tabB = new IdentityStore(storage, {});
    const a = [tabA.takeEventId(), tabA.takeEventId()];
    const b = [tabB.takeEventId(), tabB.takeEventId()];
    expect(a).toEqual([1, 2]);
    expect(b).toEqual([1 + EVENT_ID_BLOCK, 2 + EVENT_ID_BLOCK]);
    expect(storage.read()?.lastEventId).toBe(2 * EVENT_ID_BLOCK);
  });

  it('reserves the next block of ids in the background: no storage I/O on the tracking call', async () => {
    const storage = createMemoryIdentityStorage();
    const tab = new IdentityStore(storage, {});
    const other = new IdentityStore(storage, {});
    tab.takeEventId(); // first block: reserved on first use
    const read = vi.spyOn(storage, 'read');
    const write = vi.spyOn(storage, 'write');
    for (let i = 1; i < EVENT_ID_BLOCK / 2 + 1; i++) tab.takeEventId();
    expect(read).not.toHaveBeenCalled();
    other.takeEventId(); // another tab reserves the block after ours meanwhile
    read.mockClear();
    write.mockClear();
    await new Promise((resolve) => setTimeout(resolve, 0)); // the background reservation
    expect(write).toHaveBeenCalledTimes(1);
    read.mockClear();
    const ids: number[] = [];
    for (let i = 0; i < EVENT_ID_BLOCK; i++) ids.push(tab.takeEventId());
    expect(read).not.toHaveBeenCalled(); // crossing into the new block needed no I/O
    expect(ids.every((id, index) => index === 0 || id > ids[index - 1])).toBe(true);
    // The rest of block 1 (ids up to EVENT_ID_BLOCK), then block 3: block 2 is the other tab's.
    expect(ids).toContain(EVENT_ID_BLOCK);
    expect(ids.filter((id) => id > EVENT_ID_BLOCK && id <= 2 * EVENT_ID_BLOCK)).toEqual([]);
    expect(ids[ids.length - 1]).toBe(2 * EVENT_ID_BLOCK + EVENT_ID_BLOCK / 2 + 1);
  });

  it('init reserves the first block in the background: the first track() reads and writes no storage', async () => {
    const { client, storage, logger } = createTestClient();
    await client.init('key-1234567890', { loggerProvider: logger, autocapture: false }).promise;
    await new Promise((resolve) => setTimeout(resolve, 0)); // the background reservation
    const read = vi.spyOn(storage, 'read');
    const write = vi.spyOn(storage, 'write');
    client.track('first');
    expect(read).not.toHaveBeenCalled();
    expect(write).not.toHaveBeenCalled();
  });

  it('survives a storage that throws', () => {
    const store = new IdentityStore(
      {
        read: () => {
          throw new Error('blocked');
        },
        write: () => {
          throw new Error('full');
        },
      },
      { deviceId: 'd' },
    );
    expect(() => {
      store.sync();
      store.writeNow();
      store.takeEventId();
    }).not.toThrow();
  });
});

describe('two clients on one storage (two tabs)', () => {
  it('activity alone is written once per TOUCH_WRITE_DELAY_MS, however many events', async () => {
    const storage = createMemoryIdentityStorage();
    const write = vi.spyOn(storage, 'write');
    const { client, logger, clock } = createTestClient({ storage });
    await client.init('key-1234567890', { loggerProvider: logger }).promise;
    await settle();
    write.mockClear();
    for (let i = 0; i < 50; i++) {
      clock.now += 10;
      client.track(`e${i}`);
    }
    await settle();
    expect(write).toHaveBeenCalledTimes(0);
    await new Promise((resolve) => setTimeout(resolve, TOUCH_WRITE_DELAY_MS + 20));
    expect(write).toHaveBeenCalledTimes(1);
    expect(storage.read()?.lastEventTime).toBe(clock.now);
  });

  it('a session started in one tab is seen by the other; event ids never collide', async () => {
    const tabA = createTestClient();
    await tabA.client.init('key-1234567890', { loggerProvider: tabA.logger, sessionTimeout: 1000 }).promise;
    const tabB = createTestClient({ storage: tabA.storage, now: () => tabA.clock.now });
    await tabB.client.init('key-1234567890', { loggerProvider: tabB.logger, sessionTimeout: 1000 }).promise;
    expect(tabB.client.getSessionId()).toBe(tabA.client.getSessionId());

    // Tab A keeps the session alive; tab B, idle for longer than the timeout, joins it.
    for (let i = 0; i < 3; i++) {
      tabA.clock.now += 600;
      await tabA.client.track(`a${i}`).promise;
    }
    await new Promise((resolve) => setTimeout(resolve, TOUCH_WRITE_DELAY_MS + 20)); // activity reaches storage
    await tabB.client.track('b').promise;
    expect(tabB.destination.events.at(-1)?.session_id).toBe(tabA.client.getSessionId());

    const ids = [...tabA.destination.events, ...tabB.destination.events].map((event) => event.event_id);
    expect(new Set(ids).size).toBe(ids.length);
  });
});
