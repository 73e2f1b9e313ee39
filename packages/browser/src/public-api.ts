/**
 * The public API both entries export: the default instance's methods as plain functions (as the
 * documented SDK exports them), the builders, the enums and the types. Each method is bound with
 * a `#__PURE__` mark, so an app's bundler drops every one the app never imports. The full entry
 * adds its own `init` and `createInstance`, which wire the autocapture plugins.
 */
import { bindMethod } from './create-sdk.js';
import { defaultClient as client } from './default-client.js';

export const init = /*#__PURE__*/ bindMethod(client, 'init');
export const track = /*#__PURE__*/ bindMethod(client, 'track');
export const logEvent = /*#__PURE__*/ bindMethod(client, 'logEvent');
export const identify = /*#__PURE__*/ bindMethod(client, 'identify');
export const groupIdentify = /*#__PURE__*/ bindMethod(client, 'groupIdentify');
export const setGroup = /*#__PURE__*/ bindMethod(client, 'setGroup');
export const revenue = /*#__PURE__*/ bindMethod(client, 'revenue');
export const setUserId = /*#__PURE__*/ bindMethod(client, 'setUserId');
export const getUserId = /*#__PURE__*/ bindMethod(client, 'getUserId');
export const setDeviceId = /*#__PURE__*/ bindMethod(client, 'setDeviceId');
export const getDeviceId = /*#__PURE__*/ bindMethod(client, 'getDeviceId');
export const setSessionId = /*#__PURE__*/ bindMethod(client, 'setSessionId');
export const getSessionId = /*#__PURE__*/ bindMethod(client, 'getSessionId');
export const extendSession = /*#__PURE__*/ bindMethod(client, 'extendSession');
export const reset = /*#__PURE__*/ bindMethod(client, 'reset');
export const flush = /*#__PURE__*/ bindMethod(client, 'flush');
export const setOptOut = /*#__PURE__*/ bindMethod(client, 'setOptOut');
export const setConsent = /*#__PURE__*/ bindMethod(client, 'setConsent');
export const add = /*#__PURE__*/ bindMethod(client, 'add');
export const remove = /*#__PURE__*/ bindMethod(client, 'remove');
export const setTransport = /*#__PURE__*/ bindMethod(client, 'setTransport');
export const getDeliveryStats = /*#__PURE__*/ bindMethod(client, 'getDeliveryStats');
export const onDelivery = /*#__PURE__*/ bindMethod(client, 'onDelivery');
export const setOffline = /*#__PURE__*/ bindMethod(client, 'setOffline');
export { Identify, Revenue, LogLevel, OfflineDisabled } from '@sightline/core';
export type {
  BeforePlugin,
  Config,
  ConsentState,
  CookieOptions,
  CookielessSetting,
  DeliveryListener,
  DeliveryReport,
  DeliveryStats,
  DestinationPlugin,
  EnrichmentPlugin,
  Event,
  EventOptions,
  Groups,
  IdentifyValue,
  IdentityStorageType,
  Logger,
  Plugin,
  PluginType,
  Properties,
  Result,
  ResultPromise,
  ServerZone,
  TrackingOptions,
  TransportConfig,
  TransportType,
} from '@sightline/core';
export type { AutocaptureOptions, BrowserOptions } from './browser-options.js';
export { Types } from './create-sdk.js';
export { BrowserClient } from './browser-client.js';
