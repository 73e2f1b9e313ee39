/**
 * `pageUrlAllowlist` / `pageUrlExcludelist`: a string
 * is an exact URL, or a glob when it holds `*`; a RegExp is tested. Exclusion always wins;
 * no allowlist (or an empty one) allows every page.
 */
export type UrlPattern = string | RegExp;

function globToRegExp(glob: string): RegExp {
  const source = glob
    .split('*')
    .map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
    .join('.*');
  return new RegExp(`^${source}$`);
}

export function matchesUrlPattern(url: string, pattern: UrlPattern): boolean {
  try {
    if (typeof pattern === 'string') return pattern.includes('*') ? globToRegExp(pattern).test(url) : url === pattern;
    if (pattern instanceof RegExp) {
      pattern.lastIndex = 0; // a global RegExp carries state between tests
      return pattern.test(url);
    }
  } catch {
    // an unusable pattern matches nothing
  }
  return false;
}

export function isPageUrlAllowed(
  url: string,
  allowlist: readonly UrlPattern[] | undefined,
  excludelist: readonly UrlPattern[] | undefined,
): boolean {
  if (Array.isArray(excludelist) && excludelist.some((pattern: UrlPattern) => matchesUrlPattern(url, pattern)))
    return false;
  if (!Array.isArray(allowlist) || allowlist.length === 0) return true;
  return allowlist.some((pattern: UrlPattern) => matchesUrlPattern(url, pattern));
}
