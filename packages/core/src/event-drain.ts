import { ResultCode } from './constants.js';
import { isEventObject } from './event-input.js';
import { PendingResult } from './pending-result.js';
import { isPromise, type Pipeline } from './pipeline.js';
import { isResult } from './results.js';
import type { Event, Logger, Result } from './types.js';
import { uuid } from './uuid.js';

/** Longest stretch the pipeline works through a burst before letting the page run. */
const DRAIN_SLICE_MS = 8;
/** More events than this waiting at once is a burst. */
const DRAIN_BURST = 64;
const yieldToPage = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));

/**
 * The events a ready client has accepted, on their way through the pipeline: queued by the
 * tracking call (O(1), nothing else), then run through the plugins strictly in order, in time
 * slices, off the caller's path.
 */
export interface EventDrain {
  /** Queues the event; its `{ promise }` settles with the destination's (or a plugin's) answer. */
  enqueue(event: Event): PendingResult;
  /** Settles once the events queued so far have been handed to the destinations. */
  whenDrained(): Promise<void>;
}

export const createEventDrain = (pipeline: Pipeline, logger: () => Logger): EventDrain => {
  /** Events waiting for the pipeline; emptied when a drain has worked through them. */
  const pending: PendingResult[] = [];
  let draining = false;
  let drained: Promise<void> = Promise.resolve();

  /** A plugin returned something that is not an event: nothing fit to send is left. */
  const notAnEvent = (event: Event): Result => {
    const message = `A plugin returned something that is not an event for "${event.event_type}"; event dropped`;
    logger().error(message);
    return { event, code: ResultCode.PLUGIN_ERROR, message };
  };

  /**
   * Runs queued events through the pipeline strictly in order. A burst is processed in slices
   * of at most DRAIN_SLICE_MS, yielding to the page between them, so no task runs long.
   */
  const drain = async (): Promise<void> => {
    try {
      // A burst arrives in the caller's own task: start working on it in the next one.
      if (pending.length > DRAIN_BURST) await yieldToPage();
      let sliceStart = Date.now();
      // Events tracked meanwhile are appended to `pending` and taken in this same loop.
      for (let head = 0; head < pending.length; head++) {
        if ((head & 63) === 0 && Date.now() - sliceStart >= DRAIN_SLICE_MS) {
          await yieldToPage();
          sliceStart = Date.now();
        }
        const item = pending[head];
        // One event's failure is answered and logged; the events after it still go through.
        try {
          // Made here, off the caller's path: the id is needed only from the plugins on.
          if (!item.event.insert_id) item.event.insert_id = uuid();
          let output = pipeline.enrich(item.event);
          // Awaited only when a plugin is asynchronous: a burst through synchronous plugins costs no promise per event.
          if (isPromise<Event | Result>(output)) output = await output;
          if (isResult(output)) item.settle(output);
          else if (!isEventObject(output)) item.settle(notAnEvent(item.event));
          else {
            // A plugin may hand on a new object: the store and the server key every event by insert_id.
            if (!output.insert_id) output.insert_id = uuid();
            void pipeline.deliver(output).then((result) => item.settle(result));
          }
        } catch (error) {
          logger().error('Pipeline failed:', error);
          item.settle({
            event: item.event,
            code: ResultCode.PLUGIN_ERROR,
            message: `Pipeline failed: ${String(error)}`,
          });
        }
      }
    } finally {
      pending.length = 0;
      draining = false;
    }
  };

  return {
    enqueue: (event) => {
      const item = new PendingResult(event);
      pending.push(item);
      if (!draining) {
        draining = true;
        drained = Promise.resolve().then(drain);
      }
      return item;
    },
    whenDrained: () => drained,
  };
};
