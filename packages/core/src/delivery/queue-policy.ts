import type { Config, StoredEvent } from '../types.js';
import { isSendable, isUploading, type QueuedEvent } from './event-state.js';

/** Older stored events are dropped: past the server's 7-day insert_id window a resend could duplicate. */
export const MAX_EVENT_AGE_MS = 7 * 24 * 60 * 60 * 1000;

/** Attempts per event in one page life: flushMaxRetries, but never none (0 would mean no upload at all). */
export const maxAttempts = (flushMaxRetries: number): number => Math.max(1, flushMaxRetries);

/** What the batch and wake-up policy read from the config. */
export type BatchConfig = Pick<Config, 'flushQueueSize' | 'flushIntervalMillis' | 'flushMaxRetries'>;

/**
 * The next batch, oldest first: up to flushQueueSize events whose retry wait is over. A partial
 * batch goes only once one of its events has waited flushIntervalMillis, or when `force`d (flush(),
 * which also ignores retry waits); otherwise none.
 */
export const pickBatch = (
  entries: Iterable<QueuedEvent>,
  { flushQueueSize, flushIntervalMillis, flushMaxRetries }: BatchConfig,
  now: number,
  force: boolean,
): QueuedEvent[] => {
  const attempts = maxAttempts(flushMaxRetries);
  const batch: QueuedEvent[] = [];
  let partialAllowed = force;
  for (const entry of entries) {
    if (!isSendable(entry, attempts) || (!force && entry.notBefore > now)) continue;
    if (entry.acceptedAt + flushIntervalMillis <= now) partialAllowed = true;
    batch.push(entry);
    if (batch.length >= flushQueueSize) return batch;
  }
  return partialAllowed ? batch : [];
};

/**
 * When the engine should next wake to send (Infinity: nothing to send). An event waits at most
 * flushIntervalMillis; a full batch of ready events goes at once; retries wait their turn.
 * Unwritten events wake the engine when their write completes.
 */
export const wakeTime = (
  entries: Iterable<QueuedEvent>,
  { flushQueueSize, flushIntervalMillis, flushMaxRetries }: BatchConfig,
  now: number,
): number => {
  const attempts = maxAttempts(flushMaxRetries);
  let ready = 0;
  let wake = Infinity;
  for (const entry of entries) {
    if (!isSendable(entry, attempts)) continue;
    const due = Math.max(entry.notBefore, entry.acceptedAt + flushIntervalMillis);
    if (entry.notBefore <= now && ++ready >= flushQueueSize) return now;
    if (due < wake) wake = due;
  }
  return wake;
};

/** Past `maxStoredEvents`, the oldest events make room; what is part of an upload is passed over. */
export const overflow = (entries: Iterable<QueuedEvent>, size: number, maxStoredEvents: number): QueuedEvent[] => {
  let excess = size - maxStoredEvents;
  const victims: QueuedEvent[] = [];
  if (excess <= 0) return victims;
  for (const entry of entries) {
    if (excess <= 0) break;
    if (isUploading(entry)) continue;
    victims.push(entry);
    excess--;
  }
  return victims;
};

/** A stored record past the insert_id window (events without a numeric time are kept). */
export const isTooOld = (record: StoredEvent, now: number): boolean =>
  typeof record.event.time === 'number' && record.event.time < now - MAX_EVENT_AGE_MS;

/** A record the store returned that can be adopted (a store, or another version of it, may hold anything). */
export const isAdoptable = (record: unknown): record is StoredEvent => {
  const candidate = record as Partial<StoredEvent> | undefined;
  return !!candidate && typeof candidate.id === 'string' && !!candidate.event;
};

/**
 * How long new events wait for the store write, so the events tracked close together (a burst of
 * clicks, a click and the events it causes) share one IndexedDB transaction: one per event costs
 * more than the rest of a click's capture. A page killed without pagehide or visibilitychange
 * (a crash) can lose at most the events of this window; hidden pages and teardown write at once.
 */
export const WRITE_WINDOW_MS = 250;

/**
 * Milliseconds until the `unwritten` events waiting for a write are written; 0: in a microtask
 * (one write per burst). A full batch does not wait (it goes at once), nor does anything wait past
 * half its flush interval (its write is done before it is due).
 */
export const writeDelay = (
  unwritten: number,
  { flushQueueSize, flushIntervalMillis }: Pick<BatchConfig, 'flushQueueSize' | 'flushIntervalMillis'>,
): number => (unwritten >= flushQueueSize ? 0 : Math.max(0, Math.min(WRITE_WINDOW_MS, flushIntervalMillis / 2)));
