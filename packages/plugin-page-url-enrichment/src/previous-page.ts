/** Previous page bookkeeping and classification — pure. */
import { hostnameOf } from '@sightline/dom';
import { PageType } from './constants.js';

export interface UrlInfo {
  /** The current page (scrubbed). */
  url: string;
  /** The page before it (scrubbed), '' when there was none. */
  previousUrl: string;
}

/**
 * The state at page load: a refresh keeps the stored previous page; a new page in the same
 * tab session makes the stored page the previous one; a new tab starts from the referrer.
 */
export const urlInfoOnLoad = (stored: UrlInfo | undefined, url: string, referrer: string): UrlInfo => {
  if (stored && stored.url === url) return stored;
  if (stored && stored.url) return { url, previousUrl: stored.url };
  return { url, previousUrl: referrer };
};

/** The state after an SPA navigation to `url`. */
export const urlInfoAfterNavigation = (info: UrlInfo, url: string): UrlInfo =>
  info.url === url ? info : { url, previousUrl: info.url };

/** How many of this page's URL states are remembered: events queued across a burst of navigations are few. */
export const MAX_REMEMBERED_PAGES = 16;

/** `visited` plus `info` (newest last), at most MAX_REMEMBERED_PAGES long. */
export const rememberUrlInfo = (visited: readonly UrlInfo[], info: UrlInfo): UrlInfo[] =>
  visited.concat(info).slice(-MAX_REMEMBERED_PAGES);

/**
 * The state of the page an event was tracked on. Events run through the pipeline after the
 * code that tracked them has finished, so a navigation in that same task (`pushState` right
 * after `track`, a redirect's `replaceState` right after a `pushState`) has already moved
 * `current` on. An event that carries its own page location (page views stamp it when
 * tracked) gets the newest remembered state for that location; any other event gets `current`.
 * `format` turns a stored URL into the page location form the event carries.
 */
export const urlInfoForLocation = (
  visited: readonly UrlInfo[],
  current: UrlInfo,
  pageLocation: unknown,
  format: (url: string) => string,
): UrlInfo => {
  if (typeof pageLocation !== 'string' || pageLocation === format(current.url)) return current;
  for (let index = visited.length - 1; index >= 0; index--) {
    if (format(visited[index].url) === pageLocation) return visited[index];
  }
  return current; // a location the app made up: the page the tab is on is the best we know
};

const isInternalHost = (host: string, hostname: string, internalDomains: readonly string[]): boolean =>
  host === hostname || internalDomains.some((domain) => !!domain && (host === domain || host.endsWith(`.${domain}`)));

export interface PreviousPageInput {
  previousUrl: string;
  /** `location.hostname` of the current page. */
  hostname: string;
  /** Hosts (and their subdomains) that count as the same site. */
  internalDomains?: readonly string[];
}

/** `direct` without a previous page, `internal` on the same host, `external` otherwise. */
export const classifyPreviousPage = ({ previousUrl, hostname, internalDomains = [] }: PreviousPageInput): PageType => {
  const host = previousUrl && hostnameOf(previousUrl);
  if (!host) return PageType.DIRECT; // none, or unreadable: treat as no previous page rather than guess
  return isInternalHost(host, hostname, internalDomains) ? PageType.INTERNAL : PageType.EXTERNAL;
};
