/** Wire names and documented defaults of page view tracking, defined once. */

/** The page view event. */
export const DEFAULT_PAGE_VIEW_EVENT = '[Amplitude] Page Viewed';
/** The per-session page counter property. */
export const PAGE_COUNTER = '[Amplitude] Page Counter';

export const TRACK_ON_ATTRIBUTION = 'attribution';
export const HISTORY_ALL = 'all';
export const HISTORY_PATH_ONLY = 'pathOnly';

export const PLUGIN_NAME = 'sightline-page-views';
