import { describe, expect, it } from 'vitest';
import { isExitCandidate, isOnTheWire, type EventState, type QueuedEvent } from '../src/delivery/event-state.js';
import {
  isAdoptable,
  isTooOld,
  maxAttempts,
  MAX_EVENT_AGE_MS,
  overflow,
  pickBatch,
  wakeTime,
  writeDelay,
  WRITE_WINDOW_MS,
} from '../src/delivery/queue-policy.js';
import type { StoredEvent } from '../src/types.js';

const NOW = 1_800_000_000_000;
const CONFIG = { flushQueueSize: 3, flushIntervalMillis: 1000, flushMaxRetries: 2 };

/** A queued event as the pure policy sees it: `age` ms since it was accepted, waiting unless said. */
const queued = (
  id: string,
  {
    state = 'waiting',
    age = 0,
    notBefore = 0,
    failures = 0,
  }: Partial<{ state: EventState; age: number; notBefore: number; failures: number }> = {},
): QueuedEvent => ({
  record: { id, event: { event_type: 'E', insert_id: id }, attempts: 0 },
  state,
  acceptedAt: NOW - age,
  memoryOnly: false,
  notBefore,
  serverWait: false,
  failures,
});

const ids = (entries: QueuedEvent[]) => entries.map((entry) => entry.record.id);

describe('maxAttempts', () => {
  it.each([
    [0, 1],
    [1, 1],
    [5, 5],
  ])('flushMaxRetries %i → %i attempt(s) per page life', (flushMaxRetries, attempts) => {
    expect(maxAttempts(flushMaxRetries)).toBe(attempts);
  });
});

describe('pickBatch', () => {
  it.each([
    {
      name: 'a full batch goes at once, however fresh',
      entries: ['a', 'b', 'c'].map((id) => queued(id)),
      expected: ['a', 'b', 'c'],
    },
    { name: 'a fresh partial batch waits', entries: [queued('a'), queued('b')], expected: [] },
    {
      name: 'a partial batch goes once one event has waited flushIntervalMillis',
      entries: [queued('a', { age: 1000 }), queued('b')],
      expected: ['a', 'b'],
    },
    { name: 'flush() sends a fresh partial batch', entries: [queued('a')], force: true, expected: ['a'] },
    {
      name: 'at most flushQueueSize, oldest first',
      entries: ['a', 'b', 'c', 'd'].map((id) => queued(id)),
      expected: ['a', 'b', 'c'],
    },
    {
      name: 'an event in its retry wait is left out',
      entries: [queued('a', { age: 5000, notBefore: NOW + 1 }), queued('b', { age: 5000 })],
      expected: ['b'],
    },
    {
      name: 'flush() ignores retry waits',
      entries: [queued('a', { notBefore: NOW + 60_000 })],
      force: true,
      expected: ['a'],
    },
    {
      name: 'unwritten, in-flight and held events are not sendable',
      entries: [
        queued('u', { state: 'unwritten', age: 5000 }),
        queued('i', { state: 'in-flight', age: 5000 }),
        queued('h', { state: 'held', age: 5000 }),
        queued('w', { age: 5000 }),
      ],
      force: true,
      expected: ['w'],
    },
    {
      name: 'an event out of attempts for this page life stays out, even for flush()',
      entries: [queued('spent', { failures: 2 }), queued('left', { failures: 1 })],
      force: true,
      expected: ['left'],
    },
    {
      name: 'flushMaxRetries 0 still allows one attempt',
      entries: [queued('fresh', { age: 5000 }), queued('failed', { age: 5000, failures: 1 })],
      config: { ...CONFIG, flushMaxRetries: 0 },
      expected: ['fresh'],
    },
  ])('$name', ({ entries, force = false, config = CONFIG, expected }) => {
    expect(ids(pickBatch(entries, config, NOW, force))).toEqual(expected);
  });
});

describe('wakeTime', () => {
  it.each([
    { name: 'nothing queued: never', entries: [], expected: Infinity },
    {
      name: 'a fresh event: flushIntervalMillis after it was accepted',
      entries: [queued('a', { age: 200 })],
      expected: NOW + 800,
    },
    {
      name: 'a retry: when its wait ends, if later than its interval',
      entries: [queued('a', { age: 5000, notBefore: NOW + 3000 })],
      expected: NOW + 3000,
    },
    { name: 'a full batch ready: now', entries: ['a', 'b', 'c'].map((id) => queued(id)), expected: NOW },
    {
      name: 'events still in their retry wait do not make a full batch',
      entries: [queued('a'), queued('b'), queued('c', { age: 5000, notBefore: NOW + 400 })],
      expected: NOW + 400,
    },
    {
      name: 'the earliest due event decides',
      entries: [queued('late', { age: 100 }), queued('early', { age: 900 })],
      expected: NOW + 100,
    },
    {
      name: 'unwritten, in-flight, held and spent events do not wake it',
      entries: [
        queued('u', { state: 'unwritten' }),
        queued('i', { state: 'in-flight' }),
        queued('h', { state: 'held' }),
        queued('s', { failures: 2 }),
      ],
      expected: Infinity,
    },
  ])('$name', ({ entries, expected }) => {
    expect(wakeTime(entries, CONFIG, NOW)).toBe(expected);
  });
});

describe('overflow', () => {
  it.each([
    { name: 'within capacity: none', entries: ['a', 'b'].map((id) => queued(id)), max: 2, expected: [] },
    {
      name: 'the oldest make room',
      entries: ['a', 'b', 'c', 'd'].map((id) => queued(id)),
      max: 2,
      expected: ['a', 'b'],
    },
    {
      name: 'events part of an upload are passed over',
      entries: [
        queued('a', { state: 'in-flight' }),
        queued('b', { state: 'held' }),
        queued('c', { state: 'unwritten' }),
        queued('d'),
      ],
      max: 3,
      expected: ['c'],
    },
    {
      name: 'with everything on its way, nothing can make room',
      entries: [queued('a', { state: 'in-flight' }), queued('b', { state: 'in-flight' })],
      max: 1,
      expected: [],
    },
  ])('$name', ({ entries, max, expected }) => {
    expect(ids(overflow(entries, entries.length, max))).toEqual(expected);
  });
});

describe('writeDelay', () => {
  it.each([
    ['one event waits the write window for the events tracked after it', 1, 30, 1000, WRITE_WINDOW_MS],
    ['a batch not yet full waits too', 29, 30, 1000, WRITE_WINDOW_MS],
    ['a full batch is written at once (it goes at once)', 30, 30, 1000, 0],
    ['a short flush interval shortens the window to half of it', 1, 30, 100, 50],
    ['no flush interval: at once', 1, 30, 0, 0],
  ])('%s', (_, unwritten, flushQueueSize, flushIntervalMillis, expected) => {
    expect(writeDelay(unwritten, { flushQueueSize, flushIntervalMillis })).toBe(expected);
  });
});

describe('adoption checks', () => {
  /** A record as a store holds it (JSON): another SDK version may have written any time. */
  const stored = (time: unknown): StoredEvent =>
    JSON.parse(JSON.stringify({ id: 'x', event: { event_type: 'E', time }, attempts: 0 }));

  it.each([
    { time: NOW - MAX_EVENT_AGE_MS - 1, tooOld: true },
    { time: NOW - MAX_EVENT_AGE_MS, tooOld: false },
    { time: NOW, tooOld: false },
    { time: undefined, tooOld: false },
    { time: 'yesterday', tooOld: false },
  ])('time $time → too old: $tooOld', ({ time, tooOld }) => {
    expect(isTooOld(stored(time), NOW)).toBe(tooOld);
  });

  it.each([
    { record: stored(NOW), adoptable: true },
    { record: undefined, adoptable: false },
    { record: { id: 1, event: {} }, adoptable: false },
    { record: { id: 'x' }, adoptable: false },
  ])('$record → adoptable: $adoptable', ({ record, adoptable }) => {
    expect(isAdoptable(record)).toBe(adoptable);
  });
});

describe('page exit and the wire', () => {
  it.each([
    { state: 'unwritten', expected: true, why: 'its write may not finish before the page goes' },
    { state: 'waiting', expected: true, why: 'stored and idle' },
    {
      state: 'waiting',
      notBefore: NOW + 1,
      expected: false,
      why: 'waiting out a retry: the server failed it a moment ago',
    },
    { state: 'waiting', failures: 2, expected: false, why: 'its attempts for this page life are used up' },
    { state: 'in-flight', expected: false, why: 'on the wire: not twice at once' },
    { state: 'held', expected: false, why: 'reserved by the split upload in progress' },
    { state: 'handed-off', expected: false, why: 'a beacon took it: not again in this page life' },
    { state: 'finished', expected: false, why: 'answered for' },
  ] as const)('isExitCandidate($state): $expected ($why)', ({ state, expected, ...rest }) => {
    const entry = queued('e', {
      state,
      ...('notBefore' in rest ? { notBefore: rest.notBefore } : {}),
      ...('failures' in rest ? { failures: rest.failures } : {}),
    });
    expect(isExitCandidate(entry, maxAttempts(CONFIG.flushMaxRetries), NOW)).toBe(expected);
  });

  it.each([
    ['in-flight', true],
    ['handed-off', true],
    ['held', false],
    ['waiting', false],
    ['unwritten', false],
  ] as const)('isOnTheWire(%s): %s', (state, expected) => {
    expect(isOnTheWire(queued('e', { state }))).toBe(expected);
  });
});
