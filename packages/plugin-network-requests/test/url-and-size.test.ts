import { describe, expect, it } from 'vitest';
import { bodySize, contentLength, utf8ByteLength } from '../src/body-size.js';
import { splitRequestUrl } from '../src/url-parts.js';

describe('request URL properties', () => {
  it.each([
    ['https://a.com/api/x', { url: 'https://a.com/api/x' }],
    ['https://a.com/api/x?page=2', { url: 'https://a.com/api/x', query: 'page=2' }],
    ['https://a.com/api/x?token=abc&page=2', { url: 'https://a.com/api/x', query: 'token=*****&page=2' }],
    ['https://a.com/x#section', { url: 'https://a.com/x', fragment: 'section' }],
    ['https://a.com/cb#access_token=abc&state=1', { url: 'https://a.com/cb', fragment: 'access_token=*****&state=1' }],
    ['https://user:pass@a.com/x?q=1#f', { url: 'https://a.com/x', query: 'q=1', fragment: 'f' }],
    ['https://a.com/users/jane@example.com', { url: 'https://a.com/users/*****' }],
    ['https://a.com/x?', { url: 'https://a.com/x' }],
    ['https://a.com/x?email=jane%40example.com', { url: 'https://a.com/x', query: 'email=*****' }],
  ])('%s', (raw, expected) => {
    expect(splitRequestUrl(raw)).toEqual(expected);
  });

  it('never leaks a secret query value into any property', () => {
    const parts = splitRequestUrl('https://a.com/x?token=abc123secret#code=abc123secret');
    expect(JSON.stringify(parts)).not.toContain('abc123secret');
  });
});

describe('body sizes', () => {
  it.each([
    ['ascii', 'hello', 5],
    ['2-byte', 'é', 2],
    ['3-byte', '€', 3],
    ['4-byte pair', '😀', 4],
    ['lone high surrogate', '\ud83d', 3],
    ['lone high surrogate then ascii', '\ud83dA', 4],
    ['empty', '', 0],
  ])('utf8ByteLength %s', (_label, text, bytes) => {
    expect(utf8ByteLength(text)).toBe(bytes);
    expect(utf8ByteLength(text)).toBe(new TextEncoder().encode(text).length);
  });

  it.each([
    ['string', '{"a":1}', 7],
    ['URLSearchParams', new URLSearchParams({ a: '1', b: 'é' }), 'a=1&b=%C3%A9'.length],
    ['Blob', new Blob(['abcd']), 4],
    ['ArrayBuffer', new ArrayBuffer(8), 8],
    ['typed array', new Uint8Array(3), 3],
    ['FormData', new FormData(), undefined],
    ['null', null, undefined],
    ['undefined', undefined, undefined],
    ['object', {}, undefined],
  ])('bodySize %s', (_label, body, expected) => {
    expect(bodySize(body)).toBe(expected);
  });

  it.each([
    ['123', 123],
    [' 42 ', 42],
    ['0', 0],
    ['-1', undefined],
    ['1.5', undefined],
    ['abc', undefined],
    [null, undefined],
    [undefined, undefined],
  ])('contentLength %j → %j', (value, expected) => {
    expect(contentLength(value)).toBe(expected);
  });
});
