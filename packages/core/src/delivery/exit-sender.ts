import { ResultCode } from '../constants.js';
import type { Event } from '../types.js';
import type { DeliveryContext } from './delivery-context.js';
import type { DeliveryReporter, Finish } from './delivery-reporter.js';
import type { ExitTransport } from './environment.js';
import { dropUnencodable, encodeEvents } from './event-encoding.js';
import { handOff, land, retractAttempt, takeOffOnExit, type EventQueue } from './event-queue.js';
import { isExitCandidate, type QueuedEvent } from './event-state.js';
import { chunkBySize, EXIT_CHUNK_BYTES } from './http-v2-codec.js';
import { maxAttempts } from './queue-policy.js';
import { planFor, type Uploader } from './uploader.js';

const HANDED_OFF =
  'Sent by beacon as the page was hidden: no answer can be read, so it stays stored and is sent once more on the ' +
  'next page load';

export interface ExitSenderParts {
  queue: EventQueue;
  exitTransport: ExitTransport | undefined;
  reporter: DeliveryReporter;
  finish: Finish;
  uploader: Uploader;
  /** An exit request was answered (the page lived on): time to see what is due next. */
  answered(): void;
}

/**
 * The page-exit path: the page may be going away, so what is neither answered for nor on the wire
 * goes to the exit transport (keepalive fetch, beacon) in chunks under the 64 KB keepalive limit,
 * outside the flush lock (there is no time to wait for it). Those events are on the wire from then
 * on: no upload sends them again meanwhile. If the page lives to read the answer (a tab switch, the
 * back/forward cache), it is applied as an upload's; if not, the records stay stored and the next
 * page life sends them once more, with the same insert_id.
 */
export const createExitSender = (context: DeliveryContext, parts: ExitSenderParts) => {
  const { queue, exitTransport, reporter, finish, uploader } = parts;

  const sendChunk = (batch: QueuedEvent[], events: Event[], body: string): void => {
    takeOffOnExit(batch);
    const sent = { url: context.url, body, exiting: true };
    context.requests.set(sent, batch);
    let request: Promise<unknown>;
    try {
      request = exitTransport!.send(sent).then((response) => {
        context.requests.delete(sent);
        // Torn down meanwhile: the next engine owns the store, and may have sent these already.
        if (context.closed) return;
        if (response === undefined) {
          handOff(batch);
          for (const entry of batch) reporter.answer(entry, ResultCode.SKIPPED, HANDED_OFF);
          return;
        }
        land(batch);
        return uploader.apply(planFor(events, { response }), batch, 'later').then(parts.answered);
      });
    } catch (error) {
      request = Promise.reject(error);
    }
    request.then(undefined, () => {
      // Nothing could take it: not an attempt, it waits for the next chance.
      context.requests.delete(sent);
      if (context.closed) return;
      land(batch);
      retractAttempt(batch);
      parts.answered();
    });
  };

  return (): void => {
    const { config } = context;
    if (!exitTransport || !config || context.closed || config.offline === true) return;
    const now = context.clock.now();
    const attempts = maxAttempts(config.flushMaxRetries);
    let pending: QueuedEvent[] = [];
    for (const entry of queue.values()) if (isExitCandidate(entry, attempts, now)) pending.push(entry);
    if (!pending.length) return;
    const uploadTime = context.clock.epoch();
    const envelope = encodeEvents(config, [], uploadTime).length;
    const chunk = (waiting: QueuedEvent[]): QueuedEvent[][] => {
      const byEvent = new Map(waiting.map((entry) => [entry.record.event, entry]));
      const chunks = chunkBySize({
        events: waiting.map((entry) => entry.record.event),
        maxBytes: EXIT_CHUNK_BYTES,
        envelopeBytes: envelope,
      });
      return chunks.map((events) => events.map((event) => byEvent.get(event) as QueuedEvent));
    };
    let batches: QueuedEvent[][];
    try {
      batches = chunk(pending);
    } catch {
      // Sizing encodes each event: one that cannot be encoded is dropped here, the rest still go.
      pending = dropUnencodable(context, pending, finish);
      batches = chunk(pending);
    }
    for (const batch of batches) {
      const events = batch.map((entry) => entry.record.event);
      let body: string;
      try {
        body = encodeEvents(config, events, uploadTime);
      } catch {
        continue; // the batch does not encode as a whole: its events wait for an ordinary upload
      }
      sendChunk(batch, events, body);
    }
  };
};
