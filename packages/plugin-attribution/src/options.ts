/** `autocapture.attribution` options and their documented defaults. */
import { describeValue as describe, tryOr, type Logger } from '@sightline/core';
import type { ExcludeInternalCondition, ExcludeReferrer } from './campaign-policy.js';
import {
  DEFAULT_INITIAL_EMPTY_VALUE,
  EXCLUDE_INTERNAL_ALWAYS,
  EXCLUDE_INTERNAL_IF_EMPTY_CAMPAIGN,
  TRACKING_METHOD_EVENT_PROPERTY,
  TRACKING_METHOD_USER_PROPERTY,
} from './constants.js';
import { withoutLeadingDot } from './site-domain.js';

export type TrackingMethod = 'userProperty' | 'eventProperty';

export interface AttributionOptions {
  /** Default `'userProperty'`. */
  trackingMethod?: TrackingMethod | TrackingMethod[];
  /** With `eventProperty`, an `[Amplitude] Attribution` event on load and each SPA navigation. Default false. */
  fallbackAttributionEvent?: boolean;
  /** Default = the site's own domain and its subdomains. A custom list replaces it. */
  excludeReferrers?: ExcludeReferrer[];
  /** `true` = `{ condition: 'always' }`. */
  excludeInternalReferrers?: boolean | { condition: ExcludeInternalCondition };
  /** Default `"EMPTY"`. */
  initialEmptyValue?: string;
  /** Start a new session when a new campaign arrives mid-session. Default false. */
  resetSessionOnNewCampaign?: boolean;
  /**
   * The site's registrable domain for the default `excludeReferrers` (e.g. `example.co.uk`).
   * Sightline extension; when omitted: `cookieOptions.domain`, else the widest domain that
   * accepts a cookie, else the page's host name.
   */
  siteDomain?: string;
}

export interface ResolvedAttributionOptions {
  userProperty: boolean;
  eventProperty: boolean;
  fallbackAttributionEvent: boolean;
  excludeReferrers?: ExcludeReferrer[];
  excludeInternalReferrers?: ExcludeInternalCondition;
  initialEmptyValue: string;
  resetSessionOnNewCampaign: boolean;
  siteDomain?: string;
}

/** A given value for a warning: as JSON where it can be; a BigInt or a circular value must not throw. */
const shown = (value: unknown): string => tryOr(() => String(JSON.stringify(value)), describe(value));

const isTrackingMethod = (value: unknown): value is TrackingMethod =>
  value === TRACKING_METHOD_USER_PROPERTY || value === TRACKING_METHOD_EVENT_PROPERTY;

/** Applies the documented defaults; bad values are reported and replaced by the default. */
export const resolveAttributionOptions = (
  options: AttributionOptions = {},
  logger?: Logger,
): ResolvedAttributionOptions => {
  const warn = (message: string) => logger && logger.warn(`attribution: ${message}`);
  const raw =
    options.trackingMethod === undefined
      ? [TRACKING_METHOD_USER_PROPERTY]
      : ([] as unknown[]).concat(options.trackingMethod);
  let methods = raw.filter(isTrackingMethod);
  if (methods.length !== raw.length || methods.length === 0) {
    warn(`trackingMethod must be 'userProperty', 'eventProperty' or both; got ${shown(options.trackingMethod)}`);
    if (methods.length === 0) methods = [TRACKING_METHOD_USER_PROPERTY];
  }

  let excludeReferrers: ExcludeReferrer[] | undefined;
  if (options.excludeReferrers !== undefined) {
    if (Array.isArray(options.excludeReferrers)) {
      excludeReferrers = options.excludeReferrers.filter((rule) => typeof rule === 'string' || rule instanceof RegExp);
      if (excludeReferrers.length !== options.excludeReferrers.length)
        warn('excludeReferrers entries must be strings or RegExps; others are ignored');
    } else warn('excludeReferrers must be an array; using the default');
  }

  let excludeInternalReferrers: ExcludeInternalCondition | undefined;
  const internal = options.excludeInternalReferrers;
  if (internal === true) excludeInternalReferrers = EXCLUDE_INTERNAL_ALWAYS;
  else if (internal && typeof internal === 'object') {
    if (internal.condition === EXCLUDE_INTERNAL_ALWAYS || internal.condition === EXCLUDE_INTERNAL_IF_EMPTY_CAMPAIGN)
      excludeInternalReferrers = internal.condition;
    else warn(`excludeInternalReferrers.condition must be 'always' or 'ifEmptyCampaign'; ignored`);
  } else if (internal !== undefined && internal !== false)
    warn('excludeInternalReferrers must be a boolean or { condition }; ignored');

  let initialEmptyValue = DEFAULT_INITIAL_EMPTY_VALUE;
  if (typeof options.initialEmptyValue === 'string') initialEmptyValue = options.initialEmptyValue;
  else if (options.initialEmptyValue !== undefined) warn('initialEmptyValue must be a string; using "EMPTY"');

  return {
    userProperty: methods.includes(TRACKING_METHOD_USER_PROPERTY),
    eventProperty: methods.includes(TRACKING_METHOD_EVENT_PROPERTY),
    fallbackAttributionEvent: options.fallbackAttributionEvent === true,
    excludeReferrers,
    excludeInternalReferrers,
    initialEmptyValue,
    resetSessionOnNewCampaign: options.resetSessionOnNewCampaign === true,
    siteDomain:
      typeof options.siteDomain === 'string' && options.siteDomain ? withoutLeadingDot(options.siteDomain) : undefined,
  };
};

/**
 * Maps the documented `autocapture.attribution` value (default `true`) to plugin
 * options, or `undefined` when attribution is off.
 */
export const attributionOptionsFrom = (value: unknown): AttributionOptions | undefined => {
  if (value === false) return undefined;
  if (value && typeof value === 'object') return value;
  return {};
};

const escapeRegExp = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Default: the site's domain and every subdomain (`(^|\.)example\.com$`, not `notexample.com`). */
export const defaultExcludeReferrers = (siteDomain: string): ExcludeReferrer[] =>
  siteDomain ? [new RegExp(`(^|\\.)${escapeRegExp(siteDomain)}$`)] : [];
