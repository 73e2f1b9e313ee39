export { attributionPlugin, type AttributionClient } from './attribution-plugin';
export {
  attributionOptionsFrom,
  resolveAttributionOptions,
  defaultExcludeReferrers,
  type AttributionOptions,
  type ResolvedAttributionOptions,
  type TrackingMethod,
} from './options';
export { parseCampaign, hasCampaignParameters, isDirectTraffic, hostnameOf, type Campaign, type CampaignSource } from '@sightline/dom';
export {
  decideCampaign,
  isExcludedReferrer,
  isInternalReferrer,
  domainWithoutSubdomain,
  type CampaignDecision,
  type CampaignDecisionInput,
  type ExcludeReferrer,
  type ExcludeInternalCondition,
} from './campaign-policy';
export { buildCampaignIdentify } from './campaign-identify';
export { isCampaignIdentify } from '@sightline/dom';
export { findSiteDomain } from './site-domain';
export * from './constants';
