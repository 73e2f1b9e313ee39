/**
 * The one skeleton every autocapture plugin is built on: `setup` starts the plugin with a scope,
 * and everything the start registers with that scope (listeners, timers, observers, patches) is
 * released by `teardown`, or by the next `setup` before it starts again.
 */
import type { Config, EnrichmentPlugin, Event, Logger } from '@sightline/core';

/** Passive capture phase: a page handler that stops propagation must not hide the interaction. */
const PASSIVE_CAPTURE: AddEventListenerOptions = { capture: true, passive: true };

const ignore = (): void => undefined;
/** For a config without a logger (tests, hand-made configs): every plugin can log unconditionally. */
const SILENT_LOGGER: Logger = {
  disable: ignore,
  enable: ignore,
  log: ignore,
  warn: ignore,
  error: ignore,
  debug: ignore,
};

/** What a plugin's start step gets, and registers what it starts with. */
export interface PluginScope<C> {
  readonly config: Config;
  readonly client: C;
  /** The client's logger (a silent one when the config has none). */
  readonly logger: Logger;
  /** Logs a failure of the plugin's own work, prefixed with its name; never throws. */
  onError(error: unknown): void;
  /**
   * Adds a listener whose errors are logged; removed at teardown. Options default to
   * `{ capture: true, passive: true }`.
   */
  listen(
    target: EventTarget,
    type: string,
    listener: (event: globalThis.Event) => void,
    options?: AddEventListenerOptions,
  ): void;
  /** `setTimeout` whose errors are logged, cleared at teardown; returns its cancel. */
  timeout(run: () => void, ms: number): () => void;
  /** Runs `stop` at teardown, after everything registered before it. */
  atTeardown(stop: () => void): void;
}

export interface PluginDefinition<C> {
  name: string;
  /** Runs in `setup`; may return early (no DOM, bad client) having registered nothing. */
  start(scope: PluginScope<C>): void;
  capture?(event: Event): void;
  execute?(event: Event): Event | null;
}

/** One start's registrations; `release` runs them once, and later registrations run at once. */
function createScope<C>(name: string, config: Config, client: C) {
  const logger: Logger = (config && config.loggerProvider) || SILENT_LOGGER;
  const stops: Array<() => void> = [];
  const timers = new Set<ReturnType<typeof setTimeout>>();
  let released = false;

  const onError = (error: unknown): void => {
    try {
      logger.error(`${name}:`, error);
    } catch {
      // A broken logger must not break the page.
    }
  };
  const guarded =
    <A extends unknown[]>(run: (...args: A) => void) =>
    (...args: A): void => {
      try {
        run(...args);
      } catch (error) {
        onError(error);
      }
    };
  const atTeardown = (stop: () => void): void => {
    if (released) guarded(stop)();
    else stops.push(stop);
  };

  const scope: PluginScope<C> = {
    config,
    client,
    logger,
    onError,
    listen(target, type, listener, options = PASSIVE_CAPTURE) {
      if (released) return;
      const safeListener = guarded(listener);
      target.addEventListener(type, safeListener, options);
      stops.push(() => target.removeEventListener(type, safeListener, options));
    },
    timeout(run, ms) {
      if (released) return () => undefined;
      const timer = setTimeout(() => {
        timers.delete(timer);
        guarded(run)();
      }, ms);
      timers.add(timer);
      return () => {
        if (timers.delete(timer)) clearTimeout(timer);
      };
    },
    atTeardown,
  };

  const release = (): void => {
    if (released) return;
    released = true;
    for (const stop of stops.splice(0)) guarded(stop)();
    for (const timer of timers) clearTimeout(timer);
    timers.clear();
  };
  return { scope, release };
}

/**
 * An enrichment plugin from its name, its start step and its per-event hooks. `setup` is the
 * single start seam: it releases a previous start, then runs `start`; if `start` throws, what
 * it registered is released and the error goes to the client, which refuses the plugin.
 */
export function definePlugin<C>(definition: PluginDefinition<C>): EnrichmentPlugin<C> {
  const { name, start, capture, execute } = definition;
  let release: (() => void) | undefined;

  const stop = (): void => {
    const run = release;
    release = undefined;
    if (run) run();
  };

  const plugin: EnrichmentPlugin<C> = {
    name,
    type: 'enrichment',
    setup(config: Config, client: C) {
      stop();
      const started = createScope(name, config, client);
      release = started.release;
      try {
        start(started.scope);
      } catch (error) {
        stop();
        throw error;
      }
    },
    teardown: stop,
  };
  if (capture) plugin.capture = capture;
  if (execute) plugin.execute = execute;
  return plugin;
}
