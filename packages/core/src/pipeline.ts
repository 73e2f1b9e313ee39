import { ResultCode } from './constants.js';
import { errorText, isResult } from './results.js';
import { tryOr } from './try-or.js';
import type { Config, Event, Logger, Plugin, PluginType, Result } from './types.js';
import { uuid } from './uuid.js';

const RANK: { [type in PluginType]: number } = { before: 0, enrichment: 1, destination: 2 };

export const isPromise = <T>(value: unknown): value is Promise<T> =>
  !!value && typeof (value as Promise<T>).then === 'function';

/** The members the pipeline reads, some of them outside its per-hook error handling. */
const PLUGIN_MEMBERS = ['type', 'setup', 'execute', 'capture', 'flush', 'teardown'] as const;

/**
 * A plugin object the pipeline can use: its members can be read (a Proxy whose traps throw, a
 * throwing getter, cannot), and its name, if any, is a string (log lines and `remove()` use it).
 */
export const isUsablePlugin = (plugin: unknown): plugin is Plugin =>
  tryOr(() => {
    if (!plugin || typeof plugin !== 'object') return false;
    for (const member of PLUGIN_MEMBERS) void (plugin as Plugin)[member];
    const name = (plugin as Plugin).name;
    return name === undefined || typeof name === 'string';
  }, false);

/** The answer to adding a plugin that could not be set up. */
export const pluginFailure = (error: unknown): Result => ({
  event: { event_type: 'plugin' },
  code: ResultCode.PLUGIN_ERROR,
  message: `Plugin could not be set up: ${errorText(error)}`,
});

/**
 * The answer to adding a plugin whose name another plugin of the instance already has: it is
 * refused (as the documented SDK does), so that `remove(name)` always means one plugin.
 */
export const duplicateName = (name: string): Result => ({
  event: { event_type: 'plugin' },
  code: ResultCode.INVALID_INPUT,
  message: `A plugin named "${name}" is already added; this one was not added`,
});

/**
 * Runs events through the plugins in order: before -> enrichment -> destination. A
 * plugin that throws is logged and skipped for that event — the event itself flows on, so a
 * broken plugin never costs data. Events are processed strictly in the order they arrive.
 */
export class Pipeline {
  private readonly plugins: Plugin[] = [];
  /** The plugins with a `capture` hook, kept apart so the tracking call does not scan them all. */
  private capturers: Plugin[] = [];
  /** The names of the plugins added or being set up. */
  private readonly names = new Set<string>();

  constructor(private readonly logger: () => Logger) {}

  list(): readonly Plugin[] {
    return this.plugins;
  }

  async add(plugin: Plugin, config: Config, client: unknown): Promise<Result | undefined> {
    const named: Plugin = plugin;
    if (!named.name) named.name = uuid();
    if (!named.type) named.type = 'enrichment';
    const name = named.name;
    // Taken before setup starts: a second add in the same task must see it.
    if (this.names.has(name)) {
      const refused = duplicateName(name);
      this.logger().warn(refused.message);
      return refused;
    }
    this.names.add(name);
    try {
      if (named.setup) await named.setup(config, client);
    } catch (error) {
      this.names.delete(name);
      this.logger().error(`Plugin ${named.name} failed in setup and was not added:`, error);
      return {
        event: { event_type: 'plugin' },
        code: ResultCode.PLUGIN_ERROR,
        message: `Plugin ${named.name} setup failed: ${String(error)}`,
      };
    }
    this.plugins.push(named);
    // Stable sort: before plugins first, then enrichment, then destinations, each in the order added.
    this.plugins.sort((a, b) => RANK[a.type as PluginType] - RANK[b.type as PluginType]);
    this.capturers = this.plugins.filter((candidate) => typeof candidate.capture === 'function');
    return undefined;
  }

  async remove(name: string): Promise<void> {
    const index = this.plugins.findIndex((plugin) => plugin.name === name);
    if (index < 0) return;
    const [plugin] = this.plugins.splice(index, 1);
    this.names.delete(name);
    this.capturers = this.capturers.filter((candidate) => candidate !== plugin);
    try {
      if (plugin.teardown) await plugin.teardown();
    } catch (error) {
      this.logger().error(`Plugin ${name} failed in teardown:`, error);
    }
  }

  async teardownAll(): Promise<void> {
    for (const plugin of this.plugins.slice()) await this.remove(plugin.name);
  }

  async flush(): Promise<void> {
    await Promise.all(
      this.plugins.map(async (plugin) => {
        try {
          if (plugin.flush) await plugin.flush();
        } catch (error) {
          this.logger().error(`Plugin ${plugin.name} failed in flush:`, error);
        }
      }),
    );
  }

  /** Lets plugins note what they need from the moment of the call (a throwing one is logged and skipped). */
  capture(event: Event): void {
    const capturers = this.capturers;
    for (let i = 0; i < capturers.length; i++) {
      try {
        (capturers[i].capture as (event: Event) => void)(event);
      } catch (error) {
        this.logSkip(capturers[i], event, error);
      }
    }
  }

  /**
   * Runs the before and enrichment plugins. Synchronous while every plugin is, so a burst of
   * events costs no promise per event; returns a Result when a plugin dropped the event.
   */
  enrich(input: Event): Event | Result | Promise<Event | Result> {
    return this.enrichFrom(input, 0);
  }

  private enrichFrom(input: Event, start: number): Event | Result | Promise<Event | Result> {
    let event = input;
    const plugins = this.plugins;
    for (let i = start; i < plugins.length; i++) {
      const plugin = plugins[i];
      if (plugin.type === 'destination' || !plugin.execute) continue;
      let output: unknown;
      try {
        output = plugin.execute(event);
      } catch (error) {
        this.logSkip(plugin, event, error);
        continue;
      }
      if (isPromise<Event | null>(output)) {
        return output.then(
          (resolved) =>
            resolved === null || resolved === undefined
              ? this.dropped(plugin, event)
              : this.enrichFrom(resolved, i + 1),
          (error) => {
            this.logSkip(plugin, event, error);
            return this.enrichFrom(event, i + 1);
          },
        );
      }
      if (output === null || output === undefined) return this.dropped(plugin, event);
      event = output as Event;
    }
    return event;
  }

  private dropped(plugin: Plugin, event: Event): Result {
    return { event, code: ResultCode.SKIPPED, message: `Event dropped by plugin ${plugin.name}` };
  }

  private logSkip(plugin: Plugin, event: Event, error: unknown): void {
    this.logger().error(`Plugin ${plugin.name} threw on "${event.event_type}"; skipped for this event:`, error);
  }

  /** Hands the event to every destination; resolves with the first destination's result. */
  async deliver(event: Event): Promise<Result> {
    const destinations = this.plugins.filter((plugin) => plugin.type === 'destination' && plugin.execute);
    if (destinations.length === 0) {
      return { event, code: ResultCode.SKIPPED, message: 'No destination plugin; event not sent' };
    }
    const results = destinations.map(async (plugin): Promise<Result> => {
      try {
        const output = await (plugin.execute as (e: Event) => unknown)({ ...event });
        return isResult(output) ? output : { event, code: ResultCode.SUCCESS, message: 'Event handled' };
      } catch (error) {
        this.logger().error(`Destination ${plugin.name} threw:`, error);
        return { event, code: ResultCode.PLUGIN_ERROR, message: `Destination ${plugin.name} failed: ${String(error)}` };
      }
    });
    return results[0];
  }
}
