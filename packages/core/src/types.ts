/** Shapes shared by every Sightline package. Wire field names follow the HTTP V2 API. */
import type { ConsentState, CookielessSetting } from './consent-policy.js';
import type { Identify } from './identify.js';

export type Properties = { [key: string]: unknown };

/** The groups an event belongs to: a group name, or several, per group type. */
export type Groups = { [groupType: string]: string | string[] };

/**
 * The fields a call may set on its event (`eventOptions` of track, identify, revenue ...):
 * HTTP V2 `events[]` fields. The client fills ids, session, time and context itself.
 */
export interface EventOptions {
  user_id?: string;
  device_id?: string;
  /** The event's moment, a ms epoch; default: the moment of the call. */
  time?: number;
  session_id?: number;
  event_id?: number;
  /** Keys the event for deduplication: the same insert_id is counted once. */
  insert_id?: string;
  app_version?: string;
  version_name?: string;
  library?: string;
  platform?: string;
  os_name?: string;
  os_version?: string;
  device_brand?: string;
  device_manufacturer?: string;
  device_model?: string;
  carrier?: string;
  country?: string;
  region?: string;
  city?: string;
  dma?: string;
  language?: string;
  ip?: string;
  location_lat?: number;
  location_lng?: number;
  price?: number;
  quantity?: number;
  revenue?: number;
  productId?: string;
  revenueType?: string;
  currency?: string;
  receipt?: string;
  receiptSig?: string;
  partner_id?: string;
  user_agent?: string;
  plan?: { branch?: string; source?: string; version?: string; versionId?: string };
  ingestion_metadata?: { source_name?: string; source_version?: string };
  /** Event-level groups: they do not persist to the user (setGroup does). */
  groups?: Groups;
  extra?: Properties;
}

/**
 * One event as it travels the pipeline and the wire (an HTTP V2 `events[]` entry). Fields
 * beyond the documented ones go on the wire as given (cleaned of what JSON cannot carry).
 */
export interface Event extends EventOptions {
  event_type: string;
  event_properties?: Properties;
  user_properties?: Properties;
  group_properties?: Properties;
  [field: string]: unknown;
}

/** What every public method's `{ promise }` resolves to. */
export interface Result {
  event: Event;
  code: number;
  message: string;
}

export interface ResultPromise {
  promise: Promise<Result>;
}

export interface Logger {
  disable(): void;
  enable(logLevel: number): void;
  log(...args: unknown[]): void;
  warn(...args: unknown[]): void;
  error(...args: unknown[]): void;
  debug(...args: unknown[]): void;
}

export type PluginType = 'before' | 'enrichment' | 'destination';

type MaybePromise<T> = T | Promise<T>;

/** What every plugin may have; `C` is the client `setup` receives. */
interface PluginBase<C> {
  /**
   * Names the plugin for `remove(name)`; unique per instance (a second plugin of the same name
   * is refused with a warning). Required by the type; a plugin added from JavaScript without
   * one gets a random name.
   */
  name: string;
  /**
   * Sightline: the plugin stores nothing, patches nothing and captures nothing consent would refuse,
   * so it is set up whatever the consent. Without it, a plugin you `add()` waits until consent is
   * granted, and is torn down if consent is withdrawn (docs/consent.md).
   */
  consentSafe?: boolean;
  /** Called when the plugin is added or on `init`, whichever is later. */
  setup?(config: Config, client: C): MaybePromise<void>;
  /**
   * Sightline extension: runs synchronously inside the tracking call, before the event is
   * queued, for plugins that must see the page as it was then (URL, title) or queue an event
   * ahead of it (attribution's new-session `$identify`). Keep it cheap.
   */
  capture?(event: Event): void;
  flush?(): MaybePromise<void>;
  /** Called when the plugin is removed or the client re-initialised: release what setup took. */
  teardown?(): MaybePromise<void>;
}

/** Runs first, on every event: returns it (or a new one), or `null` to drop it. */
export interface BeforePlugin<C = unknown> extends PluginBase<C> {
  type: 'before';
  execute?(event: Event): MaybePromise<Event | Result | null>;
}

/** Adds to every event: returns it (or a new one), or `null` to drop it. The default type. */
export interface EnrichmentPlugin<C = unknown> extends PluginBase<C> {
  type?: 'enrichment';
  execute?(event: Event): MaybePromise<Event | Result | null>;
}

/** Sends events somewhere: answers each with `{ event, code, message }`. */
export interface DestinationPlugin<C = unknown> extends PluginBase<C> {
  type: 'destination';
  execute(event: Event): MaybePromise<Result>;
}

/** The documented plugin shape; existing custom plugins port unchanged. */
export type Plugin<C = unknown> = BeforePlugin<C> | EnrichmentPlugin<C> | DestinationPlugin<C>;

export type ServerZone = 'US' | 'EU';
export type TransportType = 'fetch' | 'xhr' | 'beacon';
export interface TransportConfig {
  type: TransportType;
  headers?: { [name: string]: string };
}

/** The identity cookie's attributes. */
export interface CookieOptions {
  /**
   * A leading `.` includes subdomains (`.example.com`).
   * @defaultValue the widest domain that accepts a cookie
   */
  domain?: string;
  /**
   * Lifetime in days.
   * @defaultValue `365`
   */
  expiration?: number;
  /** @defaultValue `'Lax'` */
  sameSite?: 'Lax' | 'Strict' | 'None' | 'lax' | 'strict' | 'none';
  /** @defaultValue `false` */
  secure?: boolean;
  /**
   * Read the documented SDK's and the legacy SDK's identity cookies when ours is missing.
   * @defaultValue `true`
   */
  upgrade?: boolean;
}

/** Optional context fields sent with every event; each on unless set to `false`. */
export interface TrackingOptions {
  /** `false`: the server never receives the IP, and location stays empty. */
  ipAddress?: boolean;
  language?: boolean;
  platform?: boolean;
  /** Sightline extensions: each optional context field can be switched off. */
  osName?: boolean;
  osVersion?: boolean;
  deviceModel?: boolean;
  userAgent?: boolean;
}

export type IdentityStorageType = 'cookie' | 'localStorage' | 'sessionStorage' | 'none';

/** The resolved configuration every plugin receives in `setup`. */
export interface Config {
  apiKey: string;
  instanceName: string;
  flushIntervalMillis: number;
  flushQueueSize: number;
  flushMaxRetries: number;
  logLevel: number;
  loggerProvider: Logger;
  minIdLength?: number;
  optOut: boolean;
  serverUrl?: string;
  serverZone: ServerZone;
  useBatch: boolean;
  appVersion?: string;
  autocapture: boolean | { [feature: string]: unknown };
  deviceId?: string;
  userId?: string;
  sessionId?: number;
  identify?: Identify;
  cookieOptions: Required<Omit<CookieOptions, 'domain'>> & Pick<CookieOptions, 'domain'>;
  identityStorage: IdentityStorageType;
  partnerId?: string;
  sessionTimeout: number;
  storageProvider?: EventStore;
  trackingOptions: Required<TrackingOptions>;
  transport: TransportType | TransportConfig;
  enableRequestBodyCompression?: boolean;
  /** `true` holds events; `false` follows connectivity; `null` (OfflineDisabled) ignores it. */
  offline: boolean | null;
  /** Sightline: the most events kept in the store; past it the oldest are dropped (counted). */
  maxStoredEvents: number;
  remoteConfig?: { fetchRemoteConfig?: boolean; serverUrl?: string };
  /** The consent the app set at init (absent: granted, unless Global Privacy Control says otherwise). */
  consent?: ConsentState;
  cookieless: CookielessSetting;
  respectGlobalPrivacyControl: boolean;
  [option: string]: unknown;
}

/** One persisted event: the unit the store writes, reads and deletes. */
export interface StoredEvent {
  /** Stable key: the event's insert_id. */
  id: string;
  event: Event;
  /** Upload attempts so far in any page life (for reporting; the retry bound is per page life). */
  attempts: number;
  /** Not before this time (ms epoch) — set by backoff / Retry-After. */
  notBefore?: number;
}

/**
 * Where unsent events live until the server acknowledges them. One record per event: no
 * implementation ever rewrites the whole queue. Every method resolves (never rejects);
 * failures are reported through the logger by the implementation.
 */
export interface EventStore {
  put(records: StoredEvent[]): Promise<void>;
  getAll(): Promise<StoredEvent[]>;
  remove(ids: string[]): Promise<void>;
  /** Which of `ids` are still stored: another tab may have sent them meanwhile. */
  existing?(ids: string[]): Promise<string[]>;
}

/** What a transport is asked to send: an HTTP V2 / Batch request. */
export interface UploadRequest {
  url: string;
  /** JSON body (already serialised). */
  body: string;
  headers?: { [name: string]: string };
  /** Page-exit delivery: the request must outlive the page (beacon / keepalive). */
  exiting?: boolean;
}

/** What came back. `status` 0 means the request never got an answer (network error). */
export interface UploadResponse {
  status: number;
  /** Parsed JSON body, or null. */
  body: unknown;
  /** From a `Retry-After` header, in ms, when present. */
  retryAfterMs?: number;
}

export interface Transport {
  send(request: UploadRequest): Promise<UploadResponse>;
}
