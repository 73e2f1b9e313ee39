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

/** Moves each listed entry in a state of `from` to `to`; `then` updates the moved ones. */
const move = (
  list: Iterable<Entry>,
  from: EventState | readonly EventState[],
  to: EventState,
  then?: (entry: Entry) => void,
): void =>
  update(list, (entry) => {
    if (typeof from === 'string' ? entry.state !== from : from.indexOf(entry.state) < 0) return;
    entry.state = to;
    if (then) then(entry);
  });

const create = (record: StoredEvent, acceptedAt: number, state: EventState): QueuedEvent => ({
  record,
  state,
  acceptedAt,
  memoryOnly: false,
  notBefore: 0,
  serverWait: false,
  failures: 0,
});

/** An event this page accepted: unwritten until its store write completes. */
export const addEvent = (queue: EventQueue, record: StoredEvent, acceptedAt: number): QueuedEvent => {
  const entry = create(record, acceptedAt, 'unwritten');
  table(queue).set(record.id, entry);
  return entry;
};

/**
 * Takes records found in the store (earlier page lives, other tabs' leftovers) in, ahead of the
 * events this page accepted (they are older, so capacity drops them first); ids it knows, and ids
 * another page has on the wire (`skip`), are left out. They count as waiting since forever, so they
 * go at once. Returns the adopted ones past the insert_id window (`epochNow` is wall-clock, as
 * event times are), for the caller to drop.
 */
export const adoptRecords = (
  queue: EventQueue,
  records: readonly unknown[],
  epochNow: number,
  skip?: ReadonlySet<string>,
): QueuedEvent[] => {
  const entries = table(queue);
  const accepted = new Map(entries);
  const tooOld: QueuedEvent[] = [];
  entries.clear();
  for (const record of records) {
    if (!isAdoptable(record) || accepted.has(record.id) || (skip && skip.has(record.id))) continue;
    const entry = create(record, -Infinity, 'waiting');
    entries.set(record.id, entry);
    if (isTooOld(record, epochNow)) tooOld.push(entry);
  }
  accepted.forEach((entry, id) => entries.set(id, entry));
  return tooOld;
};

/**
 * Their store write completed (`stored`) or failed (they live in memory): they may be sent. One
 * that went out on page exit meanwhile stays where it is; only whether it is stored changes.
 */
export const written = (list: readonly QueuedEvent[], stored: boolean): void => {
  update(list, (entry) => {
    if (entry.state !== 'finished') entry.memoryOnly = !stored;
  });
  move(list, 'unwritten', 'waiting');
};

const countAttempt = (entry: Entry): void => void entry.record.attempts++;

/** On the wire: one more upload attempt on each record. */
export const takeOff = (list: readonly QueuedEvent[]): void => move(list, 'waiting', 'in-flight', countAttempt);

/** On the wire on page exit, where an event whose write is still under way goes too. */
export const takeOffOnExit = (list: readonly QueuedEvent[]): void =>
  move(list, ['unwritten', 'waiting'], 'in-flight', countAttempt);

/** Their upload's answer came (or the transport failed): the plan decides what follows. */
export const land = (list: readonly QueuedEvent[]): void => move(list, 'in-flight', 'waiting');

/** Given to a page-exit transport that never answers: not sent again in this page life. */
export const handOff = (list: readonly QueuedEvent[]): void => move(list, 'in-flight', 'handed-off');

/** A page that went away had these on the wire: this page does not send them again either. */
export const onTheWireElsewhere = (list: readonly QueuedEvent[]): void => move(list, 'waiting', 'handed-off');

/** Held back while the other half of their split batch is on the wire. */
export const hold = (list: readonly QueuedEvent[]): void => move(list, 'waiting', 'held');

/** The held half's turn came (or the upload stopped). */
export const release = (list: readonly QueuedEvent[]): void => move(list, 'held', 'waiting');

/** A failed attempt: they wait until `time` (`serverWait`: the server asked for that wait). */
export const retryAt = (list: readonly QueuedEvent[], time: number, serverWait: boolean): void =>
  move(list, 'waiting', 'waiting', (entry) => {
    entry.failures++;
    entry.notBefore = time;
    entry.serverWait = serverWait;
  });

/**
 * The server answered an upload: events waiting out a backoff after a failure (the server or the
 * network was down) need wait no longer. A wait the server asked for stands.
 */
export const waiveBackoff = (queue: EventQueue): void =>
  update(queue.values(), (entry) => {
    if (entry.state === 'waiting' && !entry.serverWait) entry.notBefore = 0;
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

/** The network returned: every event earns a fresh retry budget and waits no longer. */
export const restartRetries = (queue: EventQueue): void =>
  update(queue.values(), (entry) => {
    entry.failures = 0;
    entry.notBefore = 0;
    entry.serverWait = false;
  });
