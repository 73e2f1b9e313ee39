export { webVitalsPlugin } from './web-vitals-plugin.js';
export type { WebVitalsOptions } from './web-vitals-plugin.js';
export type { MetricReport } from './metric-report.js';
export { PLUGIN_NAME as WEB_VITALS_PLUGIN_NAME, EVENT_WEB_VITALS, MetricProperty, PageProperty } from './constants.js';
