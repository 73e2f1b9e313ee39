import { EVENT_IDENTIFY, objectOrEmpty, type Logger } from '@sightline/core';
import { callClient } from './client-calls.js';
import { OPTIMIZELY_DECISION_NOTIFICATION } from './constants.js';
import {
  buildExperimentViewedEvent,
  buildOptimizelyIdentify,
  decisionKey,
  readDecideResult,
  readFlagDecision,
  type FlagDecision,
} from './optimizely-decision.js';
import type { OptimizelyClientLike, OptimizelyDecisionLike } from './optimizely-types.js';
import type { ExperimentClient } from './types.js';

export interface OptimizelyBridgeOptions {
  /** Send each `userId:flagKey:variationKey` once per bridge. Default `false` (every `decide()` is sent). */
  dedupe?: boolean;
  /**
   * Say so when `decide()` already ran before attaching: Optimizely does not replay past decisions
   * and its API shows no trace of them, so the bridge cannot find out by itself. Logs a warning.
   */
  decisionsMadeBefore?: boolean;
  /** `decide()` results from before the bridge was attached, sent now (subject to `dedupe`). */
  replayDecisions?: OptimizelyDecisionLike[];
  /**
   * The DECISION notification type. Default `'DECISION'` (v6); pass `enums.NOTIFICATION_TYPES.DECISION` for older SDKs.
   */
  notificationType?: string;
}

export interface BridgeContext {
  client: ExperimentClient;
  logger: () => Logger;
}

const hasNotificationCenter = (value: unknown): value is OptimizelyClientLike => {
  const center =
    typeof value === 'object' && value !== null ? (value as OptimizelyClientLike).notificationCenter : undefined;
  return (
    !!center &&
    typeof center.addNotificationListener === 'function' &&
    typeof center.removeNotificationListener === 'function'
  );
};

/**
 * Registers a DECISION listener that turns each flag decision into an `$identify` of
 * `[Optimizely] <flagKey>` followed by `Experiment Viewed`. Returns the detach function.
 * Never throws: bad arguments are logged and answered with `undefined` (nothing attached).
 */
export const attachOptimizelyBridge = (
  context: BridgeContext,
  optimizely: unknown,
  bridgeOptions?: OptimizelyBridgeOptions,
): (() => void) | undefined => {
  const { client, logger } = context;
  const options = objectOrEmpty<OptimizelyBridgeOptions>(bridgeOptions);
  if (!hasNotificationCenter(optimizely)) {
    logger().error(
      'attachOptimizely needs an Optimizely client (from createInstance) with notificationCenter; nothing attached',
    );
    return undefined;
  }
  const seen = new Set<string>();
  const warnedUsers = new Set<string>();
  let active = true;

  // Both SDKs must name the user alike, or the property lands on another profile.
  const checkUserId = (userId: string): void => {
    if (warnedUsers.has(userId)) return;
    const ownUserId = typeof client.getUserId === 'function' ? client.getUserId() : undefined;
    const ownDeviceId = typeof client.getDeviceId === 'function' ? client.getDeviceId() : undefined;
    if (ownUserId === undefined || ownUserId === userId || ownDeviceId === userId) return;
    warnedUsers.add(userId);
    logger().warn(
      `Optimizely decided for user "${userId}" but Sightline's user id is "${ownUserId}": use the same id in both ` +
        `SDKs (setUserId) so the [Optimizely] properties land on the right profile`,
    );
  };

  const send = (decision: FlagDecision): void => {
    if (options.dedupe) {
      const key = decisionKey(decision);
      if (seen.has(key)) return;
      seen.add(key);
    }
    try {
      checkUserId(decision.userId);
    } catch {
      /* an identity getter that throws must not cost the decision */
    }
    // The user property first, so the Experiment Viewed event already carries it.
    const identify = buildOptimizelyIdentify(decision);
    callClient(logger, { event_type: EVENT_IDENTIFY }, () => client.identify(identify));
    const event = buildExperimentViewedEvent(decision);
    callClient(logger, event, () => client.track(event));
  };

  const listener = (payload: unknown): void => {
    if (!active) return;
    try {
      const decision = readFlagDecision(payload);
      if (decision) send(decision);
    } catch (error) {
      logger().error('The Optimizely decision bridge failed on a notification:', error);
    }
  };

  let listenerId: number;
  try {
    listenerId = optimizely.notificationCenter.addNotificationListener(
      options.notificationType || OPTIMIZELY_DECISION_NOTIFICATION,
      listener,
    );
  } catch (error) {
    logger().error('attachOptimizely: the Optimizely notification center refused the listener:', error);
    return undefined;
  }
  if (typeof listenerId !== 'number' || listenerId < 0) {
    logger().error(
      `attachOptimizely: the Optimizely notification center refused the listener (id ${String(listenerId)}); is ` +
        `notificationType right?`,
    );
    return undefined;
  }

  if (options.decisionsMadeBefore) {
    logger().warn(
      'attachOptimizely: decide() already ran before the bridge was attached, and Optimizely does not replay past ' +
        'decisions; those are missing unless passed as replayDecisions. Attach right after createInstance(), before ' +
        'any decide().',
    );
  }
  replay(options.replayDecisions, send, logger);

  return () => {
    if (!active) return;
    active = false;
    try {
      optimizely.notificationCenter.removeNotificationListener(listenerId);
    } catch (error) {
      logger().warn('attachOptimizely: removing the listener failed; it stays inert:', error);
    }
  };
};

const replay = (decisions: unknown, send: (decision: FlagDecision) => void, logger: () => Logger): void => {
  if (decisions === undefined) return;
  if (!Array.isArray(decisions)) {
    logger().error('attachOptimizely: replayDecisions must be an array of decide() results; nothing replayed');
    return;
  }
  for (const item of decisions) {
    const decision = readDecideResult(item);
    if (decision) send(decision);
    else logger().warn('attachOptimizely: a replayDecisions entry is not a decide() result (no flagKey); skipped');
  }
};
