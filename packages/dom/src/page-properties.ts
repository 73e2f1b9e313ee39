/**
 * The page properties every page-level event carries:
 * domain, location, path, title and URL of the current page. Every URL is scrubbed
 * and the title honours `<title data-amp-mask>`.
 */
import { getDocument, getLocation } from '@sightline/core';
import { maskPageTitle } from './page-title.js';
import { parseUrl } from './parse-url.js';
import { scrubUrl } from './url-scrubber.js';

export const PAGE_DOMAIN = '[Amplitude] Page Domain';
export const PAGE_LOCATION = '[Amplitude] Page Location';
export const PAGE_PATH = '[Amplitude] Page Path';
export const PAGE_TITLE = '[Amplitude] Page Title';
export const PAGE_URL = '[Amplitude] Page URL';

export interface PageProperties {
  [PAGE_DOMAIN]: string;
  [PAGE_LOCATION]: string;
  [PAGE_PATH]: string;
  [PAGE_TITLE]: string;
  [PAGE_URL]: string;
}

/** As the documented SDK sends them: `%20` as a space. Reserved characters stay encoded. */
export const readableUrl = (url: string): string => {
  try {
    return decodeURI(url);
  } catch {
    return url; // malformed escapes stay as they are
  }
};

/** `[Amplitude] Page Location` is `location.href.split('?')[0]`, from the scrubbed location. */
export const pageUrlOf = (location: string): string => location.split('?')[0];

/** The page as the tracking call saw it: the raw href and raw title (scrubbed and masked when reported). */
export interface PageAtTrack {
  href: string;
  title: string;
}

/** Reads the page now: two cheap getters only, for the synchronous `capture` hook. */
export const snapshotPage = (): PageAtTrack | undefined => {
  const location = getLocation();
  const document = getDocument();
  return location ? { href: location.href, title: document ? document.title : '' } : undefined;
};

/** The page properties of `page` (the page at the tracking call), or of the page now. */
export const readPageProperties = (page: PageAtTrack | undefined = snapshotPage()): PageProperties => {
  const href = page ? page.href : '';
  const pageLocation = readableUrl(scrubUrl(href));
  const url = parseUrl(href);
  const pathname = url ? url.pathname : '';
  return {
    [PAGE_DOMAIN]: url ? url.hostname : '',
    [PAGE_LOCATION]: pageLocation,
    [PAGE_PATH]: pathname ? readableUrl(scrubUrl(pathname)) : '',
    [PAGE_TITLE]: page ? maskPageTitle(getDocument(), page.title) : '',
    [PAGE_URL]: pageUrlOf(pageLocation),
  };
};
