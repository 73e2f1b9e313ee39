import type { ClientPlatform } from './client-platform.js';
import type { ConsentMode } from './consent-policy.js';
import { createConsentStorage, type ConsentStorage } from './consent-storage.js';
import { IdentityStore, type IdentitySnapshot } from './identity.js';
import { resolveInitialIdentity } from './initial-identity.js';
import type { Config, Logger } from './types.js';
import { uuid } from './uuid.js';

export interface OpenIdentityInput {
  platform: ClientPlatform;
  config: Config;
  logger: Logger;
  /** init's userId argument. */
  userId: string | undefined;
  /** Whether init's options set `optOut`. */
  optOutGiven: boolean;
  mode: ConsentMode;
  now: number;
}

/**
 * The identity init starts with: what storage (or another SDK, or the URL) holds, the options
 * on top, written back at once (to memory until consent allows storage); and the session id the
 * app or the URL chose, if any. Cookieless or denied, nothing may identify the user: nothing is
 * read, and the device id is new for this page life.
 */
export const openIdentity = ({ platform, config, logger, userId, optOutGiven, mode, now }: OpenIdentityInput) => {
  const configured = platform.createIdentityStorage(config);
  const storage: ConsentStorage = createConsentStorage(configured, mode === 'full');
  const anonymous = mode === 'cookieless' || mode === 'off';
  let stored: IdentitySnapshot | undefined;
  try {
    if (!anonymous) stored = configured.read();
  } catch (error) {
    logger.warn('Could not read stored identity; starting fresh:', error);
  }
  // Consent pending: the old SDK's cookie is read but stays until storage is allowed.
  if (!stored && !anonymous && platform.readLegacyIdentity)
    stored = platform.readLegacyIdentity(config, logger, mode !== 'full');
  const handoff = platform.readUrlHandoff && !anonymous ? platform.readUrlHandoff(now) : {};
  const initial = resolveInitialIdentity({
    stored,
    handoff,
    config: anonymous ? { optOut: config.optOut } : config,
    userId: anonymous ? undefined : userId,
    optOutGiven,
    newDeviceId: uuid,
  });
  return { identity: new IdentityStore(storage, initial.snapshot), storage, initial };
};
