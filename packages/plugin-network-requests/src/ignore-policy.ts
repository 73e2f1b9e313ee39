/**
 * Requests never captured, whatever the rules say: ignored hosts,
 * Amplitude's own hosts, and always the SDK's own uploads — no feedback loop even when the
 * ingestion endpoint answers 5xx. Pure.
 */
import { AMPLITUDE_DOMAIN } from './constants.js';
import { matchesAnyHost } from './host-pattern.js';
import { stripQuery } from './url-parts.js';

export interface IgnorePolicy {
  ignoreHosts: readonly RegExp[];
  ignoreAmplitudeRequests: boolean;
  /** `serverUrl` and the default endpoints: a URL starting with one of them is an SDK upload. */
  sdkUrlPrefixes: readonly string[];
}

export const isAmplitudeHost = (hostname: string): boolean => {
  const host = hostname.toLowerCase();
  return host === AMPLITUDE_DOMAIN || host.endsWith(`.${AMPLITUDE_DOMAIN}`);
};

export function isSdkUpload(url: string, prefixes: readonly string[]): boolean {
  for (const prefix of prefixes) {
    // Without its query and fragment, so `serverUrl` `https://c.example/2/httpapi?x=1` still matches.
    const bare = stripQuery(prefix);
    if (bare !== '' && url.indexOf(bare) === 0) return true;
  }
  return false;
}

export function isIgnored(policy: IgnorePolicy, request: { url: string; hostname: string }): boolean {
  if (isSdkUpload(request.url, policy.sdkUrlPrefixes)) return true;
  if (policy.ignoreAmplitudeRequests && isAmplitudeHost(request.hostname)) return true;
  return matchesAnyHost(request.hostname, policy.ignoreHosts);
}
