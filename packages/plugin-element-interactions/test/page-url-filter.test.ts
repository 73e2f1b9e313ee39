import { describe, expect, it } from 'vitest';
import { isPageUrlAllowed, matchesUrlPattern, type UrlPattern } from '@sightline/plugin-element-interactions';

describe('matchesUrlPattern', () => {
  it.each<[string, UrlPattern, boolean]>([
    ['https://e.com/blog', 'https://e.com/blog', true],
    ['https://e.com/blog/1', 'https://e.com/blog', false], // a plain string is exact
    ['https://e.com/blog/1', 'https://e.com/blog/*', true], // glob
    ['https://e.com/blog', 'https://e.com/blog/*', false],
    ['https://e.com/a/b/c', 'https://e.com/*/c', true],
    ['https://e.com/a?x=1', 'https://e.com/a?x=*', true], // ? is literal in a glob
    ['https://e.com/ab', 'https://e.com/a?', false],
    ['https://e.com/blog/1', /^https:\/\/e\.com\/blog\//, true],
    ['https://e.com/blog/1', new RegExp('https://e.com/blog/*'), true], // Example
    ['https://e.com/shop', /blog/, false],
    ['https://e.com/x', 42 as unknown as UrlPattern, false],
  ])('%s ~ %s -> %s', (url, pattern, expected) => {
    expect(matchesUrlPattern(url, pattern)).toBe(expected);
  });

  it('a global RegExp gives the same answer every time', () => {
    const pattern = /blog/g;
    expect([1, 2, 3].map(() => matchesUrlPattern('https://e.com/blog', pattern))).toEqual([true, true, true]);
  });
});

describe('isPageUrlAllowed', () => {
  const url = 'https://e.com/blog/1';
  it.each<[UrlPattern[] | undefined, UrlPattern[] | undefined, boolean]>([
    [undefined, undefined, true],
    [[], undefined, true],
    [['https://e.com/blog/*'], undefined, true],
    [['https://e.com/shop/*'], undefined, false],
    [undefined, ['https://e.com/blog/*'], false],
    [undefined, ['https://e.com/shop/*'], true],
    [['https://e.com/blog/*'], ['https://e.com/blog/*'], false], // exclude wins
    [[/blog/], [/1$/], false],
    ['nonsense' as unknown as UrlPattern[], undefined, true],
  ])('allow %s exclude %s -> %s', (allow, exclude, expected) => {
    expect(isPageUrlAllowed(url, allow, exclude)).toBe(expected);
  });
});
