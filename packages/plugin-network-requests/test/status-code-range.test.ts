import { describe, expect, it } from 'vitest';
import { isStatusInRanges, parseStatusCodeRange } from '../src/status-code-range.js';

describe('statusCodeRange parsing', () => {
  it.each([
    ['500-599', [[500, 599]], []],
    [
      '0,400-599',
      [
        [0, 0],
        [400, 599],
      ],
      [],
    ],
    [
      '0,200-299,413,500-599',
      [
        [0, 0],
        [200, 299],
        [413, 413],
        [500, 599],
      ],
      [],
    ],
    [
      ' 404 , 500 - 503 ',
      [
        [404, 404],
        [500, 503],
      ],
      [],
    ],
    ['404,,', [[404, 404]], []],
    ['', [], []],
    ['abc', [], ['abc']],
    ['599-500', [], ['599-500']],
    ['1000', [], ['1000']],
    ['-5', [], ['-5']],
    ['400-', [], ['400-']],
    ['200-299,x', [[200, 299]], ['x']],
  ])('%j → ranges %j, invalid %j', (spec, ranges, invalid) => {
    expect(parseStatusCodeRange(spec)).toEqual({ ranges, invalid });
  });

  it.each([undefined, null, 500, {}])('non-string %j gives no ranges and reports it', (spec) => {
    const parsed = parseStatusCodeRange(spec);
    expect(parsed.ranges).toEqual([]);
    expect(parsed.invalid).toHaveLength(1);
  });
});

describe('status membership', () => {
  const ranges = parseStatusCodeRange('0,400-499,503').ranges;
  it.each([
    [0, true],
    [1, false],
    [200, false],
    [399, false],
    [400, true],
    [404, true],
    [499, true],
    [500, false],
    [503, true],
    [504, false],
  ])('status %i → %s', (status, expected) => {
    expect(isStatusInRanges(status, ranges)).toBe(expected);
  });

  it('no ranges matches nothing', () => {
    expect(isStatusInRanges(500, [])).toBe(false);
  });
});
