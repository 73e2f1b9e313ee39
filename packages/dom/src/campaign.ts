/**
 * Reads the campaign of a page: UTM parameters, click ids, referrer and
 * referring domain. Pure; every value is scrubbed: the referrer goes through the URL
 * scrubber and parameter values have card numbers, SSNs and emails masked.
 */
import { EVENT_IDENTIFY, IdentifyOperation, type Event } from '@sightline/core';
import { parseUrl } from './parse-url.js';
import { maskSensitivePatterns } from './sensitive-patterns.js';
import { scrubUrl } from './url-scrubber.js';

/** UTM parameters, case-sensitive (`utm_id` too, as the documented SDK reads it). */
export const UTM_KEYS = ['utm_source', 'utm_medium', 'utm_campaign', 'utm_term', 'utm_content', 'utm_id'] as const;

/** Referrer parameters. */
export const REFERRER = 'referrer';
export const REFERRING_DOMAIN = 'referring_domain';
export const REFERRER_KEYS = [REFERRER, REFERRING_DOMAIN] as const;

/** Click ids. */
export const CLICK_ID_KEYS = [
  'dclid',
  'fbclid',
  'gbraid',
  'wbraid',
  'gclid',
  'ko_click_id',
  'li_fat_id',
  'msclkid',
  'rdt_cid',
  'ttclid',
  'twclid',
] as const;

/** Every campaign field: the multi-touch user properties and the event-property fields. */
export const CAMPAIGN_KEYS = [...UTM_KEYS, ...REFERRER_KEYS, ...CLICK_ID_KEYS] as const;
export type CampaignKey = (typeof CAMPAIGN_KEYS)[number];

/**
 * The fields that make a campaign "non-empty" (`excludeInternalReferrers: 'ifEmptyCampaign'`): UTM parameters and click
 * ids.
 */
export const CAMPAIGN_PARAMETER_KEYS: readonly CampaignKey[] = [...UTM_KEYS, ...CLICK_ID_KEYS];

export type Campaign = { [key in CampaignKey]?: string };

export interface CampaignSource {
  /** The page URL (`location.href`). */
  url: string;
  /** `document.referrer`; empty for direct traffic. */
  referrer: string;
}

const queryOf = (url: string): URLSearchParams => {
  const withoutFragment = url.split('#')[0];
  const question = withoutFragment.indexOf('?');
  // URLSearchParams drops the one leading `?`.
  return new URLSearchParams(question >= 0 ? withoutFragment.slice(question) : '');
};

/** Host name of a URL, or '' when it has none (garbage, relative). */
export const hostnameOf = (url: string): string => {
  const parsed = parseUrl(url);
  return parsed ? parsed.hostname : '';
};

export const parseCampaign = (source: CampaignSource): Campaign => {
  const campaign: Campaign = {};
  try {
    const url = typeof source.url === 'string' ? source.url : '';
    const query = queryOf(url);
    for (const key of CAMPAIGN_PARAMETER_KEYS) {
      const value = query.get(key); // case-sensitive names
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

/** Direct traffic has no referrer and no campaign parameters. */
export const isDirectTraffic = (campaign: Campaign): boolean => !campaign[REFERRER] && !hasCampaignParameters(campaign);

/**
 * True for the `$identify` an attribution plugin sends: its `$set` and `$unset` together name
 * every campaign key. Page views use it for `trackOn: 'attribution'`.
 */
export const isCampaignIdentify = (event: Event): boolean => {
  if (!event || event.event_type !== EVENT_IDENTIFY || !event.user_properties) return false;
  const properties = event.user_properties;
  const named = new Set<string>();
  for (const operation of [IdentifyOperation.SET, IdentifyOperation.UNSET]) {
    const values = properties[operation];
    if (values && typeof values === 'object') for (const key of Object.keys(values)) named.add(key);
  }
  return CAMPAIGN_KEYS.every((key) => named.has(key));
};
