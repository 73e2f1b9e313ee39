import type { StoredEvent } from '../types.js';

/**
 * Where one event stands in this page life:
 * - `unwritten`: accepted, its store write not yet done (it is not sent before it is stored,
 *   except on page exit);
 * - `waiting`: stored (or kept in memory when the write failed), may go in the next batch;
 * - `in-flight`: on the wire in an upload (or a page-exit request) whose answer has not come;
 * - `held`: the half of a split batch waiting for the other half's answer: part of the upload,
 *   not on the wire;
 * - `handed-off`: given to a page-exit transport that never answers (a beacon). It may have
 *   arrived or not, so this page life does not send it again: it stays stored, and the next page
 *   life (or another tab's outcome) settles it, sent once more with its insert_id;
 * - `finished`: it has its final outcome (or another tab answered for it) and left the queue.
 *
 * An event is on the wire at most once at any time: only `waiting` events are picked for a batch,
 * and only `unwritten` or `waiting` ones go on page exit.
 */
export type EventState = 'unwritten' | 'waiting' | 'in-flight' | 'held' | 'handed-off' | 'finished';

/** One event this page knows about: its stored record and what is happening to it. */
export interface QueuedEvent {
  readonly record: StoredEvent;
  readonly state: EventState;
  /** When this page accepted it (monotonic clock); -Infinity for events found in the store. */
  readonly acceptedAt: number;
  /** Its write failed: it lives in memory only, so the store cannot say whether another tab sent it. */
  readonly memoryOnly: boolean;
  /** Not before this time (monotonic clock): a retry's backoff or the server's wait. */
  readonly notBefore: number;
  /** The wait was the server's (Retry-After, throttling): an upload that succeeds meanwhile does not end it. */
  readonly serverWait: boolean;
  /** Failed attempts in this page life (bounded by flushMaxRetries). */
  readonly failures: number;
}

/** Part of the upload in progress: neither picked again, nor made room for, nor settled by another tab. */
export const isUploading = (entry: QueuedEvent): boolean => entry.state === 'in-flight' || entry.state === 'held';

/** May go in a batch (retry wait aside): stored, idle, and attempts left in this page life. */
export const isSendable = (entry: QueuedEvent, maxAttempts: number): boolean =>
  entry.state === 'waiting' && entry.failures < maxAttempts;

/**
 * Goes out with the page-exit transport when the page may be going away: neither answered for
 * nor on the wire (nor reserved by the upload in progress), not waiting out a retry (the server
 * failed it a moment ago: it stays stored for the next try), attempts left in this page life.
 * An event whose store write is still under way goes too: the page may not live to finish it.
 */
export const isExitCandidate = (entry: QueuedEvent, maxAttempts: number, now: number): boolean =>
  (entry.state === 'unwritten' || isSendable(entry, maxAttempts)) && entry.notBefore <= now;

/** On the wire, or handed to a transport that never answers: another page must not send it meanwhile. */
export const isOnTheWire = (entry: QueuedEvent): boolean => entry.state === 'in-flight' || entry.state === 'handed-off';
