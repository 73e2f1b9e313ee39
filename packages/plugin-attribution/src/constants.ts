/** Wire names and documented defaults of marketing attribution (FEATURES B.3, C.3, OQ-1/2), defined once. */

/** C30: UTM parameters, case-sensitive. */
export const UTM_KEYS = ['utm_source', 'utm_medium', 'utm_campaign', 'utm_term', 'utm_content'] as const;

/** C31: referrer parameters. */
export const REFERRER = 'referrer';
export const REFERRING_DOMAIN = 'referring_domain';
export const REFERRER_KEYS = [REFERRER, REFERRING_DOMAIN] as const;

/** C32: click ids. */
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

/** Every campaign field: the multi-touch user properties (C34) and the event-property fields (C36). */
export const CAMPAIGN_KEYS = [...UTM_KEYS, ...REFERRER_KEYS, ...CLICK_ID_KEYS] as const;
export type CampaignKey = (typeof CAMPAIGN_KEYS)[number];

/** The fields that make a campaign "non-empty" (B58 `ifEmptyCampaign`): UTM parameters and click ids. */
export const CAMPAIGN_PARAMETER_KEYS: readonly CampaignKey[] = [...UTM_KEYS, ...CLICK_ID_KEYS];

/** C33: first-touch user properties are the campaign keys with this prefix. */
export const INITIAL_PREFIX = 'initial_';

/** B59 */
export const DEFAULT_INITIAL_EMPTY_VALUE = 'EMPTY';

/** C04, OQ-1 */
export const EVENT_ATTRIBUTION = '[Amplitude] Attribution';

/** The value the documented SDK sends with `$unset` (A43). */
export const UNSET_VALUE = '-';

export const TRACKING_METHOD_USER_PROPERTY = 'userProperty';
export const TRACKING_METHOD_EVENT_PROPERTY = 'eventProperty';

export const EXCLUDE_INTERNAL_ALWAYS = 'always';
export const EXCLUDE_INTERNAL_IF_EMPTY_CAMPAIGN = 'ifEmptyCampaign';

/** Where the last tracked campaign is kept (the documented SDK keeps it in `AMP_MKTG_<key10>`). */
export const campaignStorageKey = (apiKey: string): string => `sl_mktg_${apiKey.slice(0, 10)}`;

export const PLUGIN_NAME = 'sightline-attribution';
