// The one place a test reads core's option resolution, which core does not export.
import { resolveConfig } from '../../core/src/config.js';
import type { Config } from '@sightline/core';

/** The `Config` a client resolves from these options (as `init(apiKey, options)` would). */
export const resolvedConfig = (options: Record<string, unknown> = {}, apiKey = 'k'): Config =>
  resolveConfig({ apiKey, options }).config;
