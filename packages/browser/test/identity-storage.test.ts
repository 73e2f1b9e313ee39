import { afterEach, describe, expect, it, vi } from 'vitest';
import type { IdentitySnapshot } from '@sightline/core';
import { resolvedConfig, silentLogger } from '@sightline/test-utils';
import { readCookie, writeCookie } from '@sightline/dom';
import { decodeIdentity, decodeLegacyIdentity, encodeIdentity } from '../src/identity-codec.js';
import { createIdentityStorage, readLegacyIdentity, storageKey } from '../src/identity-storage.js';
import { readUrlHandoff } from '../src/url-handoff.js';

const API_KEY = 'a2dbce0e18dfe5f8e7c7b1d0ffeedbeef';
const configWith = (options: Record<string, unknown> = {}) => resolvedConfig(options, API_KEY);
const clearCookies = () => {
  for (const part of document.cookie.split(';')) {
    const name = part.split('=')[0].trim();
    if (name) document.cookie = `${name}=; expires=Thu, 01 Jan 1970 00:00:00 GMT; path=/`;
  }
};

afterEach(() => {
  clearCookies();
  localStorage.clear();
  sessionStorage.clear();
});

const snapshot: IdentitySnapshot = {
  deviceId: 'device-ü-1',
  userId: 'user@example.com',
  sessionId: 1,
  optOut: false,
  lastEventTime: 2,
  lastEventId: 3,
  pageCounter: 4,
};

describe('identity encoding', () => {
  it('round-trips base64 of the URI-encoded JSON, unicode included', () => {
    const encoded = encodeIdentity(snapshot);
    expect(JSON.parse(decodeURIComponent(atob(encoded)))).toEqual(snapshot);
    expect(decodeIdentity(encoded)).toEqual(snapshot);
  });

  it.each([[undefined], [''], ['%%%'], ['bm90IGpzb24='], [btoa(encodeURIComponent('"a string"'))]])(
    'ignores garbage %j',
    (value) => {
      expect(decodeIdentity(value)).toBeUndefined();
    },
  );

  it('keeps only known fields with the right types', () => {
    const encoded = btoa(
      encodeURIComponent(JSON.stringify({ deviceId: 7, userId: 'u', sessionId: 'x', evil: 1, optOut: true })),
    );
    expect(decodeIdentity(encoded)).toEqual({ userId: 'u', optOut: true });
  });

  it('decodes the legacy amp_<key6> cookie (base-32 numbers, base64 user id)', () => {
    const value = [
      'legacy-device',
      btoa('user-9'),
      '0',
      (1_700_000_000_000).toString(32),
      (1_700_000_000_500).toString(32),
      (42).toString(32),
    ].join('.');
    expect(decodeLegacyIdentity(value)).toEqual({
      deviceId: 'legacy-device',
      userId: 'user-9',
      optOut: false,
      sessionId: 1_700_000_000_000,
      lastEventTime: 1_700_000_000_500,
      lastEventId: 42,
    });
    expect(decodeLegacyIdentity('')).toBeUndefined();
  });
});

describe('identityStorage', () => {
  it('cookie: one sl_<key10> cookie holding the identity', () => {
    const storage = createIdentityStorage(configWith(), silentLogger());
    storage.write(snapshot);
    expect(readCookie('sl_a2dbce0e18')).toBeDefined();
    expect(storage.read()).toEqual(snapshot);
    expect(document.cookie.split(';').filter((c) => c.trim()).length).toBe(1); // probe cookies removed
  });

  it('cookie: the domain is probed at the first write (consent may allow none before) and kept in the config', () => {
    const config = configWith();
    expect(config.cookieOptions.domain).toBeUndefined();
    const storage = createIdentityStorage(config, silentLogger());
    storage.read();
    expect(config.cookieOptions.domain).toBeUndefined();
    storage.write(snapshot);
    expect(config.cookieOptions.domain).toBe(''); // happy-dom runs on localhost: a host-only cookie
    const given = configWith({ cookieOptions: { domain: '.example.com' } });
    createIdentityStorage(given, silentLogger()).write(snapshot);
    expect(given.cookieOptions.domain).toBe('.example.com');
  });

  it('named instances never share identity storage', () => {
    expect(storageKey(configWith())).toBe('sl_a2dbce0e18');
    expect(storageKey(configWith({ instanceName: 'second' }))).toBe('sl_a2dbce0e18_second');
  });

  it.each([['localStorage'], ['sessionStorage']] as const)('%s keeps the identity there and sets no cookie', (kind) => {
    const storage = createIdentityStorage(configWith({ identityStorage: kind }), silentLogger());
    storage.write(snapshot);
    expect(decodeIdentity(window[kind].getItem('sl_a2dbce0e18'))).toEqual(snapshot);
    expect(document.cookie).toBe('');
  });

  it('none keeps nothing beyond memory', () => {
    const storage = createIdentityStorage(configWith({ identityStorage: 'none' }), silentLogger());
    storage.write(snapshot);
    expect(document.cookie).toBe('');
    expect(localStorage.length).toBe(0);
  });

  it('falls back to memory with a warning when web storage throws', () => {
    const log = silentLogger();
    const spy = vi.spyOn(localStorage, 'setItem').mockImplementation(() => {
      throw new Error('QuotaExceededError');
    });
    const storage = createIdentityStorage(configWith({ identityStorage: 'localStorage' }), log);
    spy.mockRestore();
    storage.write(snapshot);
    expect(storage.read()).toEqual(snapshot);
    expect(log.warn).toHaveBeenCalledWith(expect.stringContaining('localStorage is unavailable'));
  });
});

describe('cookie upgrade', () => {
  const attributes = { expirationDays: 1, sameSite: 'Lax', secure: false };

  it("adopts the documented SDK's AMP_<key10> identity and leaves that cookie in place", () => {
    writeCookie(
      'AMP_a2dbce0e18',
      encodeIdentity({ deviceId: 'amp-device', sessionId: 5, lastEventTime: 6 }),
      attributes,
    );
    expect(readLegacyIdentity(configWith(), silentLogger())).toEqual({
      deviceId: 'amp-device',
      sessionId: 5,
      lastEventTime: 6,
    });
    expect(readCookie('AMP_a2dbce0e18')).toBeDefined();
  });

  it('adopts the legacy amp_<key6> cookie and deletes it', () => {
    writeCookie('amp_a2dbce', 'old-device.' + btoa('old-user') + '.0', attributes);
    expect(readLegacyIdentity(configWith(), silentLogger())).toMatchObject({
      deviceId: 'old-device',
      userId: 'old-user',
    });
    expect(readCookie('amp_a2dbce')).toBeUndefined();
  });

  it('does nothing with upgrade: false or for named instances', () => {
    writeCookie('AMP_a2dbce0e18', encodeIdentity({ deviceId: 'amp-device' }), attributes);
    expect(readLegacyIdentity(configWith({ cookieOptions: { upgrade: false } }), silentLogger())).toBeUndefined();
    expect(readLegacyIdentity(configWith({ instanceName: 'other' }), silentLogger())).toBeUndefined();
  });
});

describe('URL hand-off', () => {
  const now = 1_700_000_000_000;
  it.each([
    [
      'both ids',
      '?ampDeviceId=dev-123456&ampSessionId=1699999999999',
      { deviceId: 'dev-123456', sessionId: 1_699_999_999_999 },
    ],
    ['legacy deviceId param', '?deviceId=legacy-123', { deviceId: 'legacy-123' }],
    ['ampDeviceId wins over deviceId', '?deviceId=legacy-123&ampDeviceId=amp-123', { deviceId: 'amp-123' }],
    ['future ampTimestamp', `?ampDeviceId=dev-123456&ampTimestamp=${now + 1000}`, { deviceId: 'dev-123456' }],
    ['past ampTimestamp ignores both', `?ampDeviceId=dev-123456&ampSessionId=5&ampTimestamp=${now - 1}`, {}],
    ['garbage session id', '?ampSessionId=abc', {}],
    ['nothing', '', {}],
  ])('%s', (_name, search, expected) => {
    expect(readUrlHandoff(now, search)).toEqual(expected);
  });
});
