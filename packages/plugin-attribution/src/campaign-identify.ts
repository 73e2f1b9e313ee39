/**
 * The `$identify` that records a campaign as user properties (FEATURES C33, C34, B59):
 * first touch with `$setOnce initial_*` (absent values = `initialEmptyValue`), multi-touch
 * with `$set` for present values and `$unset` for absent ones. Pure.
 */
import { EVENT_IDENTIFY, Identify, IdentifyOperation, type Event } from '@sightline/core';
import type { Campaign } from './campaign-parser';
import { CAMPAIGN_KEYS, INITIAL_PREFIX } from './constants';

export const buildCampaignIdentify = (campaign: Campaign, initialEmptyValue: string): Identify => {
  const identify = new Identify();
  for (const key of CAMPAIGN_KEYS) {
    const value = campaign[key];
    identify.setOnce(`${INITIAL_PREFIX}${key}`, value !== undefined ? value : initialEmptyValue);
  }
  for (const key of CAMPAIGN_KEYS) {
    const value = campaign[key];
    if (value !== undefined) identify.set(key, value);
    else identify.unset(key);
  }
  return identify;
};

/**
 * True for the `$identify` an attribution plugin sends: its `$set` and `$unset` together name
 * every campaign key. Page views use it for `trackOn: 'attribution'` (B65).
 */
export const isCampaignIdentify = (event: Event): boolean => {
  if (!event || event.event_type !== EVENT_IDENTIFY || !event.user_properties) return false;
  const properties = event.user_properties as { [operation: string]: unknown };
  const named = new Set<string>();
  for (const operation of [IdentifyOperation.SET, IdentifyOperation.UNSET]) {
    const values = properties[operation];
    if (values && typeof values === 'object') for (const key of Object.keys(values)) named.add(key);
  }
  return CAMPAIGN_KEYS.every((key) => named.has(key));
};
