/** One `[Amplitude] <metric>` object. Pure. */
import { TIME_SINCE_NAVIGATION_METRICS } from './constants.js';
import type { VitalMetric } from './metric-source.js';

export interface MetricReport {
  value: number;
  rating: string;
  delta: number;
  navigationType: string;
  id: string;
  /** ms since epoch of the moment the metric describes (the paint, the first byte, the interaction, the last shift). */
  timestamp: number;
  /** ms since epoch when the measured navigation started (the soft navigation or bfcache restore, when it is one). */
  navigationStart: number;
}

const finite = (value: unknown, fallback: number): number =>
  typeof value === 'number' && isFinite(value) ? value : fallback;

export function toMetricReport(metric: VitalMetric, timeOrigin: number): MetricReport {
  const value = finite(metric.value, 0);
  const navigationStart = Math.round(timeOrigin + finite(metric.navigationStartTime, 0));
  let timestamp = navigationStart;
  if (TIME_SINCE_NAVIGATION_METRICS.indexOf(metric.name) >= 0) {
    timestamp = Math.round(navigationStart + value);
  } else {
    const entries: ReadonlyArray<{ startTime?: unknown }> = Array.isArray(metric.entries) ? metric.entries : [];
    const last = entries[entries.length - 1];
    if (last && typeof last.startTime === 'number') timestamp = Math.round(timeOrigin + last.startTime);
  }
  return {
    value,
    rating: String(metric.rating),
    delta: finite(metric.delta, 0),
    navigationType: String(metric.navigationType),
    id: String(metric.id),
    timestamp,
    navigationStart,
  };
}

/** `performance.timeOrigin`, or its older equivalents. */
export function readTimeOrigin(performance: Performance | undefined, now: () => number = Date.now): number {
  if (!performance) return now();
  if (typeof performance.timeOrigin === 'number' && performance.timeOrigin > 0) return performance.timeOrigin;
  const timing = (performance as Performance & { timing?: { navigationStart?: number } }).timing;
  if (timing && typeof timing.navigationStart === 'number' && timing.navigationStart > 0) return timing.navigationStart;
  return now() - (typeof performance.now === 'function' ? performance.now() : 0);
}
