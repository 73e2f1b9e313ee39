/**
 * The platform-neutral client's types: its options know no browser plugin, and the plugin
 * contract is the documented one (a union on `type`).
 */
import { describe, expectTypeOf, test } from 'vitest';
import {
  CoreClient,
  type BeforePlugin,
  type EnrichmentPlugin,
  createMemoryIdentityStorage,
  type ClientOptions,
  type DestinationPlugin,
  type Plugin,
  type Result,
} from '@sightline/core';

const client = new CoreClient({ createIdentityStorage: createMemoryIdentityStorage, createPlugins: () => [] });

describe('CoreClient', () => {
  test('init takes ClientOptions; autocapture has only sessions here', () => {
    client.init('KEY', { autocapture: { sessions: false }, identityStorage: 'none' });
    client.init('KEY', 'user', { flushQueueSize: 10 });
    expectTypeOf<Parameters<typeof client.init>>().toEqualTypeOf<
      [apiKey: string, userId: string | null | undefined, options: ClientOptions]
    >();
    // @ts-expect-error: page views are a browser feature
    client.init('KEY', { autocapture: { pageViews: true } });
  });

  test('a plugin is before, enrichment or destination, and the type tells which members it has', () => {
    const plugin = {} as Plugin;
    if (plugin.type === 'destination') {
      expectTypeOf(plugin).toEqualTypeOf<DestinationPlugin>();
      expectTypeOf(plugin.execute).returns.toEqualTypeOf<Result | Promise<Result>>();
    } else expectTypeOf(plugin).toEqualTypeOf<BeforePlugin | EnrichmentPlugin>();
    // @ts-expect-error: a before plugin names its type
    const before: Extract<Plugin, { type: 'before' }> = { execute: (event) => event };
    void before;
  });
});
