export { attributionPlugin } from './attribution-plugin.js';
export {
  attributionOptionsFrom,
  resolveAttributionOptions,
  defaultExcludeReferrers,
  type AttributionOptions,
  type ResolvedAttributionOptions,
  type TrackingMethod,
} from './options.js';
export {
  parseCampaign,
  hasCampaignParameters,
  isDirectTraffic,
  hostnameOf,
  type Campaign,
  type CampaignSource,
} from '@sightline/dom';
export {
  decideCampaign,
  isExcludedReferrer,
  isInternalReferrer,
  domainWithoutSubdomain,
  type CampaignDecision,
  type CampaignDecisionInput,
  type ExcludeReferrer,
  type ExcludeInternalCondition,
} from './campaign-policy.js';
export { buildCampaignIdentify } from './campaign-identify.js';
export { isCampaignIdentify } from '@sightline/dom';
export { findSiteDomain } from './site-domain.js';
export * from './constants.js';
