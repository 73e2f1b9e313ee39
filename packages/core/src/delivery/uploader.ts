import type { Event, UploadResponse } from '../types.js';
import { backoffDelay } from './backoff.js';
import type { DeliveryContext } from './delivery-context.js';
import type { DeliveryReporter, Finish } from './delivery-reporter.js';
import { dropUnencodable, encodeEvents } from './event-encoding.js';
import { hold, land, release, retractAttempt, retryAt, takeOff, waiveBackoff, type EventQueue } from './event-queue.js';
import type { QueuedEvent } from './event-state.js';
import { maxAttempts } from './queue-policy.js';
import { decideResponse, type ResponsePlan } from './response-policy.js';

/** The plan for a batch that got no answer (the upload failed): retried with backoff. */
const noAnswer = (events: readonly Event[], message: string): ResponsePlan => ({
  ...decideResponse({ status: 0, body: null }, events),
  message,
});

/** What an upload's outcome (an answer, or the error that stopped it) means for its events. */
export const planFor = (events: readonly Event[], outcome: { response: UploadResponse } | { error: unknown }) =>
  'response' in outcome
    ? decideResponse(outcome.response, events)
    : noAnswer(events, `Network error: ${String(outcome.error)}`);

/**
 * Sends batches on the context's transport and applies the server's answer to each of their
 * events. `upload` resolves false when the session should pause (a failure waits for its retry);
 * `apply` is the same answer handling for a request that went another way (page exit).
 */
export const createUploader = (
  context: DeliveryContext,
  queue: EventQueue,
  reporter: DeliveryReporter,
  finish: Finish,
) => {
  const { clock } = context;

  const upload = async (picked: QueuedEvent[]): Promise<boolean> => {
    // On the wire at most once: a page exit may have sent some of these since they were picked.
    const batch = picked.filter((entry) => entry.state === 'waiting');
    if (!batch.length) return true;
    const events = batch.map((entry) => entry.record.event);
    let body: string;
    try {
      body = encodeEvents(context.config, events, clock.epoch());
    } catch (error) {
      const encodable = dropUnencodable(context, batch, finish);
      if (encodable.length < batch.length) return !encodable.length || upload(encodable);
      // Each event encodes alone but the batch does not: retried with backoff, like a failed upload.
      return apply(noAnswer(events, `Could not encode the batch: ${String(error)}`), batch);
    }
    takeOff(batch);
    const request = { url: context.url, body };
    context.requests.set(request, batch);
    let plan: ResponsePlan;
    try {
      plan = planFor(events, { response: await context.transport.send(request) });
    } catch (error) {
      plan = planFor(events, { error });
    }
    context.requests.delete(request);
    land(batch);
    return apply(plan, batch);
  };

  /**
   * Applies the server's plan to the batch's events. `resend: 'later'` (an answer to a page-exit
   * request) leaves what the server asks to have again waiting for the next session, which sends
   * it in batches of flushQueueSize under the flush lock, rather than at once from here.
   */
  const apply = async (plan: ResponsePlan, batch: QueuedEvent[], resend: 'now' | 'later' = 'now'): Promise<boolean> => {
    const pick = (indices: number[]) => indices.map((index) => batch[index]);
    context.serverAnswering = !plan.retry.length && !plan.throttled.length;
    if (plan.delivered.length) {
      finish(pick(plan.delivered), { code: plan.code, message: plan.message });
      // The server answers again: what waited out a backoff after a failure goes now.
      waiveBackoff(queue);
    }
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
      if (resend === 'later') {
        // Waiting already: the next session takes them.
      } else if (plan.split) {
        const half = Math.ceil(again.length / 2);
        const second = again.slice(half);
        // Still part of this upload while the first half is out: no store_full victim, no other tab's outcome.
        hold(second);
        const firstSent = await upload(again.slice(0, half));
        release(second);
        keepGoing = firstSent && (await upload(second));
      } else {
        keepGoing = await upload(again);
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
    const serverWait = waitMs !== undefined;
    const wait = serverWait ? waitMs : backoffDelay({ attempt, random: clock.random() });
    retryAt(waiting, now + wait, serverWait);
    const exhausted: QueuedEvent[] = [];
    for (const entry of waiting) {
      if (entry.failures >= attempts) exhausted.push(entry);
      else reporter.countRetry();
    }
    if (!exhausted.length) return;
    context.logger.warn(
      `${exhausted.length} event(s) not delivered after ${attempts} attempts (${plan.code} ${plan.message}); kept ` +
        `stored for the next page load or when the network returns`,
    );
    // The caller hears the last answer now; the event itself stays stored and is not lost.
    for (const entry of exhausted)
      reporter.answer(entry, plan.code, `${plan.message}; kept stored for a later attempt`);
  };

  return { upload, apply };
};

export type Uploader = ReturnType<typeof createUploader>;
