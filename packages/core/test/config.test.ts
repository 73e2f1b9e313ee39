// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { ConsoleLogger, Identify, resolveConfig } from '../src';

const resolve = (options: Record<string, unknown> = {}) => resolveConfig({ apiKey: 'key', options });

describe('B.1 documented defaults', () => {
  const { config, problems } = resolve();
  it.each([
    ['B01 instanceName', 'instanceName', '$default_instance'],
    ['B02 flushIntervalMillis', 'flushIntervalMillis', 1000],
    ['B03 flushQueueSize', 'flushQueueSize', 30],
    ['B04 flushMaxRetries', 'flushMaxRetries', 5],
    ['B05 logLevel (Warn)', 'logLevel', 2],
    ['B07 minIdLength (5 on the server; unset in the body, OQ-7)', 'minIdLength', undefined],
    ['B08 optOut', 'optOut', false],
    ['B09 serverUrl (zone default)', 'serverUrl', undefined],
    ['B10 serverZone', 'serverZone', 'US'],
    ['B11 useBatch', 'useBatch', false],
    ['B12 appVersion', 'appVersion', undefined],
    ['B13 autocapture', 'autocapture', true],
    ['B15 deviceId', 'deviceId', undefined],
    ['B16 identify', 'identify', undefined],
    ['B22 identityStorage', 'identityStorage', 'cookie'],
    ['B23 partnerId', 'partnerId', undefined],
    ['B24 sessionTimeout', 'sessionTimeout', 1_800_000],
    ['B25 storageProvider (the IndexedDB store)', 'storageProvider', undefined],
    ['B26 userId', 'userId', undefined],
    ['B28 transport', 'transport', 'fetch'],
    ['B29 enableRequestBodyCompression (by endpoint)', 'enableRequestBodyCompression', undefined],
    ['B30 offline', 'offline', false],
    ['B33 sessionId', 'sessionId', undefined],
  ])('%s', (_id, name, value) => {
    expect(config[name]).toEqual(value);
  });

  it('B06 loggerProvider is the console logger', () => expect(config.loggerProvider).toBeInstanceOf(ConsoleLogger));
  it('B17–B21 cookieOptions', () =>
    expect(config.cookieOptions).toEqual({ domain: undefined, expiration: 365, sameSite: 'Lax', secure: false, upgrade: true }));
  it('B27, B88–B90 trackingOptions all on', () =>
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

  it('cookieOptions keys named like Object.prototype members are ignored as unknown, not fatal to init (public API fuzz)', () => {
    const { config, problems } = resolve({ cookieOptions: { constructor: 'c', toString: 1, secure: true } });
    expect(config.cookieOptions).toMatchObject({ secure: true, expiration: 365 });
    expect(problems).toEqual([]);
  });

  it('an option value that throws when checked (a revoked Proxy) gets the default and a problem, not a failed init', () => {
    const { proxy, revoke } = Proxy.revocable({}, {});
    revoke();
    const { config, problems } = resolveConfig({ apiKey: 'k', options: { loggerProvider: proxy, transport: proxy } });
    expect(config.loggerProvider).toBeInstanceOf(ConsoleLogger);
    expect(config.transport).toBe('fetch');
    expect(problems).toEqual([expect.stringContaining('Option loggerProvider must be'), expect.stringContaining('Option transport must be')]);
  });

  it('keeps valid values and unknown options', () => {
    const identify = new Identify();
    const { config, problems } = resolve({ flushQueueSize: 5, transport: { type: 'xhr', headers: { a: 'b' } }, offline: null, identify, myPluginOption: 1 });
    expect(config).toMatchObject({ flushQueueSize: 5, transport: { type: 'xhr', headers: { a: 'b' } }, offline: null, identify, myPluginOption: 1 });
    expect(problems).toEqual([]);
  });

  it('a custom loggerProvider (B06) gets every call, and what it throws stays in it (public API fuzz)', () => {
    const calls: unknown[][] = [];
    const throwing = () => {
      throw new Error('the app logger failed');
    };
    const logger = { log: throwing, warn: (...args: unknown[]) => (calls.push(args), throwing()), error: throwing, debug: throwing, enable: throwing, disable: throwing };
    const { config } = resolve({ loggerProvider: logger });
    expect(() => {
      config.loggerProvider.enable(2);
      config.loggerProvider.warn('a problem', 42);
      config.loggerProvider.error('an error');
    }).not.toThrow();
    expect(calls).toEqual([['a problem', 42]]);
  });

  it('defaultTracking is the deprecated spelling of autocapture (B14)', () => {
    expect(resolve({ defaultTracking: false }).config.autocapture).toBe(false);
    expect(resolve({ defaultTracking: false, autocapture: true }).config.autocapture).toBe(true);
  });
});
