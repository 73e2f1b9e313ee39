import type { Config } from '@sightline/core';
import { campaignStorageKey } from '@sightline/plugin-attribution';
import { URL_INFO_KEY } from '@sightline/plugin-page-url-enrichment';

/**
 * The web-storage keys the default plugins write (attribution's campaign, page URL enrichment's
 * previous page), erased when consent is denied. The full entry passes them to its instances; the
 * lean entry imports no plugin package.
 */
export const pluginStorageKeys = (config: Config): string[] => [campaignStorageKey(config.apiKey), URL_INFO_KEY];
