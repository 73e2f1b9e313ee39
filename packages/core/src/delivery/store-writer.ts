import type { EventStore } from '../types.js';
import type { DeliveryContext } from './delivery-context.js';
import { written } from './event-queue.js';
import type { QueuedEvent } from './event-state.js';
import { writeDelay } from './queue-policy.js';

/**
 * Writes accepted events to the store and removes finished ones, coalesced: removals per
 * microtask, writes over the write window (queue-policy.ts), so events tracked close together are
 * one write. An event finished before its write started is neither written nor removed.
 * Operations run one after another, so a removal never overtakes its own write. `onWritten`: new
 * events are stored, time to see when they go.
 */
export const createStoreWriter = (
  context: DeliveryContext,
  store: EventStore,
  { onWritten, atOnce }: { onWritten(): void; atOnce(): boolean },
) => {
  let chain: Promise<void> = Promise.resolve();
  /** Accepted events whose write has not started, by insert_id. */
  const unwritten = new Map<string, QueuedEvent>();
  const unremoved: string[] = [];
  /** Finished events whose removal has not reached the store yet (asked for, queued or running). */
  const removing = new Set<string>();
  let writesInProgress = 0;
  let scheduled = false;
  let timer: unknown;

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
    if (timer !== undefined) context.clock.clearTimeout(timer);
    timer = undefined;
    const writes = Array.from(unwritten.values());
    unwritten.clear();
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

  /** Writes within the window; at once (this microtask's burst) once a batch is full or `atOnce` says. */
  const scheduleWrite = (): void => {
    const delay = context.config && !atOnce() ? writeDelay(unwritten.size, context.config) : 0;
    if (!delay) return schedule();
    if (timer === undefined && !scheduled) timer = context.clock.setTimeout(() => void run(), delay);
  };

  return {
    write(entry: QueuedEvent): void {
      unwritten.set(entry.record.id, entry);
      scheduleWrite();
    },
    remove(ids: string[]): void {
      for (const id of ids) {
        // Answered before its write started (a page-exit request the page lived to read, store_full):
        // the store never sees it.
        const entry = unwritten.get(id);
        if (entry && entry.state === 'finished' && unwritten.delete(id)) continue;
        unremoved.push(id);
        removing.add(id);
      }
      if (unremoved.length) schedule();
    },
    /** Finished events still in the store: a page going now would leave their records behind. */
    removalsPending: (): string[] => [...removing],
    /** Starts what is asked for now; resolves once everything asked for so far reached the store. */
    settle: run,
    /** Writes are waiting or on their way: flush() waits for them to send their events too. */
    writing: (): boolean => writesInProgress > 0 || unwritten.size > 0,
  };
};

export type StoreWriter = ReturnType<typeof createStoreWriter>;
