/**
 * @sightline/browser — the full client: the default instance and named exports as the
 * documented SDK has them, with the default plugins wired from the `autocapture` option.
 */
import { wireAutocapture } from './autocapture';
import { createSdk } from './create-sdk';
import { createBrowserDelivery } from './delivery/create-browser-delivery';

const sdk = createSdk({ createDestination: createBrowserDelivery, autocapture: wireAutocapture });

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
