/**
 * The one URL scrubber every captured URL goes through: page URL and
 * location, referrer, link href, download URL, network URL. String-based on purpose: it
 * keeps relative URLs and garbage as they are (minus secrets) and never throws.
 */
import { MASK, containsSensitivePattern } from './sensitive-patterns.js';

/**
 * Names, compared after lower-casing and dropping `_`, `-` and `.`. The other
 * names (token, access_token, id_token, password, passwd, secret, api_key, signature) end
 * with one of the suffixes below, which covers them.
 */
const SECRET_PARAMETER_NAMES = ['code', 'key', 'auth', 'session', 'sig', 'email'];

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
  const normalized = safeDecode(name)
    .toLowerCase()
    .replace(/[-_.\s]/g, '');
  return (
    SECRET_PARAMETER_NAMES.includes(normalized) || SECRET_NAME_SUFFIXES.some((suffix) => normalized.endsWith(suffix))
  );
}

function looksSensitive(raw: string): boolean {
  return containsSensitivePattern(raw) || containsSensitivePattern(safeDecode(raw));
}

function scrubParameter(pair: string): string {
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

/**
 * Scheme and authority with credentials removed (`https://host`), or a kept opaque scheme like
 * `mailto:`, then the path with sensitive segments masked.
 */
function scrubBeforeQuery(base: string): string {
  const authority = SCHEME_AND_AUTHORITY.exec(base);
  if (authority) {
    const hostAndPort = authority[2].slice(authority[2].lastIndexOf('@') + 1);
    return `${authority[1] || ''}//${hostAndPort}${scrubPath(base.slice(authority[0].length))}`;
  }
  const scheme = OPAQUE_SCHEME.exec(base);
  // A Windows-like drive letter or `host:port` has no `//`; only keep known opaque schemes.
  const schemeLength = scheme && !/^\d/.test(base.slice(scheme[0].length)) ? scheme[0].length : 0;
  return base.slice(0, schemeLength) + scrubPath(base.slice(schemeLength));
}

/**
 * Removes credentials, masks values of secret-looking query parameters and any value,
 * path segment or fragment holding a card number, SSN or email. Never throws.
 */
export function scrubUrl(url: string): string {
  if (typeof url !== 'string' || url === '') return '';
  try {
    const hash = url.indexOf('#');
    const beforeHash = hash < 0 ? url : url.slice(0, hash);
    const question = beforeHash.indexOf('?');
    let result = scrubBeforeQuery(question < 0 ? beforeHash : beforeHash.slice(0, question));
    if (question >= 0) result += `?${scrubParameters(beforeHash.slice(question + 1))}`;
    if (hash >= 0) result += `#${scrubFragment(url.slice(hash + 1))}`;
    return result;
  } catch {
    return '';
  }
}

/** The `[Amplitude] URL` / `[Amplitude] Page URL` form: no query, no fragment, no credentials. */
export function urlWithoutQuery(url: string): string {
  return typeof url === 'string' ? scrubUrl(url.split(/[?#]/)[0]) : '';
}
