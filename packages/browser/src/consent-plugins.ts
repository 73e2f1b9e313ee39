import { objectOrEmpty, type Config, type ConsentMode, type Plugin } from '@sightline/core';

export interface ModePluginsInput {
  context: () => Plugin;
  destination: (config: Config, persistent: boolean) => Plugin;
  autocapture?: (config: Config) => Plugin[];
}

/**
 * The plugins a browser instance sets up in a consent mode: none while consent is pending or
 * denied (nothing captures, patches, listens or touches storage), everything with full consent,
 * and under cookieless measurement a delivery and features that store nothing: those that keep
 * something between pages (campaign attribution, the previous page) stay off.
 */
export const modePlugins = (config: Config, mode: ConsentMode, input: ModePluginsInput): Plugin[] => {
  if (mode === 'hold' || mode === 'off') return [];
  const full = mode === 'full';
  const { autocapture } = config;
  const captured =
    full || autocapture === false
      ? config
      : { ...config, autocapture: { ...objectOrEmpty(autocapture), attribution: false, pageUrlEnrichment: false } };
  return [input.context(), input.destination(config, full), ...(input.autocapture ? input.autocapture(captured) : [])];
};
