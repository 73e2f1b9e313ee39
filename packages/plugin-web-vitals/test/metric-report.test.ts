import { describe, expect, it } from 'vitest';
import { readTimeOrigin, toMetricReport } from '../src/metric-report.js';
import type { VitalMetric } from '../src/metric-source.js';
import { readPageProperties } from '@sightline/dom';
const pageProperties = (href: string, title: string) => readPageProperties({ href, title });

const ORIGIN = 1_700_000_000_000;
const metric = (overrides: Partial<VitalMetric>): VitalMetric => ({
  name: 'LCP',
  value: 1234.5,
  rating: 'good',
  delta: 1234.5,
  id: 'v6-1',
  navigationType: 'navigate',
  entries: [],
  ...overrides,
});

describe('metric objects { value, rating, delta, navigationType, id, timestamp, navigationStart }', () => {
  it.each([
    [
      'LCP: the paint time',
      metric({ name: 'LCP', value: 1234.5, entries: [{ startTime: 1234.5 }] }),
      ORIGIN + 1235,
      ORIGIN,
    ],
    ['FCP: the paint time', metric({ name: 'FCP', value: 800 }), ORIGIN + 800, ORIGIN],
    ['TTFB: the first byte', metric({ name: 'TTFB', value: 120.2, entries: [{ startTime: 0 }] }), ORIGIN + 120, ORIGIN],
    [
      'INP: the interaction',
      metric({ name: 'INP', value: 200, entries: [{ startTime: 5000 }, { startTime: 5001 }] }),
      ORIGIN + 5001,
      ORIGIN,
    ],
    [
      'CLS: the last shift',
      metric({ name: 'CLS', value: 0.12, entries: [{ startTime: 300 }, { startTime: 900.6 }] }),
      ORIGIN + 901,
      ORIGIN,
    ],
    ['CLS without shifts: the navigation start', metric({ name: 'CLS', value: 0, entries: [] }), ORIGIN, ORIGIN],
    [
      'soft navigation: measured from its own start',
      metric({ name: 'FCP', value: 100, navigationType: 'soft-navigation', navigationStartTime: 10_000 }),
      ORIGIN + 10_100,
      ORIGIN + 10_000,
    ],
  ])('%s', (_label, input, timestamp, navigationStart) => {
    expect(toMetricReport(input, ORIGIN)).toEqual({
      value: input.value,
      rating: input.rating,
      delta: input.delta,
      navigationType: input.navigationType,
      id: input.id,
      timestamp,
      navigationStart,
    });
  });

  it('bad numbers from a broken source become 0, never NaN on the wire', () => {
    const report = toMetricReport(metric({ value: NaN, delta: undefined, navigationStartTime: Infinity }), ORIGIN);
    expect(report).toMatchObject({ value: 0, delta: 0, navigationStart: ORIGIN, timestamp: ORIGIN });
    expect(toMetricReport(metric({ name: 'INP', entries: undefined }), ORIGIN).timestamp).toBe(ORIGIN);
  });

  it.each([
    ['timeOrigin', { timeOrigin: 5000, now: () => 1 } as unknown as Performance, 5000],
    [
      'timing.navigationStart',
      { timeOrigin: 0, timing: { navigationStart: 4000 }, now: () => 1 } as unknown as Performance,
      4000,
    ],
    ['now() difference', { now: () => 250 } as unknown as Performance, 750],
    ['no performance', undefined, 1000],
  ])('readTimeOrigin from %s', (_label, performance, expected) => {
    expect(readTimeOrigin(performance, () => 1000)).toBe(expected);
  });
});

// The measured page goes through the shared page properties of @sightline/dom.
describe('page properties of the measured page', () => {
  it.each([
    [
      'https://shop.example.com/cart?step=2#top',
      'Cart',
      {
        '[Amplitude] Page Domain': 'shop.example.com',
        '[Amplitude] Page Location': 'https://shop.example.com/cart?step=2#top',
        '[Amplitude] Page Path': '/cart',
        '[Amplitude] Page Title': 'Cart',
        '[Amplitude] Page URL': 'https://shop.example.com/cart',
      },
    ],
    [
      'https://user:pw@a.com/u/jane@example.com?token=abc',
      '',
      {
        '[Amplitude] Page Domain': 'a.com',
        '[Amplitude] Page Location': 'https://a.com/u/*****?token=*****',
        '[Amplitude] Page Path': '/u/*****',
        '[Amplitude] Page Title': '',
        '[Amplitude] Page URL': 'https://a.com/u/*****',
      },
    ],
    [
      'not a url',
      'T',
      {
        '[Amplitude] Page Domain': '',
        '[Amplitude] Page Location': 'not a url',
        '[Amplitude] Page Path': '',
        '[Amplitude] Page Title': 'T',
        '[Amplitude] Page URL': 'not a url',
      },
    ],
  ])('%s', (url, title, expected) => {
    expect(pageProperties(url, title)).toEqual(expected);
  });
});
