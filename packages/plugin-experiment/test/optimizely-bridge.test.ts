import { describe, expect, it, vi } from 'vitest';
import type { Event } from '@sightline/core';
import { createExperiment } from '@sightline/plugin-experiment';
import { createTestClient, settle, silentLogger } from '@sightline/test-utils';

const KEY = 'api-key-0123456789';

/** A notification center that behaves like Optimizely v6's: ids from 1, -1 for a repeated callback. */
const fakeOptimizely = () => {
  const listeners = new Map<number, { type: string; callback: (payload: unknown) => void }>();
  let nextId = 1;
  const notificationCenter = {
    addNotificationListener: vi.fn((type: string, callback: (payload: unknown) => void) => {
      for (const entry of listeners.values()) if (entry.callback === callback) return -1;
      listeners.set(nextId, { type, callback });
      return nextId++;
    }),
    removeNotificationListener: vi.fn((id: number) => listeners.delete(id)),
  };
  const emit = (type: string, payload: unknown) => {
    for (const entry of listeners.values()) if (entry.type === type) entry.callback(payload);
  };
  const decide = (flagKey: string, info: object = {}, userId = 'user-123456', decisionType = 'flag') =>
    emit('DECISION', {
      type: decisionType,
      userId,
      attributes: {},
      decisionInfo: {
        flagKey,
        enabled: true,
        variationKey: 'variation_a',
        ruleKey: 'exp_rule',
        variables: {},
        reasons: [],
        decisionEventDispatched: true,
        ...info,
      },
    });
  return { notificationCenter, listeners, emit, decide };
};

const ready = async (userId = 'user-123456') => {
  const setup = createTestClient();
  await setup.client.init(KEY, userId, { loggerProvider: setup.logger }).promise;
  await settle();
  setup.destination.events.length = 0;
  return setup;
};

const summary = (events: Event[]) =>
  events.map((event) =>
    event.event_type === '$identify'
      ? ['$identify', event.user_properties]
      : [event.event_type, event.event_properties],
  );

describe('attachOptimizely', () => {
  it('registers one DECISION listener', async () => {
    const { client } = await ready();
    const optimizely = fakeOptimizely();
    createExperiment(client).attachOptimizely(optimizely);
    expect(optimizely.notificationCenter.addNotificationListener).toHaveBeenCalledWith(
      'DECISION',
      expect.any(Function),
    );
  });

  it('sends the identify, then Experiment Viewed, for a flag decision', async () => {
    const { client, destination } = await ready();
    const optimizely = fakeOptimizely();
    createExperiment(client).attachOptimizely(optimizely);
    optimizely.decide('checkout_redesign');
    await settle();
    expect(summary(destination.events)).toEqual([
      ['$identify', { $set: { '[Optimizely] checkout_redesign': 'variation_a' } }],
      [
        'Experiment Viewed',
        {
          flag_key: 'checkout_redesign',
          variation_key: 'variation_a',
          rule_key: 'exp_rule',
          enabled: true,
          user_id: 'user-123456',
        },
      ],
    ]);
  });

  it('a disabled flag sets off and keeps the raw keys on the event', async () => {
    const { client, destination } = await ready();
    const optimizely = fakeOptimizely();
    createExperiment(client).attachOptimizely(optimizely);
    optimizely.decide('dark_mode', { enabled: false, variationKey: '', ruleKey: '' });
    await settle();
    expect(summary(destination.events)).toEqual([
      ['$identify', { $set: { '[Optimizely] dark_mode': 'off' } }],
      [
        'Experiment Viewed',
        { flag_key: 'dark_mode', variation_key: '', rule_key: '', enabled: false, user_id: 'user-123456' },
      ],
    ]);
  });

  it('still sends when Optimizely did not dispatch its own decision event', async () => {
    const { client, destination } = await ready();
    const optimizely = fakeOptimizely();
    createExperiment(client).attachOptimizely(optimizely);
    optimizely.decide('f', { decisionEventDispatched: false });
    await settle();
    expect(destination.events).toHaveLength(2);
  });

  it.each([['ab-test'], ['feature'], ['feature-test'], ['feature-variable'], ['all-feature-variables']])(
    'ignores %s decisions',
    async (type) => {
      const { client, destination } = await ready();
      const optimizely = fakeOptimizely();
      createExperiment(client).attachOptimizely(optimizely);
      optimizely.decide('f', {}, 'user-123456', type);
      await settle();
      expect(destination.events).toEqual([]);
    },
  );

  it('without dedupe every decide() is sent', async () => {
    const { client, destination } = await ready();
    const optimizely = fakeOptimizely();
    createExperiment(client).attachOptimizely(optimizely);
    for (let i = 0; i < 3; i++) optimizely.decide('f');
    await settle();
    expect(destination.events.filter((e) => e.event_type === 'Experiment Viewed')).toHaveLength(3);
    expect(destination.events.filter((e) => e.event_type === '$identify')).toHaveLength(3);
  });

  it('with dedupe each userId:flagKey:variationKey is sent once; a new variation or user is sent again', async () => {
    const { client, destination } = await ready();
    const optimizely = fakeOptimizely();
    createExperiment(client).attachOptimizely(optimizely, { dedupe: true });
    optimizely.decide('f');
    optimizely.decide('f');
    optimizely.decide('f', { variationKey: 'control' });
    optimizely.decide('f', {}, 'user-other');
    optimizely.decide('g');
    await settle();
    const viewed = destination.events
      .filter((e) => e.event_type === 'Experiment Viewed')
      .map((e) => e.event_properties);
    expect(viewed.map((p) => [p?.user_id, p?.flag_key, p?.variation_key])).toEqual([
      ['user-123456', 'f', 'variation_a'],
      ['user-123456', 'f', 'control'],
      ['user-other', 'f', 'variation_a'],
      ['user-123456', 'g', 'variation_a'],
    ]);
  });

  it('detach removes the listener; later decisions are not sent; detach twice is harmless', async () => {
    const { client, destination } = await ready();
    const optimizely = fakeOptimizely();
    const detach = createExperiment(client).attachOptimizely(optimizely);
    detach();
    detach();
    expect(optimizely.notificationCenter.removeNotificationListener).toHaveBeenCalledTimes(1);
    expect(optimizely.listeners.size).toBe(0);
    optimizely.decide('f');
    await settle();
    expect(destination.events).toEqual([]);
  });

  it('a listener kept by a center whose remove fails stays inert', async () => {
    const { client, destination, logger } = await ready();
    const optimizely = fakeOptimizely();
    optimizely.notificationCenter.removeNotificationListener.mockImplementation(() => {
      throw new Error('no');
    });
    const detach = createExperiment(client).attachOptimizely(optimizely);
    expect(() => detach()).not.toThrow();
    expect(logger.warn).toHaveBeenCalledWith(expect.stringMatching(/removing the listener failed/), expect.any(Error));
    optimizely.decide('f');
    await settle();
    expect(destination.events).toEqual([]);
  });

  it('attaching the same Optimizely client twice warns and does not double the events', async () => {
    const { client, destination, logger } = await ready();
    const optimizely = fakeOptimizely();
    const experiment = createExperiment(client);
    const first = experiment.attachOptimizely(optimizely);
    const second = experiment.attachOptimizely(optimizely);
    expect(second).toBe(first);
    expect(logger.warn).toHaveBeenCalledWith(expect.stringMatching(/already attached/));
    optimizely.decide('f');
    await settle();
    expect(destination.events).toHaveLength(2);
    first();
    experiment.attachOptimizely(optimizely); // after detach it can be attached again
    expect(optimizely.listeners.size).toBe(1);
  });

  it('the same Optimizely client can feed two Sightline instances', async () => {
    const one = await ready('user-123456');
    const two = await ready('user-123456');
    const optimizely = fakeOptimizely();
    createExperiment(one.client).attachOptimizely(optimizely);
    createExperiment(two.client).attachOptimizely(optimizely);
    optimizely.decide('f');
    await settle();
    expect(one.destination.events).toHaveLength(2);
    expect(two.destination.events).toHaveLength(2);
  });

  it('decisionsMadeBefore logs a clear warning', async () => {
    const { client, logger } = await ready();
    createExperiment(client).attachOptimizely(fakeOptimizely(), { decisionsMadeBefore: true });
    expect(logger.warn).toHaveBeenCalledWith(
      expect.stringMatching(/decide\(\) already ran before the bridge was attached.*does not replay/),
    );
  });

  it('no warning when attached in time', async () => {
    const { client, logger } = await ready();
    createExperiment(client).attachOptimizely(fakeOptimizely());
    expect(logger.warn).not.toHaveBeenCalled();
  });

  it(
    'replayDecisions sends earlier decide() results, honouring dedupe; bad ' + 'entries are skipped with a warning',
    async () => {
      const { client, destination, logger } = await ready();
      const optimizely = fakeOptimizely();
      const decision = {
        flagKey: 'early',
        enabled: true,
        variationKey: 'on',
        ruleKey: 'r',
        userContext: { getUserId: () => 'user-123456' },
      };
      createExperiment(client).attachOptimizely(optimizely, {
        dedupe: true,
        replayDecisions: [decision, decision, { nope: true } as never],
      });
      optimizely.decide('early', { variationKey: 'on', ruleKey: 'r' });
      await settle();
      expect(summary(destination.events)).toEqual([
        ['$identify', { $set: { '[Optimizely] early': 'on' } }],
        [
          'Experiment Viewed',
          { flag_key: 'early', variation_key: 'on', rule_key: 'r', enabled: true, user_id: 'user-123456' },
        ],
      ]);
      expect(logger.warn).toHaveBeenCalledWith(expect.stringMatching(/not a decide\(\) result/));
    },
  );

  it('replayDecisions that is not an array is an error, and the bridge still attaches', async () => {
    const { client, destination, logger } = await ready();
    const optimizely = fakeOptimizely();
    createExperiment(client).attachOptimizely(optimizely, { replayDecisions: 'x' as never });
    expect(logger.error).toHaveBeenCalledWith(expect.stringMatching(/replayDecisions must be an array/));
    optimizely.decide('f');
    await settle();
    expect(destination.events).toHaveLength(2);
  });

  it('notificationType overrides the DECISION type (older SDKs)', async () => {
    const { client, destination } = await ready();
    const optimizely = fakeOptimizely();
    const legacy = 'DECISION:type, userId, attributes, decisionInfo';
    createExperiment(client).attachOptimizely(optimizely, { notificationType: legacy });
    optimizely.emit(legacy, {
      type: 'flag',
      userId: 'user-123456',
      decisionInfo: { flagKey: 'f', enabled: true, variationKey: 'on', ruleKey: 'r' },
    });
    await settle();
    expect(destination.events).toHaveLength(2);
  });

  it("warns once when the Optimizely user id differs from Sightline's (and not when it is the device id)", async () => {
    const { client, logger } = await ready('user-123456');
    const optimizely = fakeOptimizely();
    createExperiment(client).attachOptimizely(optimizely);
    optimizely.decide('f', {}, client.getDeviceId());
    optimizely.decide('f', {}, 'user-123456');
    expect(logger.warn).not.toHaveBeenCalled();
    optimizely.decide('f', {}, 'someone-else');
    optimizely.decide('g', {}, 'someone-else');
    expect(logger.warn).toHaveBeenCalledTimes(1);
    expect(logger.warn).toHaveBeenCalledWith(
      expect.stringMatching(/"someone-else".*"user-123456".*same id in both SDKs/),
    );
  });

  it('a client whose getUserId throws still gets the decision', async () => {
    const logger = silentLogger();
    const optimizely = fakeOptimizely();
    const track = vi.fn(() => ({ promise: Promise.resolve({ event: { event_type: 'x' }, code: 200, message: 'ok' }) }));
    const client = {
      track,
      identify: track,
      getUserId: () => {
        throw new Error('broken getter');
      },
    };
    createExperiment(client, { loggerProvider: logger }).attachOptimizely(optimizely);
    optimizely.decide('f');
    expect(track).toHaveBeenCalledTimes(2);
  });

  it.each<[string, unknown]>([
    ['undefined', undefined],
    ['null', null],
    ['an object without notificationCenter', {}],
    ['a notification center without add', { notificationCenter: { removeNotificationListener: () => true } }],
  ])('an invalid Optimizely client (%s) is an error and a no-op detach', async (_name, optimizely) => {
    const { client, logger } = await ready();
    const experiment = createExperiment(client);
    let detach: (() => void) | undefined;
    expect(() => (detach = experiment.attachOptimizely(optimizely as never))).not.toThrow();
    expect(logger.error).toHaveBeenCalledWith(expect.stringMatching(/needs an Optimizely client/));
    expect(() => (detach as () => void)()).not.toThrow();
  });

  it('a refused listener (-1) or a throwing center is an error, never an exception, and can be retried', async () => {
    const { client, logger } = await ready();
    const optimizely = fakeOptimizely();
    optimizely.notificationCenter.addNotificationListener.mockReturnValueOnce(-1);
    const experiment = createExperiment(client);
    experiment.attachOptimizely(optimizely);
    expect(logger.error).toHaveBeenCalledWith(expect.stringMatching(/refused the listener \(id -1\)/));
    optimizely.notificationCenter.addNotificationListener.mockImplementationOnce(() => {
      throw new Error('closed');
    });
    expect(() => experiment.attachOptimizely(optimizely)).not.toThrow();
    expect(logger.error).toHaveBeenCalledWith(expect.stringMatching(/refused the listener/), expect.any(Error));
    experiment.attachOptimizely(optimizely);
    expect(optimizely.listeners.size).toBe(1);
  });

  it('a client that throws inside the listener is logged; Optimizely never sees an exception', async () => {
    const logger = silentLogger();
    const optimizely = fakeOptimizely();
    const broken = {
      track: () => {
        throw new Error('boom');
      },
      identify: () => {
        throw new Error('boom');
      },
    };
    createExperiment(broken, { loggerProvider: logger }).attachOptimizely(optimizely);
    expect(() => optimizely.decide('f')).not.toThrow();
    await settle();
    expect(logger.error).toHaveBeenCalledWith(expect.stringMatching(/boom/));
  });

  it('decisions before Sightline init are queued and sent after init, identify first', async () => {
    const { client, destination, logger } = createTestClient();
    const optimizely = fakeOptimizely();
    createExperiment(client).attachOptimizely(optimizely, { dedupe: true });
    optimizely.decide('f');
    optimizely.decide('f');
    await settle();
    expect(destination.events).toEqual([]);
    await client.init(KEY, 'user-123456', { loggerProvider: logger }).promise;
    await settle();
    expect(destination.events.map((e) => e.event_type).filter((t) => t !== 'session_start')).toEqual([
      '$identify',
      'Experiment Viewed',
    ]);
  });
});
