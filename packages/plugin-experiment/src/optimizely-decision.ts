import { Identify, type Event } from '@sightline/core';
import {
  EXPERIMENT_VIEWED_EVENT,
  ExperimentViewedProperty,
  OPTIMIZELY_FLAG_DECISION_TYPE,
  OPTIMIZELY_PROPERTY_PREFIX,
  VARIANT_OFF,
} from './constants.js';
import type { OptimizelyDecisionLike, OptimizelyDecisionNotification } from './optimizely-types.js';

/** One flag decision, as the bridge uses it. */
export interface FlagDecision {
  userId: string;
  flagKey: string;
  enabled: boolean;
  /** v6 reports `null` when no variation applies; older SDKs an empty string. */
  variationKey: string | null;
  ruleKey: string | null;
}

const isObject = (value: unknown): value is { [key: string]: unknown } => typeof value === 'object' && value !== null;
const stringOrNull = (value: unknown): string | null => (typeof value === 'string' ? value : null);

/**
 * The flag decision in a DECISION notification, or undefined for every other decision type
 * and for payloads too broken to bridge (no flag key).
 */
export const readFlagDecision = (notification: unknown): FlagDecision | undefined => {
  if (!isObject(notification) || notification.type !== OPTIMIZELY_FLAG_DECISION_TYPE) return undefined;
  const info = (notification as Partial<OptimizelyDecisionNotification>).decisionInfo;
  if (!isObject(info) || typeof info.flagKey !== 'string' || info.flagKey === '') return undefined;
  return {
    userId: typeof notification.userId === 'string' ? notification.userId : '',
    flagKey: info.flagKey,
    enabled: info.enabled === true,
    variationKey: stringOrNull(info.variationKey),
    ruleKey: stringOrNull(info.ruleKey),
  };
};

/** The same decision from a `user.decide()` result (for decisions made before the bridge was attached). */
export const readDecideResult = (decision: unknown): FlagDecision | undefined => {
  if (!isObject(decision) || typeof decision.flagKey !== 'string' || decision.flagKey === '') return undefined;
  const context = decision.userContext as OptimizelyDecisionLike['userContext'] | undefined;
  let userId = '';
  try {
    if (context && typeof context.getUserId === 'function') userId = String(context.getUserId());
  } catch {
    /* an unreadable context leaves the user id empty; the decision itself is still worth sending */
  }
  return {
    userId,
    flagKey: decision.flagKey,
    enabled: decision.enabled === true,
    variationKey: stringOrNull(decision.variationKey),
    ruleKey: stringOrNull(decision.ruleKey),
  };
};

/** One key per user, flag and variation. */
export const decisionKey = (decision: FlagDecision): string =>
  `${decision.userId}:${decision.flagKey}:${decision.variationKey}`;

/** `[Optimizely] <flagKey>` = variation key, or `off` when the flag is not enabled (or has no variation). */
export const optimizelyUserProperty = (decision: FlagDecision): { name: string; value: string } => ({
  name: `${OPTIMIZELY_PROPERTY_PREFIX}${decision.flagKey}`,
  value: decision.enabled && decision.variationKey ? decision.variationKey : VARIANT_OFF,
});

export const buildOptimizelyIdentify = (decision: FlagDecision): Identify => {
  const { name, value } = optimizelyUserProperty(decision);
  return new Identify().set(name, value);
};

/** Browser form: the four decision fields and the Optimizely user id as event properties. */
export const buildExperimentViewedEvent = (decision: FlagDecision): Event => ({
  event_type: EXPERIMENT_VIEWED_EVENT,
  event_properties: {
    [ExperimentViewedProperty.FLAG_KEY]: decision.flagKey,
    [ExperimentViewedProperty.VARIATION_KEY]: decision.variationKey,
    [ExperimentViewedProperty.RULE_KEY]: decision.ruleKey,
    [ExperimentViewedProperty.ENABLED]: decision.enabled,
    [ExperimentViewedProperty.USER_ID]: decision.userId,
  },
});
