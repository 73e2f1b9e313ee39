import {
  DEFAULT_INSTANCE_NAME,
  createMemoryIdentityStorage,
  getDocument,
  getGlobalScope,
  type Config,
  type IdentitySnapshot,
  type IdentityStorage,
  type Logger,
} from '@sightline/core';
import { IDENTITY_PREFIX, amplitudeCookieName, instanceSuffix, legacyCookieName } from './constants.js';
import { findWidestCookieDomain, readCookie, writeCookie, type CookieAttributes } from '@sightline/dom';
import { decodeIdentity, decodeLegacyIdentity, encodeIdentity } from './identity-codec.js';

/** `sl_<key10>` for the default instance, `sl_<key10>_<instance>` for named ones (never shared). */
export const storageKey = (config: Config): string => IDENTITY_PREFIX + instanceSuffix(config);

/** The identity as one encoded string, wherever that string is kept (a cookie or a web-storage key). */
const encodedIdentityStorage = (
  read: () => string | null | undefined,
  write: (value: string) => void,
): IdentityStorage => ({
  read: () => decodeIdentity(read()),
  write: (snapshot) => write(encodeIdentity(snapshot)),
});

const getWebStorage = (kind: 'localStorage' | 'sessionStorage'): Storage | undefined => {
  try {
    const scope = getGlobalScope() as { [key: string]: Storage | undefined } | undefined;
    const storage = scope && scope[kind];
    if (!storage) return undefined;
    const probe = '__sl_probe__';
    storage.setItem(probe, probe);
    storage.removeItem(probe);
    return storage;
  } catch {
    return undefined; // disabled, or a private mode with no quota
  }
};

/**
 * The cookie domain: `cookieOptions.domain`, or the widest domain that accepts a cookie,
 * probed once per init and kept in the config, so every user of it (the identity cookie, the
 * legacy-cookie clean-up, attribution's site domain) shares one probe.
 */
const cookieDomainOf = (config: Config): string => {
  const options = config.cookieOptions;
  if (options.domain === undefined) options.domain = findWidestCookieDomain(`${storageKey(config)}_probe`);
  return options.domain;
};

/** The identity storage the options ask for, falling back to memory where unavailable. */
export const createIdentityStorage = (config: Config, logger: Logger = config.loggerProvider): IdentityStorage => {
  const key = storageKey(config);
  switch (config.identityStorage) {
    case 'cookie': {
      if (!getDocument()) break;
      const options = config.cookieOptions;
      // The domain is probed (a cookie written) at the first write, not before: consent may not allow one yet.
      let attributes: CookieAttributes | undefined;
      return encodedIdentityStorage(
        () => readCookie(key),
        (value) =>
          writeCookie(
            key,
            value,
            (attributes = attributes || {
              domain: cookieDomainOf(config),
              expirationDays: options.expiration,
              sameSite: options.sameSite,
              secure: options.secure,
            }),
          ),
      );
    }
    case 'localStorage':
    case 'sessionStorage': {
      const storage = getWebStorage(config.identityStorage);
      if (storage)
        return encodedIdentityStorage(
          () => storage.getItem(key),
          (value) => storage.setItem(key, value),
        );
      logger.warn(`${config.identityStorage} is unavailable; identity is kept in memory for this page only`);
      break;
    }
  }
  return createMemoryIdentityStorage();
};

/**
 * Cookie upgrade: on a first load with `cookieOptions.upgrade`,
 * adopt the documented SDK's `AMP_<key10>` identity, else the legacy `amp_<key6>` one, so a
 * site switching to Sightline keeps its device ids and current session. The maintenance
 * SDK's legacy cookie is deleted, as the documented option says (unless `readOnly`: consent
 * pending); `AMP_` stays in place.
 */
export const readLegacyIdentity = (config: Config, logger: Logger, readOnly = false): IdentitySnapshot | undefined => {
  if (!config.cookieOptions.upgrade || config.instanceName !== DEFAULT_INSTANCE_NAME) return undefined;
  const current = decodeIdentity(readCookie(amplitudeCookieName(config.apiKey)));
  const legacyName = legacyCookieName(config.apiKey);
  const legacy = decodeLegacyIdentity(readCookie(legacyName));
  if (legacy && !readOnly) {
    writeCookie(legacyName, null, {
      domain: cookieDomainOf(config),
      expirationDays: 0,
      sameSite: 'Lax',
      secure: false,
    });
    writeCookie(legacyName, null, { expirationDays: 0, sameSite: 'Lax', secure: false });
  }
  const adopted = current || legacy;
  if (adopted) logger.log(`Adopted identity from the ${current ? 'AMP_' : 'amp_'} cookie (cookie upgrade)`);
  return adopted;
};
