/**
 * The site's registrable domain, found the way the documented SDK finds it: the widest
 * domain that accepts a cookie — browsers refuse cookies on public suffixes, so
 * `www.example.co.uk` yields `example.co.uk`, never `co.uk`.
 */
import { findWidestCookieDomain } from '@sightline/dom';

const PROBE_COOKIE = 'sl_domain_probe';

/** `.example.com` -> `example.com`: cookie-style domains name the same site without the dot. */
export const withoutLeadingDot = (domain: string): string => domain.replace(/^\./, '');

export const findSiteDomain = (): string | undefined =>
  withoutLeadingDot(findWidestCookieDomain(PROBE_COOKIE)) || undefined;
