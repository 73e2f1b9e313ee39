import type { ConsentMode } from './consent-policy.js';
import type { IdentitySnapshot, IdentityStorage } from './identity.js';
import type { Config, Logger, Plugin } from './types.js';

/** What a platform (browser, node, worker) supplies to the platform-neutral client. */
export interface ClientPlatform {
  /** Where identity persists, per the resolved `identityStorage` / `cookieOptions` (creating it writes nothing). */
  createIdentityStorage(config: Config): IdentityStorage;
  /** Identity left by another SDK (cookie upgrade) when ours has none; `readOnly`: its old cookie stays. */
  readLegacyIdentity?(config: Config, logger: Logger, readOnly?: boolean): IdentitySnapshot | undefined;
  /** Cross-domain hand-off (`ampDeviceId`, `ampSessionId`, `ampTimestamp`). */
  readUrlHandoff?(now: number): { deviceId?: string; sessionId?: number };
  /**
   * Plugins every instance gets in consent `mode` (context enrichment, the delivery destination,
   * autocapture): none while consent holds or denies, none that stores anything when cookieless.
   */
  createPlugins(config: Config, mode: ConsentMode): Plugin[];
  /** Removes every cookie, storage key and database the SDK (or the SDK it upgraded from) wrote. */
  eraseStorage?(config: Config): void;
  now?(): number;
}
