/**
 * The `init` options, typed: each one optional, with its default and meaning. A value of the
 * wrong type from JavaScript is still logged at init and replaced by the default.
 */
import type { ConsentState, CookielessSetting } from './consent-policy.js';
import type { Identify } from './identify.js';
import type { LogLevel } from './logger.js';
import type {
  CookieOptions,
  EventStore,
  IdentityStorageType,
  Logger,
  ServerZone,
  TrackingOptions,
  TransportConfig,
  TransportType,
} from './types.js';

/** What `autocapture` turns on in every client; the browser package adds its plugins' features. */
export interface CoreAutocaptureOptions {
  /**
   * `session_start` and `session_end` events. When `false`, events still carry a session id.
   * @defaultValue `true`
   */
  sessions?: boolean;
}

/** Remote configuration (fetched only when `serverUrl` is set: a self-hosted endpoint). */
export interface RemoteConfigOptions {
  /** @defaultValue `true` */
  fetchRemoteConfig?: boolean;
  /** Where remote configuration is fetched from; events still go to the `serverUrl` option. */
  serverUrl?: string;
}

/** The options of `init(apiKey, options)`, common to every platform. */
export interface ClientOptions {
  /**
   * Names an instance made with `createInstance()`: instances never share identity, queue or settings.
   * @defaultValue `'$default_instance'`
   */
  instanceName?: string;
  /**
   * How long an event waits for more to batch with, in ms.
   * @defaultValue `1000`
   */
  flushIntervalMillis?: number;
  /**
   * The most events one upload carries; a full batch is sent at once.
   * @defaultValue `30`
   */
  flushQueueSize?: number;
  /**
   * Retries of a failed upload (network errors, 408, 429, 5xx) within one page life; what is
   * still unsent stays stored and is retried on the next page load.
   * @defaultValue `5`
   */
  flushMaxRetries?: number;
  /**
   * Console verbosity: `LogLevel.None` (0), `Error` (1), `Warn` (2), `Verbose` (3), `Debug` (4).
   * @defaultValue `LogLevel.Warn`
   */
  logLevel?: LogLevel;
  /**
   * Receives every line the SDK logs instead of the console.
   * @defaultValue a console logger
   */
  loggerProvider?: Logger;
  /**
   * The shortest user and device id the server accepts (sent as `options.min_id_length`).
   * @defaultValue unset: the server's `5`
   */
  minIdLength?: number;
  /**
   * `true` stores and sends nothing; the choice persists with the identity.
   * @defaultValue `false`
   */
  optOut?: boolean;
  /**
   * Where events are uploaded, overriding `serverZone` and `useBatch`.
   * @defaultValue the HTTP V2 endpoint of `serverZone`
   */
  serverUrl?: string;
  /**
   * The data centre: `'EU'` for EU projects.
   * @defaultValue `'US'`
   */
  serverZone?: ServerZone;
  /**
   * Upload to the Batch API instead of HTTP V2.
   * @defaultValue `false`
   */
  useBatch?: boolean;
  /** Sent as every event's `app_version`. */
  appVersion?: string;
  /**
   * What is captured automatically; `false` turns everything off.
   * @defaultValue `true`
   */
  autocapture?: boolean | CoreAutocaptureOptions;
  /** @deprecated The old name of `autocapture`, used when `autocapture` is not given. */
  defaultTracking?: boolean | CoreAutocaptureOptions;
  /**
   * The device id, over the `ampDeviceId` URL parameter and the stored one.
   * @defaultValue the stored one, else a new UUID
   */
  deviceId?: string;
  /** The user id (`init(apiKey, userId)` wins over it). */
  userId?: string;
  /**
   * Starts or continues this session (a ms epoch), over the `ampSessionId` URL parameter.
   * @defaultValue continue the stored session, else start one
   */
  sessionId?: number;
  /** User properties sent at init, before `session_start`. */
  identify?: Identify;
  /** The identity cookie's attributes (identityStorage `'cookie'`). */
  cookieOptions?: CookieOptions;
  /**
   * Where identity (device, user, session, opt-out) persists; `'none'` keeps it in memory.
   * @defaultValue `'cookie'`
   */
  identityStorage?: IdentityStorageType;
  /** Sent as every event's `partner_id`. */
  partnerId?: string;
  /**
   * Inactivity after which the next event starts a new session, in ms.
   * @defaultValue `1800000` (30 minutes)
   */
  sessionTimeout?: number;
  /**
   * Where unsent events are kept until the server acknowledges them.
   * @defaultValue IndexedDB in browsers (localStorage where IndexedDB is unavailable)
   */
  storageProvider?: EventStore;
  /**
   * Optional context fields, each on unless set to `false`.
   * @defaultValue all `true`
   */
  trackingOptions?: TrackingOptions;
  /**
   * The request API: `'fetch'`, `'xhr'`, `'beacon'`, or `{ type, headers }` for custom headers.
   * @defaultValue `'fetch'`
   */
  transport?: TransportType | TransportConfig;
  /**
   * gzip request bodies.
   * @defaultValue `true` for the documented endpoints, `false` for a custom `serverUrl`
   */
  enableRequestBodyCompression?: boolean;
  /**
   * `true` holds events (stored, not sent) until set to `false`; `false` sends and follows the
   * browser's online state; `OfflineDisabled` (`null`) sends and ignores the online state.
   * @defaultValue `false`
   */
  offline?: boolean | null;
  /**
   * Sightline: the most unsent events kept; past it the oldest are dropped and counted.
   * @defaultValue `20000`
   */
  maxStoredEvents?: number;
  /** @deprecated Use `remoteConfig.fetchRemoteConfig`. */
  fetchRemoteConfig?: boolean;
  /** Remote configuration, fetched only from a self-hosted `remoteConfig.serverUrl`. */
  remoteConfig?: RemoteConfigOptions;
  /**
   * Sightline: the user's consent to analytics storage. `'pending'` stores and sends nothing and
   * holds events in memory; `'denied'` removes what Sightline stored and stores or sends nothing
   * more (but see `cookieless`). Change it with `setConsent`. See docs/consent.md.
   * @defaultValue `'granted'`, or `'denied'` when Global Privacy Control is on
   */
  consent?: ConsentState;
  /**
   * Sightline: send events with nothing persistent (a device id for this page life only, no user
   * id): `'when_denied'` while consent is denied, `'always'` whatever the consent.
   * @defaultValue `'never'`
   */
  cookieless?: CookielessSetting;
  /**
   * Sightline: start as `consent: 'denied'` when the browser sends Global Privacy Control and
   * init sets no `consent`.
   * @defaultValue `true`
   */
  respectGlobalPrivacyControl?: boolean;
}
