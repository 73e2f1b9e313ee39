/**
 * The one URL scrubber (DECISIONS OQ-30) every captured URL goes through: page URL and
 * location, referrer, link href, download URL, network URL. String-based on purpose: it
 * keeps relative URLs and garbage as they are (minus secrets) and never throws.
 */
import { MASK, containsSensitivePattern } from './sensitive-patterns';

/** OQ-30 names, compared after lower-casing and dropping `_`, `-` and `.`. */
const SECRET_PARAMETER_NAMES = new Set([
  'token',
  'accesstoken',
  'idtoken',
  'code',
  'password',
  'passwd',
  'secret',
  'key',
  'apikey',
  'auth',
  'session',
  'sig',
  'signature',
  'email',
]);

/** Names that end like a secret are secrets too: `refresh_token`, `client_secret`, `x-api-key`. */
const SECRET_NAME_SUFFIXES = ['token', 'secret', 'password', 'passwd', 'apikey', 'signature', 'sessionid'];

const SCHEME_AND_AUTHORITY = /^([a-zA-Z][a-zA-Z0-9+.-]*:)?\/\/([^/?#]*)/;
const OPAQUE_SCHEME = /^[a-zA-Z][a-zA-Z0-9+.-]*:/;

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text.replace(/\+/g, ' '));
  } catch {
    return text;
  }
}

export function isSecretParameterName(name: string): boolean {
  const normalized = safeDecode(name).toLowerCase().replace(/[-_.\s]/g, '');
  if (SECRET_PARAMETER_NAMES.has(normalized)) return true;
  return SECRET_NAME_SUFFIXES.some((suffix) => normalized.endsWith(suffix));
}

function looksSensitive(raw: string): boolean {
  return containsSensitivePattern(raw) || containsSensitivePattern(safeDecode(raw));
}

function scrubParameter(pair: string): string {
  if (pair === '') return pair;
  const equals = pair.indexOf('=');
  if (equals < 0) return looksSensitive(pair) ? MASK : pair;
  const name = pair.slice(0, equals);
  const value = pair.slice(equals + 1);
  if (value === '') return pair;
  if (isSecretParameterName(name) || looksSensitive(value)) return `${name}=${MASK}`;
  return pair;
}

function scrubParameters(query: string): string {
  return query.split('&').map(scrubParameter).join('&');
}

function scrubPath(path: string): string {
  return path
    .split('/')
    .map((segment) => (looksSensitive(segment) ? MASK : segment))
    .join('/');
}

/** Fragments often carry OAuth results (`#access_token=…`): treat `a=b&c=d` ones as a query. */
function scrubFragment(fragment: string): string {
  if (fragment.includes('=')) return scrubParameters(fragment);
  return looksSensitive(fragment) ? MASK : fragment;
}

interface UrlParts {
  /** `https://host` with credentials removed, or a kept opaque scheme like `mailto:`. */
  origin: string;
  path: string;
  query?: string;
  fragment?: string;
}

function splitUrl(url: string): UrlParts {
  let rest = url;
  let fragment: string | undefined;
  let query: string | undefined;
  const hash = rest.indexOf('#');
  if (hash >= 0) {
    fragment = rest.slice(hash + 1);
    rest = rest.slice(0, hash);
  }
  const question = rest.indexOf('?');
  if (question >= 0) {
    query = rest.slice(question + 1);
    rest = rest.slice(0, question);
  }
  const authority = SCHEME_AND_AUTHORITY.exec(rest);
  if (authority) {
    const hostAndPort = authority[2].slice(authority[2].lastIndexOf('@') + 1);
    return { origin: `${authority[1] ?? ''}//${hostAndPort}`, path: rest.slice(authority[0].length), query, fragment };
  }
  const scheme = OPAQUE_SCHEME.exec(rest);
  // A Windows-like drive letter or `host:port` has no `//`; only keep known opaque schemes.
  if (scheme && !/^\d/.test(rest.slice(scheme[0].length))) {
    return { origin: scheme[0], path: rest.slice(scheme[0].length), query, fragment };
  }
  return { origin: '', path: rest, query, fragment };
}

/**
 * Removes credentials, masks values of secret-looking query parameters and any value,
 * path segment or fragment holding a card number, SSN or email. Never throws.
 */
export function scrubUrl(url: string): string {
  if (typeof url !== 'string' || url === '') return '';
  try {
    const parts = splitUrl(url);
    let result = parts.origin + scrubPath(parts.path);
    if (parts.query !== undefined) result += `?${scrubParameters(parts.query)}`;
    if (parts.fragment !== undefined) result += `#${scrubFragment(parts.fragment)}`;
    return result;
  } catch {
    return '';
  }
}

/** The `[Amplitude] URL` / `[Amplitude] Page URL` form: no query, no fragment, no credentials. */
export function urlWithoutQuery(url: string): string {
  if (typeof url !== 'string' || url === '') return '';
  try {
    const parts = splitUrl(url);
    return parts.origin + scrubPath(parts.path);
  } catch {
    return '';
  }
}
