import type { StoredEvent } from '../types.js';

/**
 * Where one event stands in this page life:
 * - `unwritten`: accepted, its store write not yet done (it is not sent before it is stored);
 * - `waiting`: stored (or kept in memory when the write failed), may go in the next batch;
 * - `in-flight`: on the wire in an upload whose answer has not come;
 * - `held`: the half of a split batch waiting for the other half's answer: part of the upload,
 *   not on the wire;
 * - `finished`: it has its final outcome (or another tab answered for it) and left the queue.
 */
export type EventState = 'unwritten' | 'waiting' | 'in-flight' | 'held' | 'finished';

/** One event this page knows about: its stored record and what is happening to it. */
export interface QueuedEvent {
  readonly record: StoredEvent;
  readonly state: EventState;
  /** When this page accepted it; 0 for events found in the store. */
  readonly acceptedAt: number;
  /** Its write failed: it lives in memory only, so the store cannot say whether another tab sent it. */
  readonly memoryOnly: boolean;
  /** Not before this time (a retry's backoff or Retry-After). */
  readonly notBefore: number;
  /** Failed attempts in this page life (bounded by flushMaxRetries). */
  readonly failures: number;
  /** Handed to the page-exit transport since the page was last visible. */
  readonly exitSent: boolean;
}

/** Part of the upload in progress: neither picked again, nor made room for, nor settled by another tab. */
export const isUploading = (entry: QueuedEvent): boolean => entry.state === 'in-flight' || entry.state === 'held';

/** May go in a batch (retry wait aside): stored, idle, and attempts left in this page life. */
export const isSendable = (entry: QueuedEvent, maxAttempts: number): boolean =>
  entry.state === 'waiting' && entry.failures < maxAttempts;

/**
 * Goes out with the page-exit transport when the page may be going away: every event not handed
 * to it since the page was last visible, whatever its state (one in flight too).
 */
export const isExitCandidate = (entry: QueuedEvent): boolean => !entry.exitSent;
