import { describe, expect, it } from 'vitest';
import { SAFE_HEADERS } from '../src/constants.js';
import { compileHeaderRule, parseRawHeaders, pruneHeaders } from '../src/header-pruning.js';

const headers: Array<[string, string]> = [
  ['Content-Type', 'application/json'],
  ['Authorization', 'Bearer secret'],
  ['Cookie', 'sid=1'],
  ['Set-Cookie', 'sid=2'],
  ['Proxy-Authorization', 'Basic x'],
  ['X-Request-Id', 'abc'],
  ['ETag', '"v1"'],
  ['Vary', 'Accept'],
  ['vary', 'Origin'],
];

describe('header capture', () => {
  it('the safe list has the 48 documented names', () => {
    expect(SAFE_HEADERS).toHaveLength(48);
    expect(new Set(SAFE_HEADERS).size).toBe(48);
  });

  it.each([
    ['false', false, undefined],
    ['undefined', undefined, undefined],
    ['true (safe list)', true, { 'content-type': 'application/json', etag: '"v1"', vary: 'Accept, Origin' }],
    ['named list', ['X-Request-Id', 'content-type'], { 'x-request-id': 'abc', 'content-type': 'application/json' }],
    [
      'credentials named explicitly are still never captured',
      ['authorization', 'Cookie', 'set-cookie', 'proxy-authorization'],
      undefined,
    ],
    ['names that are absent', ['x-missing'], undefined],
    ['non-string entries in the list', [3, null, 'etag'], { etag: '"v1"' }],
    ['a string instead of a list', 'content-type', undefined],
  ])('%s', (_label, rule, expected) => {
    expect(pruneHeaders(headers, compileHeaderRule(rule))).toEqual(expected);
  });

  it('skips non-string header values', () => {
    expect(pruneHeaders([['etag', 5 as unknown as string]], compileHeaderRule(true))).toBeUndefined();
  });

  it('parses getAllResponseHeaders text', () => {
    expect(parseRawHeaders('content-type: application/json\r\nx-a: 1:2\r\n\r\nbad line\r\n')).toEqual([
      ['content-type', 'application/json'],
      ['x-a', '1:2'],
    ]);
    expect(parseRawHeaders(undefined as unknown as string)).toEqual([]);
  });
});
