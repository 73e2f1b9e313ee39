/**
 * When a campaign is tracked — pure, table-tested.
 * Fixes a documented-SDK weakness: an excluded referrer only removes the referrer from the
 * campaign; UTM parameters and click ids present on the URL are still tracked.
 */
import { hasCampaignParameters, isDirectTraffic, type Campaign } from '@sightline/dom';
import { CAMPAIGN_PARAMETER_KEYS, REFERRER, REFERRING_DOMAIN } from './constants.js';

export type ExcludeReferrer = string | RegExp;
export type ExcludeInternalCondition = 'always' | 'ifEmptyCampaign';

export interface CampaignDecisionInput {
  current: Campaign;
  /** The campaign tracked last; undefined on the first visit. */
  previous?: Campaign;
  /** Whether the current session has just started or is continuing. */
  isNewSession: boolean;
  /** Host name of the page (`location.hostname`). */
  hostname: string;
  excludeReferrers: readonly ExcludeReferrer[];
  excludeInternalReferrers?: ExcludeInternalCondition;
}

export interface CampaignDecision {
  track: boolean;
  /** The campaign to record: `current` minus an excluded referrer. */
  campaign: Campaign;
  reason: string;
}

/** The last two labels of a host name (`a.b.example.com` -> `example.com`), as the documented SDK compares them. */
export const domainWithoutSubdomain = (domain: string): string => {
  const parts = domain.split('.');
  return parts.length <= 2 ? domain : parts.slice(parts.length - 2).join('.');
};

/** A string matches the referring domain exactly, a RegExp is tested against it. */
export const isExcludedReferrer = (
  referringDomain: string | undefined,
  excludeReferrers: readonly ExcludeReferrer[],
): boolean => {
  if (!referringDomain) return false;
  return excludeReferrers.some((rule) => {
    if (typeof rule === 'string') return rule === referringDomain;
    if (rule instanceof RegExp) {
      rule.lastIndex = 0; // a /g pattern keeps state between tests
      return rule.test(referringDomain);
    }
    return false;
  });
};

/** Referrer and page resolve to the same domain. */
export const isInternalReferrer = (referringDomain: string | undefined, hostname: string): boolean =>
  !!referringDomain && !!hostname && domainWithoutSubdomain(referringDomain) === domainWithoutSubdomain(hostname);

const withoutReferrer = (campaign: Campaign): Campaign => {
  const copy: Campaign = { ...campaign };
  delete copy[REFERRER];
  delete copy[REFERRING_DOMAIN];
  return copy;
};

const sameParameters = (a: Campaign, b: Campaign): boolean => CAMPAIGN_PARAMETER_KEYS.every((key) => a[key] === b[key]);

export const decideCampaign = (input: CampaignDecisionInput): CampaignDecision => {
  const { current, previous, isNewSession, hostname, excludeReferrers, excludeInternalReferrers } = input;
  const referringDomain = current[REFERRING_DOMAIN];
  const hasParameters = hasCampaignParameters(current);
  let campaign = current;
  // Reads `campaign` when called: after an excluded referrer is removed, decisions carry the trimmed campaign.
  const decide = (track: boolean, reason: string): CampaignDecision => ({ track, campaign, reason });

  if (excludeInternalReferrers && isInternalReferrer(referringDomain, hostname)) {
    if (excludeInternalReferrers === 'always')
      return decide(false, 'internal referrer (excludeInternalReferrers: always)');
    if (!hasParameters)
      return decide(false, 'internal referrer with an empty campaign (excludeInternalReferrers: ifEmptyCampaign)');
  }

  if (isExcludedReferrer(referringDomain, excludeReferrers)) {
    if (!hasParameters) return decide(false, `referrer ${referringDomain} is excluded`);
    campaign = withoutReferrer(current); // keep the UTM parameters / click ids of the URL
  }

  if (!previous) return decide(true, 'first visit');
  if (!isNewSession && isDirectTraffic(campaign)) return decide(false, 'direct traffic within the session');

  const changed =
    !sameParameters(campaign, previous) ||
    domainWithoutSubdomain(campaign[REFERRING_DOMAIN] || '') !==
      domainWithoutSubdomain(previous[REFERRING_DOMAIN] || '');
  return decide(changed, changed ? 'new campaign' : 'campaign unchanged');
};
