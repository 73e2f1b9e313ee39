import type { StoredEvent } from '../types.js';
import { isUploading, type EventState, type QueuedEvent } from './event-state.js';
import { isAdoptable, isTooOld } from './queue-policy.js';

type Entry = { -readonly [Field in keyof QueuedEvent]: QueuedEvent[Field] };

/**
 * Every event this page knows about by insert_id, oldest first. Read it freely; entries change
 * only through the named changes below. A state change applies to the entries in the state it
 * names and leaves the others as they are (an illegal change is refused): an event that left the
 * queue is `finished`, and no change applies to it.
 */
export type EventQueue = ReadonlyMap<string, QueuedEvent>;

export const createEventQueue = (): EventQueue => new Map<string, QueuedEvent>();

const table = (queue: EventQueue) => queue as Map<string, QueuedEvent>;

/** The one place entries are written. */
const update = (list: Iterable<Entry>, change: (entry: Entry) => void): void => {
  for (const entry of list) change(entry);
};

/** Moves each listed entry in state `from` to `to`; `then` updates the moved ones. */
const move = (list: Iterable<Entry>, from: EventState, to: EventState, then?: (entry: Entry) => void): void =>
  update(list, (entry) => {
    if (entry.state !== from) return;
    entry.state = to;
    if (then) then(entry);
  });

const create = (record: StoredEvent, acceptedAt: number, state: EventState): QueuedEvent => ({
  record,
  state,
  acceptedAt,
  memoryOnly: false,
  notBefore: 0,
  failures: 0,
  exitSent: false,
});

/** An event this page accepted: unwritten until its store write completes. */
export const addEvent = (queue: EventQueue, record: StoredEvent, acceptedAt: number): QueuedEvent => {
  const entry = create(record, acceptedAt, 'unwritten');
  table(queue).set(record.id, entry);
  return entry;
};

/**
 * Takes records found in the store (earlier page lives, other tabs' leftovers) in, ahead of the
 * events this page accepted (they are older, so capacity drops them first); ids it knows are
 * skipped. Returns the adopted ones past the insert_id window, for the caller to drop.
 */
export const adoptRecords = (queue: EventQueue, records: readonly unknown[], now: number): QueuedEvent[] => {
  const entries = table(queue);
  const accepted = new Map(entries);
  const tooOld: QueuedEvent[] = [];
  entries.clear();
  for (const record of records) {
    if (!isAdoptable(record) || accepted.has(record.id)) continue;
    const entry = create(record, 0, 'waiting');
    entries.set(record.id, entry);
    if (isTooOld(record, now)) tooOld.push(entry);
  }
  accepted.forEach((entry, id) => entries.set(id, entry));
  return tooOld;
};

/** Their store write completed (`stored`) or failed (they live in memory): they may be sent. */
export const written = (list: readonly QueuedEvent[], stored: boolean): void =>
  move(list, 'unwritten', 'waiting', (entry) => (entry.memoryOnly = !stored));

/** On the wire: one more upload attempt on each record. */
export const takeOff = (list: readonly QueuedEvent[]): void =>
  move(list, 'waiting', 'in-flight', (entry) => entry.record.attempts++);

/** Their upload's answer came (or the transport failed): the plan decides what follows. */
export const land = (list: readonly QueuedEvent[]): void => move(list, 'in-flight', 'waiting');

/** Held back while the other half of their split batch is on the wire. */
export const hold = (list: readonly QueuedEvent[]): void => move(list, 'waiting', 'held');

/** The held half's turn came (or the upload stopped). */
export const release = (list: readonly QueuedEvent[]): void => move(list, 'held', 'waiting');

/** A failed attempt: they wait until `time`. */
export const retryAt = (list: readonly QueuedEvent[], time: number): void =>
  move(list, 'waiting', 'waiting', (entry) => {
    entry.failures++;
    entry.notBefore = time;
  });

/** The server asked for these again at once (rest of a 400, halves of a 413): not a failed attempt. */
export const retractAttempt = (list: readonly QueuedEvent[]): void => update(list, (entry) => entry.record.attempts--);

const leave = (queue: EventQueue, entry: Entry): boolean => {
  entry.state = 'finished';
  return table(queue).delete(entry.record.id);
};

/** Whether `entry` is (still) the queue's entry for its insert_id. */
const isQueued = (queue: EventQueue, entry: QueuedEvent): boolean => queue.get(entry.record.id) === entry;

/** Leaves the queue with its final outcome, whatever its state; false when it had already left. */
export const finishEvent = (queue: EventQueue, entry: QueuedEvent): boolean =>
  isQueued(queue, entry) && leave(queue, entry);

/** Leaves the queue because another tab answered for it; refused while part of an upload (that answers for it). */
export const settleEventElsewhere = (queue: EventQueue, entry: QueuedEvent): boolean =>
  isQueued(queue, entry) && !isUploading(entry) && leave(queue, entry);

/** Handed to the page-exit transport. */
export const markExitSent = (list: readonly QueuedEvent[]): void => update(list, (entry) => (entry.exitSent = true));

/** The page is visible again: what is still here goes out on the next page exit too. */
export const rearmExit = (queue: EventQueue): void => update(queue.values(), (entry) => (entry.exitSent = false));

/** The network returned: every event earns a fresh retry budget and waits no longer. */
export const restartRetries = (queue: EventQueue): void =>
  update(queue.values(), (entry) => {
    entry.failures = 0;
    entry.notBefore = 0;
  });
