import { describe, expect, it } from 'vitest';
import {
  addEvent,
  adoptRecords,
  createEventQueue,
  finishEvent,
  handOff,
  hold,
  land,
  onTheWireElsewhere,
  release,
  restartRetries,
  retractAttempt,
  retryAt,
  settleEventElsewhere,
  takeOff,
  takeOffOnExit,
  waiveBackoff,
  written,
  type EventQueue,
} from '../src/delivery/event-queue.js';
import type { EventState, QueuedEvent } from '../src/delivery/event-state.js';
import { MAX_EVENT_AGE_MS } from '../src/delivery/queue-policy.js';
import type { StoredEvent } from '../src/types.js';

const NOW = 1_800_000_000_000;

const record = (id: string, time = NOW): StoredEvent => ({
  id,
  event: { event_type: 'E', insert_id: id, time },
  attempts: 0,
});

/** An entry brought into `state` through the named changes only, as the engine does. */
const entryIn = (queue: EventQueue, state: EventState, id = 'e'): QueuedEvent => {
  const entry = addEvent(queue, record(id), NOW);
  if (state === 'finished') finishEvent(queue, entry);
  if (state === 'unwritten' || state === 'finished') return entry;
  written([entry], true);
  if (state === 'in-flight' || state === 'handed-off') takeOff([entry]);
  if (state === 'handed-off') handOff([entry]);
  if (state === 'held') hold([entry]);
  return entry;
};

type Change = (queue: EventQueue, entry: QueuedEvent) => unknown;

const CHANGES: Record<string, Change> = {
  written: (_, entry) => written([entry], true),
  takeOff: (_, entry) => takeOff([entry]),
  takeOffOnExit: (_, entry) => takeOffOnExit([entry]),
  land: (_, entry) => land([entry]),
  handOff: (_, entry) => handOff([entry]),
  onTheWireElsewhere: (_, entry) => onTheWireElsewhere([entry]),
  hold: (_, entry) => hold([entry]),
  release: (_, entry) => release([entry]),
  retryAt: (_, entry) => retryAt([entry], NOW + 5000, false),
  finishEvent: (queue, entry) => finishEvent(queue, entry),
  settleEventElsewhere: (queue, entry) => settleEventElsewhere(queue, entry),
};

const STATES: EventState[] = ['unwritten', 'waiting', 'in-flight', 'held', 'handed-off', 'finished'];

/**
 * The state each named change leads to from each state. A change not listed for a state is
 * illegal there: it is refused and the entry stays as it was.
 */
const LEGAL: Record<keyof typeof CHANGES, Partial<Record<EventState, EventState>>> = {
  written: { unwritten: 'waiting' },
  takeOff: { waiting: 'in-flight' },
  // On page exit an event whose store write is still under way goes too.
  takeOffOnExit: { unwritten: 'in-flight', waiting: 'in-flight' },
  land: { 'in-flight': 'waiting' },
  handOff: { 'in-flight': 'handed-off' },
  onTheWireElsewhere: { waiting: 'handed-off' },
  hold: { waiting: 'held' },
  release: { held: 'waiting' },
  retryAt: { waiting: 'waiting' },
  // A final outcome may come in any state (an upload's own answer lands first).
  finishEvent: {
    unwritten: 'finished',
    waiting: 'finished',
    'in-flight': 'finished',
    held: 'finished',
    'handed-off': 'finished',
  },
  // Another tab's word never ends what this page has on the wire: that upload answers for it. A beacon
  // answers for nothing, so another tab's word settles what was handed to one.
  settleEventElsewhere: { unwritten: 'finished', waiting: 'finished', 'handed-off': 'finished' },
};

const ROWS = Object.keys(CHANGES).flatMap((change) =>
  STATES.map((from) => {
    const to = LEGAL[change][from];
    return { change, from, to: to || from, legal: !!to, result: to ? `→ ${to}` : 'refused' };
  }),
);

describe('event queue: the named state changes', () => {
  it.each(ROWS)('$change from $from: $result', ({ change, from, to, legal }) => {
    const queue = createEventQueue();
    const entry = entryIn(queue, from);
    const before = { ...entry, attempts: entry.record.attempts };
    const returned = CHANGES[change](queue, entry);
    expect(entry.state).toBe(to);
    // Only what is finished has left the queue.
    expect(queue.get('e') === entry).toBe(to !== 'finished');
    if (typeof returned === 'boolean') expect(returned).toBe(legal);
    if (!legal) {
      // Refused: nothing about the entry changed.
      expect({ ...entry, attempts: entry.record.attempts }).toEqual(before);
    }
  });

  it('written: a failed write leaves the event in memory only; a stored one is not', () => {
    const queue = createEventQueue();
    const stored = addEvent(queue, record('stored'), NOW);
    const memory = addEvent(queue, record('memory'), NOW);
    written([stored], true);
    written([memory], false);
    expect([stored.memoryOnly, memory.memoryOnly]).toEqual([false, true]);
  });

  it('takeOff counts an upload attempt on the record; retractAttempt takes back one the server asked to repeat', () => {
    const queue = createEventQueue();
    const entry = entryIn(queue, 'waiting');
    takeOff([entry]);
    expect(entry.record.attempts).toBe(1);
    land([entry]);
    retractAttempt([entry]);
    expect(entry.record.attempts).toBe(0);
  });

  it('retryAt counts a failure and sets the retry time; restartRetries clears both for every event', () => {
    const queue = createEventQueue();
    const first = entryIn(queue, 'waiting', 'a');
    const second = entryIn(queue, 'waiting', 'b');
    retryAt([first, second], NOW + 2000, false);
    retryAt([first], NOW + 4000, true);
    expect([first.failures, first.notBefore, second.failures, second.notBefore]).toEqual([
      2,
      NOW + 4000,
      1,
      NOW + 2000,
    ]);
    expect([first.serverWait, second.serverWait]).toEqual([true, false]);
    restartRetries(queue);
    expect([first.failures, first.notBefore, second.failures, second.notBefore]).toEqual([0, 0, 0, 0]);
    expect(first.serverWait).toBe(false);
  });

  it('waiveBackoff ends the backoff of waiting events, not a wait the server asked for; failures stay counted', () => {
    const queue = createEventQueue();
    const backoff = entryIn(queue, 'waiting', 'a');
    const server = entryIn(queue, 'waiting', 'b');
    retryAt([backoff], NOW + 2000, false);
    retryAt([server], NOW + 2000, true);
    waiveBackoff(queue);
    expect([backoff.notBefore, backoff.failures, server.notBefore]).toEqual([0, 1, NOW + 2000]);
  });

  it('takeOffOnExit counts an attempt; the store write completing meanwhile leaves the event on the wire', () => {
    const queue = createEventQueue();
    const entry = entryIn(queue, 'unwritten');
    takeOffOnExit([entry]);
    written([entry], false);
    expect(entry).toMatchObject({ state: 'in-flight', memoryOnly: true, record: { attempts: 1 } });
  });

  it('a finished entry whose insert_id was accepted again does not finish the new entry', () => {
    const queue = createEventQueue();
    const old = entryIn(queue, 'waiting', 'same');
    expect(finishEvent(queue, old)).toBe(true);
    const again = addEvent(queue, record('same'), NOW + 1);
    expect(finishEvent(queue, old)).toBe(false);
    expect(settleEventElsewhere(queue, old)).toBe(false);
    expect(queue.get('same')).toBe(again);
    expect(again.state).toBe('unwritten');
  });
});

describe('event queue: adopting stored records', () => {
  it('puts stored records ahead of the events this page accepted, as waiting since forever', () => {
    const queue = createEventQueue();
    entryIn(queue, 'unwritten', 'mine');
    adoptRecords(queue, [record('old-1'), record('old-2')], NOW);
    expect([...queue.keys()]).toEqual(['old-1', 'old-2', 'mine']);
    expect(queue.get('old-1')).toMatchObject({ state: 'waiting', acceptedAt: -Infinity, failures: 0, notBefore: 0 });
    expect(queue.get('mine')!.state).toBe('unwritten');
  });

  it('skips ids it already knows and records a store may hold in any shape', () => {
    const queue = createEventQueue();
    const mine = entryIn(queue, 'in-flight', 'known');
    adoptRecords(queue, [record('known'), undefined, { id: 7 }, { id: 'no-event' }, record('fine')], NOW);
    expect([...queue.keys()]).toEqual(['fine', 'known']);
    expect(queue.get('known')).toBe(mine);
  });

  it('leaves out what a page that went away had on the wire', () => {
    const queue = createEventQueue();
    adoptRecords(queue, [record('theirs'), record('on-the-wire')], NOW, new Set(['on-the-wire']));
    expect([...queue.keys()]).toEqual(['theirs']);
  });

  it('returns the adopted records past the 7-day insert_id window, for the engine to drop', () => {
    const queue = createEventQueue();
    const tooOld = adoptRecords(
      queue,
      [record('edge', NOW - MAX_EVENT_AGE_MS), record('ancient', NOW - MAX_EVENT_AGE_MS - 1), record('fresh')],
      NOW,
    );
    expect(tooOld.map((entry) => entry.record.id)).toEqual(['ancient']);
    expect(queue.size).toBe(3);
  });
});
