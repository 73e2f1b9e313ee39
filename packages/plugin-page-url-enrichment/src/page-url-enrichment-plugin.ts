/**
 * Adds the page properties and the previous page to every event except
 * `$identify`, `$groupidentify` and `revenue_amount`; a property the event already has is
 * never overwritten.
 */
import { getDocument, getLocation, type Config, type Event, type Plugin, type Properties } from '@sightline/core';
import {
  observeNavigation,
  readPageProperties,
  readableUrl,
  scrubUrl,
  snapshotPage,
  type PageAtTrack,
} from '@sightline/dom';
import {
  PAGE_LOCATION,
  PLUGIN_NAME,
  PREVIOUS_PAGE_LOCATION,
  PREVIOUS_PAGE_TYPE,
  UNENRICHED_EVENT_TYPES,
} from './constants.js';
import {
  classifyPreviousPage,
  rememberUrlInfo,
  urlInfoAfterNavigation,
  urlInfoForLocation,
  urlInfoOnLoad,
  type UrlInfo,
} from './previous-page.js';
import { createUrlInfoStore, type UrlInfoStore } from './url-info-store.js';

/** Where `capture` leaves the page for `execute`: a symbol, so it never reaches the wire. */
const PAGE_AT_TRACK = Symbol('sightline.pageAtTrack');
type TrackedEvent = Event & { [PAGE_AT_TRACK]?: PageAtTrack };

export interface PageUrlEnrichmentOptions {
  /** Host names (with their subdomains) whose pages count as `internal` previous pages besides the current host. */
  internalDomains?: string[];
}

export const pageUrlEnrichmentPlugin = (options: PageUrlEnrichmentOptions = {}): Plugin => {
  const internalDomains = Array.isArray(options.internalDomains)
    ? options.internalDomains.filter((domain) => typeof domain === 'string')
    : [];
  let info: UrlInfo | undefined;
  /** This page's recent states, newest last, so a queued event finds the page it was tracked on. */
  let visited: UrlInfo[] = [];
  let store: UrlInfoStore | undefined;
  let stopNavigation: (() => void) | undefined;

  /** Catches up with URL changes nobody reported (e.g. a router holding the original pushState). */
  const currentInfo = (): UrlInfo | undefined => {
    const location = getLocation();
    if (!info || !location) return info;
    const url = scrubUrl(location.href);
    if (url !== info.url) {
      info = urlInfoAfterNavigation(info, url);
      visited = rememberUrlInfo(visited, info);
      if (store) store.write(info);
    }
    return info;
  };

  return {
    name: PLUGIN_NAME,
    type: 'enrichment',

    setup(config: Config) {
      const logger = config.loggerProvider;
      if (!Array.isArray(options.internalDomains) && options.internalDomains !== undefined)
        logger.warn('page URL enrichment: internalDomains must be an array of host names; ignored');
      const location = getLocation();
      const document = getDocument();
      if (!location || !document) return; // SSR / worker
      store = createUrlInfoStore(logger);
      info = urlInfoOnLoad(store.read(), scrubUrl(location.href), scrubUrl(document.referrer || ''));
      visited = rememberUrlInfo([], info);
      store.write(info);
      stopNavigation = observeNavigation(currentInfo, {
        onError: (error) => logger.error('page URL enrichment: navigation handling failed', error),
      });
    },

    // The page at the tracking call: a click handler that tracks and then routes (pushState)
    // must report the page it was on, not the one the queue reaches the plugin on.
    capture(event: Event) {
      if (UNENRICHED_EVENT_TYPES.includes(event.event_type)) return;
      const page = snapshotPage();
      if (page) (event as TrackedEvent)[PAGE_AT_TRACK] = page;
    },

    execute(event: Event) {
      const page = (event as TrackedEvent)[PAGE_AT_TRACK];
      delete (event as TrackedEvent)[PAGE_AT_TRACK];
      if (UNENRICHED_EVENT_TYPES.includes(event.event_type)) return event;
      const location = getLocation();
      if (!location) return event;
      const current = currentInfo();
      const properties: Properties = { ...event.event_properties };
      const additions: Properties = { ...readPageProperties(page) };
      const trackedAt = properties[PAGE_LOCATION] || additions[PAGE_LOCATION];
      const state = current && urlInfoForLocation(visited, current, trackedAt, readableUrl);
      if (state) {
        additions[PREVIOUS_PAGE_LOCATION] = state.previousUrl;
        additions[PREVIOUS_PAGE_TYPE] = classifyPreviousPage({
          previousUrl: state.previousUrl,
          hostname: location.hostname,
          internalDomains,
        });
      }
      for (const key of Object.keys(additions)) {
        if (properties[key] === undefined) properties[key] = additions[key];
      }
      event.event_properties = properties;
      return event;
    },

    teardown() {
      if (stopNavigation) stopNavigation();
      stopNavigation = undefined;
      info = undefined;
      visited = [];
    },
  };
};

/** Maps `autocapture.pageUrlEnrichment` (boolean, default `true`) to plugin options, or `undefined` when off. */
export const pageUrlEnrichmentOptionsFrom = (value: unknown): PageUrlEnrichmentOptions | undefined => {
  if (value === false) return undefined;
  if (value && typeof value === 'object') return value as PageUrlEnrichmentOptions;
  return {};
};
