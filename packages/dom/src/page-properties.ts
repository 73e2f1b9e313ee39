/**
 * The page properties every page-level event carries:
 * domain, location, path, title and URL of the current page. Every URL is scrubbed
 * and the title honours `<title data-amp-mask>`.
 */
import { getDocument, getLocation, tryOr } from '@sightline/core';
import { isTitleMasked, maskPageTitle } from './page-title.js';
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

/**
 * The page's address now. `document.URL` is `location.href` (the document's URL) without the
 * Location object's security checks, which make `location.href` several times dearer in Chromium.
 */
export const currentHref = (): string => {
  const document = getDocument();
  const location = document ? undefined : getLocation();
  return document ? document.URL : location ? location.href : '';
};

/** The last snapshot, handed out again while the page is unchanged: a burst allocates nothing. */
let lastSnapshot: PageAtTrack | undefined;

/** Reads the page now: two cheap getters only, for the synchronous `capture` hook. */
export const snapshotPage = (): PageAtTrack | undefined => {
  // The document first: even reading the global `location` object costs more than both getters.
  const document = getDocument();
  if (!document && !getLocation()) return undefined;
  const href = currentHref();
  const title = document ? document.title : '';
  if (!lastSnapshot || lastSnapshot.href !== href || lastSnapshot.title !== title) lastSnapshot = { href, title };
  return lastSnapshot;
};

/** The last page properties made: of which snapshot, with the title masked or not. */
let last: { page?: PageAtTrack; titleMasked: boolean; properties: PageProperties } | undefined;

/**
 * The page properties of `page` (the page at the tracking call), or of the page now, shared by
 * every event of the same snapshot: scrubbing, decoding, parsing and masking run once per page
 * address and title, not per event. Shared: copy it to change it.
 */
export const pagePropertiesOf = (page: PageAtTrack | undefined = snapshotPage()): Readonly<PageProperties> => {
  const document = getDocument();
  const titleMasked = tryOr(() => isTitleMasked(document), false);
  if (last && last.page === page && last.titleMasked === titleMasked) return last.properties;
  const href = page ? page.href : '';
  const pageLocation = readableUrl(scrubUrl(href));
  const url = parseUrl(href);
  const pathname = url ? url.pathname : '';
  const properties: PageProperties = {
    [PAGE_DOMAIN]: url ? url.hostname : '',
    [PAGE_LOCATION]: pageLocation,
    [PAGE_PATH]: pathname ? readableUrl(scrubUrl(pathname)) : '',
    [PAGE_TITLE]: page ? maskPageTitle(document, page.title) : '',
    [PAGE_URL]: pageUrlOf(pageLocation),
  };
  last = { page, titleMasked, properties };
  return properties;
};

/** The page properties of `page` (the page at the tracking call), or of the page now: a copy of `pagePropertiesOf`. */
export const readPageProperties = (page: PageAtTrack | undefined = snapshotPage()): PageProperties => ({
  ...pagePropertiesOf(page),
});
