import type { IdentitySnapshot } from './identity.js';
import type { Config } from './types.js';

export interface InitialIdentityInput {
  /** What storage held (ours, else another SDK's legacy identity), if anything. */
  stored: IdentitySnapshot | undefined;
  /** The cross-domain hand-off in the page URL (`ampDeviceId`, `ampSessionId`). */
  handoff: { deviceId?: string; sessionId?: number };
  config: Pick<Config, 'deviceId' | 'userId' | 'optOut' | 'sessionId'>;
  /** init's userId argument (it wins over the `userId` option). */
  userId: string | undefined;
  /** Whether init's options set `optOut` (else the stored choice stands). */
  optOutGiven: boolean;
  /** A new device id, for a first visit. */
  newDeviceId: () => string;
}

export interface InitialIdentity {
  snapshot: IdentitySnapshot;
  /** A session id the app or the URL chose: init starts (or continues) that session. */
  sessionId: number | undefined;
}

/**
 * The identity a client starts with. Explicit beats inherited: the `deviceId` option, then the
 * URL hand-off, then storage, then a new id; init's userId, then the `userId` option, then storage.
 * Pure.
 */
export const resolveInitialIdentity = ({
  stored,
  handoff,
  config,
  userId,
  optOutGiven,
  newDeviceId,
}: InitialIdentityInput): InitialIdentity => {
  const snapshot: IdentitySnapshot = { ...stored };
  snapshot.deviceId = config.deviceId || handoff.deviceId || snapshot.deviceId || newDeviceId();
  const initialUserId = userId !== undefined ? userId : config.userId;
  if (initialUserId !== undefined) snapshot.userId = initialUserId;
  if (optOutGiven) snapshot.optOut = config.optOut;
  return { snapshot, sessionId: config.sessionId !== undefined ? config.sessionId : handoff.sessionId };
};
