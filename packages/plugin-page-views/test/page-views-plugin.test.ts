import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createMemoryIdentityStorage, type Event, type Result, type TrackingClient } from '@sightline/core';
import { attributionPlugin } from '@sightline/plugin-attribution';
import {
  pageViewsOptionsFrom,
  pageViewsPlugin,
  resolvePageViewsOptions,
  type PageViewsOptions,
} from '@sightline/plugin-page-views';
import { createTestClient, resolvedConfig, settle, silentLogger } from '@sightline/test-utils';

const KEY = 'api-key-0123456789';
const ORIGIN = 'http://localhost:3000';
const realReplaceState = history.replaceState;
const PAGE_VIEWED = '[Amplitude] Page Viewed';

const visit = (path: string, referrer = '', title = 'Home') => {
  realReplaceState.call(history, null, '', path);
  Object.defineProperty(document, 'referrer', { value: referrer, configurable: true });
  document.head.innerHTML = `<title>${title}</title>`;
};

const started: Array<{ remove(name: string): unknown }> = [];

const start = async (
  options?: PageViewsOptions,
  extra: { storage?: ReturnType<typeof createMemoryIdentityStorage>; attribution?: boolean } = {},
) => {
  const plugins = [...(extra.attribution ? [attributionPlugin()] : []), pageViewsPlugin(options)];
  const setup = createTestClient({ plugins, storage: extra.storage, now: () => Date.now() });
  await setup.client.init(KEY, { loggerProvider: setup.logger }).promise;
  started.push(setup.client);
  await settle();
  const pageViews = (type = PAGE_VIEWED) => setup.destination.events.filter((event) => event.event_type === type);
  return { ...setup, pageViews };
};

const navigate = async (step: () => void) => {
  step();
  await settle();
};

describe('pageViewsPlugin', () => {
  beforeEach(() => {
    localStorage.clear();
    sessionStorage.clear();
    visit('/');
  });
  afterEach(async () => {
    for (const client of started.splice(0)) {
      await client.remove('sightline-page-views');
      await client.remove('sightline-attribution');
    }
    visit('/');
  });

  it('a page view on load with the exact property set', async () => {
    visit('/docs/start?utm_source=news&gclid=G1#intro', 'https://www.google.com/search?q=x', 'Getting started');
    const { pageViews, destination } = await start();
    expect(destination.events.map((event) => event.event_type)).toEqual(['session_start', PAGE_VIEWED]);
    expect(pageViews()[0].event_properties).toEqual({
      utm_source: 'news',
      gclid: 'G1',
      referrer: 'https://www.google.com/search?q=x',
      referring_domain: 'www.google.com',
      '[Amplitude] Page Domain': 'localhost',
      '[Amplitude] Page Location': `${ORIGIN}/docs/start?utm_source=news&gclid=G1#intro`,
      '[Amplitude] Page Path': '/docs/start',
      '[Amplitude] Page Title': 'Getting started',
      '[Amplitude] Page URL': `${ORIGIN}/docs/start`,
      '[Amplitude] Page Counter': 1,
    });
  });

  it('the counter counts pages per session and survives a reload in the session', async () => {
    const storage = createMemoryIdentityStorage();
    const first = await start({}, { storage });
    await navigate(() => history.pushState({}, '', '/two'));
    expect(first.pageViews().map((event) => event.event_properties?.['[Amplitude] Page Counter'])).toEqual([1, 2]);
    const second = await start({}, { storage });
    expect(second.pageViews()[0].event_properties?.['[Amplitude] Page Counter']).toBe(3);
  });

  it('the counter restarts when a new session starts', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    try {
      const { pageViews } = await start();
      vi.setSystemTime(Date.now() + 31 * 60_000);
      await navigate(() => history.pushState({}, '', '/later'));
      expect(pageViews().map((event) => event.event_properties?.['[Amplitude] Page Counter'])).toEqual([1, 1]);
      expect(pageViews()[1].session_id).not.toBe(pageViews()[0].session_id);
    } finally {
      vi.useRealTimers();
    }
  });

  it('all: pushState, popstate and hash navigation give exactly one page view each', async () => {
    const { pageViews } = await start();
    await navigate(() => history.pushState({}, '', '/a'));
    await navigate(() => {
      realReplaceState.call(history, null, '', '/');
      window.dispatchEvent(new PopStateEvent('popstate'));
    });
    await navigate(() => {
      realReplaceState.call(history, null, '', '/#section');
      window.dispatchEvent(new PopStateEvent('popstate'));
      window.dispatchEvent(new HashChangeEvent('hashchange'));
    });
    await navigate(() => history.replaceState({}, '', '/#section')); // same URL: none
    expect(pageViews().map((event) => event.event_properties?.['[Amplitude] Page Location'])).toEqual([
      `${ORIGIN}/`,
      `${ORIGIN}/a`,
      `${ORIGIN}/`,
      `${ORIGIN}/#section`,
    ]);
  });

  it('pathOnly: hash and query changes are not page views, path changes are', async () => {
    const { pageViews } = await start({ trackHistoryChanges: 'pathOnly' });
    await navigate(() => history.pushState({}, '', '/#company'));
    await navigate(() => history.pushState({}, '', '/#blog'));
    await navigate(() => history.pushState({}, '', '/?tab=2'));
    await navigate(() => history.pushState({}, '', '/blog'));
    expect(pageViews().map((event) => event.event_properties?.['[Amplitude] Page Path'])).toEqual(['/', '/blog']);
  });

  it('eventType renames the event', async () => {
    const { pageViews } = await start({ eventType: 'Page View' });
    expect(pageViews('Page View')).toHaveLength(1);
    expect(pageViews()).toHaveLength(0);
  });

  it('a trackOn function decides on load and on each navigation', async () => {
    const trackOn = vi.fn(() => location.pathname.includes('home'));
    const { pageViews } = await start({ trackOn });
    await navigate(() => history.pushState({}, '', '/home'));
    await navigate(() => history.pushState({}, '', '/about'));
    expect(pageViews().map((event) => event.event_properties?.['[Amplitude] Page Path'])).toEqual(['/home']);
    expect(trackOn).toHaveBeenCalledTimes(3);
  });

  it('a throwing trackOn is logged and tracks nothing', async () => {
    const { pageViews, logger } = await start({
      trackOn: () => {
        throw new Error('app bug');
      },
    });
    expect(pageViews()).toHaveLength(0);
    expect(logger.error).toHaveBeenCalled();
  });

  it("trackOn 'attribution' tracks a page view only after an attribution $identify", async () => {
    const storage = createMemoryIdentityStorage();
    visit('/?utm_source=ad');
    const first = await start({ trackOn: 'attribution' }, { storage, attribution: true });
    expect(first.destination.events.map((event) => event.event_type)).toEqual([
      'session_start',
      '$identify',
      PAGE_VIEWED,
    ]);
    await navigate(() => history.pushState({}, '', '/spa'));
    expect(first.pageViews()).toHaveLength(1);
    // same campaign, same session
    const second = await start({ trackOn: 'attribution' }, { storage, attribution: true });
    expect(second.pageViews()).toHaveLength(0);
  });

  it('the masked title is sent as *****', async () => {
    visit('/');
    document.head.innerHTML = '<title data-amp-mask>Jane Roe - Statement</title>';
    const { pageViews } = await start();
    expect(pageViews()[0].event_properties?.['[Amplitude] Page Title']).toBe('*****');
    expect(JSON.stringify(pageViews()[0])).not.toContain('Jane Roe');
  });

  it('token and email in the URL never reach the page view', async () => {
    visit('/x?token=Tk9secret&email=a@b.co&utm_content=a@b.co', 'https://a.com/?code=zzz');
    const { pageViews } = await start();
    const wire = JSON.stringify(pageViews()[0]);
    for (const secret of ['Tk9secret', 'a@b.co', 'zzz']) expect(wire).not.toContain(secret);
  });

  it('teardown stops SPA tracking and restores history when it was the last listener', async () => {
    const before = history.pushState;
    const { client, pageViews } = await start();
    await client.remove('sightline-page-views').promise;
    await navigate(() => history.pushState({}, '', '/gone'));
    expect(pageViews()).toHaveLength(1);
    expect(history.pushState).toBe(before);
  });

  it('a manual track of the same event type gets no counter', async () => {
    const { client, pageViews } = await start();
    client.track(PAGE_VIEWED, { custom: true });
    await settle();
    expect(pageViews()[1].event_properties).toEqual({ custom: true });
  });

  it('keeps nothing per navigation while opted out: those page views never count later', async () => {
    const { client, pageViews, destination } = await start();
    const track = vi.spyOn(client, 'track');
    client.setOptOut(true);
    for (let page = 0; page < 50; page++) await navigate(() => history.pushState({}, '', `/opted-out/${page}`));
    const optedOutIds = track.mock.calls.map((call) => (call[2] as { insert_id: string }).insert_id);
    expect(optedOutIds).toHaveLength(50);
    client.setOptOut(false);
    // Were an id still held, the event that carries it would be taken for that page view.
    for (const insertId of optedOutIds) client.track('Custom', { n: 1 }, { insert_id: insertId });
    await settle();
    const customs = destination.events.filter((event) => event.event_type === 'Custom');
    expect(customs).toHaveLength(50);
    expect(customs.filter((event) => event.event_properties?.['[Amplitude] Page Counter'] !== undefined)).toEqual([]);
    await navigate(() => history.pushState({}, '', '/back-in'));
    expect(pageViews().map((event) => event.event_properties?.['[Amplitude] Page Counter'])).toEqual([1, 2]);
  });

  it('works with a client without nextPageCounter (counter 1)', async () => {
    // Like the real client's, the result settles only after the plugins ran.
    const track = vi.fn<TrackingClient['track']>(() => ({ promise: new Promise<Result>(() => undefined) }));
    const plugin = pageViewsPlugin();
    await plugin.setup?.(resolvedConfig({ loggerProvider: silentLogger() }), { track });
    const [type, properties, eventOptions] = track.mock.calls[0];
    expect(type).toBe(PAGE_VIEWED);
    const event = plugin.execute?.({
      event_type: typeof type === 'string' ? type : type.event_type,
      event_properties: properties,
      insert_id: eventOptions?.insert_id,
    }) as Event;
    expect(event.event_properties?.['[Amplitude] Page Counter']).toBe(1);
    await plugin.teardown?.();
  });
});

describe('options', () => {
  it.each([
    [false, undefined],
    [true, {}],
    [undefined, {}],
    [{ trackHistoryChanges: 'pathOnly' }, { trackHistoryChanges: 'pathOnly' }],
  ])('pageViewsOptionsFrom(%j)', (value, expected) => {
    expect(pageViewsOptionsFrom(value)).toEqual(expected);
  });

  it('documented defaults', () => {
    expect(resolvePageViewsOptions()).toEqual({
      trackOn: undefined,
      trackHistoryChanges: 'all',
      eventType: PAGE_VIEWED,
    });
  });

  it('bad values are warned about and replaced by defaults', () => {
    const logger = silentLogger();
    expect(
      resolvePageViewsOptions(
        { trackOn: 'always' as never, trackHistoryChanges: 'hash' as never, eventType: '' },
        logger,
      ),
    ).toEqual({
      trackOn: undefined,
      trackHistoryChanges: 'all',
      eventType: PAGE_VIEWED,
    });
    expect(logger.warn).toHaveBeenCalledTimes(3);
  });
});
