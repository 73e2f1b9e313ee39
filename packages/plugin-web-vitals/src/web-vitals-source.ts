/** The real metric source: the `web-vitals` library, kept in its own module so tests can swap it. */
import { onCLS, onFCP, onINP, onLCP, onTTFB } from 'web-vitals';
import type { MetricSource } from './metric-source.js';

export const webVitalsSource: MetricSource = { onLCP, onFCP, onINP, onCLS, onTTFB };
