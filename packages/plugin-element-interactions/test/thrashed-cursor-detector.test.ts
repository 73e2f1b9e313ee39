import { describe, expect, it, vi } from 'vitest';
import {
  createThrashedCursorDetector,
  thrashedCursorThresholds,
  DEFAULT_THRASHED_CURSOR_THRESHOLDS,
} from '@sightline/plugin-element-interactions';

/** Feeds moves `[x, y, time]`; returns the index and answer of each thrash. */
const run = (moves: [number, number, number][], thresholds = DEFAULT_THRASHED_CURSOR_THRESHOLDS) => {
  const detector = createThrashedCursorDetector(thresholds);
  const found: [number, { beginTime: number; endTime: number }][] = [];
  moves.forEach(([x, y, time], index) => {
    const thrash = detector.move(x, y, time);
    if (thrash) found.push([index, thrash]);
  });
  return found;
};

/** Back and forth along one axis: each move after the first reverses direction (`step` ms apart). */
const shake = (axis: 'x' | 'y', moves: number, step: number, start = 0): [number, number, number][] =>
  Array.from({ length: moves }, (_, n) => {
    const offset = n % 2 === 0 ? 100 : 140;
    return axis === 'x' ? [offset, 300, start + n * step] : [300, offset, start + n * step];
  });

describe('thrashed cursor', () => {
  // n moves back and forth make n - 2 direction changes (the first move sets no direction).
  it.each([
    ['10 X reversals within 2 s: a thrash at the 10th', shake('x', 12, 100), [[11, { beginTime: 200, endTime: 1100 }]]],
    [
      '10 Y reversals within 2 s: a thrash (axes counted the same way)',
      shake('y', 12, 100),
      [[11, { beginTime: 200, endTime: 1100 }]],
    ],
    ['9 reversals: nothing', shake('x', 11, 100), []],
    ['10 reversals over more than 2 s: nothing', shake('x', 12, 250), []],
    [
      'exactly 2000 ms between the first and the 10th change: a thrash',
      shake('x', 12, 2000 / 9),
      [[11, { beginTime: (2000 / 9) * 2, endTime: (2000 / 9) * 11 }]],
    ],
  ])('%s', (_case, moves, expected) => {
    expect(run(moves)).toEqual(expected);
  });

  it('a slow start does not hide a fast shake later: only the last 10 changes count', () => {
    const slow = shake('x', 6, 1000);
    const fast = shake('x', 12, 50, 10_000);
    const found = run([...slow, ...fast]);
    expect(found).toHaveLength(1);
    expect(found[0][1].endTime - found[0][1].beginTime).toBeLessThanOrEqual(2000);
  });

  it('X and Y changes are counted separately: 5 of each is not a thrash', () => {
    const diagonal: [number, number, number][] = Array.from({ length: 7 }, (_, n) => [
      n % 2 ? 140 : 100,
      n % 2 ? 140 : 100,
      n * 100,
    ]);
    expect(run(diagonal)).toEqual([]);
  });

  it('moving one way, or standing still along an axis, changes no direction', () => {
    const straight: [number, number, number][] = Array.from({ length: 40 }, (_, n) => [n * 5, 200, n * 10]);
    const pauses: [number, number, number][] = [100, 100, 140, 140, 100, 100].map((x, n) => [x, 0, n * 10]);
    expect(run(straight)).toEqual([]);
    expect(run(pauses)).toEqual([]);
  });

  it('after a thrash the count starts over: a long shake gives one thrash per 10 changes', () => {
    const found = run(shake('x', 40, 50));
    expect(found.map(([index]) => index)).toEqual([11, 21, 31]);
  });

  it('directionChanges and threshold are honoured', () => {
    expect(run(shake('x', 5, 100), { directionChanges: 3, threshold: 500 })).toEqual([
      [4, { beginTime: 200, endTime: 400 }],
    ]);
    expect(run(shake('x', 5, 300), { directionChanges: 3, threshold: 500 })).toEqual([]);
  });
});

describe('thrashedCursorThresholds', () => {
  it.each([
    [undefined, undefined],
    [false, undefined],
    [true, { directionChanges: 10, threshold: 2000 }],
    [{}, { directionChanges: 10, threshold: 2000 }],
    [
      { directionChanges: 4, threshold: 800 },
      { directionChanges: 4, threshold: 800 },
    ],
  ])('%j → %j', (value, expected) => {
    expect(thrashedCursorThresholds(value)).toEqual(expected);
  });

  it.each([
    [{ directionChanges: 0 }],
    [{ directionChanges: 2.5 }],
    [{ directionChanges: '10' }],
    [{ threshold: -1 }],
    [{ threshold: Number.NaN }],
  ])('%j is logged and replaced by the default', (value) => {
    const logger = { warn: vi.fn(), error: vi.fn(), log: vi.fn(), debug: vi.fn(), enable: vi.fn(), disable: vi.fn() };
    expect(thrashedCursorThresholds(value, logger)).toEqual({ directionChanges: 10, threshold: 2000 });
    expect(logger.warn).toHaveBeenCalledTimes(1);
  });
});
