import { describe, expect, it } from 'vitest';
import { createElementMemo } from '@sightline/dom';

describe('createElementMemo', () => {
  it.each([
    ['the same version: read once', [1, 1, 1], 1],
    ['a new version each time: read each time', [1, 2, 3], 3],
    ['back to an earlier count is still a change', [1, 2, 1], 3],
    ['NaN (no observer): read each time', [NaN, NaN, NaN], 3],
  ])('%s', (_, versions, expectedReads) => {
    let at = 0;
    const memo = createElementMemo(() => versions[at]);
    const element = document.createElement('div');
    let reads = 0;
    for (at = 0; at < versions.length; at++) {
      memo.refresh();
      expect(memo.read(element, 'step', () => ++reads)).toBe(reads);
    }
    expect(reads).toBe(expectedReads);
  });

  it('keeps each element and key apart', () => {
    const memo = createElementMemo(() => 7);
    memo.refresh();
    const [a, b] = [document.createElement('a'), document.createElement('b')];
    expect([memo.read(a, 'x', () => 'ax'), memo.read(a, 'y', () => 'ay'), memo.read(b, 'x', () => 'bx')]).toEqual([
      'ax',
      'ay',
      'bx',
    ]);
    expect(memo.read(a, 'x', () => 'again')).toBe('ax');
  });
});
