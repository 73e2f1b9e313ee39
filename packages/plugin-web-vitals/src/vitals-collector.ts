/**
 * Keeps the latest metrics of each measured page and hands out the pages whose metrics
 * changed since they were last sent: the first hidden state sends everything measured, a
 * later one only what changed after it. No DOM access.
 */
import type { Properties } from '@sightline/core';
import { MAX_TRACKED_PAGES, MetricProperty, type MetricName } from './constants.js';
import { toMetricReport, type MetricReport } from './metric-report.js';
import type { VitalMetric } from './metric-source.js';

interface MeasuredPage {
  key: string;
  page: Properties;
  metrics: { [name in MetricName]?: MetricReport };
  changed: boolean;
}

export interface VitalsCollectorOptions {
  timeOrigin: number;
  /** Page properties for a newly measured page; `navigationURL` when web-vitals knows it. */
  describePage(navigationURL: string | undefined): Properties;
  maxPages?: number;
}

export interface VitalsCollector {
  record(metric: VitalMetric): void;
  /** Event properties of every page with unsent changes; marks them sent. */
  takeChanged(): Properties[];
}

/** A page life: the load, each soft navigation, each bfcache restore (distinct start times). */
const pageKey = (metric: VitalMetric): string => `${metric.navigationId || 0}@${metric.navigationStartTime || 0}`;

const isMetricName = (name: unknown): name is MetricName =>
  typeof name === 'string' && Object.prototype.hasOwnProperty.call(MetricProperty, name);

export function createVitalsCollector(options: VitalsCollectorOptions): VitalsCollector {
  const maxPages = options.maxPages || MAX_TRACKED_PAGES;
  const pages: MeasuredPage[] = [];

  const pageFor = (metric: VitalMetric): MeasuredPage => {
    const key = pageKey(metric);
    for (const page of pages) if (page.key === key) return page;
    const page: MeasuredPage = { key, page: options.describePage(metric.navigationURL), metrics: {}, changed: false };
    pages.push(page);
    if (pages.length > maxPages) {
      // Forget the oldest page already sent; only if every page has unsent changes, the oldest.
      const sent = pages.findIndex((candidate) => !candidate.changed);
      pages.splice(sent >= 0 ? sent : 0, 1);
    }
    return page;
  };

  return {
    record(metric) {
      if (!metric || !isMetricName(metric.name)) return;
      const page = pageFor(metric);
      const report = toMetricReport(metric, options.timeOrigin);
      const previous = page.metrics[metric.name];
      if (previous && previous.value === report.value && previous.id === report.id) return;
      page.metrics[metric.name] = report;
      page.changed = true;
    },
    takeChanged() {
      const events: Properties[] = [];
      for (const page of pages) {
        if (!page.changed) continue;
        page.changed = false;
        const properties: Properties = { ...page.page };
        for (const name of Object.keys(page.metrics) as MetricName[])
          properties[MetricProperty[name]] = { ...page.metrics[name] };
        events.push(properties);
      }
      return events;
    },
  };
}
