import { Identify, LogLevel, OfflineDisabled, Revenue, ServerUrl } from '@sightline/core';
import { BrowserClient, type BrowserClientOptions } from './browser-client';

/** Enum-like values the documented SDK exposes as `Types` (A29); literal values work too. */
export const Types = {
  LogLevel,
  TransportType: { Fetch: 'fetch', XHR: 'xhr', SendBeacon: 'beacon' },
  ServerZone: { US: 'US', EU: 'EU' },
  PluginType: { BEFORE: 'before', ENRICHMENT: 'enrichment', DESTINATION: 'destination' },
  OfflineDisabled,
  ServerUrl,
} as const;

/**
 * An SDK surface: `createInstance()` for named instances (A28) and the default instance's
 * methods as plain functions, as the documented SDK exports them.
 */
export const createSdk = (options: BrowserClientOptions) => {
  const createInstance = (): BrowserClient => new BrowserClient(options);
  const client = createInstance();
  return {
    createInstance,
    init: client.init.bind(client),
    track: client.track.bind(client),
    logEvent: client.logEvent.bind(client),
    identify: client.identify.bind(client),
    groupIdentify: client.groupIdentify.bind(client),
    setGroup: client.setGroup.bind(client),
    revenue: client.revenue.bind(client),
    setUserId: client.setUserId.bind(client),
    getUserId: client.getUserId.bind(client),
    setDeviceId: client.setDeviceId.bind(client),
    getDeviceId: client.getDeviceId.bind(client),
    setSessionId: client.setSessionId.bind(client),
    getSessionId: client.getSessionId.bind(client),
    extendSession: client.extendSession.bind(client),
    reset: client.reset.bind(client),
    flush: client.flush.bind(client),
    setOptOut: client.setOptOut.bind(client),
    add: client.add.bind(client),
    remove: client.remove.bind(client),
    setTransport: client.setTransport.bind(client),
    getDeliveryStats: client.getDeliveryStats.bind(client),
    onDelivery: client.onDelivery.bind(client),
    setOffline: client.setOffline.bind(client),
    Identify,
    Revenue,
    Types,
  };
};
