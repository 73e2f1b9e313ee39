import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Event } from '@sightline/core';
import { createTestClient, settle } from '@sightline/test-utils';
import { EVENT_WEB_VITALS, WEB_VITALS_PLUGIN_NAME, webVitalsPlugin, type WebVitalsOptions } from '../src/index.js';
import type { MetricReportOptions, MetricSource, VitalMetric } from '../src/metric-source.js';

const KEY = 'api-key-0123456789';

/** A metric source the test drives by hand, recording the options each metric was asked with. */
const fakeSource = () => {
  const listeners: { [name: string]: Array<(metric: VitalMetric) => void> } = {};
  const options: { [name: string]: MetricReportOptions | undefined } = {};
  const subscription =
    (name: string) => (onReport: (metric: VitalMetric) => void, reportOptions?: MetricReportOptions) => {
      (listeners[name] = listeners[name] || []).push(onReport);
      options[name] = reportOptions;
    };
  const source: MetricSource = {
    onLCP: subscription('LCP'),
    onFCP: subscription('FCP'),
    onINP: subscription('INP'),
    onCLS: subscription('CLS'),
    onTTFB: subscription('TTFB'),
  };
  const emit = (name: VitalMetric['name'], overrides: Partial<VitalMetric> = {}) => {
    const metric: VitalMetric = {
      name,
      value: 100,
      rating: 'good',
      delta: 100,
      id: `${name}-1`,
      navigationType: 'navigate',
      navigationId: 1,
      entries: [],
      ...overrides,
    };
    for (const listener of listeners[name] || []) listener(metric);
  };
  return { source, emit, options };
};

const setVisibility = (state: 'hidden' | 'visible') => {
  Object.defineProperty(document, 'visibilityState', { value: state, configurable: true });
  document.dispatchEvent(new Event('visibilitychange'));
};

const start = async (options: WebVitalsOptions & { source?: MetricSource } = {}) => {
  const setup = createTestClient();
  await setup.client.init(KEY, null, { loggerProvider: setup.logger }).promise;
  await setup.client.add(webVitalsPlugin(options)).promise;
  const vitals = (): Event[] => setup.destination.events.filter((event) => event.event_type === EVENT_WEB_VITALS);
  return { ...setup, vitals };
};

const clients: Array<Awaited<ReturnType<typeof start>>> = [];
const startTracked = async (options: WebVitalsOptions & { source?: MetricSource } = {}) => {
  const setup = await start(options);
  clients.push(setup);
  return setup;
};

afterEach(async () => {
  for (const setup of clients.splice(0)) await setup.client.remove(WEB_VITALS_PLUGIN_NAME).promise;
  Object.defineProperty(document, 'visibilityState', { value: 'visible', configurable: true });
  document.title = '';
});

describe('one [Amplitude] Web Vitals event when the page is first hidden', () => {
  it(
    'sends every metric measured, with the page properties, then flushes ' + 'after the event reached the destination',
    async () => {
      const fake = fakeSource();
      window.history.replaceState(null, '', '/checkout?coupon=1&token=abc');
      document.title = 'Checkout';
      const { vitals, destination } = await startTracked({ source: fake.source });
      const flushedWith: string[][] = [];
      vi.mocked(destination.flush as () => void).mockImplementation(() => {
        flushedWith.push(destination.events.map((event) => event.event_type));
      });
      for (const name of ['LCP', 'FCP', 'INP', 'CLS', 'TTFB'] as const) fake.emit(name, { value: 10 });
      await settle();
      expect(vitals()).toHaveLength(0); // nothing before the page hides

      setVisibility('hidden');
      await settle();
      expect(vitals()).toHaveLength(1);
      const properties = vitals()[0].event_properties as Record<string, unknown>;
      expect(properties).toMatchObject({
        '[Amplitude] Page Domain': location.hostname,
        '[Amplitude] Page Path': '/checkout',
        '[Amplitude] Page Title': 'Checkout',
        '[Amplitude] Page URL': `${location.origin}/checkout`,
        '[Amplitude] Page Location': `${location.origin}/checkout?coupon=1&token=*****`,
      });
      for (const name of ['LCP', 'FCP', 'INP', 'CLS', 'TTFB']) {
        expect(properties[`[Amplitude] ${name}`]).toEqual({
          value: 10,
          rating: 'good',
          delta: 100,
          navigationType: 'navigate',
          id: `${name}-1`,
          timestamp: expect.any(Number),
          navigationStart: expect.any(Number),
        });
      }
      expect(JSON.stringify(properties)).not.toContain('abc');
      expect(flushedWith).toHaveLength(1);
      expect(flushedWith[0]).toContain(EVENT_WEB_VITALS);
    },
  );

  it(
    'asks web-vitals for every change and for soft navigations by default; ' + 'reportSoftNavs: false turns them off',
    async () => {
      const on = fakeSource();
      await startTracked({ source: on.source });
      expect(on.options).toEqual({
        LCP: { reportAllChanges: true, reportSoftNavs: true },
        FCP: { reportAllChanges: true, reportSoftNavs: true },
        INP: { reportAllChanges: true, reportSoftNavs: true },
        CLS: { reportAllChanges: true, reportSoftNavs: true },
        TTFB: { reportAllChanges: true, reportSoftNavs: true },
      });
      const off = fakeSource();
      await startTracked({ source: off.source, reportSoftNavs: false });
      expect(off.options.LCP).toEqual({ reportAllChanges: true, reportSoftNavs: false });
    },
  );

  it('is sent again only when metrics changed after the first hidden state', async () => {
    const fake = fakeSource();
    const { vitals } = await startTracked({ source: fake.source });
    fake.emit('LCP', { value: 900 });
    fake.emit('INP', { value: 40 });
    setVisibility('hidden');
    await settle();
    setVisibility('visible');
    setVisibility('hidden');
    window.dispatchEvent(new Event('pagehide'));
    await settle();
    expect(vitals()).toHaveLength(1);

    setVisibility('visible');
    fake.emit('INP', { value: 320, delta: 280, rating: 'needs-improvement' });
    setVisibility('hidden');
    await settle();
    expect(vitals()).toHaveLength(2);
    expect((vitals()[1].event_properties as Record<string, unknown>)['[Amplitude] INP']).toMatchObject({
      value: 320,
      delta: 280,
    });
  });

  it('a value web-vitals finalises just after the page hides goes in the same, single event', async () => {
    const fake = fakeSource();
    const { vitals } = await startTracked({ source: fake.source });
    fake.emit('LCP', { value: 900 });
    setVisibility('hidden');
    fake.emit('INP', { value: 64 }); // INP's last entries arrive a moment after visibilitychange
    window.dispatchEvent(new Event('pagehide'));
    await settle();
    expect(vitals()).toHaveLength(1);
    expect(vitals()[0].event_properties).toMatchObject({
      '[Amplitude] LCP': { value: 900 },
      '[Amplitude] INP': { value: 64 },
    });
  });

  it(
    'a value finalised at the visibilitychange that follows pagehide goes ' + 'out at once, as a second event',
    async () => {
      const fake = fakeSource();
      const { vitals } = await startTracked({ source: fake.source });
      fake.emit('LCP', { value: 900 });
      window.dispatchEvent(new Event('pagehide'));
      fake.emit('INP', { value: 64 });
      setVisibility('hidden');
      await Promise.resolve();
      await Promise.resolve();
      // Sent without waiting for a timer: the document is going away.
      expect(
        vitals().map((event) => Object.keys(event.event_properties as object).filter((key) => /LCP|INP/.test(key))),
      ).toEqual([['[Amplitude] LCP'], ['[Amplitude] LCP', '[Amplitude] INP']]);
    },
  );

  it('pagehide alone (no visibilitychange) sends too', async () => {
    const fake = fakeSource();
    const { vitals } = await startTracked({ source: fake.source });
    fake.emit('TTFB', { value: 50 });
    window.dispatchEvent(new Event('pagehide'));
    await settle();
    expect(vitals()).toHaveLength(1);
  });

  it('a visibilitychange to visible sends nothing; hiding before any metric sends nothing', async () => {
    const fake = fakeSource();
    const { vitals, destination } = await startTracked({ source: fake.source });
    setVisibility('hidden');
    await settle();
    expect(vitals()).toHaveLength(0);
    expect(destination.flush).not.toHaveBeenCalled();
    setVisibility('visible');
    fake.emit('FCP');
    setVisibility('visible');
    await settle();
    expect(vitals()).toHaveLength(0);
  });

  it('soft navigations are reported as their own pages', async () => {
    const fake = fakeSource();
    const { vitals } = await startTracked({ source: fake.source });
    fake.emit('LCP', { navigationId: 1, navigationURL: 'https://shop.example.com/' });
    fake.emit('LCP', {
      navigationId: 2,
      navigationStartTime: 4000,
      navigationType: 'soft-navigation',
      navigationURL: 'https://shop.example.com/item/7',
      id: 'soft',
    });
    setVisibility('hidden');
    await settle();
    expect(
      vitals().map((event) => (event.event_properties as Record<string, unknown>)['[Amplitude] Page Path']),
    ).toEqual(['/', '/item/7']);
  });
});

describe('lifecycle and fault paths', () => {
  it('after teardown, metrics and page hides are ignored and listeners are gone', async () => {
    const fake = fakeSource();
    const setup = await start({ source: fake.source });
    await setup.client.remove(WEB_VITALS_PLUGIN_NAME).promise;
    fake.emit('LCP');
    setVisibility('hidden');
    window.dispatchEvent(new Event('pagehide'));
    await settle();
    expect(setup.vitals()).toHaveLength(0);
  });

  it('a metric function that throws (unsupported browser) is logged; the others still work', async () => {
    const fake = fakeSource();
    fake.source.onINP = () => {
      throw new Error('no PerformanceObserver');
    };
    const { vitals, logger } = await startTracked({ source: fake.source });
    fake.emit('LCP');
    setVisibility('hidden');
    await settle();
    expect(logger.warn).toHaveBeenCalled();
    expect(vitals()).toHaveLength(1);
  });

  it('a client whose track throws never breaks the page hide', async () => {
    const fake = fakeSource();
    const { client, logger } = await startTracked({ source: fake.source });
    vi.spyOn(client, 'track').mockImplementation(() => {
      throw new Error('broken');
    });
    fake.emit('LCP');
    expect(() => setVisibility('hidden')).not.toThrow();
    await settle();
    expect(logger.error).toHaveBeenCalled();
  });

  it('uses the real web-vitals source by default: set up and a page hide log no error in happy-dom', async () => {
    const setup = createTestClient();
    await setup.client.init(KEY, null, { loggerProvider: setup.logger }).promise;
    const added = await setup.client.add(webVitalsPlugin()).promise;
    setVisibility('hidden');
    await settle();
    expect(added.code).toBe(200);
    expect(setup.logger.error).not.toHaveBeenCalled();
    await setup.client.remove(WEB_VITALS_PLUGIN_NAME).promise;
  });
});
