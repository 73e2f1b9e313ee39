import type { Event, Transport } from '../types.js';
import type { DeliveryContext } from './delivery-context.js';
import type { Finish } from './delivery-reporter.js';
import { dropUnencodable, encodeEvents } from './event-encoding.js';
import { markExitSent, type EventQueue } from './event-queue.js';
import { isExitCandidate, type QueuedEvent } from './event-state.js';
import { chunkBySize, EXIT_CHUNK_BYTES } from './http-v2-codec.js';

/**
 * The page-exit path: the page may be going away, so everything not yet sent this way goes to the
 * exit transport (beacon, keepalive) in chunks under the 64 KB keepalive limit. The records stay
 * stored; the next page life confirms or resends them (same insert_id, so the server dedupes).
 */
export const sendOnExit = (
  context: DeliveryContext,
  queue: EventQueue,
  exitTransport: Transport | undefined,
  finish: Finish,
): void => {
  const { config } = context;
  if (!exitTransport || !config || context.closed || config.offline === true) return;
  let pending: QueuedEvent[] = [];
  for (const entry of queue.values()) if (isExitCandidate(entry)) pending.push(entry);
  if (!pending.length) return;
  const uploadTime = context.clock.now();
  const envelope = encodeEvents(config, [], uploadTime).length;
  const chunk = (waiting: QueuedEvent[]) =>
    chunkBySize({
      events: waiting.map((entry) => entry.record.event),
      maxBytes: EXIT_CHUNK_BYTES,
      envelopeBytes: envelope,
    });
  let chunks: Event[][];
  try {
    chunks = chunk(pending);
  } catch {
    // Sizing encodes each event: one that cannot be encoded is dropped here, the rest still go.
    pending = dropUnencodable(context, pending, finish);
    chunks = chunk(pending);
  }
  for (const events of chunks) {
    const body = encodeEvents(config, events, uploadTime);
    void exitTransport.send({ url: context.url, body, exiting: true }).catch(() => undefined);
  }
  markExitSent(pending);
};
