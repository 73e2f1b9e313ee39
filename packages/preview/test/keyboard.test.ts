import { describe, expect, it } from 'vitest';
import { nextOutlineIndex, trappedTabIndex } from '../src/keyboard.js';

describe('nextOutlineIndex: arrow keys, Home and End move within the outlines, clamped at the ends', () => {
  it.each([
    ['ArrowDown', 0, 3, 1],
    ['ArrowRight', 1, 3, 2],
    ['ArrowDown', 2, 3, 2],
    ['ArrowUp', 2, 3, 1],
    ['ArrowLeft', 0, 3, 0],
    ['ArrowDown', -1, 3, 0],
    ['ArrowUp', -1, 3, 2],
    ['Home', 2, 3, 0],
    ['End', 0, 3, 2],
    ['ArrowDown', -1, 0, undefined],
    ['Enter', 1, 3, undefined],
    ['a', 1, 3, undefined],
  ])('%s from %i of %i → %s', (key, current, count, expected) => {
    expect(nextOutlineIndex(key, current, count)).toBe(expected);
  });
});

describe('trappedTabIndex: Tab never leaves the preview', () => {
  it.each([
    // active, count, backwards, expected
    [0, 4, false, undefined],
    [2, 4, false, undefined],
    [3, 4, false, 0],
    [0, 4, true, 3],
    [2, 4, true, undefined],
    [-1, 4, false, 0],
    [-1, 4, true, 3],
    [0, 1, false, 0],
    [-1, 0, false, undefined],
  ])('active %i of %i, backwards %s → %s', (active, count, backwards, expected) => {
    expect(trappedTabIndex(active, count, backwards)).toBe(expected);
  });
});
