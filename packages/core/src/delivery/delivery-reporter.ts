import type { Logger, Result } from '../types.js';
import type { DeliveryContext } from './delivery-context.js';
import { DeliveryOutcome, type DeliveryListener, type DeliveryReport, type DeliveryStats } from './delivery-report.js';
import type { OutcomeChannel } from './environment.js';
import type { QueuedEvent } from './event-state.js';
import type { DropReason } from './response-policy.js';

/** An event's final answer: delivered, or dropped for `reason`. */
export interface Outcome {
  code: number;
  message: string;
  reason?: DropReason;
}

/** Gives events their final outcome (the engine removes them from the queue and the store, and reports them). */
export type Finish = (events: QueuedEvent[], outcome: Outcome) => void;

type Settle = (result: Result) => void;

/** Tells `listeners` of one event's outcome; what one throws or rejects is logged, the others still hear. */
export const tellListeners = (listeners: DeliveryListener[], logger: Logger, report: DeliveryReport): void => {
  for (const listener of listeners.slice()) {
    try {
      const returned: unknown = listener(report);
      // An async listener's rejection is caught here too, not left to the page as unhandled.
      if (returned && typeof (returned as PromiseLike<unknown>).then === 'function') {
        (returned as PromiseLike<unknown>).then(undefined, (error: unknown) =>
          logger.error('An onDelivery listener rejected:', error),
        );
      }
    } catch (error) {
      logger.error('An onDelivery listener threw:', error);
    }
  }
};

/**
 * Tells everyone what became of events: the `{ promise }` of the call that tracked each, the
 * counts of the delivery report, `onDelivery` listeners, and the other tabs (outcome channel).
 */
export const createDeliveryReporter = (context: DeliveryContext, channel: OutcomeChannel | undefined) => {
  /** The pending `{ promise }` of each event tracked in this page life (none for stored ones). */
  const callers = new WeakMap<QueuedEvent, Settle>();
  const listeners: DeliveryListener[] = [];
  const counts = { sent: 0, retried: 0, dropped: {} as { [reason: string]: number } };

  /** Settles the `{ promise }` of the call that tracked the entry, once. */
  const answer = (entry: QueuedEvent, code: number, message: string): void => {
    const settle = callers.get(entry);
    callers.delete(entry);
    if (settle) settle({ event: entry.record.event, code, message });
  };

  const countDropped = (reason: DropReason): void => {
    counts.dropped[reason] = (counts.dropped[reason] || 0) + 1;
  };

  return {
    answer,
    countDropped,
    /** The call that tracked the entry waits for its answer; so does a later call with its insert_id. */
    awaitAnswer(entry: QueuedEvent, settle: Settle): void {
      const first = callers.get(entry);
      callers.set(
        entry,
        first
          ? (result) => {
              first(result);
              settle(result);
            }
          : settle,
      );
    },
    /** The entry's final outcome: counted, its caller answered, the listeners told. */
    finished(entry: QueuedEvent, outcome: Outcome): void {
      if (outcome.reason) countDropped(outcome.reason);
      else counts.sent++;
      answer(entry, outcome.code, outcome.message);
      if (!listeners.length) return;
      tellListeners(listeners, context.logger, {
        event: entry.record.event,
        code: outcome.code,
        message: outcome.message,
        outcome: outcome.reason ? DeliveryOutcome.DROPPED : DeliveryOutcome.SENT,
        ...(outcome.reason ? { reason: outcome.reason } : {}),
      });
    },
    /** Tells the other tabs, so their `{ promise }`s for these events settle with the real result. */
    publish(ids: string[], outcome: Outcome): void {
      if (channel) channel.publish({ ids, ...outcome });
    },
    countRetry: (): void => void counts.retried++,
    onDelivery(listener: DeliveryListener): () => void {
      if (typeof listener !== 'function') {
        context.logger.error('onDelivery needs a function');
        return () => undefined;
      }
      listeners.push(listener);
      return () => {
        const index = listeners.indexOf(listener);
        if (index >= 0) listeners.splice(index, 1);
      };
    },
    stats: (pending: number): DeliveryStats => ({
      sent: counts.sent,
      retried: counts.retried,
      dropped: { ...counts.dropped },
      pending,
    }),
  };
};

export type DeliveryReporter = ReturnType<typeof createDeliveryReporter>;
