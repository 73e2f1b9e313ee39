/** Shapes shared by every Sightline package. Wire field names follow the HTTP V2 API. */

export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };
export type Properties = { [key: string]: unknown };

/** One event as it travels the pipeline and the wire (HTTP V2 `events[]` entry). */
export interface Event {
  event_type: string;
  event_properties?: Properties;
  user_properties?: Properties;
  groups?: { [groupType: string]: string | string[] };
  group_properties?: Properties;
  user_id?: string;
  device_id?: string;
  session_id?: number;
  time?: number;
  event_id?: number;
  insert_id?: string;
  library?: string;
  platform?: string;
  language?: string;
  os_name?: string;
  os_version?: string;
  device_model?: string;
  user_agent?: string;
  ip?: string;
  app_version?: string;
  partner_id?: string;
  [field: string]: unknown;
}

/** Per-call overrides accepted by track/identify/revenue (`eventOptions`). */
export type EventOptions = Partial<Omit<Event, 'event_type'>>;

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

/** The documented plugin shape; existing custom plugins port unchanged. */
export interface Plugin<C = unknown> {
  name?: string;
  type?: PluginType;
  setup?(config: Config, client: C): Promise<void> | void;
  execute?(event: Event): Promise<Event | null | Result> | Event | null | Result;
  /**
   * Sightline extension: runs synchronously inside the tracking call, before the event is
   * queued, for plugins that must see the page as it was then (URL, title) or queue an event
   * ahead of it (attribution's new-session `$identify`). Keep it cheap.
   */
  capture?(event: Event): void;
  flush?(): Promise<void> | void;
  teardown?(): Promise<void> | void;
}

export type ServerZone = 'US' | 'EU';
export type TransportType = 'fetch' | 'xhr' | 'beacon';
export interface TransportConfig {
  type: TransportType;
  headers?: { [name: string]: string };
}

export interface CookieOptions {
  domain?: string;
  expiration: number;
  sameSite: string;
  secure: boolean;
  upgrade: boolean;
}

export interface TrackingOptions {
  ipAddress: boolean;
  language: boolean;
  platform: boolean;
  /** Sightline extensions: each optional context field can be switched off. */
  osName: boolean;
  osVersion: boolean;
  deviceModel: boolean;
  userAgent: boolean;
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
  identify?: unknown;
  cookieOptions: CookieOptions;
  identityStorage: IdentityStorageType;
  partnerId?: string;
  sessionTimeout: number;
  storageProvider?: EventStore;
  trackingOptions: TrackingOptions;
  transport: TransportType | TransportConfig;
  enableRequestBodyCompression?: boolean;
  /** `true` holds events; `false` follows connectivity; `null` (OfflineDisabled) ignores it. */
  offline: boolean | null;
  /** Sightline: the most events kept in the store; past it the oldest are dropped (counted). */
  maxStoredEvents: number;
  remoteConfig?: { fetchRemoteConfig?: boolean; serverUrl?: string };
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
