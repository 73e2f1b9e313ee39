import type { Event } from '../types.js';
import { backoffDelay } from './backoff.js';
import type { DeliveryContext } from './delivery-context.js';
import type { DeliveryReporter, Finish } from './delivery-reporter.js';
import { dropUnencodable, encodeEvents } from './event-encoding.js';
import { hold, land, release, retractAttempt, retryAt, takeOff } from './event-queue.js';
import type { QueuedEvent } from './event-state.js';
import { maxAttempts } from './queue-policy.js';
import { decideResponse, type ResponsePlan } from './response-policy.js';

/** The plan for a batch that got no answer (the upload failed): retried with backoff. */
const noAnswer = (events: readonly Event[], message: string): ResponsePlan => ({
  ...decideResponse({ status: 0, body: null }, events),
  message,
});

/**
 * Sends a batch on the context's transport and applies the server's answer to each of its events;
 * resolves false when the session should pause (a failure waits for its retry).
 */
export const createUploader = (context: DeliveryContext, reporter: DeliveryReporter, finish: Finish) => {
  const { clock } = context;

  const send = async (batch: QueuedEvent[]): Promise<boolean> => {
    const events = batch.map((entry) => entry.record.event);
    let body: string;
    try {
      body = encodeEvents(context.config, events, clock.now());
    } catch (error) {
      const encodable = dropUnencodable(context, batch, finish);
      if (encodable.length < batch.length) return !encodable.length || send(encodable);
      // Each event encodes alone but the batch does not: retried with backoff, like a failed upload.
      return apply(noAnswer(events, `Could not encode the batch: ${String(error)}`), batch);
    }
    takeOff(batch);
    let plan: ResponsePlan;
    try {
      const response = await context.transport.send({ url: context.url, body });
      plan = decideResponse(response, events);
    } catch (error) {
      plan = noAnswer(events, `Network error: ${String(error)}`);
    }
    land(batch);
    return apply(plan, batch);
  };

  const apply = async (plan: ResponsePlan, batch: QueuedEvent[]): Promise<boolean> => {
    const pick = (indices: number[]) => indices.map((index) => batch[index]);
    if (plan.delivered.length) finish(pick(plan.delivered), { code: plan.code, message: plan.message });
    for (const { index, reason } of plan.dropped) {
      context.logger.warn(
        `Server rejected "${batch[index].record.event.event_type}" for good (${plan.code} ${plan.message}); dropped`,
      );
      finish([batch[index]], { code: plan.code, message: `Dropped by the server: ${plan.message}`, reason });
    }
    let keepGoing = true;
    if (plan.resend.length) {
      const again = pick(plan.resend);
      retractAttempt(again);
      if (plan.split) {
        const half = Math.ceil(again.length / 2);
        const second = again.slice(half);
        // Still part of this upload while the first half is out: no store_full victim, no other tab's outcome.
        hold(second);
        const firstSent = await send(again.slice(0, half));
        release(second);
        keepGoing = firstSent && (await send(second));
      } else {
        keepGoing = await send(again);
      }
    }
    if (plan.retry.length) {
      retryLater(pick(plan.retry), plan, plan.retryAfterMs);
      keepGoing = false;
    }
    if (plan.throttled.length) {
      retryLater(pick(plan.throttled), plan, plan.throttleMs);
      keepGoing = false;
    }
    return keepGoing;
  };

  const retryLater = (waiting: QueuedEvent[], plan: ResponsePlan, waitMs: number | undefined): void => {
    const now = clock.now();
    const attempts = maxAttempts(context.config.flushMaxRetries);
    // One wait for the whole batch, so it is retried together rather than scattered.
    const attempt = Math.max(...waiting.map((entry) => entry.failures)) + 1;
    const wait = waitMs !== undefined ? waitMs : backoffDelay({ attempt, random: clock.random() });
    retryAt(waiting, now + wait);
    const exhausted: QueuedEvent[] = [];
    for (const entry of waiting) {
      if (entry.failures >= attempts) exhausted.push(entry);
      else reporter.countRetry();
    }
    if (!exhausted.length) return;
    context.logger.warn(
      `${exhausted.length} event(s) not delivered after ${attempts} attempts (${plan.code} ${plan.message}); kept stored for the next page load or when the network returns`,
    );
    // The caller hears the last answer now; the event itself stays stored and is not lost.
    for (const entry of exhausted)
      reporter.answer(entry, plan.code, `${plan.message}; kept stored for a later attempt`);
  };

  return send;
};
