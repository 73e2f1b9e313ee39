/** Wire names and documented defaults of page view tracking (FEATURES B.4, C.2, OQ-1/2), defined once. */

/** C03, B67 */
export const DEFAULT_PAGE_VIEW_EVENT = '[Amplitude] Page Viewed';
/** C27 */
export const PAGE_COUNTER = '[Amplitude] Page Counter';

export const TRACK_ON_ATTRIBUTION = 'attribution';
export const HISTORY_ALL = 'all';
export const HISTORY_PATH_ONLY = 'pathOnly';

export const PLUGIN_NAME = 'sightline-page-views';
