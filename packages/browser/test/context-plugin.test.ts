import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { LIBRARY, type Event } from '@sightline/core';
import { resolvedConfig } from '@sightline/test-utils';
import { contextPlugin } from '../src/context-plugin.js';
import { parseUserAgent } from '../src/user-agent.js';

const FIREFOX_ON_MAC = 'Mozilla/5.0 (Macintosh; Intel Mac OS X 10.15; rv:121.0) Gecko/20100101 Firefox/121.0';

const run = async (options: Record<string, unknown> = {}, event: Event = { event_type: 'x' }) => {
  const plugin = contextPlugin();
  await plugin.setup!(resolvedConfig(options), undefined);
  return plugin.execute!(event) as Event;
};

// A browser unlike the test environment's own, so the expected values are not read from where the code reads.
beforeEach(() => {
  vi.stubGlobal('navigator', { userAgent: FIREFOX_ON_MAC, language: 'de-CH', languages: ['de-CH', 'en'] });
});
afterEach(() => {
  vi.unstubAllGlobals();
});

describe('context enrichment', () => {
  it('fills library, platform, language, user agent, its parts and ip', async () => {
    const event = await run({ appVersion: '2.0.0', partnerId: 'partner-1' });
    expect(event).toMatchObject({
      library: LIBRARY,
      platform: 'Web',
      language: 'de-CH',
      user_agent: FIREFOX_ON_MAC,
      os_name: 'Firefox',
      os_version: '121',
      device_model: 'Mac',
      ip: '$remote',
      app_version: '2.0.0',
      partner_id: 'partner-1',
    });
    expect(LIBRARY).toMatch(/^sightline\/\d+\.\d+\.\d+/);
  });

  it('takes the first of navigator.languages when navigator.language is empty', async () => {
    vi.stubGlobal('navigator', { userAgent: FIREFOX_ON_MAC, language: '', languages: ['fr-BE', 'en'] });
    expect((await run()).language).toBe('fr-BE');
  });

  it('without a navigator (a worker, SSR) it fills what needs none', async () => {
    vi.stubGlobal('navigator', undefined);
    const event = await run();
    expect(event).toMatchObject({ library: LIBRARY, platform: 'Web', ip: '$remote' });
    for (const field of ['language', 'user_agent', 'os_name', 'os_version', 'device_model'])
      expect(event[field]).toBeUndefined();
  });

  it.each([
    [{ ipAddress: false }, 'ip'],
    [{ language: false }, 'language'],
    [{ platform: false }, 'platform'],
    [{ userAgent: false }, 'user_agent'],
  ])('trackingOptions %j leaves out %s', async (trackingOptions, field) => {
    const event = await run({ trackingOptions });
    expect(event[field]).toBeUndefined();
  });

  it('never overwrites a value the event carries', async () => {
    const event = await run({}, { event_type: 'x', platform: 'Kiosk', language: 'fr' });
    expect(event).toMatchObject({ platform: 'Kiosk', language: 'fr' });
  });
});

describe('user agent parsing', () => {
  it.each([
    [
      'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/156.0.0.0 Safari/537.36',
      { osName: 'Chrome', osVersion: '156', deviceModel: 'Linux' },
    ],
    [
      'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 ' +
        'Safari/537.36 Edg/120.0.0.0',
      { osName: 'Edge', osVersion: '120', deviceModel: 'Windows' },
    ],
    [
      'Mozilla/5.0 (Macintosh; Intel Mac OS X 10.15; rv:121.0) Gecko/20100101 Firefox/121.0',
      { osName: 'Firefox', osVersion: '121', deviceModel: 'Mac' },
    ],
    [
      'Mozilla/5.0 (iPhone; CPU iPhone OS 17_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.1 ' +
        'Mobile/15E148 Safari/604.1',
      { osName: 'Safari', osVersion: '17', deviceModel: 'iPhone' },
    ],
    ['curl/8.0', {}],
    ['', {}],
  ])('%s', (userAgent, expected) => {
    expect(parseUserAgent(userAgent)).toEqual(expected);
  });
});
