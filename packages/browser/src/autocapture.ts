import type { Config, Plugin } from '@sightline/core';
import { attributionPlugin } from '@sightline/plugin-attribution';
import { fileDownloadsPlugin } from '@sightline/plugin-file-downloads';
import { formInteractionsPlugin } from '@sightline/plugin-form-interactions';
import { pageUrlEnrichmentPlugin } from '@sightline/plugin-page-url-enrichment';
import { pageViewsPlugin } from '@sightline/plugin-page-views';
import { resolveAutocapture, type AutocaptureFeature } from './autocapture-policy.js';
import { onDemandPlugin, type PluginFactory } from './on-demand/on-demand-plugin.js';
import { importOptIn } from './opt-in-import.js';
import { OPT_IN_PLUGIN_NAMES as NAMES, type OptInFile, type OptInModules } from './opt-in-files.js';

/** An opt-in plugin whose code is loaded when a feature turns it on (see on-demand-plugin.ts). */
const onDemand =
  <File extends OptInFile>(file: File, name: string, pick: (module: OptInModules[File]) => PluginFactory) =>
  (options: object): Plugin =>
    onDemandPlugin({
      name,
      options,
      load: (context) => importOptIn(file, context).then((module) => module && pick(module)),
    });

/**
 * The default plugins in the order they run: attribution before page views, so the
 * campaign `$identify` leaves before the page view on load. Sessions live in the core client.
 * The opt-in ones come last, their code loaded on demand.
 */
const autocapturePlugins: (AutocaptureFeature & { create: PluginFactory })[] = [
  { key: 'attribution', defaultOn: true, create: attributionPlugin },
  { key: 'pageViews', defaultOn: true, create: pageViewsPlugin },
  { key: 'formInteractions', defaultOn: true, create: formInteractionsPlugin },
  { key: 'fileDownloads', aliases: ['fileDownload'], defaultOn: true, create: fileDownloadsPlugin },
  { key: 'pageUrlEnrichment', defaultOn: true, create: pageUrlEnrichmentPlugin },
  {
    key: 'elementInteractions',
    defaultOn: false,
    create: onDemand('element-interactions', NAMES.elementInteractions, (m) => m.elementInteractionsPlugin),
  },
  {
    key: 'frustrationInteractions',
    defaultOn: false,
    create: onDemand('element-interactions', NAMES.frustrationInteractions, (m) => m.frustrationInteractionsPlugin),
  },
  {
    key: 'networkTracking',
    defaultOn: false,
    create: onDemand('network-requests', NAMES.networkRequests, (m) => m.networkRequestsPlugin),
  },
  { key: 'webVitals', defaultOn: false, create: onDemand('web-vitals', NAMES.webVitals, (m) => m.webVitalsPlugin) },
];

/** The plugins the `autocapture` option asks for. */
export const wireAutocapture = (config: Config): Plugin[] => {
  const enabled = resolveAutocapture(config.autocapture, autocapturePlugins);
  return autocapturePlugins
    .filter((feature) => enabled[feature.key])
    .map((feature) => feature.create(enabled[feature.key]));
};
