import { getGlobalScope, getLocation, tryOr, type Config } from '@sightline/core';
import { writeCookie } from '@sightline/dom';
import {
  FLUSH_LOCK_PREFIX,
  SENT_NOTE_PREFIX,
  UNSENT_DATABASE_PREFIX,
  UNSENT_LOCAL_PREFIX,
  amplitudeCookieName,
  instanceSuffix,
  legacyCookieName,
} from './constants.js';
import { storageKey } from './identity-storage.js';

/** The domains a cookie on `hostname` may have been set for: none (host-only), the host, its parents but the TLD. */
export const cookieDomains = (hostname: string): string[] => {
  const parts = hostname.split('.');
  return parts.map((_, index) => (index ? `.${parts.slice(index - 1).join('.')}` : ''));
};

/**
 * Consent denied: removes every cookie, storage key and IndexedDB database this instance (its
 * flush lock, the documented SDK it upgraded from, and its plugins: `pluginKeys`) wrote. Each removal on its own:
 * blocked or missing storage throws, and skips only what it cannot reach.
 */
export const eraseStorage = (config: Config, pluginKeys: string[]): void => {
  const scope = getGlobalScope() as unknown as {
    localStorage: Storage;
    sessionStorage: Storage;
    indexedDB: IDBFactory;
  };
  const suffix = instanceSuffix(config);
  const key = storageKey(config);
  const location = getLocation();
  // A cookie is removed with the domain it was written with.
  const domains = cookieDomains(location ? location.hostname : '');
  for (const name of [key, amplitudeCookieName(config.apiKey), legacyCookieName(config.apiKey)])
    for (const domain of domains)
      writeCookie(name, null, { domain, expirationDays: 0, sameSite: 'Lax', secure: false });
  const keys = [key, `${FLUSH_LOCK_PREFIX}${suffix}`, `${SENT_NOTE_PREFIX}${suffix}`, ...pluginKeys];
  for (const kind of ['localStorage', 'sessionStorage'] as const)
    tryOr<unknown>(() => {
      const storage = scope[kind];
      for (let index = storage.length; index--;) {
        const name = storage.key(index) as string;
        if (keys.indexOf(name) >= 0 || name.indexOf(`${UNSENT_LOCAL_PREFIX}${suffix}:`) === 0) storage.removeItem(name);
      }
    }, 0);
  tryOr<unknown>(() => scope.indexedDB.deleteDatabase(`${UNSENT_DATABASE_PREFIX}_${suffix}`), 0);
};
