/**
 * @sightline/core — the platform-neutral client. Exported: the documented API (the client,
 * Identify, Revenue, LogLevel, the option, event and plugin types) and what the browser package
 * and the plugins build on. Everything else is internal; tests import it by relative path.
 */

// The client and its documented types.
export { CoreClient } from './client.js';
export type { ClientPlatform } from './client-platform.js';
export { Identify } from './identify.js';
export type { IdentifyValue } from './identify.js';
export { Revenue } from './revenue.js';
export { ConsoleLogger, LOG_PREFIX, LogLevel } from './logger.js';
export type { ClientOptions, CoreAutocaptureOptions, RemoteConfigOptions } from './options.js';
export type {
  BeforePlugin,
  Config,
  CookieOptions,
  DestinationPlugin,
  EnrichmentPlugin,
  Event,
  EventOptions,
  EventStore,
  Groups,
  IdentityStorageType,
  Logger,
  Plugin,
  PluginType,
  Properties,
  Result,
  ResultPromise,
  ServerZone,
  StoredEvent,
  TrackingOptions,
  Transport,
  TransportConfig,
  TransportType,
  UploadRequest,
  UploadResponse,
} from './types.js';
export type {
  ConfiguredClient,
  FlushingClient,
  IdentifyingClient,
  IdentityReadingClient,
  PageCounterClient,
  SessionClient,
  TrackingClient,
} from './plugin-clients.js';

// Wire names and documented constants the plugins send or compare.
export {
  DEFAULT_INSTANCE_NAME,
  EVENT_GROUP_IDENTIFY,
  EVENT_IDENTIFY,
  EVENT_REVENUE,
  EVENT_SESSION_END,
  IdentifyOperation,
  LIBRARY,
  OfflineDisabled,
  ResultCode,
  SDK_REQUEST_MARKER,
  ServerUrl,
} from './constants.js';

// What the plugins and the browser platform share.
export { getDocument, getGlobalScope, getLocation, getNavigator, getWindow } from './global-scope.js';
export { createMemoryIdentityStorage } from './identity.js';
export type { IdentitySnapshot, IdentityStorage } from './identity.js';
export { isSessionActive } from './session.js';
export { describeValue } from './describe-value.js';
export { objectOrEmpty, optionsUnlessOff } from './option-guards.js';
export { tryOr } from './try-or.js';
export { uuid } from './uuid.js';

// The delivery engine, for the platforms that give it a store, transports and a page lifecycle.
export {
  byteLength,
  createClock,
  createDeliveryPlugin,
  createInPageLock,
  createMemoryEventStore,
  DELIVERY_PLUGIN_NAME,
  DropReason,
  encodeJson,
  tellListeners,
} from './delivery/index.js';
export type {
  Clock,
  Connectivity,
  ExitTransport,
  OutcomeChannelListener,
  SentNote,
  DeliveryListener,
  DeliveryPlugin,
  DeliveryReport,
  DeliveryStats,
  FlushLock,
  OutcomeChannel,
  PageLifecycle,
  SharedOutcome,
  TransportChoice,
} from './delivery/index.js';

// Consent: the states, the cookieless setting and the modes the platforms set plugins up for.
export type { ConsentMode, ConsentState, CookielessSetting } from './consent-policy.js';
