import type { ConsentStorage } from './consent-storage.js';
import type { Identify } from './identify.js';
import type { IdentityStore } from './identity.js';
import type { SessionController } from './session-controller.js';
import type { Config } from './types.js';

/**
 * What one `init` gives the client: its resolved configuration, the identity it opened and the
 * session controller. It exists from the moment init has resolved them; the client is ready
 * (calls run instead of queueing) once the plugins are set up too.
 */
export interface ReadyState {
  readonly config: Config;
  readonly identity: IdentityStore;
  /** The identity's storage: the configured one once consent allows, memory until then. */
  readonly storage: ConsentStorage;
  readonly sessions: SessionController;
  /** The `identify` option, until it is sent (before the first session_start, or at once). */
  initIdentify: Identify | undefined;
}
