import { objectOrEmpty, type Config, type ConsentMode, type Plugin } from '@sightline/core';

/**
 * Cookieless measurement: the features that keep something between pages (campaign attribution,
 * the previous page) stay off; the rest capture as configured.
 */
const cookielessAutocapture = (config: Config): Config => {
  const { autocapture } = config;
  if (autocapture === false) return config;
  const features = objectOrEmpty(autocapture);
  return { ...config, autocapture: { ...features, attribution: false, pageUrlEnrichment: false } };
};

export interface ModePluginsInput {
  context: () => Plugin;
  destination: (config: Config, persistent: boolean) => Plugin;
  autocapture?: (config: Config) => Plugin[];
}

/**
 * The plugins a browser instance sets up in a consent mode: none while consent is pending or
 * denied (nothing captures, patches, listens or touches storage), everything with full consent,
 * and under cookieless measurement a delivery and features that store nothing.
 */
export const modePlugins = (config: Config, mode: ConsentMode, input: ModePluginsInput): Plugin[] => {
  if (mode !== 'full' && mode !== 'cookieless') return [];
  const full = mode === 'full';
  const capture = input.autocapture ? input.autocapture(full ? config : cookielessAutocapture(config)) : [];
  return [input.context(), input.destination(config, full), ...capture];
};
