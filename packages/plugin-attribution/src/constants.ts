/** Wire names and documented defaults of marketing attribution, defined once. */

// The campaign fields are shared with page views: defined in @sightline/dom.
export {
  UTM_KEYS,
  REFERRER,
  REFERRING_DOMAIN,
  REFERRER_KEYS,
  CLICK_ID_KEYS,
  CAMPAIGN_KEYS,
  CAMPAIGN_PARAMETER_KEYS,
  type CampaignKey,
} from '@sightline/dom';

/** First-touch user properties are the campaign keys with this prefix. */
export const INITIAL_PREFIX = 'initial_';

/** What `initialEmptyValue` defaults to. */
export const DEFAULT_INITIAL_EMPTY_VALUE = 'EMPTY';

/** The event-property attribution event. */
export const EVENT_ATTRIBUTION = '[Amplitude] Attribution';

/** The value the documented SDK sends with `$unset`. */
export const UNSET_VALUE = '-';

export const TRACKING_METHOD_USER_PROPERTY = 'userProperty';
export const TRACKING_METHOD_EVENT_PROPERTY = 'eventProperty';

export const EXCLUDE_INTERNAL_ALWAYS = 'always';
export const EXCLUDE_INTERNAL_IF_EMPTY_CAMPAIGN = 'ifEmptyCampaign';

/** Where the last tracked campaign is kept (the documented SDK keeps it in `AMP_MKTG_<key10>`). */
export const campaignStorageKey = (apiKey: string): string => `sl_mktg_${apiKey.slice(0, 10)}`;

export const PLUGIN_NAME = 'sightline-attribution';
