/** The shape of the `web-vitals` API the plugin uses, so tests can inject a fake source. */
import type { MetricName } from './constants.js';

export interface VitalMetric {
  name: MetricName;
  value: number;
  rating: 'good' | 'needs-improvement' | 'poor';
  delta: number;
  id: string;
  navigationType: string;
  navigationId?: number;
  /** web-vitals v6: the URL the metric belongs to (soft navigations report late). */
  navigationURL?: string;
  /** ms since time origin when the measured navigation started (0 for the page load). */
  navigationStartTime?: number;
  entries: ReadonlyArray<{ startTime: number }>;
}

export interface MetricReportOptions {
  reportAllChanges?: boolean;
  reportSoftNavs?: boolean;
}

export type MetricSubscription = (onReport: (metric: VitalMetric) => void, options?: MetricReportOptions) => void;

export interface MetricSource {
  onLCP: MetricSubscription;
  onFCP: MetricSubscription;
  onINP: MetricSubscription;
  onCLS: MetricSubscription;
  onTTFB: MetricSubscription;
}
