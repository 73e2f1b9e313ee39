/** Wire names and documented defaults of network request capture — defined once. */

export const PLUGIN_NAME = 'sightline-network-requests';

export const EVENT_NETWORK_REQUEST = '[Amplitude] Network Request';

export const NetworkProperty = {
  URL: '[Amplitude] URL',
  URL_QUERY: '[Amplitude] URL Query',
  URL_FRAGMENT: '[Amplitude] URL Fragment',
  REQUEST_METHOD: '[Amplitude] Request Method',
  STATUS_CODE: '[Amplitude] Status Code',
  ERROR_CODE: '[Amplitude] Error Code',
  ERROR_MESSAGE: '[Amplitude] Error Message',
  START_TIME: '[Amplitude] Start Time',
  COMPLETION_TIME: '[Amplitude] Completion Time',
  DURATION: '[Amplitude] Duration',
  REQUEST_BODY_SIZE: '[Amplitude] Request Body Size',
  RESPONSE_BODY_SIZE: '[Amplitude] Response Body Size',
  REQUEST_BODY: '[Amplitude] Request Body',
  RESPONSE_BODY: '[Amplitude] Response Body',
  REQUEST_HEADERS: '[Amplitude] Request Headers',
  RESPONSE_HEADERS: '[Amplitude] Response Headers',
  REQUEST_TYPE: '[Amplitude] Request Type',
} as const;

export type RequestType = 'fetch' | 'xhr';

/** The brief's default: server errors and requests that never got an answer. */
export const DEFAULT_STATUS_CODE_RANGE = '0,500-599';

/** `ignoreAmplitudeRequests` covers this domain and every subdomain. */
export const AMPLITUDE_DOMAIN = 'amplitude.com';

/** The key (for Symbol.for) the SDK's own uploads carry: never captured. Defined in core. */
export { SDK_REQUEST_MARKER } from '@sightline/core';

/** Credentials: never captured, even when a rule names them. */
export const NEVER_CAPTURED_HEADERS: readonly string[] = [
  'authorization',
  'proxy-authorization',
  'cookie',
  'set-cookie',
  'set-cookie2',
];

/** `requestHeaders: true` / `responseHeaders: true` capture only these (48 names). */
export const SAFE_HEADERS: readonly string[] = (
  'access-control-allow-origin access-control-allow-credentials access-control-expose-headers access-control-max-age ' +
  'access-control-allow-methods access-control-allow-headers accept-patch accept-ranges age allow ' +
  'alt-svc cache-control connection content-disposition content-encoding content-language content-length ' +
  'content-location content-md5 content-range content-type date delta-base etag expires im last-modified ' +
  'link location permanent p3p pragma proxy-authenticate public-key-pins retry-after server status ' +
  'strict-transport-security trailer transfer-encoding tk upgrade vary via warning www-authenticate ' +
  'x-b3-traceid x-frame-options'
).split(' ');

/** Bodies larger than this are never read or parsed for body capture (main-thread cost). */
export const MAX_CAPTURED_BODY_BYTES = 256 * 1024;

/** Deepest JSON nesting walked by body capture. */
export const MAX_BODY_DEPTH = 32;
