import { describe, expect, it } from 'vitest';
import { ServerUrl } from '@sightline/core';
import { compileHostPattern } from '../src/host-pattern.js';
import { isAmplitudeHost, isIgnored, isSdkUpload, type IgnorePolicy } from '../src/ignore-policy.js';
import { sdkUrlPrefixes } from '../src/network-requests-plugin.js';

const policy = (overrides: Partial<IgnorePolicy> = {}): IgnorePolicy => ({
  ignoreHosts: [],
  ignoreAmplitudeRequests: true,
  sdkUrlPrefixes: sdkUrlPrefixes({ serverUrl: 'http://localhost:8123/2/httpapi' }),
  ...overrides,
});
const request = (url: string) => ({ url, hostname: new URL(url).hostname });

describe('ignored requests', () => {
  it.each([
    ['the SDK upload to serverUrl', policy(), 'http://localhost:8123/2/httpapi', true],
    ['the SDK upload to serverUrl with a query', policy(), 'http://localhost:8123/2/httpapi?x=1', true],
    ['another path on the collector host', policy(), 'http://localhost:8123/other', false],
    [
      'the default US endpoint even without ignoreAmplitudeRequests',
      policy({ ignoreAmplitudeRequests: false }),
      ServerUrl.US,
      true,
    ],
    ['the EU batch endpoint', policy({ ignoreAmplitudeRequests: false }), ServerUrl.EU_BATCH, true],
    ['another amplitude.com host', policy(), 'https://cdn.amplitude.com/lib.js', true],
    ['amplitude.com itself', policy(), 'https://amplitude.com/', true],
    [
      'amplitude.com host when ignoreAmplitudeRequests is false',
      policy({ ignoreAmplitudeRequests: false }),
      'https://cdn.amplitude.com/lib.js',
      false,
    ],
    ['a look-alike host', policy(), 'https://notamplitude.com/', false],
    [
      'ignoreHosts wildcard',
      policy({ ignoreHosts: [compileHostPattern('*.example.com')] }),
      'https://api.example.com/x',
      true,
    ],
    ['ignoreHosts exact', policy({ ignoreHosts: [compileHostPattern('example.com')] }), 'https://example.com/x', true],
    ['ignoreHosts *', policy({ ignoreHosts: [compileHostPattern('*')] }), 'https://any.where/x', true],
    ['ordinary request', policy(), 'https://api.example.com/x', false],
  ])('%s', (_label, ignore, url, expected) => {
    expect(isIgnored(ignore, request(url))).toBe(expected);
  });

  it.each([
    ['amplitude.com', true],
    ['API2.Amplitude.com', true],
    ['amplitude.com.evil.net', false],
    ['xamplitude.com', false],
  ])('isAmplitudeHost(%s) → %s', (host, expected) => {
    expect(isAmplitudeHost(host)).toBe(expected);
  });

  it('empty prefixes never match', () => {
    expect(isSdkUpload('https://a.com', ['', '?x'])).toBe(false);
  });

  it('sdkUrlPrefixes resolves a relative serverUrl against the page and adds remote config', () => {
    const prefixes = sdkUrlPrefixes({
      serverUrl: '/collect',
      remoteConfig: { serverUrl: 'https://rc.example/config' },
    });
    expect(prefixes).toContain(new URL('/collect', location.href).href);
    expect(prefixes).toContain('https://rc.example/config');
    expect(prefixes).toEqual(
      expect.arrayContaining([ServerUrl.US, ServerUrl.US_BATCH, ServerUrl.EU, ServerUrl.EU_BATCH]),
    );
  });
});
