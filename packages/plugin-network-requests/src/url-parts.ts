/**
 * The URL properties of `[Amplitude] Network Request`, and the
 * URL helpers the wrappers and the plugin share. Pure, except `absoluteUrl` (reads the page location).
 */
import { getLocation } from '@sightline/core';
import { scrubUrl, urlWithoutQuery } from '@sightline/dom';

export interface UrlParts {
  /** Scrubbed, without query and fragment. */
  url: string;
  /** Scrubbed query without `?`; `undefined` when there is none. */
  query?: string;
  /** Scrubbed fragment without `#`; `undefined` when there is none. */
  fragment?: string;
}

export function splitRequestUrl(rawUrl: string): UrlParts {
  const scrubbed = scrubUrl(rawUrl);
  const parts: UrlParts = { url: urlWithoutQuery(scrubbed) };
  const hash = scrubbed.indexOf('#');
  const beforeHash = hash >= 0 ? scrubbed.slice(0, hash) : scrubbed;
  const question = beforeHash.indexOf('?');
  if (question >= 0 && question < beforeHash.length - 1) parts.query = beforeHash.slice(question + 1);
  if (hash >= 0 && hash < scrubbed.length - 1) parts.fragment = scrubbed.slice(hash + 1);
  return parts;
}

/** Resolves a request URL against the page; `undefined` for URLs that cannot be parsed. */
export function resolveRequestUrl(url: string, base: string | undefined): URL | undefined {
  try {
    return base ? new URL(url, base) : new URL(url);
  } catch {
    return undefined;
  }
}

/** Resolved against the page (as the browser will send it); the input itself when it cannot be. */
export function absoluteUrl(url: string): string {
  try {
    const location = getLocation();
    return new URL(url, location ? location.href : undefined).href;
  } catch {
    return url;
  }
}

/** Without its query and fragment; not scrubbed (for matching only). */
export const stripQuery = (url: string): string => url.split(/[?#]/)[0];
