/** `[Amplitude] Page …` properties of the page a metric was measured on (FEATURES C90; DECISIONS OQ-30). Pure. */
import type { Properties } from '@sightline/core';
import { scrubUrl, urlWithoutQuery } from '@sightline/dom';
import { PageProperty } from './constants';

/** Every URL goes through the one scrubber; an unparsable URL leaves domain and path empty. */
export function pageProperties(url: string, title: string): Properties {
  let domain = '';
  let path = '';
  try {
    const parsed = new URL(url);
    domain = parsed.hostname;
    path = parsed.pathname;
  } catch {
    // keep '' like the documented SDK does for a missing location
  }
  const location = scrubUrl(url);
  return {
    [PageProperty.DOMAIN]: domain,
    [PageProperty.LOCATION]: location,
    [PageProperty.PATH]: urlWithoutQuery(path),
    [PageProperty.TITLE]: title,
    [PageProperty.URL]: urlWithoutQuery(location),
  };
}
