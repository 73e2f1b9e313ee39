import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Event, ResultPromise } from '@sightline/core';
import { createExperiment, type ExperimentClient } from '@sightline/plugin-experiment';
import { createTestClient, settle, silentLogger, types } from '@sightline/test-utils';

const KEY = 'api-key-0123456789';

const ready = async (userId = 'user-123456') => {
  const setup = createTestClient();
  await setup.client.init(KEY, userId, { loggerProvider: setup.logger }).promise;
  await settle();
  setup.destination.events.length = 0; // drop session_start
  return setup;
};

/** The shape `@sightline/browser` exports for its default instance: bound functions, no `config`. */
const boundFunctions = (client: ReturnType<typeof createTestClient>['client']): ExperimentClient => ({
  track: client.track.bind(client),
  identify: client.identify.bind(client),
  getUserId: client.getUserId.bind(client),
  getDeviceId: client.getDeviceId.bind(client),
});

const sent = (events: Event[], type: string) => events.filter((event) => event.event_type === type);

afterEach(() => vi.restoreAllMocks());

describe('trackExposure on a client', () => {
  it('sends the documented $exposure with the user id and resolves 200', async () => {
    const { client, destination } = await ready('123456789');
    const result = await createExperiment(client).trackExposure({ flagKey: 'my-experiment', variant: 'treatment' })
      .promise;
    expect(result.code).toBe(200);
    expect(destination.events).toHaveLength(1);
    expect(destination.events[0]).toMatchObject({
      user_id: '123456789',
      event_type: '$exposure',
      event_properties: { flag_key: 'my-experiment', variant: 'treatment' },
    });
    expect(typeof destination.events[0].insert_id).toBe('string');
  });

  it('an unset variant sends $exposure without a variant (the user leaves the experiment)', async () => {
    const { client, destination } = await ready();
    await createExperiment(client).trackExposure({ flagKey: 'my-experiment', variant: null, experimentKey: 'run-2' })
      .promise;
    expect(destination.events[0].event_properties).toEqual({ flag_key: 'my-experiment', experiment_key: 'run-2' });
  });

  it('passes event options through (time, insert_id)', async () => {
    const { client, destination } = await ready();
    await createExperiment(client).trackExposure(
      { flagKey: 'f', variant: 'on' },
      { time: 1_600_000_000_000, insert_id: 'fixed-insert-id' },
    ).promise;
    expect(destination.events[0]).toMatchObject({
      time: 1_600_000_000_000,
      insert_id: 'fixed-insert-id',
      event_type: '$exposure',
    });
  });

  it('works before init: the exposure is queued with its call time and sent after init', async () => {
    const { client, destination, clock, logger } = createTestClient();
    const experiment = createExperiment(client);
    const calledAt = clock.now;
    const pending = experiment.trackExposure({ flagKey: 'early-flag', variant: 'control' }).promise;
    clock.now += 5_000;
    await settle();
    expect(destination.events).toEqual([]);
    await client.init(KEY, 'user-123456', { loggerProvider: logger }).promise;
    const result = await pending;
    expect(result.code).toBe(200);
    const [exposure] = sent(destination.events, '$exposure');
    expect(exposure).toMatchObject({
      time: calledAt,
      user_id: 'user-123456',
      event_properties: { flag_key: 'early-flag', variant: 'control' },
    });
  });

  it(
    'works with the default instance shape (bound functions) and named ' + 'instances, each to its own destination',
    async () => {
      const first = await ready('user-first');
      const second = await ready('user-second');
      createExperiment(boundFunctions(first.client)).trackExposure({ flagKey: 'a', variant: 'on' });
      createExperiment(second.client).trackExposure({ flagKey: 'b', variant: 'off' });
      await settle();
      expect(first.destination.events.map((e) => [e.user_id, e.event_properties])).toEqual([
        ['user-first', { flag_key: 'a', variant: 'on' }],
      ]);
      expect(second.destination.events.map((e) => [e.user_id, e.event_properties])).toEqual([
        ['user-second', { flag_key: 'b', variant: 'off' }],
      ]);
    },
  );
});

describe('validation errors: logged, nothing sent, non-200 result, never thrown', () => {
  it.each<[string, unknown, RegExp]>([
    ['missing flag key', { variant: 'treatment' }, /flag key is required/],
    ['blank flag key', { flagKey: '  ', variant: 'treatment' }, /flag key is required/],
    ['upper-case variant', { flagKey: 'f', variant: 'Treatment' }, /lowercase kebab-case or snake_case/],
    ['non-string variant', { flagKey: 'f', variant: 3 }, /variant must be a non-empty string/],
    ['no argument at all', undefined, /needs an object/],
  ])('%s', async (_name, input, message) => {
    const { client, destination, logger } = await ready();
    const experiment = createExperiment(client);
    let answer: ResultPromise | undefined;
    expect(() => (answer = experiment.trackExposure(input as never))).not.toThrow();
    const result = await (answer as ResultPromise).promise;
    expect(result.code).toBe(400);
    expect(result.message).toMatch(message);
    expect(result.event.event_type).toBe('$exposure');
    expect(logger.error).toHaveBeenCalledWith(expect.stringMatching(message));
    await settle();
    expect(destination.events).toEqual([]);
  });

  it('strictVariantFormat: false lets any non-empty variant through', async () => {
    const { client, destination } = await ready();
    const result = await createExperiment(client, { strictVariantFormat: false }).trackExposure({
      flagKey: 'f',
      variant: 'Variant B',
    }).promise;
    expect(result.code).toBe(200);
    expect(destination.events[0].event_properties).toEqual({ flag_key: 'f', variant: 'Variant B' });
  });

  it('logs through the given loggerProvider over the client logger', async () => {
    const { client, logger } = await ready();
    const own = silentLogger();
    await createExperiment(client, { loggerProvider: own }).trackExposure({ flagKey: '' }).promise;
    expect(own.error).toHaveBeenCalledTimes(1);
    expect(logger.error).not.toHaveBeenCalled();
  });

  it('falls back to the console (prefixed) when the client has no logger, e.g. before init', async () => {
    const { client } = createTestClient();
    const consoleError = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    await createExperiment(client).trackExposure({ flagKey: '' }).promise;
    expect(consoleError).toHaveBeenCalledWith('Sightline:', expect.stringMatching(/flag key is required/));
  });
});

describe('experiment user properties', () => {
  it('setUserProperty option: $identify $set goes out before $exposure', async () => {
    const { client, destination } = await ready();
    await createExperiment(client, { setUserProperty: true }).trackExposure({
      flagKey: 'my-experiment',
      variant: 'treatment',
    }).promise;
    expect(types(destination.events)).toEqual(['$identify', '$exposure']);
    expect(destination.events[0].user_properties).toEqual({ $set: { '[Experiment] my-experiment': 'treatment' } });
  });

  it('setUserProperty option: an unset variant $unsets the property', async () => {
    const { client, destination } = await ready();
    await createExperiment(client, { setUserProperty: true }).trackExposure({ flagKey: 'my-flag' }).promise;
    expect(types(destination.events)).toEqual(['$identify', '$exposure']);
    expect(destination.events[0].user_properties).toEqual({ $unset: { '[Experiment] my-flag': '-' } });
  });

  it('setUserProperty option: the $identify gets its own insert_id but shares the other event options', async () => {
    const { client, destination } = await ready();
    await createExperiment(client, { setUserProperty: true }).trackExposure(
      { flagKey: 'f', variant: 'on' },
      { insert_id: 'exposure-insert-id', time: 1_600_000_000_000 },
    ).promise;
    const [identify, exposure] = destination.events;
    expect(exposure).toMatchObject({
      event_type: '$exposure',
      insert_id: 'exposure-insert-id',
      time: 1_600_000_000_000,
    });
    expect(identify).toMatchObject({ event_type: '$identify', time: 1_600_000_000_000 });
    expect(identify.insert_id).not.toBe('exposure-insert-id');
  });

  it('setUserProperty option is off by default: only $exposure', async () => {
    const { client, destination } = await ready();
    await createExperiment(client).trackExposure({ flagKey: 'f', variant: 'on' }).promise;
    expect(types(destination.events)).toEqual(['$exposure']);
  });

  it('setUserProperty option sends nothing at all for an invalid exposure', async () => {
    const { client, destination } = await ready();
    await createExperiment(client, { setUserProperty: true }).trackExposure({ flagKey: 'f', variant: 'BAD' }).promise;
    await settle();
    expect(destination.events).toEqual([]);
  });

  it('setExperimentUserProperty sends one $identify', async () => {
    const { client, destination } = await ready();
    const result = await createExperiment(client).setExperimentUserProperty({ flagKey: 'f', variant: 'variant-b' })
      .promise;
    expect(result.code).toBe(200);
    expect(destination.events.map((e) => [e.event_type, e.user_properties])).toEqual([
      ['$identify', { $set: { '[Experiment] f': 'variant-b' } }],
    ]);
  });

  it('setExperimentUserProperty rejects a missing flag key with 400', async () => {
    const { client, destination, logger } = await ready();
    const result = await createExperiment(client).setExperimentUserProperty({ variant: 'on' } as never).promise;
    expect(result).toMatchObject({ code: 400, event: { event_type: '$identify' } });
    expect(logger.error).toHaveBeenCalled();
    await settle();
    expect(destination.events).toEqual([]);
  });
});

describe('trackAssignment', () => {
  it('sends [Experiment] Assignment with .variant properties and $set/$unset user properties', async () => {
    const { client, destination } = await ready('123456789');
    const result = await createExperiment(client).trackAssignment({
      flags: { 'my-flag': 'off', 'my-experiment': 'treatment' },
    }).promise;
    expect(result.code).toBe(200);
    expect(destination.events[0]).toMatchObject({
      user_id: '123456789',
      event_type: '[Experiment] Assignment',
      event_properties: { '[Experiment] my-flag.variant': 'off', '[Experiment] my-experiment.variant': 'treatment' },
      user_properties: { $set: { '[Experiment] my-experiment': 'treatment' }, $unset: { '[Experiment] my-flag': '-' } },
    });
  });

  it('rejects a bad flag with 400 and sends nothing', async () => {
    const { client, destination, logger } = await ready();
    const result = await createExperiment(client).trackAssignment({ flags: { ok: 'on', 'bad one': 'Nope' } }).promise;
    expect(result).toMatchObject({ code: 400, event: { event_type: '[Experiment] Assignment' } });
    expect(logger.error).toHaveBeenCalledWith(expect.stringMatching(/flag "bad one"/));
    await settle();
    expect(destination.events).toEqual([]);
  });
});

describe('clients that misbehave (never throw into the page)', () => {
  const stub = (track: () => unknown): ExperimentClient => ({ track, identify: track }) as unknown as ExperimentClient;

  it('a client that throws: 500 result, logged', async () => {
    const logger = silentLogger();
    const experiment = createExperiment(
      stub(() => {
        throw new Error('boom');
      }),
      { loggerProvider: logger },
    );
    const result = await experiment.trackExposure({ flagKey: 'f', variant: 'on' }).promise;
    expect(result).toMatchObject({ code: 500, message: expect.stringMatching(/boom/) });
    expect(logger.error).toHaveBeenCalled();
  });

  it('a client whose promise rejects: 500 result, logged', async () => {
    const logger = silentLogger();
    const experiment = createExperiment(
      stub(() => ({ promise: Promise.reject(new Error('offline')) })),
      { loggerProvider: logger },
    );
    const result = await experiment.trackAssignment({ flags: { f: 'on' } }).promise;
    expect(result).toMatchObject({ code: 500, message: expect.stringMatching(/offline/) });
  });

  it('a client that returns nothing (a foreign SDK): the call is made and reported as handed over', async () => {
    const track = vi.fn(() => undefined);
    const result = await createExperiment(stub(track), { loggerProvider: silentLogger() }).trackExposure({
      flagKey: 'f',
    }).promise;
    expect(track).toHaveBeenCalledWith({ event_type: '$exposure', event_properties: { flag_key: 'f' } });
    expect(result.code).toBe(200);
  });

  it.each<[string, unknown]>([
    ['undefined', undefined],
    ['an empty object', {}],
    ['an object without identify', { track: () => undefined }],
  ])(
    'no usable client (%s): logged, every helper answers 400, attachOptimizely a no-op detach',
    async (_name, client) => {
      const logger = silentLogger();
      const experiment = createExperiment(client as ExperimentClient, { loggerProvider: logger });
      expect(logger.error).toHaveBeenCalledWith(
        expect.stringMatching(/needs a client with track\(\) and identify\(\)/),
      );
      for (const answer of [
        experiment.trackExposure({ flagKey: 'f' }),
        experiment.setExperimentUserProperty({ flagKey: 'f' }),
        experiment.trackAssignment({ flags: { f: 'on' } }),
      ]) {
        expect((await answer.promise).code).toBe(400);
      }
      const detach = experiment.attachOptimizely({
        notificationCenter: { addNotificationListener: vi.fn(), removeNotificationListener: vi.fn() },
      });
      expect(() => detach()).not.toThrow();
    },
  );
});
