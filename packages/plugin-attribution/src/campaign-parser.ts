/**
 * Reads the campaign of a page (FEATURES C30–C32): UTM parameters, click ids, referrer and
 * referring domain. Pure; every value is scrubbed (OQ-30): the referrer goes through the URL
 * scrubber and parameter values have card numbers, SSNs and emails masked.
 */
import { maskSensitivePatterns, scrubUrl } from '@sightline/dom';
import { CAMPAIGN_PARAMETER_KEYS, REFERRER, REFERRING_DOMAIN, type CampaignKey } from './constants';

export type Campaign = { [key in CampaignKey]?: string };

export interface CampaignSource {
  /** The page URL (`location.href`). */
  url: string;
  /** `document.referrer`; empty for direct traffic (C45). */
  referrer: string;
}

const queryOf = (url: string): URLSearchParams => {
  const hash = url.indexOf('#');
  const withoutFragment = hash >= 0 ? url.slice(0, hash) : url;
  const question = withoutFragment.indexOf('?');
  return new URLSearchParams(question >= 0 ? withoutFragment.slice(question + 1) : '');
};

/** Host name of a URL, or '' when it has none (garbage, relative). */
export const hostnameOf = (url: string): string => {
  try {
    return new URL(url).hostname;
  } catch {
    return '';
  }
};

export const parseCampaign = (source: CampaignSource): Campaign => {
  const campaign: Campaign = {};
  try {
    const url = typeof source.url === 'string' ? source.url : '';
    const query = queryOf(url);
    for (const key of CAMPAIGN_PARAMETER_KEYS) {
      const value = query.get(key); // case-sensitive names (C30)
      if (value) campaign[key] = maskSensitivePatterns(value);
    }
  } catch {
    // a URL we cannot read has no campaign
  }
  const referrer = typeof source.referrer === 'string' ? source.referrer : '';
  if (referrer) {
    campaign[REFERRER] = scrubUrl(referrer);
    const domain = hostnameOf(referrer);
    if (domain) campaign[REFERRING_DOMAIN] = domain;
  }
  return campaign;
};

/** True when the campaign carries UTM parameters or click ids (not only a referrer). */
export const hasCampaignParameters = (campaign: Campaign): boolean =>
  CAMPAIGN_PARAMETER_KEYS.some((key) => campaign[key] !== undefined);

/** C45: direct traffic has no referrer and no campaign parameters. */
export const isDirectTraffic = (campaign: Campaign): boolean => !campaign[REFERRER] && !hasCampaignParameters(campaign);
