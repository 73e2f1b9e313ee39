/**
 * Adds the page properties and the previous page to every event except
 * `$identify`, `$groupidentify` and `revenue_amount`; a property the event already has is
 * never overwritten.
 */
import { getDocument, getLocation, type Config, type Event, type Plugin, type Properties } from '@sightline/core';
import {
  currentHref,
  observeNavigation,
  pagePropertiesOf,
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
  type PageType,
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

export interface PageUrlEnrichmentOptions {
  /** Host names (with their subdomains) whose pages count as `internal` previous pages besides the current host. */
  internalDomains?: string[];
}

/** `fn` remembering its last argument and result: the same page is asked about event after event. */
const lastResultOf = <Result>(fn: (input: string) => Result): ((input: string) => Result) => {
  let lastInput: string | undefined;
  let lastResult!: Result;
  return (input) => {
    if (input !== lastInput) {
      lastResult = fn(input);
      lastInput = input;
    }
    return lastResult;
  };
};

export const pageUrlEnrichmentPlugin = (options: PageUrlEnrichmentOptions = {}): Plugin => {
  const internalDomains = Array.isArray(options.internalDomains)
    ? options.internalDomains.filter((domain) => typeof domain === 'string')
    : [];
  let info: UrlInfo | undefined;
  /** This page's recent states, newest last, so a queued event finds the page it was tracked on. */
  let visited: UrlInfo[] = [];
  let store: UrlInfoStore | undefined;
  let stopNavigation: (() => void) | undefined;
  /** The raw address `info` was last checked against: unchanged, there is nothing to scrub. */
  let checkedHref: string | undefined;
  /** The page at each tracking call, for `execute`: kept off the event, which would carry it to destinations. */
  const pagesAtTrack = new WeakMap<Event, PageAtTrack>();
  // What stays the same from event to event, computed once per page (the host cannot change
  // without a new document).
  const pageLocationOf = lastResultOf(readableUrl);
  let previousPageTypeOf: (previousUrl: string) => PageType = () => 'direct';

  /** Catches up with URL changes nobody reported (e.g. a router holding the original pushState). */
  const currentInfo = (): UrlInfo | undefined => {
    if (!info) return info;
    const href = currentHref();
    if (href === checkedHref) return info;
    checkedHref = href;
    const url = scrubUrl(href);
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
      const hostname = location.hostname;
      previousPageTypeOf = lastResultOf((previousUrl) =>
        classifyPreviousPage({ previousUrl, hostname, internalDomains }),
      );
      store = createUrlInfoStore(logger);
      checkedHref = currentHref();
      info = urlInfoOnLoad(store.read(), scrubUrl(checkedHref), scrubUrl(document.referrer || ''));
      visited = rememberUrlInfo([], info);
      store.write(info);
      stopNavigation = observeNavigation(currentInfo, {
        onError: (error) => logger.error('page URL enrichment: navigation handling failed', error),
      });
    },

    // The page at the tracking call: a click handler that tracks and then routes (pushState)
    // must report the page it was on, not the one the queue reaches the plugin on.
    capture(event: Event) {
      if (!info || UNENRICHED_EVENT_TYPES.includes(event.event_type)) return;
      const page = snapshotPage();
      if (page) pagesAtTrack.set(event, page);
    },

    execute(event: Event) {
      const current = currentInfo();
      if (!current || UNENRICHED_EVENT_TYPES.includes(event.event_type)) return event;
      const page = pagesAtTrack.get(event);
      if (page) pagesAtTrack.delete(event);
      const additions = pagePropertiesOf(page);
      const properties: Properties = { ...event.event_properties };
      const trackedAt = properties[PAGE_LOCATION] || additions[PAGE_LOCATION];
      for (const key in additions) {
        if (properties[key] === undefined) properties[key] = additions[key as keyof typeof additions];
      }
      const state = urlInfoForLocation(visited, current, trackedAt, pageLocationOf);
      if (properties[PREVIOUS_PAGE_LOCATION] === undefined) properties[PREVIOUS_PAGE_LOCATION] = state.previousUrl;
      if (properties[PREVIOUS_PAGE_TYPE] === undefined)
        properties[PREVIOUS_PAGE_TYPE] = previousPageTypeOf(state.previousUrl);
      event.event_properties = properties;
      return event;
    },

    teardown() {
      if (stopNavigation) stopNavigation();
      stopNavigation = undefined;
      info = undefined;
      checkedHref = undefined;
      visited = [];
    },
  };
};

/** Maps `autocapture.pageUrlEnrichment` (boolean, default `true`) to plugin options, or `undefined` when off. */
export const pageUrlEnrichmentOptionsFrom = (value: unknown): PageUrlEnrichmentOptions | undefined => {
  if (value === false) return undefined;
  if (value && typeof value === 'object') return value;
  return {};
};
