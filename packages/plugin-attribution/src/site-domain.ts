/**
 * The site's registrable domain, found the way the documented SDK finds it (B57): the widest
 * domain that accepts a cookie — browsers refuse cookies on public suffixes, so
 * `www.example.co.uk` yields `example.co.uk`, never `co.uk`.
 */
import { findWidestCookieDomain } from '@sightline/dom';

const PROBE_COOKIE = 'sl_domain_probe';

export const findSiteDomain = (): string | undefined => findWidestCookieDomain(PROBE_COOKIE).replace(/^\./, '') || undefined;
