/** Host wildcards of `hosts` / `ignoreHosts`. Pure. */

const escapeRegExp = (text: string): string => text.replace(/[.+?^${}()|[\]\\]/g, '\\$&');

/**
 * `*` matches any run of characters (`["*"]` = every host); `*.example.com` matches
 * subdomains but not `example.com` itself, as documented. Case-insensitive.
 */
export function compileHostPattern(pattern: string): RegExp {
  const source = pattern.trim().toLowerCase().split('*').map(escapeRegExp).join('.*');
  return new RegExp(`^${source}$`);
}

export function matchesAnyHost(hostname: string, patterns: readonly RegExp[]): boolean {
  const host = hostname.toLowerCase();
  for (const pattern of patterns) if (pattern.test(host)) return true;
  return false;
}

/** Compiles string patterns; non-strings are reported and skipped. */
export function compileHostPatterns(patterns: unknown, onInvalid: (pattern: unknown) => void): RegExp[] {
  if (patterns === undefined) return [];
  if (!Array.isArray(patterns)) {
    onInvalid(patterns);
    return [];
  }
  const compiled: RegExp[] = [];
  for (const pattern of patterns) {
    if (typeof pattern === 'string' && pattern.trim() !== '') compiled.push(compileHostPattern(pattern));
    else onInvalid(pattern);
  }
  return compiled;
}
