import type { Config, Plugin } from '@sightline/core';
import { attributionPlugin } from '@sightline/plugin-attribution';
import { elementInteractionsPlugin, frustrationInteractionsPlugin } from '@sightline/plugin-element-interactions';
import { fileDownloadsPlugin } from '@sightline/plugin-file-downloads';
import { formInteractionsPlugin } from '@sightline/plugin-form-interactions';
import { networkRequestsPlugin } from '@sightline/plugin-network-requests';
import { pageUrlEnrichmentPlugin } from '@sightline/plugin-page-url-enrichment';
import { pageViewsPlugin } from '@sightline/plugin-page-views';
import { webVitalsPlugin } from '@sightline/plugin-web-vitals';
import { resolveAutocapture, type AutocaptureFeature } from './autocapture-policy.js';

type PluginFactory = (options: object) => Plugin;

/**
 * The default plugins in the order they run: attribution before page views, so the
 * campaign `$identify` leaves before the page view on load. Sessions live in the core client.
 */
const autocapturePlugins: (AutocaptureFeature & { create: PluginFactory })[] = [
  { key: 'attribution', defaultOn: true, create: attributionPlugin },
  { key: 'pageViews', defaultOn: true, create: pageViewsPlugin },
  { key: 'formInteractions', defaultOn: true, create: formInteractionsPlugin },
  { key: 'fileDownloads', aliases: ['fileDownload'], defaultOn: true, create: fileDownloadsPlugin },
  { key: 'pageUrlEnrichment', defaultOn: true, create: pageUrlEnrichmentPlugin },
  { key: 'elementInteractions', defaultOn: false, create: elementInteractionsPlugin },
  { key: 'frustrationInteractions', defaultOn: false, create: frustrationInteractionsPlugin },
  { key: 'networkTracking', defaultOn: false, create: networkRequestsPlugin },
  { key: 'webVitals', defaultOn: false, create: webVitalsPlugin },
];

/** The plugins the `autocapture` option asks for. */
export const wireAutocapture = (config: Config): Plugin[] => {
  const enabled = resolveAutocapture(config.autocapture, autocapturePlugins);
  return autocapturePlugins
    .filter((feature) => enabled[feature.key])
    .map((feature) => feature.create(enabled[feature.key]));
};
