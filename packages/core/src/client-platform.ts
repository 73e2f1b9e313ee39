import type { IdentitySnapshot, IdentityStorage } from './identity.js';
import type { Config, Logger, Plugin } from './types.js';

/** What a platform (browser, node, worker) supplies to the platform-neutral client. */
export interface ClientPlatform {
  /** Where identity persists, per the resolved `identityStorage` / `cookieOptions`. */
  createIdentityStorage(config: Config): IdentityStorage;
  /** Identity left by another SDK (cookie upgrade) when ours has none. */
  readLegacyIdentity?(config: Config, logger: Logger): IdentitySnapshot | undefined;
  /** Cross-domain hand-off (`ampDeviceId`, `ampSessionId`, `ampTimestamp`). */
  readUrlHandoff?(now: number): { deviceId?: string; sessionId?: number };
  /** Plugins every instance gets: context enrichment, the delivery destination, autocapture. */
  createPlugins(config: Config): Plugin[];
  now?(): number;
}
