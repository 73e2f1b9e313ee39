/** Storage names and URL hand-off parameters. */
import { DEFAULT_INSTANCE_NAME, type Config } from '@sightline/core';

export const KEY_PREFIX_LENGTH = 10;
const keyPrefix = (apiKey: string): string => apiKey.slice(0, KEY_PREFIX_LENGTH);

/** `<key10>` for the default instance, `<key10>_<instance>` for named ones: instances never share
 * an identity or a queue. Every per-instance storage name ends with it. */
export const instanceSuffix = (config: Pick<Config, 'apiKey' | 'instanceName'>): string =>
  config.instanceName === DEFAULT_INSTANCE_NAME
    ? keyPrefix(config.apiKey)
    : `${keyPrefix(config.apiKey)}_${config.instanceName}`;

/** Identity (cookie or web-storage key): `sl_<suffix>`. */
export const IDENTITY_PREFIX = 'sl_';
/** The documented SDK's identity cookie: same encoding and field names as ours. */
export const amplitudeCookieName = (apiKey: string): string => `AMP_${keyPrefix(apiKey)}`;
/** The legacy (amplitude-js ≥ 6) cookie: dot-separated fields, numbers in base 32. */
export const legacyCookieName = (apiKey: string): string => `amp_${apiKey.slice(0, 6)}`;

export const PARAM_DEVICE_ID = 'ampDeviceId';
export const PARAM_LEGACY_DEVICE_ID = 'deviceId';
export const PARAM_SESSION_ID = 'ampSessionId';
export const PARAM_TIMESTAMP = 'ampTimestamp';

export const PLATFORM = 'Web';
export const IP_REMOTE = '$remote';

/** Unsent events: one IndexedDB database per key and instance
 * (idb-keyval keeps one object store per database), localStorage records only as a fallback. */
export const UNSENT_DATABASE_PREFIX = 'sightline';
export const UNSENT_OBJECT_STORE = 'unsent';
export const UNSENT_LOCAL_PREFIX = 'sl_unsent_';
/** Cross-tab names: the flush lock and the channel on which tabs share delivery outcomes. */
export const FLUSH_LOCK_PREFIX = 'sightline_flush_';
export const OUTCOME_CHANNEL_PREFIX = 'sightline_delivery_';
/** Events sent in requests that outlived their page (localStorage): the next page life does not send them again. */
export const SENT_NOTE_PREFIX = 'sl_sent_';
