// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { ConsoleLogger, Identify } from '../src/index.js';
import { resolveConfig } from '../src/config.js';

const resolve = (options: Record<string, unknown> = {}) => resolveConfig({ apiKey: 'key', options });

describe('documented defaults', () => {
  const { config, problems } = resolve();
  it.each([
    ['instanceName', 'instanceName', '$default_instance'],
    ['flushIntervalMillis', 'flushIntervalMillis', 1000],
    ['flushQueueSize', 'flushQueueSize', 30],
    ['flushMaxRetries', 'flushMaxRetries', 5],
    ['logLevel (Warn)', 'logLevel', 2],
    ['minIdLength (5 on the server; unset in the body)', 'minIdLength', undefined],
    ['optOut', 'optOut', false],
    ['serverUrl (zone default)', 'serverUrl', undefined],
    ['serverZone', 'serverZone', 'US'],
    ['useBatch', 'useBatch', false],
    ['appVersion', 'appVersion', undefined],
    ['autocapture', 'autocapture', true],
    ['deviceId', 'deviceId', undefined],
    ['identify', 'identify', undefined],
    ['identityStorage', 'identityStorage', 'cookie'],
    ['partnerId', 'partnerId', undefined],
    ['sessionTimeout', 'sessionTimeout', 1_800_000],
    ['storageProvider (the IndexedDB store)', 'storageProvider', undefined],
    ['userId', 'userId', undefined],
    ['transport', 'transport', 'fetch'],
    ['enableRequestBodyCompression (by endpoint)', 'enableRequestBodyCompression', undefined],
    ['offline', 'offline', false],
    ['sessionId', 'sessionId', undefined],
  ])('%s', (_id, name, value) => {
    expect(config[name]).toEqual(value);
  });

  it('loggerProvider is the console logger', () => expect(config.loggerProvider).toBeInstanceOf(ConsoleLogger));
  it('cookieOptions', () =>
    expect(config.cookieOptions).toEqual({
      domain: undefined,
      expiration: 365,
      sameSite: 'Lax',
      secure: false,
      upgrade: true,
    }));
  it('trackingOptions all on', () =>
    expect(config.trackingOptions).toMatchObject({ ipAddress: true, language: true, platform: true }));
  it('reports no problems for no options', () => expect(problems).toEqual([]));
});

describe('invalid option values are logged and the default used', () => {
  it.each([
    ['flushQueueSize', 0, 30],
    ['flushQueueSize', 2.5, 30],
    ['flushIntervalMillis', -1, 1000],
    ['flushMaxRetries', 'five', 5],
    ['logLevel', 'LogLevel.None', 2],
    ['logLevel', 9, 2],
    ['minIdLength', 0, undefined],
    ['optOut', 'yes', false],
    ['serverZone', 'APAC', 'US'],
    ['useBatch', 1, false],
    ['sessionTimeout', 0, 1_800_000],
    ['identityStorage', 'indexedDB', 'cookie'],
    ['transport', 'carrier-pigeon', 'fetch'],
    ['transport', { type: 'fetch', headers: 'x' }, 'fetch'],
    ['offline', 'no', false],
    ['loggerProvider', { log() {} }, undefined],
    ['storageProvider', { get() {} }, undefined],
    ['identify', { set() {} }, undefined],
    ['autocapture', 'on', true],
  ])('%s = %j', (name, value, fallback) => {
    const { config, problems } = resolve({ [name]: value });
    if (name === 'loggerProvider') expect(config.loggerProvider).toBeInstanceOf(ConsoleLogger);
    else expect(config[name]).toEqual(fallback);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toContain(`Option ${name} must be`);
  });

  it('cookieOptions and trackingOptions are checked field by field', () => {
    const { config, problems } = resolve({
      cookieOptions: { expiration: -3, sameSite: 'Strict', secure: 'yes' },
      trackingOptions: { ipAddress: false, language: 'no' },
    });
    expect(config.cookieOptions).toMatchObject({ expiration: 365, sameSite: 'Strict', secure: false });
    expect(config.trackingOptions).toMatchObject({ ipAddress: false, language: true });
    expect(problems).toHaveLength(3);
  });

  it(
    'cookieOptions keys named like Object.prototype members are ignored as ' +
      'unknown, not fatal to init (public API fuzz)',
    () => {
      const { config, problems } = resolve({ cookieOptions: { constructor: 'c', toString: 1, secure: true } });
      expect(config.cookieOptions).toMatchObject({ secure: true, expiration: 365 });
      expect(problems).toEqual([]);
    },
  );

  it(
    'an option value that throws when checked (a revoked Proxy) gets the ' + 'default and a problem, not a failed init',
    () => {
      const { proxy, revoke } = Proxy.revocable({}, {});
      revoke();
      const { config, problems } = resolveConfig({ apiKey: 'k', options: { loggerProvider: proxy, transport: proxy } });
      expect(config.loggerProvider).toBeInstanceOf(ConsoleLogger);
      expect(config.transport).toBe('fetch');
      expect(problems).toEqual([
        expect.stringContaining('Option loggerProvider must be'),
        expect.stringContaining('Option transport must be'),
      ]);
    },
  );

  it('keeps valid values and unknown options', () => {
    const identify = new Identify();
    const { config, problems } = resolve({
      flushQueueSize: 5,
      transport: { type: 'xhr', headers: { a: 'b' } },
      offline: null,
      identify,
      myPluginOption: 1,
    });
    expect(config).toMatchObject({
      flushQueueSize: 5,
      transport: { type: 'xhr', headers: { a: 'b' } },
      offline: null,
      identify,
      myPluginOption: 1,
    });
    expect(problems).toEqual([]);
  });

  it('a custom loggerProvider gets every call, and what it throws stays in it (public API fuzz)', () => {
    const calls: unknown[][] = [];
    const throwing = () => {
      throw new Error('the app logger failed');
    };
    const logger = {
      log: throwing,
      warn: (...args: unknown[]) => (calls.push(args), throwing()),
      error: throwing,
      debug: throwing,
      enable: throwing,
      disable: throwing,
    };
    const { config } = resolve({ loggerProvider: logger });
    expect(() => {
      config.loggerProvider.enable(2);
      config.loggerProvider.warn('a problem', 42);
      config.loggerProvider.error('an error');
    }).not.toThrow();
    expect(calls).toEqual([['a problem', 42]]);
  });

  it('defaultTracking is the deprecated spelling of autocapture', () => {
    expect(resolve({ defaultTracking: false }).config.autocapture).toBe(false);
    expect(resolve({ defaultTracking: false, autocapture: true }).config.autocapture).toBe(true);
  });
});

// The log line a bad option gets, in full: the rules' texts are made from their allowed values
// (issue 19, smaller option checks), and every line must still say what was wrong and what is used.
describe('the log line of a bad option', () => {
  it.each([
    ['serverZone', { serverZone: 'APAC' }, 'Option serverZone must be "US" or "EU", got "APAC"; using "US"'],
    [
      'identityStorage',
      { identityStorage: 'indexedDB' },
      'Option identityStorage must be "cookie", "localStorage", "sessionStorage" or "none", ' +
        'got "indexedDB"; using "cookie"',
    ],
    [
      'cookieless',
      { cookieless: 'sometimes' },
      'Option cookieless must be "never", "when_denied" or "always", got "sometimes"; using "never"',
    ],
    ['flushQueueSize', { flushQueueSize: 0 }, 'Option flushQueueSize must be an integer ≥ 1, got 0; using 30'],
    ['minIdLength', { minIdLength: 0 }, 'Option minIdLength must be an integer ≥ 1, got 0; using undefined'],
    ['optOut', { optOut: 'yes' }, 'Option optOut must be a boolean, got "yes"; using false'],
    [
      'transport',
      { transport: 'carrier-pigeon' },
      'Option transport must be "fetch", "xhr", "beacon" or { type, headers }, got "carrier-pigeon"; using "fetch"',
    ],
    [
      'cookieOptions',
      { cookieOptions: 'yes' },
      'Option cookieOptions must be an object, got "yes"; using the defaults',
    ],
    [
      'cookieOptions.sameSite',
      { cookieOptions: { sameSite: 'loose' } },
      'Option cookieOptions.sameSite must be "Lax", "Strict" or "None", got "loose"; using the default',
    ],
    [
      'trackingOptions.language',
      { trackingOptions: { language: 'no' } },
      'Option trackingOptions.language must be a boolean, got "no"; ignored',
    ],
    [
      'trackingOptions.unknown',
      { trackingOptions: { unknownFlag: 1 } },
      'Option trackingOptions.unknownFlag must be a boolean, got 1; ignored',
    ],
  ])('%s', (_name, options, line) => {
    expect(resolve(options).problems).toEqual([line]);
  });
});
