/**
 * The stand-in for an opt-in plugin loaded on demand: init and events go on while the code
 * loads; the real plugin starts once it has arrived, on the same client; teardown, remove or a
 * re-init while loading never starts it late; a load that fails leaves the feature off.
 */
import { describe, expect, it, vi } from 'vitest';
import {
  PLUGIN_NAME_ELEMENT_INTERACTIONS,
  PLUGIN_NAME_FRUSTRATION_INTERACTIONS,
} from '@sightline/plugin-element-interactions';
import { NETWORK_REQUESTS_PLUGIN_NAME } from '@sightline/plugin-network-requests';
import { WEB_VITALS_PLUGIN_NAME } from '@sightline/plugin-web-vitals';
import { createTestClient, settle, types } from '@sightline/test-utils';
import { onDemandPlugin, type PluginFactory } from '../src/on-demand/on-demand-plugin.js';
import { OPT_IN_PLUGIN_NAMES } from '../src/opt-in-files.js';

/** A load the test settles by hand, and a real plugin that records what happens to it. */
const harness = (realSetup: () => void | Promise<void> = () => {}) => {
  let finish: (factory: PluginFactory | undefined) => void = () => {};
  // One load per page, shared by every setup (as the loaders do).
  const loading = new Promise<PluginFactory | undefined>((resolve) => (finish = resolve));
  const load = vi.fn(() => loading);
  const real = { setups: [] as unknown[], teardowns: 0, options: [] as object[] };
  const factory: PluginFactory = (options) => {
    real.options.push(options);
    return {
      name: 'real',
      setup: (_config, client) => {
        real.setups.push(client);
        return realSetup();
      },
      execute: (event) => ({ ...event, event_properties: { ...event.event_properties, seen: true } }),
      teardown: () => void real.teardowns++,
    };
  };
  const plugin = onDemandPlugin({ name: 'sightline-feature', options: { level: 1 }, load });
  return { plugin, load, real, arrive: () => finish(factory), fail: () => finish(undefined) };
};

describe('onDemandPlugin', () => {
  it('init and events do not wait for the code; once it arrives the real plugin runs on the same client', async () => {
    const { plugin, load, real, arrive } = harness();
    const { client, destination, logger } = createTestClient({ plugins: [plugin] });
    const init = await client.init('key', {
      loggerProvider: logger,
      autocapture: false,
      scriptBaseUrl: '/cdn/',
    } as never).promise;
    expect(init.code).toBe(200);
    client.track('While Loading');
    await settle();
    expect(types(destination.events)).toEqual(['While Loading']);
    expect(load).toHaveBeenCalledTimes(1);
    expect(load.mock.calls[0]).toMatchObject([{ scriptBaseUrl: '/cdn/' }]);
    expect(real.setups).toEqual([]);

    arrive();
    await settle();
    expect(real.setups).toEqual([client]);
    expect(real.options).toEqual([{ level: 1 }]);
    client.track('Loaded');
    await settle();
    // What the feature would have done before its code arrived is not made up.
    expect(destination.events.map((event) => [event.event_type, event.event_properties?.seen])).toEqual([
      ['While Loading', undefined],
      ['Loaded', true],
    ]);
    expect(logger.error).not.toHaveBeenCalled();
  });

  it('remove() while loading: the code arriving later starts nothing', async () => {
    const { plugin, real, arrive } = harness();
    const { client, logger } = createTestClient({ plugins: [plugin] });
    await client.init('key', { loggerProvider: logger, autocapture: false }).promise;
    await client.remove('sightline-feature').promise;
    arrive();
    await settle();
    expect(real.setups).toEqual([]);
  });

  it('a re-init while loading starts the feature once, for the new configuration', async () => {
    const { plugin, real, arrive } = harness();
    const { client, logger } = createTestClient({ plugins: [plugin] });
    await client.init('key', { loggerProvider: logger, autocapture: false }).promise;
    await client.init('key', { loggerProvider: logger, autocapture: false }).promise;
    arrive();
    await settle();
    expect(real.setups).toHaveLength(1);
    expect(real.teardowns).toBe(0);
  });

  it('torn down while the real plugin sets up: it is torn down as soon as its setup ends', async () => {
    let endSetup: () => void = () => {};
    const { plugin, real, arrive } = harness(() => new Promise<void>((resolve) => (endSetup = resolve)));
    const { client, logger } = createTestClient({ plugins: [plugin] });
    await client.init('key', { loggerProvider: logger, autocapture: false }).promise;
    arrive();
    await settle();
    expect(real.setups).toHaveLength(1);
    await client.remove('sightline-feature').promise;
    endSetup();
    await settle();
    expect(real.teardowns).toBe(1);
    client.track('After');
  });

  it('a load that failed (logged by the loader) leaves the feature off and everything else flowing', async () => {
    const { plugin, real, fail } = harness();
    const { client, destination, logger } = createTestClient({ plugins: [plugin] });
    await client.init('key', { loggerProvider: logger, autocapture: false }).promise;
    fail();
    client.track('Still Sent');
    await settle();
    expect(real.setups).toEqual([]);
    expect(types(destination.events)).toEqual(['Still Sent']);
    expect(logger.error).not.toHaveBeenCalled();
  });

  it('a real plugin that throws in setup is logged in one line, and stays off', async () => {
    const { plugin, arrive } = harness(() => {
      throw new Error('broken');
    });
    const { client, destination, logger } = createTestClient({ plugins: [plugin] });
    await client.init('key', { loggerProvider: logger, autocapture: false }).promise;
    arrive();
    client.track('Still Sent');
    await settle();
    expect(logger.error).toHaveBeenCalledTimes(1);
    expect(logger.error.mock.calls[0][0]).toBe('sightline-feature could not start:');
    expect(types(destination.events)).toEqual(['Still Sent']);
    expect(destination.events[0].event_properties?.seen).toBeUndefined();
  });
});

describe('the opt-in plugin names', () => {
  it('are the names the plugin packages give their plugins', () => {
    expect(OPT_IN_PLUGIN_NAMES).toEqual({
      elementInteractions: PLUGIN_NAME_ELEMENT_INTERACTIONS,
      frustrationInteractions: PLUGIN_NAME_FRUSTRATION_INTERACTIONS,
      networkRequests: NETWORK_REQUESTS_PLUGIN_NAME,
      webVitals: WEB_VITALS_PLUGIN_NAME,
    });
  });
});
