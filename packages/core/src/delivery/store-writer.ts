import type { EventStore } from '../types.js';
import type { DeliveryContext } from './delivery-context.js';
import { written } from './event-queue.js';
import type { QueuedEvent } from './event-state.js';

/**
 * Writes accepted events to the store and removes finished ones, coalesced per microtask (a burst
 * of track() calls is one write). Operations run one after another, so a removal never overtakes
 * its own write. `onWritten`: new events are stored, time to see when they go.
 */
export const createStoreWriter = (context: DeliveryContext, store: EventStore, onWritten: () => void) => {
  let chain: Promise<void> = Promise.resolve();
  const unwritten: QueuedEvent[] = [];
  const unremoved: string[] = [];
  /** Finished events whose removal has not reached the store yet (asked for, queued or running). */
  const removing = new Set<string>();
  let writesInProgress = 0;
  let scheduled = false;

  /** Runs a store operation; false (and logged) when it failed. */
  const guard = async (what: string, operation: () => Promise<void>): Promise<boolean> => {
    try {
      await operation();
      return true;
    } catch (error) {
      context.logger.error(`Event store failed to ${what}; delivery continues from memory:`, error);
      return false;
    }
  };

  /**
   * Queues the coalesced writes and removals on the chain; resolves when they are done, so
   * awaiting it waits until every write and removal asked for so far has reached the store.
   */
  const run = (): Promise<void> => {
    scheduled = false;
    const writes = unwritten.splice(0);
    const removals = unremoved.splice(0);
    if (writes.length) {
      writesInProgress += writes.length;
      chain = chain.then(async () => {
        // An event finished meanwhile (store_full, another tab's outcome) is not written.
        const live = writes.filter((entry) => entry.state !== 'finished');
        const stored = !live.length || (await guard('write', () => store.put(live.map((entry) => entry.record))));
        written(writes, stored);
        writesInProgress -= writes.length;
        if (live.length) onWritten();
      });
    }
    if (removals.length) {
      chain = chain.then(async () => {
        await guard('remove', () => store.remove(removals));
        for (const id of removals) removing.delete(id);
      });
    }
    return chain;
  };

  const schedule = (): void => {
    if (scheduled) return;
    scheduled = true;
    queueMicrotask(() => void run());
  };

  return {
    write(entry: QueuedEvent): void {
      unwritten.push(entry);
      schedule();
    },
    remove(ids: string[]): void {
      unremoved.push(...ids);
      for (const id of ids) removing.add(id);
      schedule();
    },
    /** Finished events still in the store: a page going now would leave their records behind. */
    removalsPending: (): string[] => [...removing],
    /** Starts what is asked for now; resolves once everything asked for so far reached the store. */
    settle: run,
    /** Writes are on their way: flush() waits for them to send their events too. */
    writing: (): boolean => writesInProgress > 0,
  };
};

export type StoreWriter = ReturnType<typeof createStoreWriter>;
