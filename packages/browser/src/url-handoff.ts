import { getLocation } from '@sightline/core';
import { PARAM_DEVICE_ID, PARAM_LEGACY_DEVICE_ID, PARAM_SESSION_ID, PARAM_TIMESTAMP } from './constants.js';

type Handoff = { deviceId?: string; sessionId?: number };

/**
 * Cross-domain identity hand-off: `ampDeviceId` (or legacy `deviceId`) and
 * `ampSessionId` from the page URL. When `ampTimestamp` is present it must be in the future,
 * or both are ignored (a copied link must not merge strangers into one device).
 */
export const readUrlHandoff = (now: number, search?: string): Handoff => {
  const location = getLocation();
  const query = search !== undefined ? search : location ? location.search : '';
  if (!query) return {};
  const params = new URLSearchParams(query); // never throws for a string
  const timestamp = params.get(PARAM_TIMESTAMP);
  if (timestamp !== null && !(Number(timestamp) > now)) return {};
  const deviceId = params.get(PARAM_DEVICE_ID) || params.get(PARAM_LEGACY_DEVICE_ID);
  const session = Number(params.get(PARAM_SESSION_ID)); // absent: Number(null) is 0, not a session
  const handoff: Handoff = {};
  if (deviceId) handoff.deviceId = deviceId;
  if (Number.isInteger(session) && session > 0) handoff.sessionId = session;
  return handoff;
};
