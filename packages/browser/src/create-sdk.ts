import { LogLevel, OfflineDisabled, ServerUrl } from '@sightline/core';
import type { BrowserClient } from './browser-client.js';

/** Enum-like values the documented SDK exposes as `Types`; literal values work too. */
export const Types = {
  LogLevel,
  TransportType: { Fetch: 'fetch', XHR: 'xhr', SendBeacon: 'beacon' },
  ServerZone: { US: 'US', EU: 'EU' },
  PluginType: { BEFORE: 'before', ENRICHMENT: 'enrichment', DESTINATION: 'destination' },
  OfflineDisabled,
  ServerUrl,
} as const;

/**
 * One of the default instance's methods as a plain function, as the documented SDK exports
 * them. The entries call it with a `#__PURE__` mark, so an app's bundler drops every method
 * the app never imports.
 */
export const bindMethod = <Method extends keyof BrowserClient>(
  client: BrowserClient,
  method: Method,
): BrowserClient[Method] => (client[method] as (...args: never[]) => unknown).bind(client) as BrowserClient[Method];
