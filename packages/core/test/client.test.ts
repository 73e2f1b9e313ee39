// @vitest-environment node
import { describe, expect, it, vi } from 'vitest';
import { Identify, Revenue, type Event, type Plugin } from '../src/index.js';
import { badInput, createTestClient, settle, types } from '@sightline/test-utils';

const KEY = 'api-key-0123456789';

const initClient = async (options: Record<string, unknown> = {}, userId?: string) => {
  const setup = createTestClient();
  const result = await setup.client.init(KEY, userId ?? null, { loggerProvider: setup.logger, ...options }).promise;
  expect(result.code).toBe(200);
  return setup;
};

describe('init overloads', () => {
  it.each([
    ['init(apiKey)', [KEY], undefined],
    ['init(apiKey, options)', [KEY, { userId: 'user-from-options' }], 'user-from-options'],
    ['init(apiKey, userId)', [KEY, 'user-argument'], 'user-argument'],
    ['init(apiKey, userId, options)', [KEY, 'user-argument', { appVersion: '1.2.3' }], 'user-argument'],
    ['init(apiKey, null, options)', [KEY, null, { userId: 'user-from-options' }], 'user-from-options'],
    ['init(apiKey, undefined, options)', [KEY, undefined, { userId: 'user-from-options' }], 'user-from-options'],
  ])('%s resolves 200 and sets the user id', async (_name, args, userId) => {
    const { client } = createTestClient();
    const result = await (client.init as (...a: unknown[]) => { promise: Promise<{ code: number }> })(...args).promise;
    expect(result.code).toBe(200);
    expect(client.getUserId()).toBe(userId);
  });

  it.each([[undefined], [''], ['   '], [42]])('init(%j) answers 400 and stays uninitialised', async (apiKey) => {
    const { client, destination } = createTestClient();
    const result = await (client.init as (k: unknown) => { promise: Promise<{ code: number }> })(apiKey).promise;
    expect(result.code).toBe(400);
    client.track('queued');
    await settle();
    expect(destination.events).toEqual([]);
  });
});

describe('track / logEvent', () => {
  it('sends the event with identity, session, ids and time, and resolves with the destination result', async () => {
    const { client, destination, clock } = await initClient({}, 'user-12345');
    const result = await client.track('Button Clicked', { color: 'red' }, { time: clock.now + 5 }).promise;
    expect(result).toMatchObject({ code: 200, event: { event_type: 'Button Clicked' } });
    const sent = destination.events.find((event) => event.event_type === 'Button Clicked') as Event;
    expect(sent).toMatchObject({
      event_properties: { color: 'red' },
      user_id: 'user-12345',
      device_id: client.getDeviceId(),
      session_id: client.getSessionId(),
      time: clock.now + 5,
    });
    expect(sent.insert_id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(typeof sent.event_id).toBe('number');
  });

  // track(name, properties) builds its event in a pre-shaped literal (a hot-path shortcut);
  // on the wire it must equal the same event given as an object.
  it.each([
    ['no user, no properties', undefined, undefined],
    ['no user, properties', undefined, { plan: 'pro', seats: 3 }],
    ['a user, properties', 'user-12345', { plan: 'pro' }],
  ])(
    'track(name, properties) and track({ event_type, event_properties }) send the same fields: %s',
    async (_case, userId, properties) => {
      const { client, destination } = await initClient({}, userId);
      await client.track('Named Form', properties).promise;
      await client.track({ event_type: 'Object Form', event_properties: properties }).promise;
      const [named, object] = destination.events.slice(-2).map((event) => JSON.parse(JSON.stringify(event)));
      const shape = (event: Event) => Object.keys(event).sort();
      expect(shape(named)).toEqual(shape(object));
      const { event_type: _a, insert_id: _b, event_id: namedId, time: _c, ...namedRest } = named;
      const { event_type: _d, insert_id: _e, event_id: objectId, time: _f, ...objectRest } = object;
      expect(namedRest).toEqual(objectRest);
      expect(objectId).toBe(namedId + 1);
      expect('user_id' in named).toBe(userId !== undefined);
    },
  );

  it('accepts an event object with event-level groups', async () => {
    const { client, destination } = await initClient();
    await client.track({ event_type: 'Org Event', groups: { org: 'acme' }, event_properties: { a: 1 } }).promise;
    expect(destination.events.at(-1)).toMatchObject({
      event_type: 'Org Event',
      groups: { org: 'acme' },
      event_properties: { a: 1 },
    });
  });

  it('logEvent is an alias of track', async () => {
    const { client, destination } = await initClient();
    const result = await client.logEvent('Experiment Viewed', { flag_key: 'f' }).promise;
    expect(result.code).toBe(200);
    expect(destination.events.at(-1)).toMatchObject({
      event_type: 'Experiment Viewed',
      event_properties: { flag_key: 'f' },
    });
  });

  it(
    'an event that breaks the pipeline itself is answered 500 and logged; ' + 'the events after it still go out',
    async () => {
      // A plugin returning a value that throws when read escapes the per-plugin error handling.
      const hostile = new Proxy(
        {},
        {
          get: () => {
            throw new Error('hostile value');
          },
          has: () => {
            throw new Error('hostile value');
          },
        },
      );
      const plugin: Plugin = {
        name: 'hostile',
        type: 'enrichment',
        execute: (event) => (event.event_type === 'boom' ? (hostile as Event) : event),
      };
      const { client, destination, logger } = await initClient({ autocapture: false, plugins: [] });
      await client.add(plugin).promise;
      const boom = client.track('boom');
      const after = client.track('after');
      expect(await boom.promise).toMatchObject({ code: 500, message: expect.stringContaining('hostile value') });
      expect((await after.promise).code).toBe(200);
      expect(types(destination.events)).toEqual(['after']);
      expect(logger.error).toHaveBeenCalled();
    },
  );

  it('event ids increase and insert ids are unique', async () => {
    const { client, destination } = await initClient({ autocapture: false });
    for (let i = 0; i < 20; i++) client.track(`e${i}`);
    await settle();
    const ids = destination.events.map((event) => event.event_id as number);
    expect(ids).toEqual([...ids].sort((a, b) => a - b));
    expect(new Set(ids).size).toBe(20);
    expect(new Set(destination.events.map((event) => event.insert_id)).size).toBe(20);
  });
});

describe('deferred initialisation', () => {
  it('replays calls made before init in order, each with the time it was made', async () => {
    const { client, destination, clock, logger } = createTestClient();
    const t0 = clock.now;
    const first = client.track('first');
    clock.now += 1000;
    client.setUserId('late-user-1');
    client.track('second', { n: 2 });
    clock.now += 1000;
    client.identify(new Identify().set('plan', 'pro'));
    clock.now += 60_000;
    await client.init(KEY, { loggerProvider: logger, autocapture: false }).promise;
    await settle();
    expect(types(destination.events)).toEqual(['first', 'second', '$identify']);
    expect(destination.events.map((event) => event.time)).toEqual([t0, t0 + 1000, t0 + 2000]);
    expect(destination.events[0].user_id).toBeUndefined();
    expect(destination.events[1].user_id).toBe('late-user-1');
    expect((await first.promise).code).toBe(200);
  });
  it('keeps an explicit time given to identify, revenue or an event object before init (snippet replay)', async () => {
    const { client, destination, clock, logger } = createTestClient();
    const t0 = clock.now - 5000;
    client.identify(new Identify().set('plan', 'pro'), { time: t0 });
    client.revenue(new Revenue().setPrice(1), { time: t0 + 1 });
    client.track({ event_type: 'object', time: t0 + 2 });
    clock.now += 60_000;
    await client.init(KEY, { loggerProvider: logger, autocapture: false }).promise;
    await settle();
    expect(destination.events.map((event) => event.time)).toEqual([t0, t0 + 1, t0 + 2]);
  });
});

describe('Identify, groups and revenue events', () => {
  it('identify sends $identify with user_properties', async () => {
    const { client, destination } = await initClient();
    await client.identify(new Identify().set('plan', 'pro').add('logins', 1)).promise;
    expect(destination.events.at(-1)).toMatchObject({
      event_type: '$identify',
      user_properties: { $set: { plan: 'pro' }, $add: { logins: 1 } },
    });
  });

  it('groupIdentify sends $groupidentify with groups and group_properties', async () => {
    const { client, destination } = await initClient();
    await client.groupIdentify('org', 'acme', new Identify().set('tier', 'gold')).promise;
    expect(destination.events.at(-1)).toMatchObject({
      event_type: '$groupidentify',
      groups: { org: 'acme' },
      group_properties: { $set: { tier: 'gold' } },
    });
  });

  it('setGroup sets the group on the user and the event', async () => {
    const { client, destination } = await initClient();
    await client.setGroup('team', ['a', 'b']).promise;
    expect(destination.events.at(-1)).toMatchObject({
      event_type: '$identify',
      groups: { team: ['a', 'b'] },
      user_properties: { $set: { team: ['a', 'b'] } },
    });
  });

  it('revenue sends revenue_amount with $-prefixed fields', async () => {
    const { client, destination } = await initClient();
    const revenue = new Revenue()
      .setProductId('sku-1')
      .setPrice(9.5)
      .setQuantity(2)
      .setRevenueType('purchase')
      .setCurrency('EUR');
    await client.revenue(revenue).promise;
    expect(destination.events.at(-1)).toMatchObject({
      event_type: 'revenue_amount',
      event_properties: {
        $productId: 'sku-1',
        $price: 9.5,
        $quantity: 2,
        $revenue: 19,
        $revenueType: 'purchase',
        $currency: 'EUR',
      },
    });
  });

  it.each([
    ['identify with a non-Identify', (c: ReturnType<typeof createTestClient>['client']) => c.identify({} as Identify)],
    [
      'groupIdentify without a name',
      (c: ReturnType<typeof createTestClient>['client']) => c.groupIdentify('org', 5 as never, new Identify()),
    ],
    ['setGroup with an empty type', (c: ReturnType<typeof createTestClient>['client']) => c.setGroup('', 'x')],
    ['revenue without a price', (c: ReturnType<typeof createTestClient>['client']) => c.revenue(new Revenue())],
    ['revenue with a non-Revenue', (c: ReturnType<typeof createTestClient>['client']) => c.revenue({} as Revenue)],
  ])('%s answers 400 and logs', async (_name, call) => {
    const { client, logger } = await initClient();
    const result = await call(client).promise;
    expect(result.code).toBe(400);
    expect(logger.error).toHaveBeenCalled();
  });
});

describe('identity accessors', () => {
  it('setUserId / getUserId', async () => {
    const { client, destination } = await initClient();
    client.setUserId('someone-1');
    expect(client.getUserId()).toBe('someone-1');
    await client.track('after').promise;
    expect(destination.events.at(-1)?.user_id).toBe('someone-1');
    client.setUserId(undefined);
    expect(client.getUserId()).toBeUndefined();
  });

  it('setDeviceId / getDeviceId, and a new device starts a new session', async () => {
    const { client, clock } = await initClient();
    const session = client.getSessionId();
    clock.now += 10;
    client.setDeviceId('device-abcdef');
    expect(client.getDeviceId()).toBe('device-abcdef');
    expect(client.getSessionId()).toBe(clock.now);
    expect(client.getSessionId()).not.toBe(session);
  });

  it('reset() clears the user and makes a new device id', async () => {
    const { client } = await initClient({}, 'user-12345');
    const device = client.getDeviceId();
    client.reset();
    expect(client.getUserId()).toBeUndefined();
    expect(client.getDeviceId()).not.toBe(device);
    expect(client.getDeviceId()).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('warns when an id is shorter than minIdLength', async () => {
    const { client, logger } = await initClient({ minIdLength: 8 });
    client.setUserId('short');
    expect(logger.warn).toHaveBeenCalledWith(expect.stringContaining('shorter than minIdLength (8)'));
  });

  it('extendSession() keeps the session alive past the timeout', async () => {
    const { client, clock } = await initClient({ sessionTimeout: 1000 });
    const session = client.getSessionId();
    clock.now += 900;
    client.extendSession();
    clock.now += 900;
    await client.track('still same').promise;
    expect(client.getSessionId()).toBe(session);
  });
});

describe('opt-out', () => {
  it('sends nothing while opted out and persists the choice', async () => {
    const setup = await initClient();
    setup.client.setOptOut(true);
    const result = await setup.client.track('hidden').promise;
    expect(result.code).not.toBe(200);
    await settle();
    expect(types(setup.destination.events)).not.toContain('hidden');
    expect(setup.storage.read()?.optOut).toBe(true);

    // A new page life on the same storage stays opted out.
    const next = createTestClient({ storage: setup.storage });
    await next.client.init(KEY, { loggerProvider: next.logger }).promise;
    await next.client.track('still hidden').promise;
    await settle();
    expect(next.destination.events).toEqual([]);
    next.client.setOptOut(false);
    await next.client.track('visible').promise;
    expect(types(next.destination.events)).toContain('visible');
  });

  it('optOut: true in init options opts out', async () => {
    const { client, destination } = await initClient({ optOut: true });
    await client.track('x').promise;
    expect(destination.events).toEqual([]);
  });
});

describe('plugins', () => {
  it('runs before -> enrichment -> destination, in that order whatever the order added', async () => {
    const order: string[] = [];
    const enrichment: Plugin = {
      name: 'enrich',
      execute: (event) => (order.push('enrichment'), { ...event, enriched: true }),
    };
    const before: Plugin = { name: 'before', type: 'before', execute: (event) => (order.push('before'), event) };
    const { client, destination, logger } = createTestClient();
    client.add(enrichment);
    client.add(before);
    await client.init(KEY, { loggerProvider: logger, autocapture: false }).promise;
    await client.track('ordered').promise;
    expect(order).toEqual(['before', 'enrichment']);
    expect(destination.events.at(-1)).toMatchObject({ event_type: 'ordered', enriched: true });
  });

  it('calls setup on add (or on init, whichever is later) and teardown on remove', async () => {
    const setup = vi.fn();
    const teardown = vi.fn();
    const { client, logger } = createTestClient();
    client.add({ name: 'p', setup, teardown });
    expect(setup).not.toHaveBeenCalled();
    await client.init(KEY, { loggerProvider: logger }).promise;
    expect(setup).toHaveBeenCalledTimes(1);
    expect(setup.mock.calls[0][1]).toBe(client);
    expect((await client.remove('p').promise).code).toBe(200);
    expect(teardown).toHaveBeenCalledTimes(1);
  });

  it('gives an unnamed plugin a random name and a default type of enrichment', async () => {
    const { client } = await initClient();
    // From JavaScript: no name, no type.
    const plugin = badInput<Plugin>({ execute: (event: Event) => event });
    await client.add(plugin).promise;
    expect(plugin.name).toMatch(/[0-9a-f-]{36}/);
    expect(plugin.type).toBe('enrichment');
  });

  it('an async enrichment plugin keeps event order', async () => {
    const { client, destination } = await initClient({ autocapture: false });
    await client.add({
      name: 'slow',
      execute: (event) => new Promise((r) => setTimeout(() => r(event), event.event_type === 'a' ? 20 : 0)),
    }).promise;
    client.track('a');
    client.track('b');
    await new Promise((r) => setTimeout(r, 60));
    expect(types(destination.events)).toEqual(['a', 'b']);
  });

  it('an enrichment plugin returning null drops the event with a non-200 result', async () => {
    const { client, destination } = await initClient();
    await client.add({ name: 'filter', execute: (event) => (event.event_type === 'drop me' ? null : event) }).promise;
    const result = await client.track('drop me').promise;
    expect(result.code).toBe(0);
    expect(result.message).toContain('filter');
    expect(types(destination.events)).not.toContain('drop me');
  });

  it('flush() flushes every plugin', async () => {
    const { client, destination } = await initClient();
    const result = await client.flush().promise;
    expect(result.code).toBe(200);
    expect(destination.flush).toHaveBeenCalled();
  });

  it('a burst is processed in slices: the page gets the main thread back while the pipeline works', async () => {
    const slowEnrichment: Plugin = {
      name: 'slow',
      type: 'enrichment',
      execute: (event) => {
        const until = Date.now() + 1;
        while (Date.now() < until) {
          /* a plugin costing 1 ms per event */
        }
        return event;
      },
    };
    const { client, destination } = await initClient();
    await client.add(slowEnrichment).promise;
    const before = destination.events.length;
    for (let n = 0; n < 200; n++) client.track('burst');
    // Sample the progress each time the page gets a turn: a pipeline that ran the burst in
    // one task would show only 0 then 200.
    const seenByPage: number[] = [];
    while (destination.events.length - before < 200 && seenByPage.length < 1000) {
      await new Promise<void>((resolve) => setTimeout(resolve, 0));
      seenByPage.push(destination.events.length - before);
    }
    expect(seenByPage.some((count) => count > 0 && count < 200)).toBe(true);
    await client.flush().promise;
    expect(destination.events.length - before).toBe(200);
  });

  it('capture hooks run inside the tracking call; a throwing one is logged and the event still flows', async () => {
    const seenDuringCall: string[] = [];
    const capturing: Plugin = {
      name: 'capturing',
      type: 'enrichment',
      capture: (event) => void seenDuringCall.push(event.event_type),
    };
    const broken: Plugin = {
      name: 'broken-capture',
      type: 'enrichment',
      capture: () => {
        throw new Error('capture bug');
      },
    };
    const { client, destination, logger } = await initClient();
    await client.add(capturing).promise;
    await client.add(broken).promise;
    client.track('captured');
    expect(seenDuringCall).toEqual(['captured']); // before any microtask ran
    await client.flush().promise;
    expect(types(destination.events)).toContain('captured');
    expect(logger.error).toHaveBeenCalledWith(expect.stringMatching(/broken-capture threw/), expect.any(Error));
  });

  it('flush() right after track() waits for that event to reach the destination first', async () => {
    const { client, destination } = await initClient();
    let seenAtFlush = -1;
    destination.flush = vi.fn(() => {
      seenAtFlush = destination.events.length;
    });
    client.track('just before flush');
    await client.flush().promise;
    expect(seenAtFlush).toBe(destination.events.length);
    expect(types(destination.events)).toContain('just before flush');
  });

  it('setTransport() reaches the destination and validates its input', async () => {
    const setTransport = vi.fn();
    const { client, logger } = await initClient();
    await client.add({
      name: 'dest2',
      type: 'destination',
      execute: async (event) => ({ event, code: 200, message: '' }),
      setTransport,
    } as Plugin).promise;
    client.setTransport('beacon');
    expect(setTransport).toHaveBeenCalledWith('beacon');
    client.setTransport('carrier-pigeon' as never);
    expect(setTransport).toHaveBeenCalledTimes(1);
    expect(logger.error).toHaveBeenCalledWith(expect.stringContaining('setTransport'));
  });

  it('re-init tears down the previous plugins', async () => {
    const teardown = vi.fn();
    const { client, logger } = await initClient();
    await client.add({ name: 'old', teardown }).promise;
    const result = await client.init(KEY, { loggerProvider: logger }).promise;
    expect(result.code).toBe(200);
    expect(teardown).toHaveBeenCalled();
  });
});
