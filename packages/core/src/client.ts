import { isTransport, resolveConfig } from './config.js';
import { PendingResult } from './pending-result.js';
import {
  EVENT_GROUP_IDENTIFY,
  EVENT_IDENTIFY,
  EVENT_REVENUE,
  EVENT_SESSION_END,
  EVENT_SESSION_START,
  IdentifyOperation,
  ResultCode,
} from './constants.js';
import { isIdentify, type Identify } from './identify.js';
import { IdentityStore, type IdentitySnapshot, type IdentityStorage } from './identity.js';
import { ConsoleLogger, LogLevel } from './logger.js';
import { isPromise, Pipeline } from './pipeline.js';
import type { Revenue } from './revenue.js';
import { copyIfFlat, sanitizeAny, sanitizeWalk, type SanitizeResult } from './sanitize.js';
import { decideSession, endOf, isSessionActive } from './session.js';
import type {
  Config,
  Event,
  EventOptions,
  Logger,
  Plugin,
  Properties,
  Result,
  ResultPromise,
  TransportType,
  TransportConfig,
} from './types.js';
import { describeValue } from './describe-value.js';
import { tryOr } from './try-or.js';
import { uuid } from './uuid.js';

/** What a platform (browser, node, worker) supplies to the platform-neutral client. */
export interface ClientPlatform {
  /** Where identity persists, per the resolved `identityStorage` / `cookieOptions`. */
  createIdentityStorage(config: Config): IdentityStorage;
  /** Identity left by another SDK (cookie upgrade) when ours has none. */
  readLegacyIdentity?(config: Config, logger: Logger): IdentitySnapshot | undefined;
  /** Cross-domain hand-off (`ampDeviceId`, `ampSessionId`, `ampTimestamp`). */
  readUrlHandoff?(now: number): { deviceId?: string; sessionId?: number };
  /** Plugins every instance gets: context enrichment, the delivery destination, autocapture. */
  createPlugins(config: Config): Plugin[];
  now?(): number;
}

/** Longest stretch the pipeline works through a burst before letting the page run. */
const DRAIN_SLICE_MS = 8;
/** More events than this waiting at once is a burst. */
const DRAIN_BURST = 64;
const yieldToPage = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));

const answer = (eventType: string, message: string): Result => ({
  event: { event_type: eventType },
  code: ResultCode.SUCCESS,
  message,
});

const settled = (event: Event, code: number, message: string): ResultPromise => ({
  promise: Promise.resolve({ event, code, message }),
});

/** A thrown value as text: it can be anything, even an object that cannot be printed (describeValue never throws). */
const errorText = (error: unknown): string => tryOr(() => String(error), describeValue(error));

/** The event type a refused call is answered with: the input itself when it is a string. */
const eventTypeOf = (input: unknown): string => (typeof input === 'string' ? input : describeValue(input));

/**
 * The analytics client. Never throws into the caller: every public method
 * catches, logs, and answers with `{ promise }` resolving to `{ event, code, message }`.
 * Calls made before `init` are queued with the time they were made and replayed in order.
 */
export class CoreClient {
  config: Config | undefined;
  private logger: Logger = new ConsoleLogger();
  private identity: IdentityStore | undefined;
  private readonly pipeline = new Pipeline(() => this.logger);
  private ready = false;
  private initializing = false;
  /** Settles once the latest init has set up its plugins: a re-init waits for it. */
  private initialization: Promise<unknown> = Promise.resolve();
  private readonly preInit: (() => void)[] = [];
  private readonly pendingPlugins: Plugin[] = [];
  /** Events waiting for the pipeline; emptied when a drain has worked through them. */
  private readonly pending: PendingResult[] = [];
  private draining = false;
  /** Settles when the events queued so far have reached the destinations. */
  private drained: Promise<void> = Promise.resolve();
  private initIdentify: Identify | undefined;

  constructor(private readonly platform: ClientPlatform) {
    this.logger.enable(LogLevel.Warn);
  }

  private now(): number {
    return this.platform.now ? this.platform.now() : Date.now();
  }

  // ---------------------------------------------------------------- init

  init(
    apiKey?: string,
    userIdOrOptions?: string | null | { [key: string]: unknown },
    maybeOptions?: { [key: string]: unknown },
  ): ResultPromise {
    try {
      return this.initUnsafe(apiKey, userIdOrOptions, maybeOptions);
    } catch (error) {
      // Uninitialised again, so the next init starts afresh instead of waiting for this one.
      this.initializing = false;
      this.logger.error('init failed:', error);
      return settled({ event_type: 'init' }, ResultCode.PLUGIN_ERROR, `init failed: ${errorText(error)}`);
    }
  }

  private initUnsafe(apiKey: unknown, userIdOrOptions: unknown, maybeOptions: unknown): ResultPromise {
    const initEvent: Event = { event_type: 'init' };
    if (typeof apiKey !== 'string' || apiKey.trim() === '') {
      this.logger.error('init needs an API key string; the SDK stays uninitialised and keeps queued calls');
      return settled(initEvent, ResultCode.INVALID_INPUT, 'Invalid API key');
    }
    // The four documented overloads.
    let userId: string | undefined;
    let options: { [key: string]: unknown } = {};
    if (typeof userIdOrOptions === 'string') userId = userIdOrOptions;
    else if (userIdOrOptions && typeof userIdOrOptions === 'object')
      options = userIdOrOptions as { [key: string]: unknown };
    if (maybeOptions && typeof maybeOptions === 'object') options = maybeOptions as { [key: string]: unknown };

    if (this.ready || this.initializing) {
      this.logger.warn('init called again: tearing down the previous configuration and plugins');
      this.ready = false;
      // An init still setting up its plugins finishes first: calling init again before that
      // would find it still initialising, and so on, a loop of microtasks that freezes the page.
      const previous = this.initialization.then(() => {
        this.ready = false;
        return this.pipeline.teardownAll();
      });
      return { promise: previous.then(() => this.init(apiKey, userId, options).promise) };
    }
    this.initializing = true;

    const { config, problems } = resolveConfig({ apiKey, options });
    this.config = config;
    this.logger = config.loggerProvider;
    if (config.logLevel === LogLevel.None) this.logger.disable();
    else this.logger.enable(config.logLevel);
    for (const problem of problems) this.logger.warn(problem);

    const now = this.now();
    const storage = this.platform.createIdentityStorage(config);
    let stored: IdentitySnapshot | undefined;
    try {
      stored = storage.read();
    } catch (error) {
      this.logger.warn('Could not read stored identity; starting fresh:', error);
    }
    if (!stored && this.platform.readLegacyIdentity) stored = this.platform.readLegacyIdentity(config, this.logger);
    const handoff = this.platform.readUrlHandoff ? this.platform.readUrlHandoff(now) : {};
    const snapshot: IdentitySnapshot = { ...stored };
    snapshot.deviceId = config.deviceId || handoff.deviceId || snapshot.deviceId || uuid();
    const initialUserId = userId !== undefined ? userId : config.userId;
    if (initialUserId !== undefined) snapshot.userId = initialUserId;
    if (options.optOut !== undefined) snapshot.optOut = config.optOut;
    const customSessionId = config.sessionId !== undefined ? config.sessionId : handoff.sessionId;
    this.identity = new IdentityStore(storage, snapshot);
    this.checkIdLength('deviceId', snapshot.deviceId);
    this.checkIdLength('userId', snapshot.userId);
    this.identity.writeNow();

    const plugins = [...this.platform.createPlugins(config), ...this.pendingPlugins.splice(0)];
    const setup = (async () => {
      for (const plugin of plugins) {
        // One plugin that cannot be set up must not leave the client initialising forever.
        const failure = await this.pipeline
          .add(plugin, config, this)
          .catch((error: unknown) => this.pluginFailure(error));
        if (failure) this.logger.error(failure.message);
      }
    })();

    const initialized = setup.then(() => {
      this.ready = true;
      this.initializing = false;
      // The init identify goes out before session_start (startSession sends it).
      this.initIdentify = config.identify as Identify | undefined;
      if (customSessionId !== undefined) this.startSession(customSessionId, this.now());
      else this.touchSession(this.now());
      this.sendInitIdentify({});
      this.replayPreInit();
      this.scheduleDrain();
      (this.identity as IdentityStore).reserveAhead();
      return answer('init', 'Initialized');
    });
    this.initialization = initialized;
    return { promise: initialized };
  }

  private replayPreInit(): void {
    const calls = this.preInit.splice(0);
    for (const call of calls) {
      try {
        call();
      } catch (error) {
        this.logger.error('A queued call failed on replay:', error);
      }
    }
  }

  /** Queue a call made before init; it keeps its own time via the event options it carries. */
  private defer(call: () => ResultPromise): ResultPromise {
    let resolve!: (result: Result) => void;
    const promise = new Promise<Result>((r) => (resolve = r));
    this.preInit.push(() => call().promise.then(resolve));
    return { promise };
  }

  // ---------------------------------------------------------------- events

  track(eventInput: string | Event, eventProperties?: Properties, eventOptions?: EventOptions): ResultPromise {
    try {
      if (eventOptions !== undefined) eventOptions = this.optionsObject(eventOptions);
      if (!this.ready) {
        // The call's own moment: an explicit time (options or event object), else now.
        const given = eventInput && typeof eventInput === 'object' ? eventInput.time : undefined;
        const time = this.explicitTime((eventOptions && eventOptions.time) || given, eventInput) || this.now();
        // Copied now, in this try: options that throw when copied are answered here, not when
        // replayed, where the throw would leave this call's promise unsettled.
        const options = { ...eventOptions, time };
        return this.defer(() => this.track(eventInput, eventProperties, options));
      }
      let event: Event;
      if (typeof eventInput === 'string' && eventInput.length > 0) {
        const properties =
          eventProperties === undefined ? undefined : this.clean(eventProperties, 'event_properties', eventInput);
        if (eventOptions === undefined) event = shapedEvent(eventInput, properties);
        else {
          event = this.cleanFields({ ...eventOptions, event_type: eventInput });
          if (properties !== undefined) event.event_properties = properties;
        }
      } else if (
        eventInput &&
        typeof eventInput === 'object' &&
        typeof eventInput.event_type === 'string' &&
        eventInput.event_type
      ) {
        event = this.cleanFields({ ...eventInput, ...eventOptions });
      } else {
        const message = this.rejectArgument(
          'track needs a non-empty string event type (or an event object with one)',
          eventInput,
        );
        return settled({ event_type: eventTypeOf(eventInput) }, ResultCode.INVALID_INPUT, message);
      }
      return this.dispatch(event);
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
      () => this.identifyProblem('identify', identify),
      () => ({ event_type: EVENT_IDENTIFY, user_properties: identify.getUserProperties() }),
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
      () => groupProblem('groupIdentify', groupType, groupName) || this.identifyProblem('groupIdentify', identify),
      () => ({
        event_type: EVENT_GROUP_IDENTIFY,
        groups: { [groupType]: groupName },
        group_properties: identify.getUserProperties(),
      }),
      eventOptions,
    );
  }

  setGroup(groupType: string, groupName: string | string[], eventOptions?: EventOptions): ResultPromise {
    return this.sendBuilt(
      'setGroup',
      () => groupProblem('setGroup', groupType, groupName),
      () => ({
        event_type: EVENT_IDENTIFY,
        groups: { [groupType]: groupName },
        user_properties: { [IdentifyOperation.SET]: { [groupType]: groupName } },
      }),
      eventOptions,
    );
  }

  revenue(revenue: Revenue, eventOptions?: EventOptions): ResultPromise {
    return this.sendBuilt(
      'revenue',
      // Checked by shape, not instanceof, so apps that never build a Revenue do not bundle the class.
      () =>
        revenue && typeof (revenue as Revenue).getEventProperties === 'function'
          ? revenue.validate()
          : 'revenue needs a Revenue object',
      () => ({ event_type: EVENT_REVENUE, event_properties: revenue.getEventProperties() }),
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
      return this.track({ ...this.optionsObject(eventOptions), ...build() });
    } catch (error) {
      this.logger.error(`${name} failed:`, error);
      return settled({ event_type: name }, ResultCode.PLUGIN_ERROR, `${name} failed: ${errorText(error)}`);
    }
  }

  /** Why `identify` cannot be sent, if it cannot; the problems it collected are logged. */
  private identifyProblem(name: string, identify: Identify): string | undefined {
    if (!isIdentify(identify)) return `${name} needs an Identify object`;
    const problems = identify.problems;
    if (Array.isArray(problems)) for (const problem of problems) this.logger.warn(problem);
    return undefined;
  }

  private pluginFailure(error: unknown): Result {
    return {
      event: { event_type: 'plugin' },
      code: ResultCode.PLUGIN_ERROR,
      message: `Plugin could not be set up: ${errorText(error)}`,
    };
  }

  private invalid(message: string): ResultPromise {
    this.logger.error(message);
    return settled({ event_type: 'invalid' }, ResultCode.INVALID_INPUT, message);
  }

  private clean(properties: unknown, label: string, eventType: string): Properties {
    // The common flat object is copied without the walk's result and problem list.
    const flat = copyIfFlat(properties);
    if (flat) return flat;
    return this.cleaned(sanitizeWalk(properties, label), eventType);
  }

  /** The value a sanitize walk made; what it changed is logged for the event. */
  private cleaned<T>({ value, problems }: SanitizeResult<T>, eventType: string): T {
    if (problems.length) this.logger.warn(`Event "${eventType}": ${problems.join('; ')}`);
    return value;
  }

  /**
   * An event given as an object or with eventOptions: its property objects are cleaned, and every
   * other field (ids, `groups`, custom fields) goes on the wire too, so a value JSON cannot carry
   * (BigInt, circular, a throwing toJSON) takes the same walk. Plain values stay as given.
   */
  private cleanFields(event: Event): Event {
    if (event.time !== undefined) event.time = this.explicitTime(event.time, event.event_type);
    for (const field in event) {
      const value = event[field];
      if (value === undefined) continue;
      if (PROPERTY_FIELDS.indexOf(field) >= 0) event[field] = this.clean(value, field, event.event_type);
      else if (
        value !== null &&
        (typeof value === 'object' ||
          typeof value === 'bigint' ||
          typeof value === 'symbol' ||
          typeof value === 'function')
      ) {
        event[field] = this.cleaned(sanitizeAny(value, field), event.event_type);
      }
    }
    return event;
  }

  /** eventOptions as given when an object; anything else (a string would spread as fields "0", "1" ...) is logged and ignored. */
  private optionsObject(eventOptions: EventOptions | undefined): EventOptions | undefined {
    if (eventOptions === undefined || eventOptions === null) return undefined;
    if (typeof eventOptions === 'object' && !Array.isArray(eventOptions)) return eventOptions;
    this.logger.warn(`eventOptions must be an object, got ${describeValue(eventOptions)}; ignored`);
    return undefined;
  }

  /**
   * An explicit event time if it is one (a ms epoch a Date can hold); a bad one is logged and the
   * call's own moment used: NaN, Infinity or a negative time would corrupt the session.
   */
  private explicitTime(time: unknown, eventType: unknown): number | undefined {
    if (time === undefined || (typeof time === 'number' && time > 0 && time <= MAX_DATE_MS)) return time;
    this.logger.warn(
      `Event ${describeValue(eventType)}: time must be a ms epoch number, got ${describeValue(time)}; using the time of the call`,
    );
    return undefined;
  }

  /** Fills identity, session and ids, then queues the event for the pipeline. */
  private dispatch(event: Event): ResultPromise {
    const identity = this.identity as IdentityStore;
    const state = identity.state;
    if (state.optOut) {
      this.droppedWhileOptedOut(event);
      return settled(event, ResultCode.SKIPPED, 'Opted out: event not stored or sent');
    }
    const time = typeof event.time === 'number' ? event.time : this.now();
    event.time = time;
    if (event.session_id === undefined) {
      // Continuing the session is the answer for almost every event: decided inline.
      if (isSessionActive(state, time, (this.config as Config).sessionTimeout)) identity.touch(time);
      else this.touchSession(time);
      event.session_id = state.sessionId;
    }
    if (event.user_id === undefined && state.userId !== undefined) event.user_id = state.userId;
    if (event.device_id === undefined) event.device_id = state.deviceId;
    this.pipeline.capture(event);
    return this.enqueue(event);
  }

  private enqueue(event: Event): ResultPromise {
    event.event_id = (this.identity as IdentityStore).takeEventId();
    const pending = new PendingResult(event);
    this.pending.push(pending);
    this.scheduleDrain();
    return pending;
  }

  private scheduleDrain(): void {
    if (this.draining || !this.ready || !this.pending.length) return;
    this.draining = true;
    this.drained = Promise.resolve().then(() => this.drain());
  }

  /**
   * Runs queued events through the pipeline strictly in order. A burst is processed in slices
   * of at most DRAIN_SLICE_MS, yielding to the page between them, so no task runs long.
   */
  private async drain(): Promise<void> {
    const pending = this.pending;
    try {
      // A burst arrives in the caller's own task: start working on it in the next one.
      if (pending.length > DRAIN_BURST) await yieldToPage();
      let sliceStart = Date.now();
      // Events tracked meanwhile are appended to `pending` and taken in this same loop.
      for (let head = 0; head < pending.length; head++) {
        if ((head & 63) === 0 && Date.now() - sliceStart >= DRAIN_SLICE_MS) {
          await yieldToPage();
          sliceStart = Date.now();
        }
        const item = pending[head];
        // One event's failure is answered and logged; the events after it still go through.
        try {
          // Made here, off the caller's path: the id is needed only from the plugins on.
          if (!item.event.insert_id) item.event.insert_id = uuid();
          let output = this.pipeline.enrich(item.event);
          if (isPromise<Event | Result>(output)) output = await output;
          if (isResultValue(output)) item.settle(output);
          else if (!isEventValue(output)) item.settle(this.notAnEvent(item.event));
          else {
            // A plugin may hand on a new object: the store and the server key every event by insert_id.
            if (!output.insert_id) output.insert_id = uuid();
            this.pipeline.deliver(output).then((result) => item.settle(result));
          }
        } catch (error) {
          this.logger.error('Pipeline failed:', error);
          item.settle({
            event: item.event,
            code: ResultCode.PLUGIN_ERROR,
            message: `Pipeline failed: ${String(error)}`,
          });
        }
      }
    } finally {
      pending.length = 0;
      this.draining = false;
    }
  }

  /** A plugin returned something that is not an event: nothing fit to send is left. */
  private notAnEvent(event: Event): Result {
    const message = `A plugin returned something that is not an event for "${event.event_type}"; event dropped`;
    this.logger.error(message);
    return { event, code: ResultCode.PLUGIN_ERROR, message };
  }

  /** An event refused because the user opted out: platforms count it in their delivery report. */
  protected droppedWhileOptedOut(event: Event): void {
    void event;
  }

  // ---------------------------------------------------------------- sessions

  private sessionsEnabled(): boolean {
    const autocapture = this.config && this.config.autocapture;
    if (typeof autocapture === 'object' && autocapture) return autocapture.sessions !== false;
    return autocapture !== false;
  }

  /** Continues the session at `time`, or ends it and starts a new one. */
  private touchSession(time: number): void {
    const identity = this.identity as IdentityStore;
    const timeout = (this.config as Config).sessionTimeout;
    let decision = decideSession(identity.state, time, timeout);
    if (decision.kind === 'start') {
      identity.sync(); // another tab may have kept the session alive or started a new one
      decision = decideSession(identity.state, time, timeout);
    }
    if (decision.kind === 'start') this.startSession(decision.sessionId, time);
    else identity.touch(time);
  }

  private startSession(sessionId: number, time: number): void {
    const identity = this.identity as IdentityStore;
    const end = endOf(identity.state);
    const sameSession = end && end.sessionId === sessionId;
    identity.updateNow({
      sessionId,
      lastEventTime: Math.max(time, sessionId),
      pageCounter: sameSession ? identity.state.pageCounter : 0,
    });
    if (sameSession || !this.sessionsEnabled() || identity.state.optOut) return;
    if (end)
      this.enqueue(this.identityFields({ event_type: EVENT_SESSION_END, session_id: end.sessionId, time: end.time }));
    this.sendInitIdentify({ session_id: sessionId, time: sessionId });
    this.enqueue(this.identityFields({ event_type: EVENT_SESSION_START, session_id: sessionId, time: sessionId }));
  }

  private sendInitIdentify(eventOptions: EventOptions): void {
    const identify = this.initIdentify;
    this.initIdentify = undefined;
    if (identify) this.identify(identify, eventOptions);
  }

  private identityFields(event: Event): Event {
    const state = (this.identity as IdentityStore).state;
    if (state.userId !== undefined) event.user_id = state.userId;
    event.device_id = state.deviceId;
    return event;
  }

  // ---------------------------------------------------------------- identity

  protected whenReady(call: () => void): void {
    // Until plugins are set up, identity calls queue behind the events tracked before them.
    if (this.ready) call();
    else this.preInit.push(call);
  }

  setUserId(userId: string | undefined): void {
    if (userId !== undefined && typeof userId !== 'string') {
      this.rejectArgument('setUserId needs a string or undefined', userId);
      return;
    }
    this.whenReady(() => {
      this.checkIdLength('userId', userId);
      (this.identity as IdentityStore).updateNow({ userId });
    });
  }

  getUserId(): string | undefined {
    return this.identity && this.identity.state.userId;
  }

  setDeviceId(deviceId: string): void {
    if (typeof deviceId !== 'string' || deviceId.length === 0) {
      this.rejectArgument('setDeviceId needs a non-empty string', deviceId);
      return;
    }
    this.whenReady(() => {
      const identity = this.identity as IdentityStore;
      if (identity.state.deviceId === deviceId) return;
      this.checkIdLength('deviceId', deviceId);
      identity.updateNow({ deviceId });
      // A new device means a new session.
      if (this.ready) this.startSession(this.now(), this.now());
    });
  }

  getDeviceId(): string | undefined {
    return this.identity && this.identity.state.deviceId;
  }

  setSessionId(sessionId: number): void {
    if (typeof sessionId !== 'number' || !Number.isInteger(sessionId) || sessionId < 0) {
      this.rejectArgument('setSessionId needs a ms epoch number', sessionId);
      return;
    }
    this.whenReady(() => this.startSession(sessionId, this.now()));
  }

  getSessionId(): number | undefined {
    return this.identity && this.identity.state.sessionId;
  }

  /** Marks the session active now. */
  extendSession(): void {
    this.whenReady(() => (this.identity as IdentityStore).update({ lastEventTime: this.now() }));
  }

  /** Per-session page view counter, kept with the identity so tabs share it. */
  nextPageCounter(): number {
    const identity = this.identity;
    if (!identity) return 1;
    identity.sync();
    const next = (identity.state.pageCounter || 0) + 1;
    identity.update({ pageCounter: next });
    return next;
  }

  /** Forget the user and start as a new device. */
  reset(): void {
    this.whenReady(() => {
      (this.identity as IdentityStore).updateNow({ userId: undefined });
      this.setDeviceId(uuid());
    });
  }

  setOptOut(optOut: boolean): void {
    if (typeof optOut !== 'boolean') {
      this.rejectArgument('setOptOut needs a boolean', optOut);
      return;
    }
    this.whenReady(() => (this.identity as IdentityStore).updateNow({ optOut }));
  }

  /** Logs a public call's unusable argument; returns the message. */
  private rejectArgument(problem: string, value: unknown): string {
    const message = `${problem}, got ${describeValue(value)}`;
    this.logger.error(message);
    return message;
  }

  private checkIdLength(name: string, id: string | undefined): void {
    const min = (this.config && this.config.minIdLength) || 5;
    if (id !== undefined && id.length < min) {
      this.logger.warn(`${name} "${id}" is shorter than minIdLength (${min}); the server will ignore it`);
    }
  }

  // ---------------------------------------------------------------- plugins and delivery

  add(plugin: Plugin): ResultPromise {
    const event: Event = { event_type: 'plugin' };
    if (!isUsablePlugin(plugin)) return this.invalid('add needs a plugin object (with a string name, if any)');
    if (!this.ready) {
      if (this.initializing) return this.defer(() => this.add(plugin));
      this.pendingPlugins.push(plugin);
      return settled(event, ResultCode.SUCCESS, 'Plugin will be set up on init');
    }
    return {
      promise: this.pipeline.add(plugin, this.config as Config, this).then(
        (failure) => failure || answer('plugin', `Plugin ${plugin.name} added`),
        (error: unknown) => this.pluginFailure(error),
      ),
    };
  }

  remove(pluginName: string): ResultPromise {
    if (typeof pluginName !== 'string')
      return this.invalid(`remove needs a plugin name string, got ${describeValue(pluginName)}`);
    const index = this.pendingPlugins.findIndex((plugin) => plugin.name === pluginName);
    if (index >= 0) this.pendingPlugins.splice(index, 1);
    return {
      promise: this.pipeline.remove(pluginName).then(() => answer('plugin', `Plugin ${pluginName} removed`)),
    };
  }

  /** Sends everything buffered now. Resolves once the destinations have flushed. */
  flush(): ResultPromise {
    if (!this.ready) return this.defer(() => this.flush());
    // Events tracked just before flush() are still on their way through the plugins: wait for them.
    return {
      promise: this.drained.then(() => this.pipeline.flush()).then(() => answer('flush', 'Flushed')),
    };
  }

  setTransport(transport: TransportType | TransportConfig): void {
    if (!tryOr(() => isTransport(transport), false)) {
      this.rejectArgument('setTransport needs "fetch", "xhr", "beacon" or { type, headers }', transport);
      return;
    }
    this.whenReady(() => {
      (this.config as Config).transport = transport;
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

  /** Whether the user opted out (plugins consult it before doing any work). */
  isOptedOut(): boolean {
    return !!(this.identity && this.identity.state.optOut);
  }
}

/**
 * `track(name, properties)`, the common call: every field the client fills is a slot from the
 * start, so filling them grows no property store on the tracking call (measured in test/bench).
 */
const shapedEvent = (eventType: string, properties: Properties | undefined): Event => ({
  event_type: eventType,
  event_properties: properties,
  time: undefined,
  session_id: undefined,
  user_id: undefined,
  device_id: undefined,
  event_id: undefined,
});

const PROPERTY_FIELDS = ['event_properties', 'user_properties', 'group_properties'];

/** The latest moment a Date can hold (ECMAScript time values). */
const MAX_DATE_MS = 8.64e15;

/** A plugin must hand on an event: an object with a non-empty string event_type. */
const isEventValue = (value: unknown): value is Event =>
  !!value &&
  typeof value === 'object' &&
  typeof (value as Event).event_type === 'string' &&
  (value as Event).event_type !== '';

const isResultValue = (value: Event | Result): value is Result =>
  typeof (value as Result).code === 'number' && typeof (value as Result).message === 'string' && 'event' in value;

/** The members the pipeline reads, some of them outside its per-hook error handling. */
const PLUGIN_MEMBERS = ['type', 'setup', 'execute', 'capture', 'flush', 'teardown'] as const;

/**
 * A plugin object the pipeline can use: its members can be read (a Proxy whose traps throw, a
 * throwing getter, cannot), and its name, if any, is a string (log lines and `remove()` use it).
 */
const isUsablePlugin = (plugin: unknown): plugin is Plugin =>
  tryOr(() => {
    if (!plugin || typeof plugin !== 'object') return false;
    for (const member of PLUGIN_MEMBERS) void (plugin as Plugin)[member];
    const name = (plugin as Plugin).name;
    return name === undefined || typeof name === 'string';
  }, false);

/** Why setGroup or groupIdentify (`name`) refuses its group, if it does. */
const groupProblem = (name: string, groupType: unknown, groupName: unknown): string | undefined =>
  isGroup(groupType, groupName) ? undefined : `${name} needs a group type string and a group name (string or string[])`;

const isGroup = (groupType: unknown, groupName: unknown): boolean =>
  typeof groupType === 'string' &&
  groupType.length > 0 &&
  (typeof groupName === 'string' || (Array.isArray(groupName) && groupName.every((name) => typeof name === 'string')));
