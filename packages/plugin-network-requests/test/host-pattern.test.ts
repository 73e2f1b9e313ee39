import { describe, expect, it, vi } from 'vitest';
import { compileHostPattern, compileHostPatterns, matchesAnyHost } from '../src/host-pattern.js';

describe('host wildcards', () => {
  it.each([
    ['*', 'anything.example.com', true],
    ['*', 'localhost', true],
    ['example.com', 'example.com', true],
    ['example.com', 'EXAMPLE.com', true],
    ['example.com', 'api.example.com', false],
    ['example.com', 'example.com.evil.net', false],
    ['*.example.com', 'api.example.com', true],
    ['*.example.com', 'a.b.example.com', true],
    ['*.example.com', 'example.com', false],
    ['*.example.com', 'notexample.com', false],
    ['api.*.com', 'api.example.com', true],
    ['api.*.com', 'web.example.com', false],
    ['exa+mple.com', 'exaample.com', false],
    ['ex.mple.com', 'exxmple.com', false],
  ])('%s vs %s → %s', (pattern, host, expected) => {
    expect(matchesAnyHost(host, [compileHostPattern(pattern)])).toBe(expected);
  });

  it('reports and skips patterns that are not non-empty strings', () => {
    const onInvalid = vi.fn();
    const compiled = compileHostPatterns(['ok.com', 3, '', null], onInvalid);
    expect(compiled).toHaveLength(1);
    expect(onInvalid).toHaveBeenCalledTimes(3);
  });

  it('reports a non-array and accepts undefined silently', () => {
    const onInvalid = vi.fn();
    expect(compileHostPatterns('example.com', onInvalid)).toEqual([]);
    expect(compileHostPatterns(undefined, onInvalid)).toEqual([]);
    expect(onInvalid).toHaveBeenCalledTimes(1);
  });
});
