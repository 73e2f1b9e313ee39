import { DEFAULT_INSTANCE_NAME } from './constants';
import { describe } from './describe';
import { isIdentify } from './identify';
import { ConsoleLogger, LogLevel } from './logger';
import type { Config, CookieOptions, TrackingOptions } from './types';

/** Documented defaults (FEATURES.md B.1, B.7). */
export const DEFAULT_COOKIE_OPTIONS: CookieOptions = {
  domain: undefined,
  expiration: 365,
  sameSite: 'Lax',
  secure: false,
  upgrade: true,
};

export const DEFAULT_TRACKING_OPTIONS: TrackingOptions = {
  ipAddress: true,
  language: true,
  platform: true,
  osName: true,
  osVersion: true,
  deviceModel: true,
  userAgent: true,
};

type Check = (value: unknown) => boolean;

const isString: Check = (v) => typeof v === 'string' && v.length > 0;
const isBoolean: Check = (v) => typeof v === 'boolean';
const isInteger = (min: number, max = Infinity): Check => (v) =>
  typeof v === 'number' && Number.isInteger(v) && v >= min && v <= max;
const isNumberAtLeast = (min: number): Check => (v) => typeof v === 'number' && Number.isFinite(v) && v >= min;
const isOneOf = (...allowed: unknown[]): Check => (v) => allowed.indexOf(v) >= 0;
const isObject: Check = (v) => typeof v === 'object' && v !== null && !Array.isArray(v);
const isLogger: Check = (v) =>
  isObject(v) && ['log', 'warn', 'error', 'debug', 'enable', 'disable'].every((m) => typeof (v as never)[m] === 'function');
const isEventStore: Check = (v) =>
  isObject(v) && ['put', 'getAll', 'remove'].every((m) => typeof (v as never)[m] === 'function');
const isTransport: Check = (v) =>
  isOneOf('fetch', 'xhr', 'beacon')(v) ||
  (isObject(v) &&
    isOneOf('fetch', 'xhr', 'beacon')((v as { type?: unknown }).type) &&
    ((v as { headers?: unknown }).headers === undefined || isObject((v as { headers?: unknown }).headers)));
const isAutocapture: Check = (v) => isBoolean(v) || isObject(v);

/** Each documented option: its default and what a valid value looks like. */
const OPTION_RULES: { [name: string]: { fallback: () => unknown; valid: Check; expected: string } } = {
  instanceName: { fallback: () => DEFAULT_INSTANCE_NAME, valid: isString, expected: 'a non-empty string' },
  flushIntervalMillis: { fallback: () => 1000, valid: isNumberAtLeast(0), expected: 'a number ≥ 0' },
  flushQueueSize: { fallback: () => 30, valid: isInteger(1), expected: 'an integer ≥ 1' },
  flushMaxRetries: { fallback: () => 5, valid: isInteger(0), expected: 'an integer ≥ 0' },
  logLevel: { fallback: () => LogLevel.Warn, valid: isInteger(0, 4), expected: 'a LogLevel (0–4)' },
  loggerProvider: { fallback: () => new ConsoleLogger(), valid: isLogger, expected: 'a Logger' },
  minIdLength: { fallback: () => undefined, valid: isInteger(1), expected: 'an integer ≥ 1' },
  optOut: { fallback: () => false, valid: isBoolean, expected: 'a boolean' },
  serverUrl: { fallback: () => undefined, valid: isString, expected: 'a URL string' },
  serverZone: { fallback: () => 'US', valid: isOneOf('US', 'EU'), expected: '"US" or "EU"' },
  useBatch: { fallback: () => false, valid: isBoolean, expected: 'a boolean' },
  appVersion: { fallback: () => undefined, valid: isString, expected: 'a string' },
  autocapture: { fallback: () => true, valid: isAutocapture, expected: 'a boolean or an options object' },
  deviceId: { fallback: () => undefined, valid: isString, expected: 'a string' },
  userId: { fallback: () => undefined, valid: isString, expected: 'a string' },
  sessionId: { fallback: () => undefined, valid: isInteger(0), expected: 'a ms epoch number' },
  identify: { fallback: () => undefined, valid: isIdentify, expected: 'an Identify' },
  identityStorage: {
    fallback: () => 'cookie',
    valid: isOneOf('cookie', 'localStorage', 'sessionStorage', 'none'),
    expected: '"cookie", "localStorage", "sessionStorage" or "none"',
  },
  partnerId: { fallback: () => undefined, valid: isString, expected: 'a string' },
  sessionTimeout: { fallback: () => 30 * 60 * 1000, valid: isNumberAtLeast(1), expected: 'a number of ms > 0' },
  storageProvider: { fallback: () => undefined, valid: isEventStore, expected: 'an EventStore (put, getAll, remove)' },
  transport: { fallback: () => 'fetch', valid: isTransport, expected: '"fetch", "xhr", "beacon" or { type, headers }' },
  enableRequestBodyCompression: { fallback: () => undefined, valid: isBoolean, expected: 'a boolean' },
  offline: { fallback: () => false, valid: isOneOf(true, false, null), expected: 'true, false or OfflineDisabled (null)' },
  maxStoredEvents: { fallback: () => 20_000, valid: isInteger(1), expected: 'an integer ≥ 1' },
  remoteConfig: { fallback: () => undefined, valid: isObject, expected: 'an object' },
};

const COOKIE_OPTION_RULES: { [name: string]: { valid: Check; expected: string } } = {
  domain: { valid: (v) => typeof v === 'string', expected: 'a string' },
  expiration: { valid: isNumberAtLeast(0), expected: 'a number of days ≥ 0' },
  sameSite: { valid: isOneOf('Lax', 'Strict', 'None', 'lax', 'strict', 'none'), expected: '"Lax", "Strict" or "None"' },
  secure: { valid: isBoolean, expected: 'a boolean' },
  upgrade: { valid: isBoolean, expected: 'a boolean' },
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

  // `defaultTracking` is the deprecated spelling of `autocapture` (B14).
  if (options.autocapture === undefined && options.defaultTracking !== undefined) {
    config.autocapture = options.defaultTracking;
  }
  for (const name of Object.keys(OPTION_RULES)) {
    const rule = OPTION_RULES[name];
    const given = config[name];
    if (given === undefined) {
      config[name] = rule.fallback();
    } else if (!rule.valid(given)) {
      const fallback = rule.fallback();
      problems.push(`Option ${name} must be ${rule.expected}, got ${describe(given)}; using ${describe(fallback)}`);
      config[name] = fallback;
    }
  }
  config.cookieOptions = resolveCookieOptions(options.cookieOptions, problems);
  config.trackingOptions = resolveFlags('trackingOptions', DEFAULT_TRACKING_OPTIONS, options.trackingOptions, problems);
  return { config: config as Config, problems };
};

const resolveCookieOptions = (given: unknown, problems: string[]): CookieOptions => {
  const resolved: CookieOptions = { ...DEFAULT_COOKIE_OPTIONS };
  if (given === undefined) return resolved;
  if (!isObject(given)) {
    problems.push(`Option cookieOptions must be an object, got ${describe(given)}; using the defaults`);
    return resolved;
  }
  for (const [name, value] of Object.entries(given as object)) {
    const rule = COOKIE_OPTION_RULES[name];
    if (!rule || value === undefined) continue;
    if (rule.valid(value)) (resolved as unknown as { [key: string]: unknown })[name] = value;
    else problems.push(`Option cookieOptions.${name} must be ${rule.expected}, got ${describe(value)}; using the default`);
  }
  return resolved;
};

const resolveFlags = <T extends object>(label: string, defaults: T, given: unknown, problems: string[]): T => {
  const resolved = { ...defaults };
  if (given === undefined) return resolved;
  if (!isObject(given)) {
    problems.push(`Option ${label} must be an object, got ${describe(given)}; using the defaults`);
    return resolved;
  }
  for (const [name, value] of Object.entries(given as object)) {
    if (typeof value === 'boolean') (resolved as { [key: string]: unknown })[name] = value;
    else problems.push(`Option ${label}.${name} must be a boolean, got ${describe(value)}; ignored`);
  }
  return resolved;
};
