/**
 * A stand-in for an opt-in plugin whose code is loaded on demand: it carries the plugin's name
 * (so `remove(name)` and the capture preview find it), starts the load at setup without holding
 * up `init` or any event, and sets the real plugin up once its code has arrived — unless it was
 * torn down (removed, re-initialised) meanwhile. What the feature would have seen before that
 * is not made up. A load that fails was logged by the loader: the feature stays off.
 */
import type { Config, Event, Logger, Plugin } from '@sightline/core';

export type PluginFactory = (options: object) => Plugin;

export interface LoadContext {
  /** The `scriptBaseUrl` init option, as given (the script-tag build reads it). */
  scriptBaseUrl: unknown;
  logger: Logger;
}

export interface OnDemandPluginSpec {
  /** The real plugin's name. */
  name: string;
  /** Its options object, as the `autocapture` option gave it. */
  options: object;
  /** Loads the factory; `undefined` when the code could not be loaded (the loader logs why). */
  load(context: LoadContext): Promise<PluginFactory | undefined>;
}

export function onDemandPlugin({ name, options, load }: OnDemandPluginSpec): Plugin {
  // Bumped by each setup and teardown: a load that finishes under an older one starts nothing.
  let generation = 0;
  let running: Plugin | undefined;

  const start = async (config: Config, client: unknown, started: number): Promise<void> => {
    const logger = config.loggerProvider;
    const scriptBaseUrl = (config as { scriptBaseUrl?: unknown }).scriptBaseUrl;
    const create = await load({ scriptBaseUrl, logger });
    if (!create || started !== generation) return;
    const plugin = create(options);
    if (plugin.setup) await plugin.setup(config, client);
    if (started !== generation) {
      // Torn down while it was setting up: release what it took.
      if (plugin.teardown) await plugin.teardown();
      return;
    }
    running = plugin;
  };

  return {
    name,
    type: 'enrichment',
    setup(config: Config, client: unknown) {
      const started = ++generation;
      // Not awaited: init and the events tracked meanwhile go on while the file loads.
      start(config, client, started).catch((error: unknown) =>
        config.loggerProvider.error(`${name} could not start:`, error),
      );
    },
    execute: (event: Event) => (running && running.execute ? running.execute(event) : event),
    teardown() {
      generation++;
      const plugin = running;
      running = undefined;
      return plugin && plugin.teardown ? plugin.teardown() : undefined;
    },
  };
}
