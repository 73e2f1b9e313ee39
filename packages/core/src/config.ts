import { DEFAULT_INSTANCE_NAME } from './constants.js';
import { CONSENT_OPTION_RULES } from './consent-policy.js';
import { describeValue } from './describe-value.js';
import { isIdentify } from './identify.js';
import { ConsoleLogger, LogLevel } from './logger.js';
import { isBoolean, isOneOf, type Check } from './option-guards.js';
import { tryOr } from './try-or.js';
import type { Config, Logger } from './types.js';

/** Documented defaults. */
export const DEFAULT_COOKIE_OPTIONS: Config['cookieOptions'] = {
  domain: undefined,
  expiration: 365,
  sameSite: 'Lax',
  secure: false,
  upgrade: true,
};

export const DEFAULT_TRACKING_OPTIONS: Config['trackingOptions'] = {
  ipAddress: true,
  language: true,
  platform: true,
  osName: true,
  osVersion: true,
  deviceModel: true,
  userAgent: true,
};

const isString: Check = (v) => typeof v === 'string' && v.length > 0;
const isInteger =
  (min: number, max = Infinity): Check =>
  (v) =>
    typeof v === 'number' && Number.isInteger(v) && v >= min && v <= max;
const isNumberAtLeast =
  (min: number): Check =>
  (v) =>
    typeof v === 'number' && Number.isFinite(v) && v >= min;
const isObject: Check = (v) => typeof v === 'object' && v !== null && !Array.isArray(v);
const LOGGER_METHODS = ['log', 'warn', 'error', 'debug', 'enable', 'disable'] as const;
const isLogger: Check = (v) => isObject(v) && LOGGER_METHODS.every((m) => typeof (v as never)[m] === 'function');

/**
 * A custom logger is app code the SDK calls from everywhere, its own error handling
 * included: whatever it throws stays in it, so that it never reaches the host page.
 */
const guardLogger = (logger: Logger): Logger => {
  const guarded: { [method: string]: (...args: unknown[]) => void } = {};
  for (const method of LOGGER_METHODS) {
    // The app's logger failed: nothing more the SDK can tell it.
    guarded[method] = (...args) => tryOr(() => (logger[method] as (...a: unknown[]) => void)(...args), undefined);
  }
  return guarded as unknown as Logger;
};

const isEventStore: Check = (v) =>
  isObject(v) && ['put', 'getAll', 'remove'].every((m) => typeof (v as never)[m] === 'function');
/** The transport names `transport` / `setTransport` accept. */
export const isTransportType = isOneOf('fetch', 'xhr', 'beacon');
/** What `transport` and `setTransport` accept: a name, or `{ type, headers }`. */
export const isTransport: Check = (v) =>
  isTransportType(v) ||
  (isObject(v) &&
    isTransportType((v as { type?: unknown }).type) &&
    ((v as { headers?: unknown }).headers === undefined || isObject((v as { headers?: unknown }).headers)));
/** How the log says what `transport` and `setTransport` accept. */
export const TRANSPORT_TEXT = '"fetch", "xhr", "beacon" or { type, headers }';
const isAutocapture: Check = (v) => isBoolean(v) || isObject(v);

/**
 * What a valid value looks like, described for the log, and the default (absent: undefined).
 * A function default is a factory, called for each config (no option defaults to a function).
 */
type Rule = [valid: Check, expected: string, fallback?: unknown];

const STRING: Rule = [isString, 'a string'];
const BOOLEAN: Rule = [isBoolean, 'a boolean'];

/** Each documented option (in this order): its check and its default. */
const OPTION_RULES: { [name: string]: Rule } = {
  instanceName: [isString, 'a non-empty string', DEFAULT_INSTANCE_NAME],
  flushIntervalMillis: [isNumberAtLeast(0), 'a number ≥ 0', 1000],
  flushQueueSize: [isInteger(1), 'an integer ≥ 1', 30],
  flushMaxRetries: [isInteger(0), 'an integer ≥ 0', 5],
  logLevel: [isInteger(0, 4), 'a LogLevel (0–4)', LogLevel.Warn],
  loggerProvider: [isLogger, 'a Logger', () => new ConsoleLogger()],
  minIdLength: [isInteger(1), 'an integer ≥ 1'],
  optOut: [isBoolean, 'a boolean', false],
  serverUrl: [isString, 'a URL string'],
  serverZone: [isOneOf('US', 'EU'), '"US" or "EU"', 'US'],
  useBatch: [isBoolean, 'a boolean', false],
  appVersion: STRING,
  autocapture: [isAutocapture, 'a boolean or an options object', true],
  deviceId: STRING,
  userId: STRING,
  sessionId: [isInteger(0), 'a ms epoch number'],
  identify: [isIdentify, 'an Identify'],
  identityStorage: [
    isOneOf('cookie', 'localStorage', 'sessionStorage', 'none'),
    '"cookie", "localStorage", "sessionStorage" or "none"',
    'cookie',
  ],
  partnerId: STRING,
  sessionTimeout: [isNumberAtLeast(1), 'a number of ms > 0', 30 * 60 * 1000],
  storageProvider: [isEventStore, 'an EventStore (put, getAll, remove)'],
  transport: [isTransport, TRANSPORT_TEXT, 'fetch'],
  enableRequestBodyCompression: BOOLEAN,
  offline: [isOneOf(true, false, null), 'true, false or OfflineDisabled (null)', false],
  maxStoredEvents: [isInteger(1), 'an integer ≥ 1', 20_000],
  remoteConfig: [isObject, 'an object'],
  ...CONSENT_OPTION_RULES,
};

const COOKIE_OPTION_RULES: { [name: string]: Rule } = {
  domain: [(v) => typeof v === 'string', 'a string'],
  expiration: [isNumberAtLeast(0), 'a number of days ≥ 0'],
  sameSite: [isOneOf('Lax', 'Strict', 'None', 'lax', 'strict', 'none'), '"Lax", "Strict" or "None"'],
  secure: BOOLEAN,
  upgrade: BOOLEAN,
};

export interface ResolveConfigInput {
  apiKey: string;
  options: { [name: string]: unknown };
}

/**
 * Validates `init` options against the documented defaults. An invalid value is reported
 * (returned in `problems`, logged by the client) and the default used instead; unknown
 * options are kept as given so plugins can read their own.
 */
export const resolveConfig = ({ apiKey, options }: ResolveConfigInput): { config: Config; problems: string[] } => {
  const problems: string[] = [];
  const config: { [name: string]: unknown } = { ...options, apiKey };

  // `defaultTracking` is the deprecated spelling of `autocapture`.
  if (options.autocapture === undefined && options.defaultTracking !== undefined) {
    config.autocapture = options.defaultTracking;
  }
  for (const name of Object.keys(OPTION_RULES)) {
    const [valid, expected, fallback] = OPTION_RULES[name];
    const given = config[name];
    // A value that throws when checked (a revoked Proxy) is as invalid as a wrong type: the default, not a failed init.
    if (given !== undefined && tryOr(() => valid(given), false)) continue;
    const value: unknown = typeof fallback === 'function' ? (fallback as () => unknown)() : fallback;
    if (given !== undefined)
      problems.push(`Option ${name} must be ${expected}, got ${describeValue(given)}; using ${describeValue(value)}`);
    config[name] = value;
  }
  if (!(config.loggerProvider instanceof ConsoleLogger))
    config.loggerProvider = guardLogger(config.loggerProvider as Logger);
  config.cookieOptions = resolveCookieOptions(options.cookieOptions, problems);
  config.trackingOptions = resolveFlags('trackingOptions', DEFAULT_TRACKING_OPTIONS, options.trackingOptions, problems);
  return { config: config as Config, problems };
};

const resolveCookieOptions = (given: unknown, problems: string[]): Config['cookieOptions'] => {
  const resolved: Config['cookieOptions'] = { ...DEFAULT_COOKIE_OPTIONS };
  if (given === undefined) return resolved;
  if (!isObject(given)) {
    problems.push(`Option cookieOptions must be an object, got ${describeValue(given)}; using the defaults`);
    return resolved;
  }
  for (const [name, value] of Object.entries(given as object)) {
    // Own rules only: `constructor` or `toString` as a key must not find Object.prototype's.
    const rule = Object.prototype.hasOwnProperty.call(COOKIE_OPTION_RULES, name)
      ? COOKIE_OPTION_RULES[name]
      : undefined;
    if (!rule || value === undefined) continue;
    if (rule[0](value)) (resolved as unknown as { [key: string]: unknown })[name] = value;
    else
      problems.push(`Option cookieOptions.${name} must be ${rule[1]}, got ${describeValue(value)}; using the default`);
  }
  return resolved;
};

const resolveFlags = <T extends object>(label: string, defaults: T, given: unknown, problems: string[]): T => {
  const resolved = { ...defaults };
  if (given === undefined) return resolved;
  if (!isObject(given)) {
    problems.push(`Option ${label} must be an object, got ${describeValue(given)}; using the defaults`);
    return resolved;
  }
  for (const [name, value] of Object.entries(given as object)) {
    if (typeof value === 'boolean') (resolved as { [key: string]: unknown })[name] = value;
    else problems.push(`Option ${label}.${name} must be a boolean, got ${describeValue(value)}; ignored`);
  }
  return resolved;
};
