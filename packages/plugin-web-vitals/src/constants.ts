/** Wire names of Web Vitals capture — defined once. */
import { PAGE_DOMAIN, PAGE_LOCATION, PAGE_PATH, PAGE_TITLE, PAGE_URL } from '@sightline/dom';

export const PLUGIN_NAME = 'sightline-web-vitals';

export const EVENT_WEB_VITALS = '[Amplitude] Web Vitals';

export const METRIC_NAMES = ['LCP', 'FCP', 'INP', 'CLS', 'TTFB'] as const;
export type MetricName = (typeof METRIC_NAMES)[number];

/** `[Amplitude] LCP` … one object property per metric. */
export const MetricProperty: { readonly [name in MetricName]: string } = {
  LCP: '[Amplitude] LCP',
  FCP: '[Amplitude] FCP',
  INP: '[Amplitude] INP',
  CLS: '[Amplitude] CLS',
  TTFB: '[Amplitude] TTFB',
};

export const PageProperty = {
  DOMAIN: PAGE_DOMAIN,
  LOCATION: PAGE_LOCATION,
  PATH: PAGE_PATH,
  TITLE: PAGE_TITLE,
  URL: PAGE_URL,
} as const;

/** Metrics whose value is a time since the navigation started (ms); CLS and INP are not. */
export const TIME_SINCE_NAVIGATION_METRICS: readonly MetricName[] = ['LCP', 'FCP', 'TTFB'];

/** Pages (navigations, soft navigations, bfcache restores) whose metrics are kept at once. */
export const MAX_TRACKED_PAGES = 10;
