// @vitest-environment node
/**
 * The bridge against the real `@optimizely/optimizely-sdk` v6, offline: the project config comes from
 * a datafile this test writes, and no event processor / ODP manager is configured, so the SDK makes
 * no request (fetch is trapped to prove it).
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import {
  createInstance,
  createStaticProjectConfigManager,
  NOTIFICATION_TYPES,
  type Client,
} from '@optimizely/optimizely-sdk';
import type { Event, Plugin } from '@sightline/core';
// Tests may use the local collector (docs/architecture.md: only tests, examples and the demo import it).
import { startCollector } from '@sightline/collector';
import {
  OPTIMIZELY_DECISION_NOTIFICATION,
  createExperiment,
  type ExperimentClient,
} from '@sightline/plugin-experiment';
import { createTestClient, settle } from '@sightline/test-utils';

const KEY = 'api-key-0123456789';
const USER = 'user-123456';

const variation = (id: string, key: string, featureEnabled: boolean) => ({ id, key, featureEnabled, variables: [] });
const rule = (id: string, key: string, layerId: string, variations: ReturnType<typeof variation>[]) => ({
  id,
  key,
  status: 'Running',
  layerId,
  audienceIds: [],
  audienceConditions: [],
  forcedVariations: {},
  variations,
  // Everyone lands in the first variation: the outcome is deterministic.
  trafficAllocation: [{ entityId: variations[0].id, endOfRange: 10000 }],
});

/** `checkout_redesign`: an experiment rule serving `variation_a`. `dark_mode`: a rollout serving the disabled `off`. */
const DATAFILE = {
  version: '4',
  projectId: '1001',
  accountId: '2002',
  revision: '1',
  anonymizeIP: true,
  botFiltering: false,
  sendFlagDecisions: true,
  attributes: [],
  audiences: [],
  typedAudiences: [],
  events: [],
  groups: [],
  integrations: [],
  experiments: [
    rule('3001', 'checkout_experiment', '4001', [
      variation('5001', 'variation_a', true),
      variation('5002', 'control', true),
    ]),
  ],
  featureFlags: [
    { id: '6001', key: 'checkout_redesign', experimentIds: ['3001'], rolloutId: '7001', variables: [] },
    { id: '6002', key: 'dark_mode', experimentIds: [], rolloutId: '7002', variables: [] },
  ],
  rollouts: [
    { id: '7001', experiments: [rule('8001', 'default-rollout-7001', '7001', [variation('9001', 'off', false)])] },
    { id: '7002', experiments: [rule('8002', 'default-rollout-7002', '7002', [variation('9002', 'off', false)])] },
  ],
};

const ENABLED_IDENTIFY = ['$identify', { $set: { '[Optimizely] checkout_redesign': 'variation_a' } }];
const ENABLED_VIEWED = [
  'Experiment Viewed',
  {
    flag_key: 'checkout_redesign',
    variation_key: 'variation_a',
    rule_key: 'checkout_experiment',
    enabled: true,
    user_id: USER,
  },
];
const DISABLED_IDENTIFY = ['$identify', { $set: { '[Optimizely] dark_mode': 'off' } }];
const DISABLED_VIEWED = [
  'Experiment Viewed',
  { flag_key: 'dark_mode', variation_key: 'off', rule_key: 'default-rollout-7002', enabled: false, user_id: USER },
];

let dir: string;
let datafilePath: string;
// Kept before the trap is set: only the test's own uploads to the local collector use it.
const realFetch = globalThis.fetch;
const fetchTrap = vi.fn(() => Promise.reject(new Error('no network in this test')));
const clients: Client[] = [];

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'sightline-optimizely-'));
  datafilePath = join(dir, 'datafile.json');
  writeFileSync(datafilePath, JSON.stringify(DATAFILE));
  vi.stubGlobal('fetch', fetchTrap);
});
afterEach(async () => {
  await Promise.all(clients.splice(0).map((client) => client.close()));
});
afterAll(() => {
  vi.unstubAllGlobals();
  rmSync(dir, { recursive: true, force: true });
  expect(fetchTrap).not.toHaveBeenCalled();
});

const optimizelyFromDatafile = (): Client => {
  const client = createInstance({
    projectConfigManager: createStaticProjectConfigManager({ datafile: readFileSync(datafilePath, 'utf8') }),
  });
  clients.push(client);
  return client;
};

const sightline = async () => {
  const setup = createTestClient();
  await setup.client.init(KEY, USER, { loggerProvider: setup.logger }).promise;
  await settle();
  setup.destination.events.length = 0;
  return setup;
};

const summary = (events: Event[]) =>
  events.map((event) => [
    event.event_type,
    event.event_type === '$identify' ? event.user_properties : event.event_properties,
  ]);

describe('the bridge with the real Optimizely SDK v6', () => {
  it("our DECISION constant is the SDK's", () => {
    expect(NOTIFICATION_TYPES.DECISION).toBe(OPTIMIZELY_DECISION_NOTIFICATION);
  });

  it('without dedupe: identify then Experiment Viewed on every decide(), enabled and disabled', async () => {
    const { client, destination } = await sightline();
    const optimizely = optimizelyFromDatafile();
    // v6 has its notification center right after createInstance: attaching here is always in time.
    createExperiment(client).attachOptimizely(optimizely);
    await optimizely.onReady({ timeout: 2000 });
    const user = optimizely.createUserContext(USER, { plan: 'pro' });
    expect(user.decide('checkout_redesign')).toMatchObject({ enabled: true, variationKey: 'variation_a' });
    expect(user.decide('dark_mode')).toMatchObject({ enabled: false, variationKey: 'off' });
    user.decide('checkout_redesign');
    await settle();
    expect(summary(destination.events)).toEqual([
      ENABLED_IDENTIFY,
      ENABLED_VIEWED,
      DISABLED_IDENTIFY,
      DISABLED_VIEWED,
      ENABLED_IDENTIFY,
      ENABLED_VIEWED,
    ]);
    expect(destination.events.every((event) => event.user_id === USER)).toBe(true);
  });

  it('with dedupe: once each, however often decide() runs', async () => {
    const { client, destination } = await sightline();
    const optimizely = optimizelyFromDatafile();
    await optimizely.onReady({ timeout: 2000 });
    createExperiment(client).attachOptimizely(optimizely, { dedupe: true });
    const user = optimizely.createUserContext(USER);
    for (let i = 0; i < 3; i++) {
      user.decide('checkout_redesign');
      user.decide('dark_mode');
    }
    user.decideAll();
    await settle();
    expect(summary(destination.events)).toEqual([ENABLED_IDENTIFY, ENABLED_VIEWED, DISABLED_IDENTIFY, DISABLED_VIEWED]);
  });

  it('a decide() before attaching is lost (SDK does not replay); replayDecisions recovers it', async () => {
    const { client, destination, logger } = await sightline();
    const optimizely = optimizelyFromDatafile();
    await optimizely.onReady({ timeout: 2000 });
    const early = optimizely.createUserContext(USER).decide('checkout_redesign');
    const detach = createExperiment(client).attachOptimizely(optimizely, { decisionsMadeBefore: true });
    await settle();
    expect(destination.events).toEqual([]);
    expect(logger.warn).toHaveBeenCalledWith(expect.stringMatching(/does not replay/));
    detach();
    createExperiment(client).attachOptimizely(optimizely, { replayDecisions: [early] });
    await settle();
    expect(summary(destination.events)).toEqual([ENABLED_IDENTIFY, ENABLED_VIEWED]);
  });

  it('detach stops the events', async () => {
    const { client, destination } = await sightline();
    const optimizely = optimizelyFromDatafile();
    await optimizely.onReady({ timeout: 2000 });
    const detach = createExperiment(client).attachOptimizely(optimizely);
    detach();
    optimizely.createUserContext(USER).decide('checkout_redesign');
    await settle();
    expect(destination.events).toEqual([]);
  });

  it('works with the default-instance shape before init: decisions queue until init', async () => {
    const { client, destination, logger } = createTestClient();
    const defaultInstance: ExperimentClient = {
      track: client.track.bind(client),
      identify: client.identify.bind(client),
    };
    const optimizely = optimizelyFromDatafile();
    createExperiment(defaultInstance).attachOptimizely(optimizely);
    await optimizely.onReady({ timeout: 2000 });
    optimizely.createUserContext(USER).decide('dark_mode');
    await settle();
    expect(destination.events).toEqual([]);
    await client.init(KEY, USER, { loggerProvider: logger }).promise;
    await settle();
    expect(summary(destination.events.filter((event) => event.event_type !== 'session_start'))).toEqual([
      DISABLED_IDENTIFY,
      DISABLED_VIEWED,
    ]);
  });
});

/**
 * The smallest HTTP V2 destination: one POST per event, strictly one after another (so arrival
 * order is call order), the answer's status as the result code.
 */
const httpDestination = (ingestUrl: string): Plugin & { idle(): Promise<unknown> } => {
  let last: Promise<unknown> = Promise.resolve();
  const upload = async (event: Event) => {
    const response = await realFetch(ingestUrl, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ api_key: KEY, events: [event] }),
    });
    return { event, code: response.status, message: response.statusText };
  };
  return {
    name: 'test-http-v2',
    type: 'destination',
    idle: () => last,
    execute: (event: Event) => {
      const result = last.then(() => upload(event));
      last = result.catch(() => undefined);
      return result;
    },
  };
};

describe('events arriving at the local collector', () => {
  it.each<[string, boolean, unknown[][]]>([
    ['with dedupe: once each', true, [ENABLED_IDENTIFY, ENABLED_VIEWED, DISABLED_IDENTIFY, DISABLED_VIEWED]],
    [
      'without dedupe: on every decide()',
      false,
      [
        ENABLED_IDENTIFY,
        ENABLED_VIEWED,
        DISABLED_IDENTIFY,
        DISABLED_VIEWED,
        ENABLED_IDENTIFY,
        ENABLED_VIEWED,
        DISABLED_IDENTIFY,
        DISABLED_VIEWED,
      ],
    ],
  ])('%s', async (_name, dedupe, expected) => {
    const collector = await startCollector({ port: 0, dataDir: join(dir, `collector-${String(dedupe)}`), quiet: true });
    try {
      const uploads = httpDestination(collector.ingestUrl);
      const { client, logger } = createTestClient({ plugins: [uploads] });
      await client.init(KEY, USER, { loggerProvider: logger }).promise;
      const optimizely = optimizelyFromDatafile();
      createExperiment(client).attachOptimizely(optimizely, { dedupe });
      await optimizely.onReady({ timeout: 2000 });
      const user = optimizely.createUserContext(USER);
      for (let i = 0; i < 2; i++) {
        user.decide('checkout_redesign');
        user.decide('dark_mode');
      }
      // Uploads are serial: once this marker's upload is done, everything before it has arrived.
      await client.track('test marker').promise;
      await uploads.idle();
      const arrived = collector.events() as Event[];
      expect(arrived[0].event_type).toBe('session_start');
      expect(arrived[arrived.length - 1].event_type).toBe('test marker');
      const bridged = arrived.slice(1, -1);
      expect(summary(bridged)).toEqual(expected);
      expect(bridged.every((event) => event.user_id === USER && typeof event.insert_id === 'string')).toBe(true);
    } finally {
      await collector.close();
    }
  });
});
