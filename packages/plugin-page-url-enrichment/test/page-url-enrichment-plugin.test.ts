import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Identify, Revenue, type Event } from '@sightline/core';
import {
  pageUrlEnrichmentOptionsFrom,
  pageUrlEnrichmentPlugin,
  readPageProperties,
  type PageUrlEnrichmentOptions,
} from '@sightline/plugin-page-url-enrichment';
import { createTestClient, settle } from '@sightline/test-utils';

const KEY = 'api-key-0123456789';
const ORIGIN = 'http://localhost:3000';
const realReplaceState = history.replaceState;

const visit = (path: string, referrer = '', title = 'Home') => {
  realReplaceState.call(history, null, '', path);
  Object.defineProperty(document, 'referrer', { value: referrer, configurable: true });
  document.head.innerHTML = `<title>${title}</title>`;
};

const start = async (options?: PageUrlEnrichmentOptions) => {
  const setup = createTestClient({ plugins: [pageUrlEnrichmentPlugin(options)] });
  await setup.client.init(KEY, { loggerProvider: setup.logger, autocapture: { sessions: false } }).promise;
  const last = async (type: string, props?: Record<string, unknown>) => {
    setup.client.track(type, props);
    await settle();
    return setup.destination.events.filter((event) => event.event_type === type).pop() as Event;
  };
  return { ...setup, last };
};

describe('pageUrlEnrichmentPlugin', () => {
  beforeEach(() => {
    sessionStorage.clear();
    visit('/');
  });
  afterEach(() => visit('/'));

  it('adds every page property and the previous page from the referrer', async () => {
    visit('/shop/caf%C3%A9?utm_source=x#top', 'https://www.google.com/search?q=1', 'Shop');
    const { last } = await start();
    const event = await last('Button Clicked', { button: 'buy' });
    expect(event.event_properties).toEqual({
      button: 'buy',
      '[Amplitude] Page Domain': 'localhost',
      '[Amplitude] Page Location': `${ORIGIN}/shop/café?utm_source=x#top`,
      '[Amplitude] Page Path': '/shop/café',
      '[Amplitude] Page Title': 'Shop',
      '[Amplitude] Page URL': `${ORIGIN}/shop/café`,
      '[Amplitude] Previous Page Location': 'https://www.google.com/search?q=1',
      '[Amplitude] Previous Page Type': 'external',
    });
  });

  it('an event tracked just before the app routes (pushState) carries the page it was tracked on', async () => {
    visit('/products', '', 'Products');
    const { client, destination } = await start();
    client.track('Add to Cart');
    history.pushState(null, '', '/cart');
    document.title = 'Cart';
    await settle();
    const event = destination.events.find((candidate) => candidate.event_type === 'Add to Cart') as Event;
    expect(event.event_properties).toMatchObject({
      '[Amplitude] Page Location': `${ORIGIN}/products`,
      '[Amplitude] Page Path': '/products',
      '[Amplitude] Page Title': 'Products',
    });
    expect(Object.getOwnPropertySymbols(event)).toEqual([]); // the snapshot never travels with the event
  });

  it('Page URL keeps a hash route when there is no query', () => {
    visit('/#/products');
    expect(readPageProperties()['[Amplitude] Page URL']).toBe(`${ORIGIN}/#/products`);
  });

  it('direct when there is no referrer', async () => {
    const { last } = await start();
    expect((await last('A')).event_properties).toMatchObject({
      '[Amplitude] Previous Page Location': '',
      '[Amplitude] Previous Page Type': 'direct',
    });
  });

  it('an SPA navigation makes the old page the previous one (internal)', async () => {
    const { last } = await start();
    history.pushState({}, '', '/next');
    expect((await last('A')).event_properties).toMatchObject({
      '[Amplitude] Page Path': '/next',
      '[Amplitude] Previous Page Location': `${ORIGIN}/`,
      '[Amplitude] Previous Page Type': 'internal',
    });
  });

  it('a page view queued before a redirect keeps its own previous page, not itself', async () => {
    const { client, destination } = await start();
    // A page view stamps its location when tracked; the router redirects in the same task,
    // before the pipeline runs: the event must not say /old came from /old.
    history.pushState({}, '', '/old');
    client.track('[Amplitude] Page Viewed', { '[Amplitude] Page Location': `${ORIGIN}/old` });
    history.replaceState({}, '', '/new');
    client.track('[Amplitude] Page Viewed', { '[Amplitude] Page Location': `${ORIGIN}/new` });
    await settle();
    expect(
      destination.events.map((event) => [
        event.event_properties?.['[Amplitude] Page Location'],
        event.event_properties?.['[Amplitude] Previous Page Location'],
      ]),
    ).toEqual([
      [`${ORIGIN}/old`, `${ORIGIN}/`],
      [`${ORIGIN}/new`, `${ORIGIN}/old`],
    ]);
  });

  it('catches up with a URL change made behind the observer', async () => {
    const { last } = await start();
    realReplaceState.call(history, null, '', '/hidden');
    expect((await last('A')).event_properties).toMatchObject({
      '[Amplitude] Page Path': '/hidden',
      '[Amplitude] Previous Page Location': `${ORIGIN}/`,
    });
  });

  it('the previous page survives a reload (sessionStorage AMP_URL_INFO)', async () => {
    visit('/a');
    await start();
    visit('/b', `${ORIGIN}/a`);
    const second = await start();
    expect((await second.last('A')).event_properties).toMatchObject({
      '[Amplitude] Previous Page Location': `${ORIGIN}/a`,
    });
    const refreshed = await start(); // refresh of /b
    expect((await refreshed.last('A')).event_properties).toMatchObject({
      '[Amplitude] Previous Page Location': `${ORIGIN}/a`,
      '[Amplitude] Previous Page Type': 'internal',
    });
    expect(JSON.parse(sessionStorage.getItem('AMP_URL_INFO') as string)).toEqual({
      url: `${ORIGIN}/b`,
      previousUrl: `${ORIGIN}/a`,
    });
  });

  it('internalDomains option makes a listed domain internal', async () => {
    visit('/', 'https://blog.partner.io/post');
    const { last } = await start({ internalDomains: ['partner.io'] });
    expect((await last('A')).event_properties).toMatchObject({ '[Amplitude] Previous Page Type': 'internal' });
  });

  it('never overwrites a property the event already has', async () => {
    const { last } = await start();
    const event = await last('A', { '[Amplitude] Page Title': 'mine', '[Amplitude] Previous Page Type': 'custom' });
    expect(event.event_properties).toMatchObject({
      '[Amplitude] Page Title': 'mine',
      '[Amplitude] Previous Page Type': 'custom',
      '[Amplitude] Page Path': '/',
    });
  });

  it('$identify, $groupidentify and revenue_amount are left alone', async () => {
    const { client, destination } = await start();
    client.identify(new Identify().set('a', 1));
    client.groupIdentify('org', 'acme', new Identify().set('b', 2));
    client.revenue(new Revenue().setPrice(1));
    await settle();
    expect(destination.events.map((event) => event.event_type)).toEqual([
      '$identify',
      '$groupidentify',
      'revenue_amount',
    ]);
    for (const event of destination.events)
      expect(JSON.stringify(event.event_properties || {})).not.toContain('[Amplitude] Page');
  });

  it('session events are enriched', async () => {
    const setup = createTestClient({ plugins: [pageUrlEnrichmentPlugin()] });
    await setup.client.init(KEY, { loggerProvider: setup.logger }).promise;
    await settle();
    expect(setup.destination.events[0]).toMatchObject({
      event_type: 'session_start',
      event_properties: { '[Amplitude] Page Path': '/' },
    });
  });

  it('an event dropped by an earlier plugin leaves the next events their own pages', async () => {
    visit('/products', '', 'Products');
    const dropper = {
      name: 'drop',
      type: 'before' as const,
      execute: (event: Event) => (event.event_type === 'Dropped' ? null : event),
    };
    const setup = createTestClient({ plugins: [dropper, pageUrlEnrichmentPlugin()] });
    await setup.client.init(KEY, { loggerProvider: setup.logger, autocapture: { sessions: false } }).promise;
    setup.client.track('Dropped');
    setup.client.track('Kept');
    history.pushState(null, '', '/cart');
    document.title = 'Cart';
    setup.client.track('After');
    await settle();
    const pathOf = (type: string) =>
      setup.destination.events.find((event) => event.event_type === type)?.event_properties?.['[Amplitude] Page Path'];
    expect([pathOf('Dropped'), pathOf('Kept'), pathOf('After')]).toEqual([undefined, '/products', '/cart']);
  });

  it('the title and its mask are read for every event: a change shows on the next one', async () => {
    visit('/', '', 'First');
    const { last } = await start();
    expect((await last('A')).event_properties?.['[Amplitude] Page Title']).toBe('First');
    document.title = 'Second';
    expect((await last('B')).event_properties?.['[Amplitude] Page Title']).toBe('Second');
    document.querySelector('title')?.setAttribute('data-amp-mask', '');
    expect((await last('C')).event_properties?.['[Amplitude] Page Title']).toBe('*****');
  });

  it('a masked title is sent as *****', async () => {
    visit('/');
    document.head.innerHTML = '<title data-amp-mask>John Doe - Banking</title>';
    const { last } = await start();
    const event = await last('A');
    expect(event.event_properties).toMatchObject({ '[Amplitude] Page Title': '*****' });
    expect(JSON.stringify(event)).not.toContain('John Doe');
  });

  it('secrets in the URL and referrer never leave the page', async () => {
    visit('/account?token=Tk9secret&email=a@b.co', 'https://idp.example/cb?access_token=xyz');
    const { last } = await start();
    const event = await last('A');
    const wire = JSON.stringify(event);
    for (const secret of ['Tk9secret', 'a@b.co', 'xyz']) expect(wire).not.toContain(secret);
    expect(event.event_properties).toMatchObject({
      '[Amplitude] Page Location': `${ORIGIN}/account?token=*****&email=*****`,
    });
  });

  it('teardown stops following navigations', async () => {
    const { client, last } = await start();
    await client.remove('sightline-page-url-enrichment').promise;
    history.pushState({}, '', '/after');
    expect(JSON.stringify((await last('A')).event_properties || {})).not.toContain('[Amplitude]');
  });

  it('works without sessionStorage and reports the failure once per write', async () => {
    const spy = vi.spyOn(window, 'sessionStorage', 'get').mockImplementation(() => {
      throw new Error('blocked');
    });
    try {
      const { last } = await start();
      history.pushState({}, '', '/x');
      expect((await last('A')).event_properties).toMatchObject({ '[Amplitude] Previous Page Location': `${ORIGIN}/` });
    } finally {
      spy.mockRestore();
    }
  });

  it('ignores a corrupt stored value and warns', async () => {
    sessionStorage.setItem('AMP_URL_INFO', '{bad');
    const { last, logger } = await start();
    expect((await last('A')).event_properties).toMatchObject({ '[Amplitude] Previous Page Type': 'direct' });
    expect(logger.warn).toHaveBeenCalled();
  });

  it('warns about a bad internalDomains value and carries on', async () => {
    const { last, logger } = await start({ internalDomains: 'x.com' as never });
    expect((await last('A')).event_properties).toHaveProperty('[Amplitude] Page URL');
    expect(logger.warn).toHaveBeenCalledWith(expect.stringContaining('internalDomains'));
  });

  it.each([
    [false, undefined],
    [true, {}],
    [undefined, {}],
    [{ internalDomains: ['a.com'] }, { internalDomains: ['a.com'] }],
  ])('pageUrlEnrichmentOptionsFrom(%j)', (value, expected) => {
    expect(pageUrlEnrichmentOptionsFrom(value)).toEqual(expected);
  });
});
