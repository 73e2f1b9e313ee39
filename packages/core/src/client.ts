import {
  groupIdentifyEvent,
  groupProblem,
  identifyEvent,
  identifyProblem,
  revenueEvent,
  revenueProblem,
  setGroupEvent,
} from './built-events.js';
import { ConsentClient } from './client-consent.js';
import { TRANSPORT_TEXT, isTransport } from './config.js';
import { EVENT_IDENTIFY, ResultCode } from './constants.js';
import { describeValue } from './describe-value.js';
import { optionsObject, timeOfCall, trackedEvent } from './event-input.js';
import type { Identify } from './identify.js';
import type { ClientOptions } from './options.js';
import { duplicateName, isUsablePlugin, pluginFailure } from './pipeline.js';
import type { ReadyState } from './ready-state.js';
import { answer, errorText, eventTypeOf, settled } from './results.js';
import type { Revenue } from './revenue.js';
import { tryOr } from './try-or.js';
import type {
  Event,
  EventOptions,
  Logger,
  Plugin,
  Properties,
  ResultPromise,
  TransportConfig,
  TransportType,
} from './types.js';

/**
 * The analytics client. Never throws into the caller: every public method
 * catches, logs, and answers with `{ promise }` resolving to `{ event, code, message }`.
 * Calls made before `init` are queued with the time they were made and replayed in order.
 * This class holds the events and plugin API; init, identity and sessions are `ClientLifecycle`'s,
 * consent changes `ConsentClient`'s.
 */
export class CoreClient<Options extends ClientOptions = ClientOptions> extends ConsentClient<Options> {
  // ---------------------------------------------------------------- events

  track(eventInput: string | Event, eventProperties?: Properties, eventOptions?: EventOptions): ResultPromise {
    try {
      if (eventOptions !== undefined) eventOptions = optionsObject(eventOptions, this.logger);
      const ready = this.ready;
      if (!ready) {
        const time = timeOfCall(eventInput, eventOptions, this.logger, () => this.now());
        // Copied now, in this try: options that throw when copied are answered here, not when
        // replayed, where the throw would leave this call's promise unsettled.
        const options = { ...eventOptions, time };
        return this.deferred.answerLater(() => this.track(eventInput, eventProperties, options));
      }
      const event = trackedEvent(eventInput, eventProperties, eventOptions, this.logger);
      if (event) return this.dispatch(ready, event);
      const message = this.rejectArgument(
        'track needs a non-empty string event type (or an event object with one)',
        eventInput,
      );
      return settled({ event_type: eventTypeOf(eventInput) }, ResultCode.INVALID_INPUT, message);
    } catch (error) {
      this.logger.error('track failed:', error);
      return settled(
        { event_type: eventTypeOf(eventInput) },
        ResultCode.PLUGIN_ERROR,
        `track failed: ${errorText(error)}`,
      );
    }
  }

  /** `logEvent` is an alias of `track`. */
  logEvent(eventInput: string | Event, eventProperties?: Properties, eventOptions?: EventOptions): ResultPromise {
    return this.track(eventInput, eventProperties, eventOptions);
  }

  identify(identify: Identify, eventOptions?: EventOptions): ResultPromise {
    return this.sendBuilt(
      'identify',
      () => identifyProblem('identify', identify, this.logger),
      () => identifyEvent(identify),
      eventOptions,
    );
  }

  groupIdentify(
    groupType: string,
    groupName: string | string[],
    identify: Identify,
    eventOptions?: EventOptions,
  ): ResultPromise {
    return this.sendBuilt(
      'groupIdentify',
      () =>
        groupProblem('groupIdentify', groupType, groupName) || identifyProblem('groupIdentify', identify, this.logger),
      () => groupIdentifyEvent(groupType, groupName, identify),
      eventOptions,
    );
  }

  setGroup(groupType: string, groupName: string | string[], eventOptions?: EventOptions): ResultPromise {
    return this.sendBuilt(
      'setGroup',
      () => groupProblem('setGroup', groupType, groupName),
      () => setGroupEvent(groupType, groupName),
      eventOptions,
    );
  }

  revenue(revenue: Revenue, eventOptions?: EventOptions): ResultPromise {
    return this.sendBuilt(
      'revenue',
      () => revenueProblem(revenue),
      () => revenueEvent(revenue),
      eventOptions,
    );
  }

  /**
   * The one path of identify, groupIdentify, setGroup and revenue: `problem` says why the
   * arguments are refused (if they are), `build` makes the event sent with the eventOptions.
   * What they throw (an object that only looks like an Identify or a Revenue, a Proxy) is logged
   * and answered with a code.
   */
  private sendBuilt(
    name: string,
    problem: () => string | undefined,
    build: () => Event,
    eventOptions: EventOptions | undefined,
  ): ResultPromise {
    try {
      const refused = problem();
      if (refused) return this.invalid(refused);
      return this.track({ ...optionsObject(eventOptions, this.logger), ...build() });
    } catch (error) {
      this.logger.error(`${name} failed:`, error);
      return settled({ event_type: name }, ResultCode.PLUGIN_ERROR, `${name} failed: ${errorText(error)}`);
    }
  }

  /** Fills identity, session and ids, then queues the event for the pipeline. */
  private dispatch(ready: ReadyState, event: Event): ResultPromise {
    const state = ready.identity.state;
    if (state.optOut) {
      this.droppedWhileOptedOut(event);
      return settled(event, ResultCode.SKIPPED, 'Opted out: event not stored or sent');
    }
    const ignored = event.event_type === EVENT_IDENTIFY && this.consent.ignored('identify');
    if (ignored) return settled(event, ResultCode.SKIPPED, ignored);
    const time = typeof event.time === 'number' ? event.time : this.now();
    event.time = time;
    if (event.session_id === undefined) event.session_id = ready.sessions.sessionFor(time);
    if (event.user_id === undefined && state.userId !== undefined) event.user_id = state.userId;
    if (event.device_id === undefined) event.device_id = state.deviceId;
    this.pipeline.capture(event);
    return this.enqueue(ready, event);
  }

  /** An event refused because the user opted out: platforms count it in their delivery report. */
  protected droppedWhileOptedOut(event: Event): void {
    void event;
  }

  private invalid(message: string): ResultPromise {
    this.logger.error(message);
    return settled({ event_type: 'invalid' }, ResultCode.INVALID_INPUT, message);
  }

  // ---------------------------------------------------------------- plugins and delivery

  add(plugin: Plugin): ResultPromise {
    if (!isUsablePlugin(plugin)) return this.invalid('add needs a plugin object (with a string name, if any)');
    const ready = this.ready;
    if (!ready) {
      if (this.initializing) return this.deferred.answerLater(() => this.add(plugin));
      const name = plugin.name;
      if (name && this.pendingPlugins.some((pending) => pending.name === name)) {
        const refused = duplicateName(name);
        this.logger.warn(refused.message);
        return { promise: Promise.resolve(refused) };
      }
      this.pendingPlugins.push(plugin);
      return settled({ event_type: 'plugin' }, ResultCode.SUCCESS, 'Plugin will be set up on init');
    }
    const held = this.holdPlugin(plugin);
    if (held) return held;
    return {
      promise: this.pipeline
        .add(plugin, ready.config, this)
        .then((failure) => failure || answer('plugin', `Plugin ${plugin.name} added`), pluginFailure),
    };
  }

  remove(pluginName: string): ResultPromise {
    if (typeof pluginName !== 'string')
      return this.invalid(`remove needs a plugin name string, got ${describeValue(pluginName)}`);
    const index = this.pendingPlugins.findIndex((plugin) => plugin.name === pluginName);
    if (index >= 0) this.pendingPlugins.splice(index, 1);
    this.appPlugins = this.appPlugins.filter((plugin) => plugin.name !== pluginName);
    return {
      promise: this.pipeline.remove(pluginName).then(() => answer('plugin', `Plugin ${pluginName} removed`)),
    };
  }

  /** Sends everything buffered now. Resolves once the destinations have flushed. */
  flush(): ResultPromise {
    if (!this.ready) return this.deferred.answerLater(() => this.flush());
    // Events tracked just before flush() are still on their way through the plugins: wait for them.
    return {
      promise: this.events
        .whenDrained()
        .then(() => this.pipeline.flush())
        .then(() => answer('flush', 'Flushed')),
    };
  }

  setTransport(transport: TransportType | TransportConfig): void {
    if (!tryOr(() => isTransport(transport), false)) {
      this.rejectArgument(`setTransport needs ${TRANSPORT_TEXT}`, transport);
      return;
    }
    this.whenReady((ready) => {
      ready.config.transport = transport;
      for (const plugin of this.pipeline.list()) {
        const target = plugin as Plugin & { setTransport?: (t: TransportType | TransportConfig) => void };
        if (typeof target.setTransport === 'function') target.setTransport(transport);
      }
    });
  }

  /** The destination plugins with an extra API (delivery stats, offline control). */
  protected plugins(): readonly Plugin[] {
    return this.pipeline.list();
  }

  protected get log(): Logger {
    return this.logger;
  }
}
