/** The URL properties of `[Amplitude] Network Request` (FEATURES C70–C72; DECISIONS OQ-30). Pure. */
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
