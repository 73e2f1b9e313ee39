/**
 * The parts of `@optimizely/optimizely-sdk` (v6) the bridge touches, typed structurally: the
 * package never imports the Optimizely SDK, so apps without it pay nothing.
 */

/**
 * `NotificationCenter` (v6 `notification_center/index.d.ts`). Method syntax on purpose: its
 * parameters compare bivariantly, so the SDK's generic signature fits.
 */
export interface OptimizelyNotificationCenterLike {
  addNotificationListener(notificationType: string, callback: (payload: unknown) => void): number;
  removeNotificationListener(listenerId: number): boolean;
}

/** The Optimizely client: anything with a notification center. */
export interface OptimizelyClientLike {
  notificationCenter: OptimizelyNotificationCenterLike;
}

/** The DECISION notification payload (v6 `DecisionListenerPayload`). */
export interface OptimizelyDecisionNotification {
  type: string;
  userId: string;
  attributes?: { [name: string]: unknown };
  decisionInfo: {
    flagKey?: string;
    enabled?: boolean;
    variationKey?: string | null;
    ruleKey?: string | null;
    decisionEventDispatched?: boolean;
    [field: string]: unknown;
  };
}

/** What `user.decide(flagKey)` returns (v6 `OptimizelyDecision`), for replaying decisions made before attach. */
export interface OptimizelyDecisionLike {
  flagKey: string;
  enabled: boolean;
  variationKey: string | null;
  ruleKey: string | null;
  userContext: { getUserId(): string };
}
