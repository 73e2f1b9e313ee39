/** `autocapture.pageViews` options and their documented defaults. */
import type { Logger } from '@sightline/core';
import { DEFAULT_PAGE_VIEW_EVENT, HISTORY_ALL, HISTORY_PATH_ONLY, TRACK_ON_ATTRIBUTION } from './constants.js';
import type { TrackHistoryChanges } from './history-policy.js';

export interface PageViewsOptions {
  /** `undefined` = on load; `'attribution'` = when attribution is tracked; function = when it returns true. */
  trackOn?: 'attribution' | (() => boolean);
  /** Default `'all'`. */
  trackHistoryChanges?: TrackHistoryChanges;
  /** Default `[Amplitude] Page Viewed`. */
  eventType?: string;
}

export interface ResolvedPageViewsOptions {
  trackOn?: 'attribution' | (() => boolean);
  trackHistoryChanges: TrackHistoryChanges;
  eventType: string;
}

export const resolvePageViewsOptions = (options: PageViewsOptions = {}, logger?: Logger): ResolvedPageViewsOptions => {
  const warn = (message: string) => logger && logger.warn(`page views: ${message}`);
  let trackOn = options.trackOn;
  if (trackOn !== undefined && trackOn !== TRACK_ON_ATTRIBUTION && typeof trackOn !== 'function') {
    warn(`trackOn must be 'attribution' or a function; tracking on load`);
    trackOn = undefined;
  }
  let trackHistoryChanges: TrackHistoryChanges = HISTORY_ALL;
  if (options.trackHistoryChanges === HISTORY_PATH_ONLY) trackHistoryChanges = HISTORY_PATH_ONLY;
  else if (options.trackHistoryChanges !== undefined && options.trackHistoryChanges !== HISTORY_ALL)
    warn(`trackHistoryChanges must be 'all' or 'pathOnly'; using 'all'`);
  let eventType = DEFAULT_PAGE_VIEW_EVENT;
  if (typeof options.eventType === 'string' && options.eventType) eventType = options.eventType;
  else if (options.eventType !== undefined) warn('eventType must be a non-empty string; using the default');
  return { trackOn, trackHistoryChanges, eventType };
};

/** Maps `autocapture.pageViews` (default `true`) to plugin options, or `undefined` when off. */
export const pageViewsOptionsFrom = (value: unknown): PageViewsOptions | undefined => {
  if (value === false) return undefined;
  if (value && typeof value === 'object') return value;
  return {};
};
