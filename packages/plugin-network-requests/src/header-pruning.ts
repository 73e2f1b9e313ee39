/** Header capture policy. Pure. */
import { NEVER_CAPTURED_HEADERS, SAFE_HEADERS } from './constants.js';

export type HeaderEntries = Iterable<readonly [string, string]>;

/**
 * The lower-case names a rule lets through: `true` → the safe list, an array → those names,
 * anything else → none. Credentials are removed whatever the rule says.
 */
export function compileHeaderRule(rule: unknown): readonly string[] {
  let names: readonly string[] = [];
  if (rule === true) names = SAFE_HEADERS;
  else if (Array.isArray(rule))
    names = rule.filter((name): name is string => typeof name === 'string').map((name) => name.trim().toLowerCase());
  return names.filter((name) => name !== '' && NEVER_CAPTURED_HEADERS.indexOf(name) < 0);
}

/**
 * Keeps only allowed headers, names lower-cased; repeated headers are joined with `, `. `undefined` when none is kept.
 */
export function pruneHeaders(
  headers: HeaderEntries,
  allowed: readonly string[],
): { [name: string]: string } | undefined {
  if (allowed.length === 0) return undefined;
  let kept: { [name: string]: string } | undefined;
  for (const [rawName, value] of headers) {
    if (typeof rawName !== 'string' || typeof value !== 'string') continue;
    const name = rawName.trim().toLowerCase();
    if (allowed.indexOf(name) < 0 || NEVER_CAPTURED_HEADERS.indexOf(name) >= 0) continue;
    kept = kept || {};
    kept[name] = kept[name] !== undefined ? `${kept[name]}, ${value}` : value;
  }
  return kept;
}

/** Parses `XMLHttpRequest.getAllResponseHeaders()` text into entries. */
export function parseRawHeaders(raw: string): Array<[string, string]> {
  const entries: Array<[string, string]> = [];
  if (typeof raw !== 'string') return entries;
  for (const line of raw.split(/\r?\n/)) {
    const colon = line.indexOf(':');
    if (colon <= 0) continue;
    entries.push([line.slice(0, colon).trim(), line.slice(colon + 1).trim()]);
  }
  return entries;
}
