/** Previous page bookkeeping and classification (FEATURES C105, C106, C108) — pure. */
import { PageType } from './constants';

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
export const urlInfoAfterNavigation = (info: UrlInfo, url: string): UrlInfo => (info.url === url ? info : { url, previousUrl: info.url });

const hostnameOf = (url: string): string => {
  try {
    return new URL(url).hostname;
  } catch {
    return '';
  }
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

/** C106: `direct` without a previous page, `internal` on the same host, `external` otherwise. */
export const classifyPreviousPage = ({ previousUrl, hostname, internalDomains = [] }: PreviousPageInput): PageType => {
  if (!previousUrl) return PageType.DIRECT;
  const host = hostnameOf(previousUrl);
  if (!host) return PageType.DIRECT; // unreadable: treat as no previous page rather than guess
  return isInternalHost(host, hostname, internalDomains) ? PageType.INTERNAL : PageType.EXTERNAL;
};
