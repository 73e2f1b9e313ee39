/**
 * The page properties every page-level event carries (FEATURES C21–C25 = C100–C104, OQ-28):
 * domain, location, path, title and URL of the current page. Every URL is scrubbed (OQ-30)
 * and the title honours `<title data-amp-mask>` (D09).
 */
import { getDocument, getLocation } from '@sightline/core';
import { readPageTitle, scrubUrl } from '@sightline/dom';
import { PAGE_DOMAIN, PAGE_LOCATION, PAGE_PATH, PAGE_TITLE, PAGE_URL } from './constants';

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

/** C25: `location.href.split('?')[0]`, from the scrubbed location. */
export const pageUrlOf = (location: string): string => location.split('?')[0];

export const readPageProperties = (): PageProperties => {
  const location = getLocation();
  const href = location ? scrubUrl(location.href) : '';
  const pageLocation = readableUrl(href);
  return {
    [PAGE_DOMAIN]: (location && location.hostname) || '',
    [PAGE_LOCATION]: pageLocation,
    [PAGE_PATH]: location ? readableUrl(scrubUrl(location.pathname)) : '',
    [PAGE_TITLE]: readPageTitle(getDocument()),
    [PAGE_URL]: pageUrlOf(pageLocation),
  };
};
