/**
 * The site's registrable domain, found the way the documented SDK finds it (B57): the widest
 * domain that accepts a cookie, root first — browsers refuse cookies on public suffixes, so
 * `www.example.co.uk` yields `example.co.uk`, never `co.uk`. The probe cookie is removed at once.
 */
import { getDocument } from '@sightline/core';

const PROBE_COOKIE = 'sl_domain_probe';

export const findSiteDomain = (hostname: string): string | undefined => {
  const document = getDocument();
  if (!document || !hostname) return undefined;
  try {
    const parts = hostname.split('.');
    const value = String(Date.now());
    for (let i = parts.length - 2; i >= 0; i--) {
      const domain = parts.slice(i).join('.');
      document.cookie = `${PROBE_COOKIE}=${value}; domain=.${domain}; path=/; max-age=60; SameSite=Lax`;
      const accepted = document.cookie.split('; ').indexOf(`${PROBE_COOKIE}=${value}`) >= 0;
      document.cookie = `${PROBE_COOKIE}=; domain=.${domain}; path=/; max-age=0; SameSite=Lax`;
      if (accepted) return domain;
    }
  } catch {
    // cookies blocked: the caller falls back to the host name
  }
  return undefined;
};
