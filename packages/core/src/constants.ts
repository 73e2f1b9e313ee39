/** Wire names and documented defaults — defined once. */

export const SDK_NAME = 'sightline';
export const SDK_VERSION = '0.1.0';
export const LIBRARY = `${SDK_NAME}/${SDK_VERSION}`;

export const DEFAULT_INSTANCE_NAME = '$default_instance';

export const EVENT_SESSION_START = 'session_start';
export const EVENT_SESSION_END = 'session_end';
export const EVENT_IDENTIFY = '$identify';
export const EVENT_GROUP_IDENTIFY = '$groupidentify';
export const EVENT_REVENUE = 'revenue_amount';

/** Identify operators. */
export const IdentifyOperation = {
  SET: '$set',
  SET_ONCE: '$setOnce',
  ADD: '$add',
  APPEND: '$append',
  PREPEND: '$prepend',
  PRE_INSERT: '$preInsert',
  POST_INSERT: '$postInsert',
  REMOVE: '$remove',
  UNSET: '$unset',
  CLEAR_ALL: '$clearAll',
} as const;
export type IdentifyOperation = (typeof IdentifyOperation)[keyof typeof IdentifyOperation];

/** Revenue event property names. */
export const RevenueProperty = {
  PRODUCT_ID: '$productId',
  QUANTITY: '$quantity',
  PRICE: '$price',
  REVENUE_TYPE: '$revenueType',
  CURRENCY: '$currency',
  REVENUE: '$revenue',
  RECEIPT: '$receipt',
  RECEIPT_SIG: '$receiptSig',
} as const;

/** Result codes for outcomes decided on the client, before any server answer. */
export const ResultCode = {
  SUCCESS: 200,
  INVALID_INPUT: 400,
  /** Not sent, and no server answer to report: dropped by a plugin returning null or by opt-out; or, from the
   *  delivery engine, no answer yet (network error) or handed to the next page life at teardown, still stored. */
  SKIPPED: 0,
  /** A plugin threw while handling the event. */
  PLUGIN_ERROR: 500,
} as const;

export const ServerUrl = {
  US: 'https://api2.amplitude.com/2/httpapi',
  US_BATCH: 'https://api2.amplitude.com/batch',
  EU: 'https://api.eu.amplitude.com/2/httpapi',
  EU_BATCH: 'https://api.eu.amplitude.com/batch',
} as const;

export const OfflineDisabled = null;

/** Largest string property value kept as is; longer ones are cut (bad-input rule). */
export const MAX_STRING_LENGTH = 1024;
/** Deepest nesting of property objects kept. */
export const MAX_PROPERTY_DEPTH = 10;
/** The most keys kept in one property object. */
export const MAX_PROPERTY_KEYS = 1000;

export const SESSION_ID_NONE = -1;

/** The SDK marks its own uploads with `Symbol.for(SDK_REQUEST_MARKER)` so network capture skips them. */
export const SDK_REQUEST_MARKER = 'sightline.sdk-request';
