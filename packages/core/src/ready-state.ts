import type { ClientPlatform } from './client-platform.js';
import type { Identify } from './identify.js';
import { IdentityStore, type IdentitySnapshot } from './identity.js';
import { resolveInitialIdentity } from './initial-identity.js';
import type { SessionController } from './session-controller.js';
import type { Config, Logger } from './types.js';
import { uuid } from './uuid.js';

/**
 * What one `init` gives the client: its resolved configuration, the identity it opened and the
 * session controller. It exists from the moment init has resolved them; the client is ready
 * (calls run instead of queueing) once the plugins are set up too.
 */
export interface ReadyState {
  readonly config: Config;
  readonly identity: IdentityStore;
  readonly sessions: SessionController;
  /** The `identify` option, until it is sent (before the first session_start, or at once). */
  initIdentify: Identify | undefined;
}

export interface OpenIdentityInput {
  platform: ClientPlatform;
  config: Config;
  logger: Logger;
  /** init's userId argument. */
  userId: string | undefined;
  /** Whether init's options set `optOut`. */
  optOutGiven: boolean;
  now: number;
}

/**
 * Opens the identity init starts with: what storage (or another SDK, or the URL) holds, the
 * options on top, written back at once. Also the session id the app or the URL chose, if any.
 */
export const openIdentity = ({ platform, config, logger, userId, optOutGiven, now }: OpenIdentityInput) => {
  const storage = platform.createIdentityStorage(config);
  let stored: IdentitySnapshot | undefined;
  try {
    stored = storage.read();
  } catch (error) {
    logger.warn('Could not read stored identity; starting fresh:', error);
  }
  if (!stored && platform.readLegacyIdentity) stored = platform.readLegacyIdentity(config, logger);
  const handoff = platform.readUrlHandoff ? platform.readUrlHandoff(now) : {};
  const initial = resolveInitialIdentity({ stored, handoff, config, userId, optOutGiven, newDeviceId: uuid });
  const identity = new IdentityStore(storage, initial.snapshot);
  warnShortId(logger, config, 'deviceId', initial.snapshot.deviceId);
  warnShortId(logger, config, 'userId', initial.snapshot.userId);
  identity.writeNow();
  return { identity, sessionId: initial.sessionId };
};

/** The server ignores ids shorter than minIdLength: said once, when the id is set. */
export const warnShortId = (
  logger: Logger,
  config: Pick<Config, 'minIdLength'> | undefined,
  name: string,
  id: string | undefined,
): void => {
  const min = (config && config.minIdLength) || 5;
  if (id !== undefined && id.length < min) {
    logger.warn(`${name} "${id}" is shorter than minIdLength (${min}); the server will ignore it`);
  }
};
