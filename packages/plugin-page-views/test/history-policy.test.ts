import { describe, expect, it } from 'vitest';
import { isPageChange } from '@sightline/plugin-page-views';

describe('isPageChange', () => {
  it.each([
    ['all', 'https://a.com/#company', 'https://a.com/#blog', true],
    ['all', 'https://a.com/x', 'https://a.com/x?q=1', true],
    ['all', 'https://a.com/x', 'https://a.com/x', false],
    ['pathOnly', 'https://a.com/#company', 'https://a.com/#blog', false],
    ['pathOnly', 'https://a.com/x', 'https://a.com/x?q=1', false],
    ['pathOnly', 'https://a.com/company', 'https://a.com/blog', true],
    ['pathOnly', 'https://a.com/x', 'https://b.com/x', true],
    ['pathOnly', 'https://a.com/x', 'https://a.com/x', false],
    ['pathOnly', 'garbage', 'https://a.com/x', true],
  ] as const)('%s: %s -> %s = %s', (mode, before, after, expected) => {
    expect(isPageChange(mode, before, after)).toBe(expected);
  });
});
