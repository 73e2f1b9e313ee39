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

/** The host and each parent domain: a cookie is removed with the domain it was written with. */
const cookieDomains = (hostname: string): string[] => {
  const parts = hostname.split('.');
  return ['', ...parts.slice(0, -1).map((_, index) => `.${parts.slice(index).join('.')}`)];
};

/**
 * Consent denied: removes every cookie, storage key and IndexedDB database this instance (its
 * flush lock, the documented SDK it upgraded from, and its plugins: `pluginKeys`) wrote. Each removal on its own:
 * blocked storage skips what it cannot reach.
 */
export const eraseStorage = (config: Config, pluginKeys: string[]): void => {
  const scope = getGlobalScope() as { [name: string]: unknown } | undefined;
  const suffix = instanceSuffix(config);
  const location = getLocation();
  const expired = { expirationDays: 0, sameSite: 'Lax', secure: false };
  for (const name of [storageKey(config), amplitudeCookieName(config.apiKey), legacyCookieName(config.apiKey)])
    for (const domain of cookieDomains(location ? location.hostname : ''))
      writeCookie(name, null, { ...expired, domain });
  const keys = [storageKey(config), `${FLUSH_LOCK_PREFIX}${suffix}`, `${SENT_NOTE_PREFIX}${suffix}`, ...pluginKeys];
  for (const kind of ['localStorage', 'sessionStorage'])
    tryOr(() => {
      const storage = scope && (scope[kind] as Storage);
      if (!storage) return;
      for (let index = storage.length; index--;) {
        const key = storage.key(index) as string;
        if (keys.indexOf(key) >= 0 || key.indexOf(`${UNSENT_LOCAL_PREFIX}${suffix}:`) === 0) storage.removeItem(key);
      }
    }, undefined);
  tryOr(
    () => void (scope as { indexedDB: IDBFactory }).indexedDB.deleteDatabase(`${UNSENT_DATABASE_PREFIX}_${suffix}`),
    0,
  );
};
