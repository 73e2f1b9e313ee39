// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { CoreClient, Identify, createMemoryIdentityStorage, type Plugin, type ResultPromise } from '../src/index.js';
import { MAX_STRING_LENGTH } from '../src/constants.js';
import { sanitizeProperties } from '../src/sanitize.js';
import { describeValue } from '../src/describe-value.js';
import { createTestClient, recordingDestination, settle, silentLogger, types } from '@sightline/test-utils';

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
      const call = (client.track as (...a: unknown[]) => { promise: Promise<{ code: number; message: string }> })(
        ...args,
      );
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
    [
      'circular properties',
      (() => {
        const o: Record<string, unknown> = { a: 1 };
        o.self = o;
        return o;
      })(),
      { a: 1 },
      /circular/,
    ],
    ['functions', { a: 1, f: () => 1 }, { a: 1 }, /function; dropped/],
    ['BigInt', { big: BigInt(10) }, { big: '10' }, /BigInt/],
    ['NaN', { n: NaN, i: Infinity, ok: 2 }, { ok: 2 }, /NaN/],
    ['huge strings', { s: 'x'.repeat(100_000) }, { s: 'x'.repeat(MAX_STRING_LENGTH) }, /cut to/],
    [
      'a throwing getter',
      Object.defineProperty({ ok: 1 }, 'boom', {
        enumerable: true,
        get() {
          throw new Error('no');
        },
      }),
      { ok: 1 },
      /threw/,
    ],
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
    const result = await client.add({
      name: 'broken',
      setup: () => {
        throw new Error('boom');
      },
    }).promise;
    expect(result.code).not.toBe(200);
    expect(logger.error).toHaveBeenCalledWith(expect.stringContaining('broken'), expect.any(Error));
    await client.track('still flows').promise;
    expect(types(destination.events)).toEqual(['still flows']);
  });

  it('a plugin whose execute throws is skipped for that event, logged, and the event is still delivered', async () => {
    const broken: Plugin = {
      name: 'flaky',
      execute: () => {
        throw new Error('boom');
      },
    };
    const async: Plugin = {
      name: 'flaky-async',
      execute: async () => {
        throw new Error('async boom');
      },
    };
    const { client, destination, logger } = await ready([broken, async]);
    const result = await client.track('survives').promise;
    expect(result.code).toBe(200);
    expect(types(destination.events)).toEqual(['survives']);
    expect(logger.error).toHaveBeenCalledWith(expect.stringContaining('flaky'), expect.any(Error));
    expect(logger.error).toHaveBeenCalledWith(expect.stringContaining('flaky-async'), expect.any(Error));
  });

  it("a second destination that throws is logged and does not change the first one's result", async () => {
    const { client, logger } = await ready([
      {
        name: 'bad-dest',
        type: 'destination',
        execute: () => {
          throw new Error('down');
        },
      },
    ]);
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

// Found by the public API fuzz (packages/browser/test/public-api-fuzz.test.ts).
const boom = () => {
  throw new Error('hostile');
};
/** A Proxy whose every trap throws: reading it, printing it, even `instanceof` throws. */
const throwingProxy = (target: object = {}) =>
  new Proxy(target, { get: boom, has: boom, ownKeys: boom, getPrototypeOf: boom, getOwnPropertyDescriptor: boom });
const revokedProxy = () => {
  const { proxy, revoke } = Proxy.revocable({}, {});
  revoke();
  return proxy;
};
type Client = ReturnType<typeof createTestClient>['client'];

describe('hostile values found by the public API fuzz never throw and never stop other events', () => {
  it.each([
    [
      'revenue(an object whose getEventProperties throws)',
      (c: Client) => c.revenue({ validate: () => undefined, getEventProperties: boom } as never),
    ],
    ['revenue(a throwing Proxy)', (c: Client) => c.revenue(throwingProxy() as never)],
    [
      'identify(an object whose getUserProperties throws)',
      (c: Client) => c.identify({ getUserProperties: boom } as never),
    ],
    [
      'groupIdentify with a group name array whose items throw',
      (c: Client) => c.groupIdentify('org', throwingProxy([]) as never, new Identify()),
    ],
    [
      'setGroup with a group name array whose items throw',
      (c: Client) => c.setGroup('org', throwingProxy([]) as never),
    ],
    ['track(a null-prototype object), which String() cannot print', (c: Client) => c.track(Object.create(null))],
    ['track(a throwing Proxy)', (c: Client) => c.track(throwingProxy() as never)],
    ['remove(a Symbol), which a log line cannot print', (c: Client) => c.remove(Symbol('plugin') as never)],
    [
      'add(a plugin whose execute getter throws)',
      (c: Client) => c.add(Object.defineProperty({ name: 'getter' }, 'execute', { get: boom, enumerable: true })),
    ],
    ['setTransport(a throwing Proxy)', (c: Client) => c.setTransport(throwingProxy() as never)],
    [
      'setUserId(a revoked Proxy), which describe() cannot inspect',
      (c: Client) => c.setUserId(revokedProxy() as never),
    ],
  ])('%s: logged, answered with a code, and the next event flows', async (_name, call) => {
    const { client, destination, logger } = await ready();
    let returned: unknown;
    expect(() => (returned = call(client))).not.toThrow();
    // The methods that document `{ promise }` answer with a code; the others return nothing.
    if (returned) {
      const result = await (returned as ResultPromise).promise;
      expect(result.code).not.toBe(200);
      expect(typeof result.message).toBe('string');
    }
    expect(logger.error).toHaveBeenCalled();
    await client.track('fine').promise;
    expect(types(destination.events)).toEqual(['fine']);
  });

  it(
    'a plugin that hands on a new event object without insert_id: each gets ' + 'its own, so two are not taken for one',
    async () => {
      const replacing: Plugin = { name: 'replacing', execute: (event) => ({ event_type: `new ${event.event_type}` }) };
      const { client, destination } = await ready([replacing]);
      await client.track('a').promise;
      await client.track('b').promise;
      const ids = destination.events.map((event) => event.insert_id);
      expect(types(destination.events)).toEqual(['new a', 'new b']);
      expect(ids.every((id) => typeof id === 'string' && id.length > 0)).toBe(true);
      expect(new Set(ids).size).toBe(2);
    },
  );

  it(
    'a plugin that hands on something other than an event drops that event with a ' +
      'code; nothing malformed reaches the destination',
    async () => {
      const garbage: Plugin = {
        name: 'garbage',
        execute: (event) => (event.event_type === 'bad' ? ({ event_type: 42 } as never) : event),
      };
      const { client, destination, logger } = await ready([garbage]);
      const bad = await client.track('bad').promise;
      await client.track('fine').promise;
      expect(bad.code).toBe(500);
      expect(logger.error).toHaveBeenCalledWith(expect.stringContaining('not an event'));
      expect(types(destination.events)).toEqual(['fine']);
    },
  );

  it(
    'every field of an event object or of eventOptions reaches the destination ' +
      'as JSON, not only the property objects',
    async () => {
      const circular: Record<string, unknown> = { a: 1 };
      circular.self = circular;
      const { client, destination, logger } = await ready();
      await client.track('with options', { ok: 1 }, {
        extra: BigInt(7),
        groups: { org: 'acme', loop: circular },
      } as never).promise;
      await client.track({
        event_type: 'as object',
        user_properties: { $set: { k: 1 } },
        custom: { toJSON: boom },
        s: Symbol('s'),
      }).promise;
      expect(() => JSON.stringify(destination.events)).not.toThrow();
      expect(destination.events[0]).toMatchObject({
        event_properties: { ok: 1 },
        extra: '7',
        groups: { org: 'acme', loop: { a: 1 } },
      });
      expect(destination.events[1]).toMatchObject({ user_properties: { $set: { k: 1 } }, custom: {} });
      expect(logger.warn).toHaveBeenCalledWith(expect.stringMatching(/BigInt/));
    },
  );

  // Before the fix these froze the page: each init found the client still initialising and called
  // itself again, a loop of microtasks. The logger's warn() stops such a loop here, so a
  // regression fails the test instead of hanging it.
  const loopBreakingLogger = () => {
    const logger = silentLogger();
    logger.warn.mockImplementation(() => {
      if (logger.warn.mock.calls.length > 50) throw new Error('init is calling itself in a loop');
    });
    return logger;
  };

  it('an init that throws (a plugin factory choking on its options) leaves the client able to init again', async () => {
    const destination = recordingDestination();
    let inits = 0;
    const client = new CoreClient({
      createIdentityStorage: () => createMemoryIdentityStorage(),
      createPlugins: () => {
        if (++inits === 1) throw new Error('bad plugin options');
        return [destination];
      },
    });
    const logger = loopBreakingLogger();
    expect((await client.init('key-1234567890', { loggerProvider: logger, autocapture: false }).promise).code).toBe(
      500,
    );
    expect((await client.init('key-1234567890', { loggerProvider: logger, autocapture: false }).promise).code).toBe(
      200,
    );
    await client.track('after').promise;
    expect(types(destination.events)).toEqual(['after']);
  });

  it('init called again while a plugin is still being set up waits for that init, then re-initialises', async () => {
    const slow: Plugin = { name: 'slow', setup: () => new Promise<void>((resolve) => setTimeout(resolve, 5)) };
    const { client, destination } = createTestClient({ plugins: [slow] });
    const logger = loopBreakingLogger();
    const first = client.init('key-1234567890', { loggerProvider: logger, autocapture: false });
    const second = client.init('key-1234567890', { loggerProvider: logger, autocapture: false });
    expect((await first.promise).code).toBe(200);
    expect((await second.promise).code).toBe(200);
    await client.track('after').promise;
    expect(types(destination.events)).toEqual(['after']);
  });

  it(
    'track before init with eventOptions that throw when copied is ' + 'answered, not left pending after init',
    async () => {
      const { client, destination, logger } = createTestClient();
      const early = client.track('early', {}, Object.defineProperty({}, 'boom', { get: boom, enumerable: true }));
      await client.init('key-1234567890', { loggerProvider: logger, autocapture: false }).promise;
      await client.track('after').promise;
      const answer = await Promise.race([early.promise, settle().then(() => 'still pending')]);
      expect(answer).toMatchObject({ code: 500 });
      expect(types(destination.events)).toEqual(['after']);
    },
  );

  it('a plugin added before init that cannot be read does not keep init from finishing', async () => {
    const { client, destination, logger } = createTestClient();
    expect((await client.add(throwingProxy() as never).promise).code).toBe(400);
    expect((await client.add(revokedProxy() as never).promise).code).toBe(400);
    expect((await client.init('key-1234567890', { loggerProvider: logger, autocapture: false }).promise).code).toBe(
      200,
    );
    await client.track('after').promise;
    expect(types(destination.events)).toEqual(['after']);
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
    [
      'a string over the limit',
      { ok: 1, long: 'x'.repeat(MAX_STRING_LENGTH + 1) },
      { ok: 1, long: 'x'.repeat(MAX_STRING_LENGTH) },
      /cut to/,
    ],
    [
      'a getter that throws',
      Object.defineProperty({ ok: 1 }, 'boom', {
        enumerable: true,
        get: () => {
          throw new Error('no');
        },
      }),
      { ok: 1 },
      /threw when read/,
    ],
  ])('a flat object with %s still takes the full walk and reports it', (_name, input, expected, problem) => {
    const { value, problems } = sanitizeProperties(input, 'p');
    expect(value).toEqual(expected);
    expect(problems.join()).toMatch(problem);
  });

  it('a Proxy whose traps throw, or a revoked one, is dropped and reported, not thrown (public API fuzz)', () => {
    const { value, problems } = sanitizeProperties(
      { ok: 1, proxy: throwingProxy(), nested: { revoked: revokedProxy(), kept: true } },
      'p',
    );
    expect(value).toEqual({ ok: 1, nested: { kept: true } });
    expect(problems.join()).toMatch(/p\.proxy threw when read/);
    expect(sanitizeProperties(throwingProxy(), 'p').value).toEqual({});
    expect(sanitizeProperties(revokedProxy(), 'p').value).toEqual({});
  });

  it('bounds depth', () => {
    let deep: Record<string, unknown> = {};
    const root = deep;
    for (let i = 0; i < 20; i++) deep = deep.n = {};
    const { problems } = sanitizeProperties(root, 'p');
    expect(problems.join()).toMatch(/deeper than/);
  });
});

describe('describe(): a short name of a bad value for log lines, never throwing', () => {
  const fnWithThrowingToString = Object.assign(() => undefined, { toString: boom });
  it.each([
    ['a short string', 'abc', '"abc"'],
    ['a long string, cut', 'x'.repeat(50), JSON.stringify(`${'x'.repeat(40)}…`)],
    ['a BigInt', BigInt(7), '7n'],
    ['a Symbol', Symbol('s'), 'Symbol(s)'],
    ['null', null, 'null'],
    ['undefined', undefined, 'undefined'],
    ['a number', 42, '42'],
    ['a function whose toString throws', fnWithThrowingToString, 'a function'],
    ['an array', [1], 'an array'],
    ['an object', { a: 1 }, 'an object'],
    ['a revoked Proxy', revokedProxy(), 'an unreadable value'],
  ])('%s', (_name, value, expected) => {
    expect(describeValue(value)).toBe(expected);
  });
});

describe('bad event times and non-object eventOptions are logged and ignored', () => {
  it.each([
    ['NaN', NaN],
    ['Infinity', Infinity],
    ['a negative number', -5],
    ['zero', 0],
    ['beyond what a Date holds', 1e300],
    ['a string', '1700000000000'],
  ])('time %s: the event gets the time of the call and the session goes on', async (_name, badTime) => {
    const { client, destination, logger, clock } = createTestClient();
    await client.init('key-1234567890', { loggerProvider: logger }).promise;
    await client.track('before').promise;
    clock.now += 1000;
    await client.track('bad time', undefined, { time: badTime } as never).promise;
    await client.track({ event_type: 'bad time object', time: badTime } as never).promise;
    clock.now += 1000;
    await client.track('after').promise;
    const [before, ...rest] = destination.events.filter((event) => event.event_type !== 'session_start');
    expect(types(destination.events).filter((type) => type === 'session_start')).toHaveLength(1);
    expect(rest.map((event) => [event.event_type, event.time, event.session_id])).toEqual([
      ['bad time', before.time! + 1000, before.session_id],
      ['bad time object', before.time! + 1000, before.session_id],
      ['after', before.time! + 2000, before.session_id],
    ]);
    expect(logger.warn).toHaveBeenCalledWith(expect.stringContaining('time must be a ms epoch number'));
  });

  it('time given before init that is not a time: replayed with the time of the call, logged', async () => {
    const { client, destination, logger, clock } = createTestClient();
    const call = client.track('early', undefined, { time: Infinity });
    const calledAt = clock.now;
    clock.now += 5000;
    await client.init('key-1234567890', { loggerProvider: logger, autocapture: false }).promise;
    await call.promise;
    expect(destination.events.map((event) => [event.event_type, event.time])).toEqual([['early', calledAt]]);
  });

  it.each([
    ['a string', 'abc'],
    ['an array', ['x', 'y']],
    ['a number', 42],
  ])('eventOptions as %s: ignored with a warning, not spread into fields', async (_name, options) => {
    const { client, destination, logger } = await ready();
    await client.track('with bad options', { ok: 1 }, options as never).promise;
    await client.identify(new Identify().set('plan', 'pro'), options as never).promise;
    await client.setGroup('org', 'acme', options as never).promise;
    for (const event of destination.events) expect(Object.keys(event)).not.toContain('0');
    expect(destination.events[0]).toMatchObject({ event_type: 'with bad options', event_properties: { ok: 1 } });
    expect(types(destination.events)).toEqual(['with bad options', '$identify', '$identify']);
    expect(logger.warn).toHaveBeenCalledWith(expect.stringContaining('eventOptions must be an object'));
  });
});
