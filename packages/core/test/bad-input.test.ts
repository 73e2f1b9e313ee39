// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { MAX_STRING_LENGTH, sanitizeProperties, type Plugin } from '../src';
import { createTestClient, settle, types } from './helpers';

const ready = async (plugins: Plugin[] = []) => {
  const setup = createTestClient({ plugins });
  await setup.client.init('key-1234567890', { loggerProvider: setup.logger, autocapture: false }).promise;
  return setup;
};

describe('bad input never throws, is logged, answers non-200, and other events flow', () => {
  it.each([
    ['missing event type', []],
    ['empty event type', ['']],
    ['number event type', [42]],
    ['object without event_type', [{ foo: 1 }]],
    ['null', [null]],
  ])('track(%s)', async (_name, args) => {
    const { client, destination, logger } = await ready();
    let result: { code: number; message: string } | undefined;
    expect(() => {
      const call = (client.track as (...a: unknown[]) => { promise: Promise<{ code: number; message: string }> })(...args);
      void call.promise.then((r) => (result = r));
    }).not.toThrow();
    await client.track('fine').promise;
    await settle();
    expect(result?.code).toBe(400);
    expect(logger.error).toHaveBeenCalledWith(expect.stringContaining('non-empty string event type'));
    expect(types(destination.events)).toEqual(['fine']);
  });

  it.each([
    ['non-object properties', 'just a string', {}, /must be an object/],
    ['array properties', [1, 2], {}, /must be an object/],
    ['circular properties', (() => { const o: Record<string, unknown> = { a: 1 }; o.self = o; return o; })(), { a: 1 }, /circular/],
    ['functions', { a: 1, f: () => 1 }, { a: 1 }, /function; dropped/],
    ['BigInt', { big: BigInt(10) }, { big: '10' }, /BigInt/],
    ['NaN', { n: NaN, i: Infinity, ok: 2 }, { ok: 2 }, /NaN/],
    ['huge strings', { s: 'x'.repeat(100_000) }, { s: 'x'.repeat(MAX_STRING_LENGTH) }, /cut to/],
    ['a throwing getter', Object.defineProperty({ ok: 1 }, 'boom', { enumerable: true, get() { throw new Error('no'); } }), { ok: 1 }, /threw/],
    ['symbols', { s: Symbol('x'), ok: true }, { ok: true }, /symbol/],
  ])('track with %s sends a clean event and logs what changed', async (_name, properties, expected, message) => {
    const { client, destination, logger } = await ready();
    const result = await client.track('with props', properties as Record<string, unknown>).promise;
    expect(result.code).toBe(200);
    expect(destination.events.at(-1)?.event_properties).toEqual(expected);
    expect(logger.warn).toHaveBeenCalledWith(expect.stringMatching(message));
    expect(() => JSON.stringify(destination.events)).not.toThrow();
  });

  it('a plugin whose setup throws is not added; add() answers non-200; events flow', async () => {
    const { client, destination, logger } = await ready();
    const result = await client.add({ name: 'broken', setup: () => { throw new Error('boom'); } }).promise;
    expect(result.code).not.toBe(200);
    expect(logger.error).toHaveBeenCalledWith(expect.stringContaining('broken'), expect.any(Error));
    await client.track('still flows').promise;
    expect(types(destination.events)).toEqual(['still flows']);
  });

  it('a plugin whose execute throws is skipped for that event, logged, and the event is still delivered', async () => {
    const broken: Plugin = { name: 'flaky', execute: () => { throw new Error('boom'); } };
    const async: Plugin = { name: 'flaky-async', execute: async () => { throw new Error('async boom'); } };
    const { client, destination, logger } = await ready([broken, async]);
    const result = await client.track('survives').promise;
    expect(result.code).toBe(200);
    expect(types(destination.events)).toEqual(['survives']);
    expect(logger.error).toHaveBeenCalledWith(expect.stringContaining('flaky'), expect.any(Error));
    expect(logger.error).toHaveBeenCalledWith(expect.stringContaining('flaky-async'), expect.any(Error));
  });

  it("a second destination that throws is logged and does not change the first one's result", async () => {
    const { client, logger } = await ready([{ name: 'bad-dest', type: 'destination', execute: () => { throw new Error('down'); } }]);
    const result = await client.track('x').promise;
    expect(result.code).toBe(200); // the first destination answers
    expect(logger.error).toHaveBeenCalledWith(expect.stringContaining('bad-dest'), expect.any(Error));
  });

  it.each([
    ['setUserId(5)', (c: ReturnType<typeof createTestClient>['client']) => c.setUserId(5 as never)],
    ['setDeviceId("")', (c: ReturnType<typeof createTestClient>['client']) => c.setDeviceId('')],
    ['setSessionId(-5)', (c: ReturnType<typeof createTestClient>['client']) => c.setSessionId(-5)],
    ['setOptOut("yes")', (c: ReturnType<typeof createTestClient>['client']) => c.setOptOut('yes' as never)],
    ['add(null)', (c: ReturnType<typeof createTestClient>['client']) => c.add(null as never)],
  ])('%s logs an error and changes nothing', async (_name, call) => {
    const { client, logger } = await ready();
    const before = [client.getUserId(), client.getDeviceId(), client.getSessionId()];
    expect(() => call(client)).not.toThrow();
    expect(logger.error).toHaveBeenCalled();
    expect([client.getUserId(), client.getDeviceId(), client.getSessionId()]).toEqual(before);
  });
});

describe('sanitizeProperties', () => {
  it('keeps shared (non-circular) references and converts dates', () => {
    const shared = { x: 1 };
    const { value, problems } = sanitizeProperties({ a: shared, b: shared, d: new Date(0) }, 'p');
    expect(value).toEqual({ a: { x: 1 }, b: { x: 1 }, d: '1970-01-01T00:00:00.000Z' });
    expect(problems).toEqual([]);
  });

  it('copies a flat object of plain values (the fast path): later changes by the caller do not reach the event', () => {
    const input: Record<string, unknown> = { n: 1, s: 'x', b: false, z: null };
    const { value, problems } = sanitizeProperties(input, 'p');
    input.n = 2;
    expect(value).toEqual({ n: 1, s: 'x', b: false, z: null });
    expect(problems).toEqual([]);
  });

  it.each([
    ['a value that needs cleaning', { ok: 1, bad: Number.NaN }, { ok: 1 }, /NaN/],
    ['a string over the limit', { ok: 1, long: 'x'.repeat(MAX_STRING_LENGTH + 1) }, { ok: 1, long: 'x'.repeat(MAX_STRING_LENGTH) }, /cut to/],
    ['a getter that throws', Object.defineProperty({ ok: 1 }, 'boom', { enumerable: true, get: () => { throw new Error('no'); } }), { ok: 1 }, /threw when read/],
  ])('a flat object with %s still takes the full walk and reports it', (_name, input, expected, problem) => {
    const { value, problems } = sanitizeProperties(input, 'p');
    expect(value).toEqual(expected);
    expect(problems.join()).toMatch(problem);
  });

  it('bounds depth', () => {
    let deep: Record<string, unknown> = {};
    const root = deep;
    for (let i = 0; i < 20; i++) deep = (deep.n = {}) as Record<string, unknown>;
    const { problems } = sanitizeProperties(root, 'p');
    expect(problems.join()).toMatch(/deeper than/);
  });
});
