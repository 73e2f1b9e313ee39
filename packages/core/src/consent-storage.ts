import type { IdentitySnapshot, IdentityStorage } from './identity.js';

/** The identity storage consent switches: the configured one once allowed, memory until then. */
export interface ConsentStorage extends IdentityStorage {
  /** `true`: reads and writes reach the configured storage from now on; `false`: memory only. */
  persist(persistent: boolean): void;
}

export const createConsentStorage = (configured: IdentityStorage, persistent: boolean): ConsentStorage => {
  let memory: IdentitySnapshot | undefined;
  return {
    read: () => (persistent ? configured.read() : memory),
    write(snapshot) {
      if (persistent) configured.write(snapshot);
      else memory = { ...snapshot };
    },
    persist(on) {
      persistent = on;
    },
  };
};
