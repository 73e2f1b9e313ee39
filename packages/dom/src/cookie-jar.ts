import { getDocument, getLocation } from '@sightline/core';

export interface CookieAttributes {
  domain?: string;
  expirationDays: number;
  sameSite: string;
  secure: boolean;
}

/** Reads one cookie by name, or undefined. */
export const readCookie = (name: string): string | undefined => {
  const doc = getDocument();
  if (!doc) return undefined;
  let cookies: string;
  try {
    cookies = doc.cookie;
  } catch {
    return undefined; // sandboxed documents throw on access
  }
  const prefix = `${name}=`;
  for (const part of cookies.split(';')) {
    const trimmed = part.trim();
    if (trimmed.indexOf(prefix) === 0) return trimmed.slice(prefix.length);
  }
  return undefined;
};

export const writeCookie = (name: string, value: string | null, attributes: CookieAttributes): void => {
  const doc = getDocument();
  if (!doc) return;
  // `null` removes the cookie: empty value, expired at the epoch.
  const expires = new Date(value === null ? 0 : Date.now() + attributes.expirationDays * 86_400_000);
  let cookie = `${name}=${value === null ? '' : value}; expires=${expires.toUTCString()}; path=/`;
  cookie += `; SameSite=${attributes.sameSite}`;
  if (attributes.domain) cookie += `; domain=${attributes.domain}`;
  if (attributes.secure || attributes.sameSite.toLowerCase() === 'none') cookie += '; Secure';
  try {
    doc.cookie = cookie;
  } catch {
    /* cookies blocked */
  }
};

/**
 * The widest domain that accepts a cookie, root first: `a.b.example.com` tries
 * `example.com`, then `b.example.com`, ... The probe cookie is removed at once.
 * Returns '' on localhost / IP hosts, where the cookie is host-only.
 */
export const findWidestCookieDomain = (probeName: string): string => {
  const location = getLocation();
  const hostname = location ? location.hostname : '';
  if (!hostname || hostname === 'localhost' || /^[\d.]+$|:/.test(hostname)) return '';
  const parts = hostname.split('.');
  for (let i = parts.length - 2; i >= 0; i--) {
    const domain = `.${parts.slice(i).join('.')}`;
    const attributes = { domain, expirationDays: 1, sameSite: 'Lax', secure: false };
    writeCookie(probeName, '1', attributes);
    const accepted = readCookie(probeName) === '1';
    writeCookie(probeName, null, attributes);
    if (accepted) return domain;
  }
  return '';
};
