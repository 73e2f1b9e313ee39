import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Config, Logger } from '@sightline/core';
import { definePlugin, type PluginScope } from '@sightline/dom';

const recordingLogger = () => {
  const logger = { disable: vi.fn(), enable: vi.fn(), log: vi.fn(), warn: vi.fn(), error: vi.fn(), debug: vi.fn() };
  return logger satisfies Logger;
};

type Client = { track: (name: string) => void };

/** A plugin whose start registers one of each thing the scope releases. */
const fixture = () => {
  const logger = recordingLogger();
  const config = { loggerProvider: logger } as unknown as Config;
  const client: Client = { track: vi.fn() };
  const seen: string[] = [];
  const stopped = vi.fn();
  let scope: PluginScope<Client> | undefined;
  const plugin = definePlugin<Client>({
    name: 'test-plugin',
    start(given) {
      scope = given;
      given.listen(document, 'click', () => seen.push('click'));
      given.listen(window, 'pagehide', () => seen.push('pagehide'), {});
      given.timeout(() => seen.push('timer'), 100);
      given.atTeardown(stopped);
    },
  });
  return { plugin, config, client, logger, seen, stopped, scope: () => scope! };
};

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

describe('definePlugin', () => {
  it('is an enrichment plugin named as given, with only the hooks given', () => {
    const execute = (event: never) => event;
    const plugin = definePlugin({ name: 'named', start: () => undefined, execute });
    expect(plugin).toMatchObject({ name: 'named', type: 'enrichment', execute });
    expect('capture' in plugin).toBe(false);
  });

  it('hands start the config, the client and the config logger', () => {
    const { plugin, config, client, logger, scope } = fixture();
    void plugin.setup!(config, client);
    expect(scope().config).toBe(config);
    expect(scope().client).toBe(client);
    expect(scope().logger).toBe(logger);
  });

  it('runs listeners and timers while started', () => {
    const { plugin, config, client, seen } = fixture();
    void plugin.setup!(config, client);
    document.dispatchEvent(new Event('click'));
    window.dispatchEvent(new Event('pagehide'));
    vi.advanceTimersByTime(100);
    expect(seen).toEqual(['click', 'pagehide', 'timer']);
  });

  it('teardown removes listeners, clears timers and runs registered stops once', () => {
    const { plugin, config, client, seen, stopped } = fixture();
    void plugin.setup!(config, client);
    void plugin.teardown!();
    void plugin.teardown!();
    document.dispatchEvent(new Event('click'));
    window.dispatchEvent(new Event('pagehide'));
    vi.advanceTimersByTime(1000);
    expect(seen).toEqual([]);
    expect(stopped).toHaveBeenCalledTimes(1);
  });

  it('a second setup releases the first start: one listener, not two', () => {
    const { plugin, config, client, seen, stopped } = fixture();
    void plugin.setup!(config, client);
    void plugin.setup!(config, client);
    document.dispatchEvent(new Event('click'));
    vi.advanceTimersByTime(100);
    expect(seen).toEqual(['click', 'timer']);
    expect(stopped).toHaveBeenCalledTimes(1);
    void plugin.teardown!();
  });

  it('stops run in the order registered', () => {
    const order: number[] = [];
    const plugin = definePlugin({
      name: 'ordered',
      start({ atTeardown }) {
        atTeardown(() => order.push(1));
        atTeardown(() => order.push(2));
      },
    });
    void plugin.setup!({} as Config, undefined);
    void plugin.teardown!();
    expect(order).toEqual([1, 2]);
  });

  it('logs a throwing listener, timer or stop with the plugin name and keeps going', () => {
    const logger = recordingLogger();
    const after = vi.fn();
    const plugin = definePlugin({
      name: 'thrower',
      start({ listen, timeout, atTeardown }) {
        listen(document, 'click', () => {
          throw new Error('listener');
        });
        timeout(() => {
          throw new Error('timer');
        }, 10);
        atTeardown(() => {
          throw new Error('stop');
        });
        atTeardown(after);
      },
    });
    void plugin.setup!({ loggerProvider: logger } as unknown as Config, undefined);
    expect(() => document.dispatchEvent(new Event('click'))).not.toThrow();
    vi.advanceTimersByTime(10);
    expect(() => plugin.teardown!()).not.toThrow();
    expect(after).toHaveBeenCalledTimes(1);
    expect(logger.error.mock.calls.map(([prefix, error]) => [prefix, (error as Error).message])).toEqual([
      ['thrower:', 'listener'],
      ['thrower:', 'timer'],
      ['thrower:', 'stop'],
    ]);
  });

  it('a cancelled timer never runs', () => {
    const run = vi.fn();
    const plugin = definePlugin({
      name: 'cancel',
      start: ({ timeout }) => timeout(run, 10)(),
    });
    void plugin.setup!({} as Config, undefined);
    vi.advanceTimersByTime(20);
    expect(run).not.toHaveBeenCalled();
  });

  it('a start that throws releases what it registered and the error reaches the client', () => {
    const seen: string[] = [];
    const plugin = definePlugin({
      name: 'failing',
      start({ listen }) {
        listen(document, 'click', () => seen.push('click'));
        throw new Error('bad start');
      },
    });
    expect(() => plugin.setup!({} as Config, undefined)).toThrow('bad start');
    document.dispatchEvent(new Event('click'));
    expect(seen).toEqual([]);
  });

  it('what a released scope is asked to start is stopped at once', () => {
    const { plugin, config, client, scope } = fixture();
    void plugin.setup!(config, client);
    void plugin.teardown!();
    const late = vi.fn();
    const listener = vi.fn();
    scope().atTeardown(late);
    scope().listen(document, 'click', listener);
    scope().timeout(listener, 1);
    document.dispatchEvent(new Event('click'));
    vi.advanceTimersByTime(5);
    expect(late).toHaveBeenCalledTimes(1);
    expect(listener).not.toHaveBeenCalled();
  });

  it('without a logger in the config it logs nowhere and still works', () => {
    const plugin = definePlugin({
      name: 'no-logger',
      start: ({ listen }) =>
        listen(document, 'click', () => {
          throw new Error('quiet');
        }),
    });
    void plugin.setup!({} as Config, undefined);
    expect(() => document.dispatchEvent(new Event('click'))).not.toThrow();
    void plugin.teardown!();
  });
});
