import { describe, expect, it, vi } from 'vitest';
import type { VitalMetric } from '../src/metric-source.js';
import { createVitalsCollector } from '../src/vitals-collector.js';

const metric = (overrides: Partial<VitalMetric>): VitalMetric => ({
  name: 'LCP',
  value: 1000,
  rating: 'good',
  delta: 1000,
  id: 'lcp-1',
  navigationType: 'navigate',
  navigationId: 1,
  entries: [],
  ...overrides,
});

const collector = (maxPages?: number) => {
  const describePage = vi.fn((url: string | undefined) => ({ page: url || 'current' }));
  return { describePage, vitals: createVitalsCollector({ timeOrigin: 0, describePage, maxPages }) };
};

describe('which metrics are sent when', () => {
  it('nothing measured → nothing to send', () => {
    expect(collector().vitals.takeChanged()).toEqual([]);
  });

  it('one event per page with every metric measured; then nothing until a metric changes', () => {
    const { vitals } = collector();
    vitals.record(metric({ name: 'LCP', value: 1000 }));
    vitals.record(metric({ name: 'CLS', value: 0.01, id: 'cls-1' }));
    const [first, ...rest] = vitals.takeChanged();
    expect(rest).toEqual([]);
    expect(Object.keys(first).sort()).toEqual(['[Amplitude] CLS', '[Amplitude] LCP', 'page']);
    expect(vitals.takeChanged()).toEqual([]);
  });

  it('a metric changing after the first send is sent again, with the full current set', () => {
    const { vitals } = collector();
    vitals.record(metric({ name: 'LCP', value: 1000 }));
    vitals.record(metric({ name: 'INP', value: 40, id: 'inp-1' }));
    vitals.takeChanged();
    vitals.record(metric({ name: 'INP', value: 40, id: 'inp-1' })); // same value: no change
    expect(vitals.takeChanged()).toEqual([]);
    vitals.record(metric({ name: 'INP', value: 350, delta: 310, id: 'inp-1', rating: 'needs-improvement' }));
    const [again] = vitals.takeChanged();
    expect(again['[Amplitude] INP']).toMatchObject({ value: 350, delta: 310, rating: 'needs-improvement' });
    expect(again['[Amplitude] LCP']).toMatchObject({ value: 1000 });
  });

  it('soft navigations and bfcache restores are separate pages with their own page properties', () => {
    const { vitals, describePage } = collector();
    vitals.record(metric({ name: 'LCP', navigationId: 1, navigationURL: 'https://a.com/' }));
    vitals.record(
      metric({
        name: 'LCP',
        navigationId: 2,
        navigationStartTime: 5000,
        navigationType: 'soft-navigation',
        navigationURL: 'https://a.com/next',
        id: 'lcp-2',
      }),
    );
    vitals.record(
      metric({
        name: 'FCP',
        navigationId: 1,
        navigationStartTime: 9000,
        navigationType: 'back-forward-cache',
        id: 'fcp-3',
      }),
    );
    const events = vitals.takeChanged();
    expect(events.map((event) => event.page)).toEqual(['https://a.com/', 'https://a.com/next', 'current']);
    expect(describePage).toHaveBeenCalledTimes(3);
  });

  it('only the changed page is sent again', () => {
    const { vitals } = collector();
    vitals.record(metric({ navigationId: 1, navigationURL: 'https://a.com/one' }));
    vitals.record(metric({ navigationId: 2, navigationStartTime: 10, navigationURL: 'https://a.com/two' }));
    vitals.takeChanged();
    vitals.record(metric({ name: 'CLS', value: 0.3, navigationId: 1, navigationURL: 'https://a.com/one', id: 'c' }));
    expect(vitals.takeChanged().map((event) => event.page)).toEqual(['https://a.com/one']);
  });

  it('keeps a bounded number of pages, forgetting sent ones first', () => {
    const { vitals } = collector(2);
    vitals.record(metric({ navigationId: 1 }));
    vitals.takeChanged();
    vitals.record(metric({ navigationId: 2 }));
    vitals.record(metric({ navigationId: 3 }));
    expect(vitals.takeChanged()).toHaveLength(2);
    vitals.record(metric({ navigationId: 4 }));
    vitals.record(metric({ navigationId: 5 }));
    vitals.record(metric({ navigationId: 6 }));
    expect(vitals.takeChanged()).toHaveLength(2);
  });

  it.each([[undefined], [null], [{ name: 'FID', value: 1 }], [{ name: 'toString' }]])(
    'ignores junk from a broken source: %j',
    (junk) => {
      const { vitals } = collector();
      vitals.record(junk as unknown as VitalMetric);
      expect(vitals.takeChanged()).toEqual([]);
    },
  );
});
