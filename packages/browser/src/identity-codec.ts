import { encodeJson, type IdentitySnapshot } from '@sightline/core';

/**
 * Cookie value: base64 of the URI-encoded JSON, as the documented SDK writes `AMP_<key10>`; encoded
 * without the page's JSON.stringify or toJSON (a page may have broken them), so the device id survives.
 */
export const encodeIdentity = (snapshot: IdentitySnapshot): string =>
  btoa(encodeURIComponent(encodeJson(snapshot) as string));

export const decodeIdentity = (value: string | undefined | null): IdentitySnapshot | undefined => {
  if (!value) return undefined;
  try {
    const parsed: unknown = JSON.parse(decodeURIComponent(atob(decodeURIComponent(value))));
    return parsed && typeof parsed === 'object' ? pickIdentity(parsed as { [key: string]: unknown }) : undefined;
  } catch {
    return undefined;
  }
};

/** Keeps only known fields with the right types, whatever another writer put there. */
export const pickIdentity = (raw: { [key: string]: unknown }): IdentitySnapshot => {
  const snapshot: IdentitySnapshot = {};
  if (typeof raw.deviceId === 'string' && raw.deviceId) snapshot.deviceId = raw.deviceId;
  if (typeof raw.userId === 'string' && raw.userId) snapshot.userId = raw.userId;
  if (typeof raw.optOut === 'boolean') snapshot.optOut = raw.optOut;
  for (const field of ['sessionId', 'lastEventTime', 'lastEventId', 'pageCounter'] as const) {
    const value = raw[field];
    if (typeof value === 'number' && Number.isFinite(value)) snapshot[field] = value;
  }
  return snapshot;
};

/**
 * The legacy amplitude-js cookie `amp_<key6>`: `deviceId.base64(userId).optOut.sessionId.
 * lastEventTime.eventId...`, numbers in base 32.
 */
export const decodeLegacyIdentity = (value: string | undefined): IdentitySnapshot | undefined => {
  if (!value) return undefined;
  const [deviceId, userId, optOut, ...numbers] = value.split('.');
  if (!deviceId) return undefined;
  const snapshot: IdentitySnapshot = { deviceId };
  try {
    if (userId) snapshot.userId = decodeUtf8Base64(userId);
  } catch {
    /* unreadable user id: keep the device */
  }
  if (optOut) snapshot.optOut = optOut === '1';
  (['sessionId', 'lastEventTime', 'lastEventId'] as const).forEach((field, index) => {
    // `|| ''`: parseInt(undefined, 32) would read the word "undefined" as base-32 digits
    const parsed = parseInt(numbers[index] || '', 32);
    if (Number.isFinite(parsed)) snapshot[field] = parsed;
  });
  return snapshot;
};

const decodeUtf8Base64 = (value: string): string =>
  decodeURIComponent(Array.from(atob(value), (char) => `%${`0${char.charCodeAt(0).toString(16)}`.slice(-2)}`).join(''));
