/**
 * The `$identify` that records a campaign as user properties:
 * first touch with `$setOnce initial_*` (absent values = `initialEmptyValue`), multi-touch
 * with `$set` for present values and `$unset` for absent ones. Pure.
 */
import { Identify } from '@sightline/core';
import { CAMPAIGN_KEYS, type Campaign } from '@sightline/dom';
import { INITIAL_PREFIX } from './constants.js';

export const buildCampaignIdentify = (campaign: Campaign, initialEmptyValue: string): Identify => {
  const identify = new Identify();
  // One pass: the wire form groups by operation, so interleaving set-once and set / unset
  // yields the same payload as two passes.
  for (const key of CAMPAIGN_KEYS) {
    const value = campaign[key];
    identify.setOnce(`${INITIAL_PREFIX}${key}`, value !== undefined ? value : initialEmptyValue);
    if (value !== undefined) identify.set(key, value);
    else identify.unset(key);
  }
  return identify;
};
