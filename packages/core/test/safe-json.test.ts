import { afterEach, describe, expect, it } from 'vitest';
import { byteLength, encodeBatch, encodeJson, isBatchBody } from './delivery-internals.js';

// Upload bodies on pages that patched built-ins (docs/wire-format.md): the encoder trusts no prototype.

const restorers: (() => void)[] = [];
afterEach(() => restorers.splice(0).forEach((restore) => restore()));

/** Patches `target[name]` for this test, as an old library on the page would. */
const patch = (target: object, name: string, descriptor: PropertyDescriptor) => {
  const previous = Object.getOwnPropertyDescriptor(target, name);
  Object.defineProperty(target, name, { configurable: true, ...descriptor });
  restorers.push(() => {
    if (previous) Object.defineProperty(target, name, previous);
    else delete (target as { [name: string]: unknown })[name];
  });
};

describe('encodeJson', () => {
  it.each([
    ['a string with quotes, a backslash and controls', 'a"b\\c\n\t\u0001'],
    ['unicode and emoji', 'é ☃ 😀'],
    ['numbers', [0, -1.5, 1e21, 5e-7, 123456789]],
    ['non-finite numbers (null, as JSON writes them)', [NaN, Infinity, -Infinity]],
    ['booleans and null', [true, false, null]],
    ['nested objects and arrays', { a: { b: [1, { c: 'd' }] }, e: [] }],
    ['values JSON leaves out', { keep: 1, fn: () => 1, undef: undefined, sym: Symbol('s') }],
    ['the same in arrays (null)', [undefined, () => 1]],
    ['a date', { at: new Date(Date.UTC(2030, 0, 2, 3, 4, 5, 6)) }],
    ['an invalid date', { at: new Date(NaN) }],
    [
      'a shared (not circular) object',
      (() => {
        const shared = { x: 1 };
        return { a: shared, b: shared };
      })(),
    ],
  ])('%s: as JSON.stringify writes it', (_label, value) => {
    expect(encodeJson(value)).toBe(JSON.stringify(value));
  });

  it('escapes lone surrogate halves, as well-formed JSON.stringify does', () => {
    const text = 'a\ud800b\udc00c\ud83d\ude00';
    expect(encodeJson(text)).toBe(JSON.stringify(text));
    expect(JSON.parse(encodeJson(text)!)).toBe(text);
  });

  it.each([
    ['a BigInt', { n: BigInt(1) }],
    [
      'a cycle',
      (() => {
        const cyclic: { self?: unknown } = {};
        cyclic.self = cyclic;
        return cyclic;
      })(),
    ],
  ])('throws a TypeError for %s, as JSON.stringify does', (_label, value) => {
    expect(() => encodeJson(value)).toThrow(TypeError);
  });

  it("ignores Prototype.js's Array.prototype.toJSON (which turns arrays into strings)", () => {
    patch(Array.prototype, 'toJSON', {
      value: function (this: unknown[]) {
        return 'broken';
      },
      writable: true,
    });
    const value = { events: [{ tags: ['a', 'b'] }] };
    expect(JSON.stringify(value)).toContain('broken');
    expect(JSON.parse(encodeJson(value)!)).toEqual(value);
  });

  it('ignores a toJSON getter on Object.prototype, and enumerable properties added to it', () => {
    patch(Object.prototype, 'toJSON', { get: () => () => 'replaced' });
    patch(Object.prototype, 'polluted', { value: 'inherited', enumerable: true, writable: true });
    const value = { a: { b: 1 } };
    expect(JSON.stringify(value)).toBe('"replaced"');
    expect(encodeJson(value)).toBe('{"a":{"b":1}}');
  });

  it('does not call a replaced JSON.stringify, Object.keys or Array.isArray', () => {
    patch(JSON, 'stringify', { value: () => '{}', writable: true });
    patch(Object, 'keys', { value: () => [], writable: true });
    patch(Array, 'isArray', { value: () => false, writable: true });
    expect(encodeJson({ a: [1, 2] })).toBe('{"a":[1,2]}');
  });

  it('counts UTF-8 bytes', () => {
    expect(byteLength(encodeJson('é😀')!)).toBe(new TextEncoder().encode(JSON.stringify('é😀')).length);
  });

  it.each([
    ['empty', ''],
    ['ASCII, controls and DEL included', '{"a":"b\u0000\u007f"}'],
    ['the first character past ASCII', 'a\u0080'],
    ['a lone surrogate half', 'a\ud800b'],
    ['ASCII then an emoji far in', `${'x'.repeat(5000)}😀`],
  ])('counts UTF-8 bytes as an encoder does: %s', (_, text) => {
    expect(byteLength(text)).toBe(new TextEncoder().encode(text).length);
  });
});

describe('the request body and its check', () => {
  const events = [
    { event_type: 'A', insert_id: 'id-1', device_id: 'device-12345' },
    { event_type: 'B', insert_id: 'id-2', device_id: 'device-12345' },
  ];

  it('encodes api_key, events, options and client_upload_time; leaves out an upload time that is no date', () => {
    expect(JSON.parse(encodeBatch({ apiKey: 'k', events, minIdLength: 3, uploadTime: Date.UTC(2030, 0, 1) }))).toEqual({
      api_key: 'k',
      events,
      options: { min_id_length: 3 },
      client_upload_time: '2030-01-01T00:00:00.000Z',
    });
    expect(JSON.parse(encodeBatch({ apiKey: 'k', events, uploadTime: NaN }))).toEqual({ api_key: 'k', events });
  });

  it.each([
    ['the body as encoded', (body: string) => body, true],
    ['not JSON', (body: string) => body.slice(0, -1), false],
    ['another api key', (body: string) => body.replace('"k"', '"x"'), false],
    ['an event missing', (body: string) => body.replace(/,\{"event_type":"B"[^}]*\}/, ''), false],
    ['events out of order', (body: string) => body.replace('"id-1"', '"id-x"'), false],
    [
      'arrays turned into strings',
      (body: string) => body.replace(/"events":\[(.*)\]/, (_m, inner) => `"events":${JSON.stringify(`[${inner}]`)}`),
      false,
    ],
  ])('isBatchBody: %s → %s', (_label, change, expected) => {
    const body = encodeBatch({ apiKey: 'k', events, uploadTime: 0 });
    expect(isBatchBody(change(body), { apiKey: 'k', events })).toBe(expected);
  });
});
