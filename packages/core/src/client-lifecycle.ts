import type { ClientPlatform } from './client-platform.js';
import { resolveConfig } from './config.js';
import { createConsentGate } from './consent-gate.js';
import type { ConsentMode } from './consent-policy.js';
import { ResultCode } from './constants.js';
import { createDeferredCalls } from './deferred-calls.js';
import { describeValue } from './describe-value.js';
import { createEventDrain } from './event-drain.js';
import type { Identify } from './identify.js';
import { initArguments } from './init-arguments.js';
import { ConsoleLogger, LogLevel } from './logger.js';
import type { ClientOptions } from './options.js';
import { Pipeline, pluginFailure } from './pipeline.js';
import { createConsentStorage } from './consent-storage.js';
import { IdentityStore, type IdentitySnapshot } from './identity.js';
import { resolveInitialIdentity } from './initial-identity.js';
import type { ReadyState } from './ready-state.js';
import { answer, errorText, settled } from './results.js';
import { createSessionController } from './session-controller.js';
import type { Config, Event, EventOptions, Logger, Plugin, Result, ResultPromise } from './types.js';
import { uuid } from './uuid.js';

/**
 * `init` and what it opens: the configuration, the identity and the sessions (one ready state),
 * the plugins' setup, the calls queued until then, and the calls that read or change identity
 * and session. `CoreClient` adds the events and the plugin API on top.
 */
export abstract class ClientLifecycle<Options extends ClientOptions = ClientOptions> {
  protected logger: Logger = new ConsoleLogger();
  protected readonly pipeline = new Pipeline(() => this.logger);
  protected readonly events = createEventDrain(this.pipeline, () => this.logger);
  /** Calls made before the client is ready, replayed once it is. */
  protected readonly deferred = createDeferredCalls<ReadyState>();
  /** Plugins added before any init: set up by the first. */
  protected readonly pendingPlugins: Plugin[] = [];
  /** The latest init's state, from the moment it resolved its config and identity. */
  private current: ReadyState | undefined;
  /** `current` once its plugins are set up: from then on calls run instead of queueing. */
  protected ready: ReadyState | undefined;
  protected initializing = false;
  /** Settles once the latest init (or consent change) has set up its plugins: a re-init waits for it. */
  protected initialization: Promise<unknown> = Promise.resolve();
  /** Where events go under consent: on, held or dropped (docs/consent.md). */
  protected readonly consent = createConsentGate(
    () => this.logger,
    (event) => this.events.enqueue(event),
  );

  /** Which of the plugins added before init may be set up in the consent mode it starts in. */
  protected abstract startPlugins(added: Plugin[]): Plugin[];

  constructor(protected readonly platform: ClientPlatform) {
    this.logger.enable(LogLevel.Warn);
  }

  /** Sends the `identify` init option (the events API lives in the subclass). */
  abstract identify(identify: Identify, eventOptions?: EventOptions): ResultPromise;

  /** The resolved configuration of the latest `init`, once it has one. */
  get config(): Config | undefined {
    return this.current && this.current.config;
  }

  protected now(): number {
    return this.platform.now ? this.platform.now() : Date.now();
  }

  // ---------------------------------------------------------------- init

  /**
   * Initialises the client with the project's API key; calls made before are replayed in order.
   * Resolves `{ code: 200 }` once the plugins are set up. Called again, it tears down the
   * previous configuration and plugins and starts afresh.
   */
  init(apiKey: string): ResultPromise;
  /** `init(apiKey, options)`: with options, each validated (a wrong value is logged and its default used). */
  init(apiKey: string, options: Options): ResultPromise;
  /** `init(apiKey, userId)`: for a user who is already known (`null` or `undefined`: none). */
  init(apiKey: string, userId: string | null | undefined): ResultPromise;
  /** `init(apiKey, userId, options)`: a known user (`null` or `undefined`: none) and options. */
  init(apiKey: string, userId: string | null | undefined, options: Options): ResultPromise;
  init(apiKey: unknown, userIdOrOptions?: unknown, maybeOptions?: unknown): ResultPromise {
    return this.initSafely(apiKey, userIdOrOptions, maybeOptions);
  }

  /** init whatever it is given: JavaScript callers pass anything. */
  private initSafely(apiKey: unknown, userIdOrOptions: unknown, maybeOptions: unknown): ResultPromise {
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
    if (typeof apiKey !== 'string' || apiKey.trim() === '') {
      this.logger.error('init needs an API key string; the SDK stays uninitialised and keeps queued calls');
      return settled({ event_type: 'init' }, ResultCode.INVALID_INPUT, 'Invalid API key');
    }
    const { userId, options } = initArguments(userIdOrOptions, maybeOptions);
    if (this.ready || this.initializing) {
      this.logger.warn('init called again: tearing down the previous configuration and plugins');
      this.ready = undefined;
      // An init still setting up its plugins finishes first: calling init again before that
      // would find it still initialising, and so on, a loop of microtasks that freezes the page.
      const previous = this.initialization.then(() => {
        this.ready = undefined;
        return this.pipeline.teardownAll();
      });
      return { promise: previous.then(() => this.initSafely(apiKey, userId, options).promise) };
    }
    this.initializing = true;

    const { config, problems } = resolveConfig({ apiKey, options });
    this.logger = config.loggerProvider;
    if (config.logLevel === LogLevel.None) this.logger.disable();
    else this.logger.enable(config.logLevel);
    for (const problem of problems) this.logger.warn(problem);

    // The previous init's identity may still have a write scheduled: it must not reach the storage
    // this init may not use (consent) or owns now.
    if (this.current) this.current.storage.persist(false);
    const mode = this.consent.start(config, this.platform);
    const { identity, storage, sessionId } = this.openIdentity(config, userId, options.optOut !== undefined, mode);
    const state: ReadyState = {
      config,
      identity,
      storage,
      initIdentify: undefined,
      sessions: createSessionController({
        identity,
        config,
        enqueue: (event) => this.enqueue(state, event),
        onStart: (id) => this.sendInitIdentify(state, { session_id: id, time: id }),
      }),
    };
    this.current = state;

    const plugins = [...this.platform.createPlugins(config, mode), ...this.startPlugins(this.pendingPlugins.splice(0))];
    // Events of a previous init held by consent go on once this one's plugins are set up.
    this.consent.startSwitch();
    const initialized = this.setUp(plugins, config).then(() => this.becomeReady(state, sessionId));
    this.initialization = initialized;
    return { promise: initialized };
  }

  /**
   * The identity init starts with: what storage (or another SDK, or the URL) holds, the options
   * on top, written back at once (to memory until consent allows storage); and the session id the
   * app or the URL chose, if any. Cookieless or denied, nothing may identify the user: nothing is
   * read, and the device id is new for this page life.
   */
  private openIdentity(config: Config, userId: string | undefined, optOutGiven: boolean, mode: ConsentMode) {
    const { platform, logger } = this;
    const configured = platform.createIdentityStorage(config);
    const storage = createConsentStorage(configured, mode === 'full');
    const anonymous = mode === 'cookieless' || mode === 'off';
    let stored: IdentitySnapshot | undefined;
    try {
      if (!anonymous) stored = configured.read();
    } catch (error) {
      logger.warn('Could not read stored identity; starting fresh:', error);
    }
    // Consent pending: the old SDK's cookie is read, and stays until storage is allowed.
    if (!stored && !anonymous && platform.readLegacyIdentity)
      stored = platform.readLegacyIdentity(config, logger, mode !== 'full');
    const handoff = platform.readUrlHandoff && !anonymous ? platform.readUrlHandoff(this.now()) : {};
    const given = anonymous ? { userId: undefined, config: { optOut: config.optOut } } : { userId, config };
    const initial = resolveInitialIdentity({ stored, handoff, ...given, optOutGiven, newDeviceId: uuid });
    const identity = new IdentityStore(storage, initial.snapshot);
    this.warnShortId(config, 'deviceId', initial.snapshot.deviceId);
    this.warnShortId(config, 'userId', initial.snapshot.userId);
    identity.writeNow();
    return { identity, storage, sessionId: initial.sessionId };
  }

  protected async setUp(plugins: Plugin[], config: Config): Promise<void> {
    for (const plugin of plugins) {
      // One plugin that cannot be set up must not leave the client initialising forever.
      const failure = await this.pipeline.add(plugin, config, this).catch(pluginFailure);
      // A plugin refused for its name was warned about; one that failed is an error.
      if (failure && failure.code === ResultCode.PLUGIN_ERROR) this.logger.error(failure.message);
    }
  }

  private becomeReady(state: ReadyState, sessionId: number | undefined): Result {
    this.ready = state;
    this.initializing = false;
    // The init identify goes out before session_start (starting a session sends it).
    state.initIdentify = state.config.identify;
    if (sessionId !== undefined) state.sessions.start(sessionId, this.now());
    else state.sessions.touch(this.now());
    this.sendInitIdentify(state, {});
    this.deferred.replay(state, this.logger);
    this.consent.endSwitch();
    state.identity.reserveAhead();
    return answer('init', 'Initialized');
  }

  private sendInitIdentify(state: ReadyState, eventOptions: EventOptions): void {
    const identify = state.initIdentify;
    state.initIdentify = undefined;
    if (identify) this.identify(identify, eventOptions);
  }

  /** Gives the event its id and queues it for the pipeline, unless consent holds or drops it. */
  protected enqueue(ready: ReadyState, event: Event): ResultPromise {
    event.event_id = ready.identity.takeEventId();
    return this.consent.admit(event) || this.events.enqueue(event);
  }

  /** A fresh identity for this page life (cookieless measurement): no user, a new device id, a new session. */
  protected startAnonymous(ready: ReadyState): void {
    ready.identity.updateNow({ deviceId: uuid(), userId: undefined, sessionId: undefined, pageCounter: undefined });
    ready.sessions.start(this.now(), this.now());
  }

  /** Runs `call` now if the client is ready, else once it is, behind the calls made before it. */
  protected whenReady(call: (ready: ReadyState) => void): void {
    const ready = this.ready;
    if (ready) call(ready);
    else this.deferred.add(call);
  }

  /** Logs a public call's unusable argument; returns the message. */
  protected rejectArgument(problem: string, value: unknown): string {
    const message = `${problem}, got ${describeValue(value)}`;
    this.logger.error(message);
    return message;
  }

  /** The server ignores ids shorter than minIdLength: said when the id is set. */
  private warnShortId(config: Config, name: string, id: string | undefined): void {
    const min = config.minIdLength || 5;
    if (id !== undefined && id.length < min) {
      this.logger.warn(`${name} "${id}" is shorter than minIdLength (${min}); the server will ignore it`);
    }
  }

  // ---------------------------------------------------------------- identity and session

  setUserId(userId: string | undefined): void {
    if (userId !== undefined && typeof userId !== 'string') {
      this.rejectArgument('setUserId needs a string or undefined', userId);
      return;
    }
    this.whenReady((ready) => {
      if (this.consent.ignored('setUserId')) return;
      this.warnShortId(ready.config, 'userId', userId);
      ready.identity.updateNow({ userId });
    });
  }

  getUserId(): string | undefined {
    return this.current && this.current.identity.state.userId;
  }

  setDeviceId(deviceId: string): void {
    if (typeof deviceId !== 'string' || deviceId.length === 0) {
      this.rejectArgument('setDeviceId needs a non-empty string', deviceId);
      return;
    }
    this.whenReady((ready) => {
      if (this.consent.ignored('setDeviceId') || ready.identity.state.deviceId === deviceId) return;
      this.warnShortId(ready.config, 'deviceId', deviceId);
      ready.identity.updateNow({ deviceId });
      // A new device means a new session.
      ready.sessions.start(this.now(), this.now());
    });
  }

  getDeviceId(): string | undefined {
    return this.current && this.current.identity.state.deviceId;
  }

  setSessionId(sessionId: number): void {
    if (typeof sessionId !== 'number' || !Number.isInteger(sessionId) || sessionId < 0) {
      this.rejectArgument('setSessionId needs a ms epoch number', sessionId);
      return;
    }
    this.whenReady((ready) => ready.sessions.start(sessionId, this.now()));
  }

  getSessionId(): number | undefined {
    return this.current && this.current.identity.state.sessionId;
  }

  /** Marks the session active now. */
  extendSession(): void {
    this.whenReady((ready) => ready.identity.update({ lastEventTime: this.now() }));
  }

  /** Per-session page view counter, kept with the identity so tabs share it. */
  nextPageCounter(): number {
    if (!this.current) return 1;
    const identity = this.current.identity;
    identity.sync();
    const next = (identity.state.pageCounter || 0) + 1;
    identity.update({ pageCounter: next });
    return next;
  }

  /** Forget the user and start as a new device. */
  reset(): void {
    this.whenReady((ready) => {
      if (this.consent.mode === 'cookieless') return this.startAnonymous(ready);
      ready.identity.updateNow({ userId: undefined });
      this.setDeviceId(uuid());
    });
  }

  setOptOut(optOut: boolean): void {
    if (typeof optOut !== 'boolean') {
      this.rejectArgument('setOptOut needs a boolean', optOut);
      return;
    }
    this.whenReady((ready) => ready.identity.updateNow({ optOut }));
  }

  /** Whether the user opted out (plugins consult it before doing any work). */
  isOptedOut(): boolean {
    return !!(this.current && this.current.identity.state.optOut);
  }
}
