// Every wire name and default of the collector, defined once.

export const DEFAULTS = Object.freeze({
  port: 8787,
  host: '127.0.0.1',
  dataDir: '.collector-data',
  /** The documented HTTP V2 limit: requests over 1 MB get 413. Measured on the decoded body. */
  maxBodyBytes: 1_000_000,
  /** The documented HTTP V2 limit: at most 2,000 events per request. */
  maxEventsPerRequest: 2000,
  /** The documented minimum length of user_id / device_id unless options.min_id_length says otherwise. */
  minIdLength: 5,
  /** The documented 429 body names the per-device / per-user events-per-second threshold. */
  epsThreshold: 30,
});

/** Amplitude ignores an insert_id it has seen in the past 7 days. */
export const DEDUPE_WINDOW_MS = 7 * 24 * 60 * 60 * 1000;

/** Request body fields (HTTP V2 / Batch API). */
export const BODY = Object.freeze({
  apiKey: 'api_key',
  events: 'events',
  options: 'options',
  minIdLength: 'min_id_length',
});

/** Event fields the collector validates. */
export const FIELD = Object.freeze({
  eventType: 'event_type',
  userId: 'user_id',
  deviceId: 'device_id',
  time: 'time',
  insertId: 'insert_id',
  /** Names a list entry that is not a JSON object at all. */
  event: 'event',
});

/** Response body fields, as documented for the HTTP V2 API. */
export const RESPONSE = Object.freeze({
  code: 'code',
  error: 'error',
  eventsIngested: 'events_ingested',
  payloadSizeBytes: 'payload_size_bytes',
  serverUploadTime: 'server_upload_time',
  missingField: 'missing_field',
  eventsWithInvalidFields: 'events_with_invalid_fields',
  eventsWithMissingFields: 'events_with_missing_fields',
  eventsWithInvalidIdLengths: 'events_with_invalid_id_lengths',
  epsThreshold: 'eps_threshold',
  throttledDevices: 'throttled_devices',
  throttledUsers: 'throttled_users',
  throttledEvents: 'throttled_events',
  exceededDailyQuotaUsers: 'exceeded_daily_quota_users',
  exceededDailyQuotaDevices: 'exceeded_daily_quota_devices',
});

export const ERROR_MESSAGE = Object.freeze({
  invalidJson: 'Invalid JSON request body',
  missingField: 'Request missing required field',
  invalidFields: 'Invalid field values on some events',
  invalidIdLength: 'Invalid id length for user_id or device_id',
  payloadTooLarge: 'Payload too large',
  tooManyRequests: 'Too many requests for some devices and users',
  invalidGzip: 'Invalid gzip request body',
  unsupportedEncoding: 'Unsupported Content-Encoding',
  methodNotAllowed: 'Method not allowed',
  notFound: 'Not found',
  forbidden: 'Cross-origin requests to the control API are refused',
  internal: 'Internal collector error',
});

/** Paths. Ingestion is any POST path that ends with one of INGEST_SUFFIXES. */
export const INGEST_SUFFIXES = Object.freeze(['/2/httpapi', '/batch']);
export const PATH = Object.freeze({
  ingest: '/2/httpapi',
  inspector: '/',
  inspectorScript: '/inspector.js',
  inspectorStyle: '/inspector.css',
  favicon: '/favicon.ico',
  stream: '/_events/stream',
  controlPrefix: '/_control/',
});

/** Server-sent event names on PATH.stream. */
export const STREAM_EVENT = Object.freeze({
  snapshot: 'snapshot',
  events: 'events',
  stats: 'stats',
  reset: 'reset',
});

export const CORS_MAX_AGE_SECONDS = 600;
export const SSE_HEARTBEAT_MS = 15_000;

/** Files under dataDir. */
export const EVENTS_FILE_PREFIX = 'events-';
export const EVENTS_FILE_SUFFIX = '.ndjson';
export const INSERT_IDS_FILE = 'insert-ids.ndjson';
