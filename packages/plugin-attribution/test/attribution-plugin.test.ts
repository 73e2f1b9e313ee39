import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createMemoryIdentityStorage, type Event, type IdentityStorage } from '@sightline/core';
import {
  attributionOptionsFrom,
  attributionPlugin,
  buildCampaignIdentify,
  isCampaignIdentify,
  resolveAttributionOptions,
  type AttributionOptions,
} from '@sightline/plugin-attribution';
import { createTestClient, settle, silentLogger } from '@sightline/test-utils';

const KEY = 'api-key-0123456789';
const realReplaceState = history.replaceState;

const visit = (path: string, referrer = '') => {
  realReplaceState.call(history, null, '', path);
  Object.defineProperty(document, 'referrer', { value: referrer, configurable: true });
};

/** One page load: a fresh client on the shared identity storage, like a reload. */
const load = async (
  options: AttributionOptions = {},
  storage: IdentityStorage = createMemoryIdentityStorage(),
  init: Record<string, unknown> = {},
) => {
  const setup = createTestClient({ storage, now: () => Date.now(), plugins: [attributionPlugin(options)] });
  await setup.client.init(KEY, { loggerProvider: setup.logger, ...init }).promise;
  await settle();
  const identifies = () => setup.destination.events.filter((event) => event.event_type === '$identify');
  return { ...setup, identifies };
};

const userProps = (event: Event) => event.user_properties as { [op: string]: { [key: string]: unknown } };

describe('attributionPlugin', () => {
  beforeEach(() => {
    localStorage.clear();
    sessionStorage.clear();
    vi.useFakeTimers({ toFake: ['Date'], now: new Date('2025-01-01T00:00:00Z') });
  });
  afterEach(() => {
    vi.useRealTimers();
    visit('/');
  });

  it('first visit with utm_* and gclid sends $setOnce initial_* and $set / $unset', async () => {
    visit('/landing?utm_source=news&utm_medium=email&gclid=G-1', 'https://www.google.com/search');
    const { identifies, destination } = await load();
    expect(identifies()).toHaveLength(1);
    const props = userProps(identifies()[0]);
    expect(props.$setOnce).toMatchObject({
      initial_utm_source: 'news',
      initial_utm_medium: 'email',
      initial_gclid: 'G-1',
      initial_referrer: 'https://www.google.com/search',
      initial_referring_domain: 'www.google.com',
      initial_utm_campaign: 'EMPTY',
      initial_fbclid: 'EMPTY',
    });
    expect(Object.keys(props.$setOnce)).toHaveLength(19);
    expect(props.$set).toEqual({
      utm_source: 'news',
      utm_medium: 'email',
      gclid: 'G-1',
      referrer: 'https://www.google.com/search',
      referring_domain: 'www.google.com',
    });
    expect(Object.keys(props.$unset).sort()).toEqual(
      [
        'utm_campaign',
        'utm_term',
        'utm_content',
        'utm_id',
        'fbclid',
        'dclid',
        'gbraid',
        'wbraid',
        'ko_click_id',
        'li_fat_id',
        'msclkid',
        'rdt_cid',
        'ttclid',
        'twclid',
      ].sort(),
    );
    // The identify follows session_start and carries the session.
    expect(destination.events.map((event) => event.event_type)).toEqual(['session_start', '$identify']);
    expect(identifies()[0].session_id).toBe(destination.events[0].session_id);
  });

  it('utm_id is a campaign parameter: first- and last-touch user properties, and a campaign of its own', async () => {
    const storage = createMemoryIdentityStorage();
    visit('/landing?utm_source=news&utm_id=spring-24');
    const first = await load({}, storage);
    const props = userProps(first.identifies()[0]);
    expect(props.$setOnce).toMatchObject({ initial_utm_id: 'spring-24', initial_utm_source: 'news' });
    expect(props.$set).toEqual({ utm_source: 'news', utm_id: 'spring-24' });
    // Only utm_id changes on the next load in the session: that alone is a new campaign.
    visit('/landing?utm_source=news&utm_id=summer-24');
    vi.setSystemTime(Date.now() + 60_000);
    const next = await load({}, storage);
    expect(next.identifies()).toHaveLength(1);
    expect(userProps(next.identifies()[0]).$set).toEqual({ utm_source: 'news', utm_id: 'summer-24' });
  });

  it('initialEmptyValue replaces EMPTY', async () => {
    visit('/?utm_source=x');
    const { identifies } = await load({ initialEmptyValue: 'none' });
    expect(userProps(identifies()[0]).$setOnce.initial_utm_medium).toBe('none');
  });

  it('a reload mid-session with the same campaign sends nothing; with a new one sends the change', async () => {
    const storage = createMemoryIdentityStorage();
    visit('/?utm_source=a');
    await load({}, storage);
    vi.setSystemTime(Date.now() + 60_000);
    const same = await load({}, storage);
    expect(same.identifies()).toHaveLength(0);
    visit('/?utm_source=b');
    vi.setSystemTime(Date.now() + 60_000);
    const changed = await load({}, storage);
    expect(changed.identifies()).toHaveLength(1);
    expect(userProps(changed.identifies()[0]).$set).toEqual({ utm_source: 'b' });
  });

  it('direct traffic mid-session keeps the campaign; in a new session it unsets it', async () => {
    const storage = createMemoryIdentityStorage();
    visit('/?utm_source=a');
    const first = await load({}, storage);
    first.client.track('activity');
    await settle();
    visit('/');
    vi.setSystemTime(Date.now() + 60_000);
    const mid = await load({}, storage);
    mid.client.track('still here');
    await settle();
    expect(mid.identifies()).toHaveLength(0);

    vi.setSystemTime(Date.now() + 31 * 60_000);
    const next = await load({}, storage);
    expect(next.identifies()).toHaveLength(1);
    const props = userProps(next.identifies()[0]);
    expect(props.$set).toBeUndefined();
    expect(Object.keys(props.$unset)).toHaveLength(19);
    expect(next.destination.events.map((event) => event.event_type)).toEqual([
      'session_end',
      'session_start',
      '$identify',
    ]);
  });

  it('a new session during the page life re-checks the campaign', async () => {
    const storage = createMemoryIdentityStorage();
    visit('/?utm_source=a');
    await load({}, storage);
    visit('/', ''); // direct visit later
    vi.setSystemTime(Date.now() + 60_000);
    const page = await load({}, storage);
    expect(page.identifies()).toHaveLength(0);
    vi.setSystemTime(Date.now() + 31 * 60_000);
    page.client.track('after a break');
    await settle();
    expect(page.identifies()).toHaveLength(1);
    expect(Object.keys(userProps(page.identifies()[0]).$unset)).toHaveLength(19);
    // The campaign's $identify lands before the event that began the session, in its session.
    expect(page.destination.events.map((event) => event.event_type)).toEqual([
      'session_end',
      'session_start',
      '$identify',
      'after a break',
    ]);
    const [, start, identify, event] = page.destination.events;
    expect(identify.session_id).toBe(start.session_id);
    expect(event.session_id).toBe(start.session_id);
    expect((identify.event_id as number) < (event.event_id as number)).toBe(true);
  });

  it('a self-referral is not a campaign by default', async () => {
    visit('/page', 'http://sub.localhost/from');
    const { identifies } = await load({ siteDomain: 'localhost' });
    expect(identifies()).toHaveLength(0);
  });

  it('fix: an excluded referrer never throws away UTM parameters on the URL', async () => {
    visit('/page?utm_source=mail&gclid=G2', 'http://localhost/previous');
    const { identifies } = await load();
    expect(identifies()).toHaveLength(1);
    const props = userProps(identifies()[0]);
    expect(props.$set).toEqual({ utm_source: 'mail', gclid: 'G2' });
    expect(props.$unset).toHaveProperty('referrer');
  });

  it('excludeReferrers: [] tracks self-referrals', async () => {
    visit('/page', 'http://localhost/previous');
    const { identifies } = await load({ excludeReferrers: [] });
    expect(userProps(identifies()[0]).$set).toMatchObject({ referring_domain: 'localhost' });
  });

  it('default uses cookieOptions.domain when set', async () => {
    visit('/page', 'https://shop.example.com/');
    const { identifies } = await load({}, undefined, { cookieOptions: { domain: '.example.com' } });
    expect(identifies()).toHaveLength(0);
  });

  it('excludeInternalReferrers true skips an internal referrer even with UTM', async () => {
    visit('/page?utm_source=x', 'http://localhost/p');
    const { identifies } = await load({ excludeReferrers: [], excludeInternalReferrers: true });
    expect(identifies()).toHaveLength(0);
  });

  it('resetSessionOnNewCampaign starts a new session before the identify, mid-session only', async () => {
    const storage = createMemoryIdentityStorage();
    visit('/?utm_source=a');
    const first = await load({ resetSessionOnNewCampaign: true }, storage);
    expect(first.destination.events.map((event) => event.event_type)).toEqual(['session_start', '$identify']);
    const firstSession = first.client.getSessionId();
    vi.setSystemTime(Date.now() + 60_000);
    visit('/?utm_source=b');
    const second = await load({ resetSessionOnNewCampaign: true }, storage);
    expect(second.destination.events.map((event) => event.event_type)).toEqual([
      'session_end',
      'session_start',
      '$identify',
    ]);
    expect(second.client.getSessionId()).not.toBe(firstSession);
    expect(second.identifies()[0].session_id).toBe(second.client.getSessionId());
  });

  it('without resetSessionOnNewCampaign the session is kept', async () => {
    const storage = createMemoryIdentityStorage();
    visit('/?utm_source=a');
    const first = await load({}, storage);
    vi.setSystemTime(Date.now() + 60_000);
    visit('/?utm_source=b');
    const second = await load({}, storage);
    expect(second.client.getSessionId()).toBe(first.client.getSessionId());
    expect(second.identifies()).toHaveLength(1);
  });

  it('eventProperty attaches the campaign to every event and sends no identify', async () => {
    visit('/?utm_source=ev&utm_id=ev-1&fbclid=F', 'https://www.google.com/');
    const { client, destination, identifies } = await load({ trackingMethod: 'eventProperty' });
    client.track('Clicked', { utm_source: 'own value' });
    await settle();
    expect(identifies()).toHaveLength(0);
    const clicked = destination.events.find((event) => event.event_type === 'Clicked') as Event;
    expect(clicked.event_properties).toEqual({
      utm_source: 'own value',
      utm_id: 'ev-1',
      fbclid: 'F',
      referrer: 'https://www.google.com/',
      referring_domain: 'www.google.com',
    });
    expect(destination.events[0].event_properties).toMatchObject({ utm_source: 'ev' }); // session_start too
  });

  it('eventProperty follows SPA navigations', async () => {
    visit('/?utm_source=first');
    const { client, destination } = await load({ trackingMethod: 'eventProperty' });
    history.pushState({}, '', '/next?utm_source=second');
    client.track('After');
    await settle();
    expect((destination.events.find((event) => event.event_type === 'After') as Event).event_properties).toEqual({
      utm_source: 'second',
    });
  });

  it('both methods send the identify and enrich events', async () => {
    visit('/?utm_source=both');
    const { client, destination, identifies } = await load({ trackingMethod: ['userProperty', 'eventProperty'] });
    client.track('X');
    await settle();
    expect(identifies()).toHaveLength(1);
    expect(identifies()[0].event_properties).toBeUndefined();
    expect((destination.events.find((event) => event.event_type === 'X') as Event).event_properties).toEqual({
      utm_source: 'both',
    });
  });

  it('fallbackAttributionEvent fires [Amplitude] Attribution on load and on each navigation', async () => {
    visit('/?utm_source=fb');
    const { destination, client } = await load({ trackingMethod: 'eventProperty', fallbackAttributionEvent: true });
    history.pushState({}, '', '/two?utm_source=fb2');
    history.replaceState({}, '', '/two?utm_source=fb2'); // same URL: no second event
    await settle();
    const attribution = destination.events.filter((event) => event.event_type === '[Amplitude] Attribution');
    expect(attribution.map((event) => event.event_properties)).toEqual([{ utm_source: 'fb' }, { utm_source: 'fb2' }]);
    await client.remove('sightline-attribution').promise;
    history.pushState({}, '', '/three?utm_source=x');
    await settle();
    expect(destination.events.filter((event) => event.event_type === '[Amplitude] Attribution')).toHaveLength(2);
  });

  it('fallbackAttributionEvent does nothing with userProperty only', async () => {
    visit('/?utm_source=fb');
    const { destination } = await load({ fallbackAttributionEvent: true });
    expect(destination.events.some((event) => event.event_type === '[Amplitude] Attribution')).toBe(false);
  });

  it('keeps working when storage throws, and logs', async () => {
    const throwing = {
      getItem: () => {
        throw new Error('denied');
      },
      setItem: () => {
        throw new Error('denied');
      },
    };
    const spy = vi.spyOn(window, 'localStorage', 'get').mockReturnValue(throwing as unknown as Storage);
    try {
      visit('/?utm_source=s');
      const { identifies, logger } = await load();
      expect(identifies()).toHaveLength(1);
      expect(logger.warn).toHaveBeenCalledWith(
        'attribution: stored campaign unreadable; starting fresh',
        expect.any(Error),
      );
      expect(logger.warn).toHaveBeenCalledWith('attribution: could not store the campaign', expect.any(Error));
      spy.mockImplementation(() => {
        throw new Error('SecurityError');
      });
      const blocked = await load();
      expect(blocked.identifies()).toHaveLength(1);
    } finally {
      spy.mockRestore();
    }
  });

  it('ignores a corrupt stored campaign', async () => {
    localStorage.setItem('sl_mktg_api-key-01', '{not json');
    visit('/?utm_source=s');
    const { identifies } = await load();
    expect(identifies()).toHaveLength(1);
  });

  it("identityStorage 'none' keeps the campaign in memory only", async () => {
    visit('/?utm_source=m');
    const { identifies } = await load({}, undefined, { identityStorage: 'none' });
    expect(identifies()).toHaveLength(1);
    expect(localStorage.length).toBe(0);
  });
});

describe('options', () => {
  it.each([
    [false, undefined],
    [true, {}],
    [undefined, {}],
    [{ trackingMethod: 'eventProperty' }, { trackingMethod: 'eventProperty' }],
  ])('attributionOptionsFrom(%j)', (value, expected) => {
    expect(attributionOptionsFrom(value)).toEqual(expected);
  });

  it('documented defaults', () => {
    expect(resolveAttributionOptions()).toEqual({
      userProperty: true,
      eventProperty: false,
      fallbackAttributionEvent: false,
      excludeReferrers: undefined,
      excludeInternalReferrers: undefined,
      initialEmptyValue: 'EMPTY',
      resetSessionOnNewCampaign: false,
      siteDomain: undefined,
    });
  });

  it.each([
    [{ excludeInternalReferrers: true }, 'always'],
    [{ excludeInternalReferrers: { condition: 'always' } }, 'always'],
    [{ excludeInternalReferrers: { condition: 'ifEmptyCampaign' } }, 'ifEmptyCampaign'],
    [{ excludeInternalReferrers: false }, undefined],
  ])('%j', (options, condition) => {
    expect(resolveAttributionOptions(options as AttributionOptions).excludeInternalReferrers).toBe(condition);
  });

  it('bad values are warned about and replaced by defaults', () => {
    const logger = silentLogger();
    const resolved = resolveAttributionOptions(
      {
        trackingMethod: 'cookie' as never,
        excludeReferrers: 'x.com' as never,
        excludeInternalReferrers: { condition: 'sometimes' } as never,
        initialEmptyValue: 0 as never,
      },
      logger,
    );
    expect(resolved).toMatchObject({
      userProperty: true,
      eventProperty: false,
      excludeReferrers: undefined,
      excludeInternalReferrers: undefined,
      initialEmptyValue: 'EMPTY',
    });
    expect(logger.warn).toHaveBeenCalledTimes(4);
  });

  it(
    'a trackingMethod JSON cannot print (BigInt, circular) is warned about, not ' +
      'thrown: attribution still runs (public API fuzz)',
    () => {
      const logger = silentLogger();
      const circular: Record<string, unknown> = {};
      circular.self = circular;
      for (const trackingMethod of [BigInt(1), circular]) {
        expect(resolveAttributionOptions({ trackingMethod: trackingMethod as never }, logger)).toMatchObject({
          userProperty: true,
          eventProperty: false,
        });
      }
      expect(logger.warn).toHaveBeenCalledTimes(2);
    },
  );

  it('keeps valid excludeReferrers entries and drops the rest', () => {
    const logger = silentLogger();
    expect(
      resolveAttributionOptions({ excludeReferrers: ['a.com', /b/, 3 as never] }, logger).excludeReferrers,
    ).toEqual(['a.com', /b/]);
    expect(logger.warn).toHaveBeenCalledTimes(1);
  });
});

describe('campaign identify', () => {
  it('isCampaignIdentify recognises the attribution identify and nothing else', () => {
    const identify = buildCampaignIdentify({ utm_source: 'x' }, 'EMPTY');
    expect(isCampaignIdentify({ event_type: '$identify', user_properties: identify.getUserProperties() })).toBe(true);
    expect(isCampaignIdentify({ event_type: '$identify', user_properties: { $set: { utm_source: 'x' } } })).toBe(false);
    expect(isCampaignIdentify({ event_type: 'Page', user_properties: identify.getUserProperties() })).toBe(false);
    expect(isCampaignIdentify({ event_type: '$identify' })).toBe(false);
    expect(isCampaignIdentify(undefined as unknown as Event)).toBe(false);
  });
});
