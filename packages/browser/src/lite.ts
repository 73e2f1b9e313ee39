/**
 * @sightline/browser/lite — the lean client: the same API as the full entry, but no plugin is
 * imported, so a custom build carries only the plugins it adds with `add()`. `autocapture`
 * still controls sessions (session_start / session_end), which live in the core client.
 */
import { createSdk } from './create-sdk';
import { createBrowserDelivery } from './delivery/create-browser-delivery';

const sdk = createSdk({ createDestination: createBrowserDelivery });

export const {
  createInstance,
  init,
  track,
  logEvent,
  identify,
  groupIdentify,
  setGroup,
  revenue,
  setUserId,
  getUserId,
  setDeviceId,
  getDeviceId,
  setSessionId,
  getSessionId,
  extendSession,
  reset,
  flush,
  setOptOut,
  add,
  remove,
  setTransport,
  getDeliveryStats,
  onDelivery,
  setOffline,
} = sdk;
export { Identify, Revenue, LogLevel, OfflineDisabled } from '@sightline/core';
export type { Config, Event, EventOptions, Plugin, Result, ResultPromise } from '@sightline/core';
export { Types } from './create-sdk';
export { BrowserClient } from './browser-client';
export type { DeliveryReport, DeliveryStats } from '@sightline/core';
