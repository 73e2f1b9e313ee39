/** Wire names of page URL enrichment, defined once. */
import { EVENT_GROUP_IDENTIFY, EVENT_IDENTIFY, EVENT_REVENUE } from '@sightline/core';

// The page properties are shared with page views: defined in @sightline/dom.
export { PAGE_DOMAIN, PAGE_LOCATION, PAGE_PATH, PAGE_TITLE, PAGE_URL } from '@sightline/dom';
export const PREVIOUS_PAGE_LOCATION = '[Amplitude] Previous Page Location';
export const PREVIOUS_PAGE_TYPE = '[Amplitude] Previous Page Type';

/** `[Amplitude] Previous Page Type` values. */
export const PageType = { DIRECT: 'direct', INTERNAL: 'internal', EXTERNAL: 'external' } as const;
export type PageType = (typeof PageType)[keyof typeof PageType];

/** SessionStorage key of the current and previous page. */
export const URL_INFO_KEY = 'AMP_URL_INFO';

/** Every event is enriched except these. */
export const UNENRICHED_EVENT_TYPES: readonly string[] = [EVENT_IDENTIFY, EVENT_GROUP_IDENTIFY, EVENT_REVENUE];

export const PLUGIN_NAME = 'sightline-page-url-enrichment';
