/** `[Amplitude] Network Request` capture (`autocapture.networkTracking`). */
import { ServerUrl, describeValue as describe, type Config, type Plugin, type Properties } from '@sightline/core';
import { compileCaptureRules } from './capture-rules.js';
import { createCaptureSubscriber } from './capture-subscriber.js';
import { EVENT_NETWORK_REQUEST, PLUGIN_NAME } from './constants.js';
import { compileHostPatterns } from './host-pattern.js';
import type { IgnorePolicy } from './ignore-policy.js';
import { observeNetwork } from './network-observer.js';
import type { NetworkTrackingOptions } from './options.js';
import { absoluteUrl } from './url-parts.js';

interface TrackingClient {
  track(eventType: string, eventProperties?: Properties): unknown;
}

/** Where the SDK uploads: `serverUrl` (relative ones resolved), remote config, and every default endpoint. */
export function sdkUrlPrefixes(config: Pick<Config, 'serverUrl' | 'remoteConfig'>): string[] {
  const prefixes: string[] = [ServerUrl.US, ServerUrl.US_BATCH, ServerUrl.EU, ServerUrl.EU_BATCH];
  for (const url of [config.serverUrl, config.remoteConfig && config.remoteConfig.serverUrl]) {
    if (typeof url === 'string' && url) prefixes.push(absoluteUrl(url));
  }
  return prefixes;
}

export function networkRequestsPlugin(options?: NetworkTrackingOptions): Plugin {
  const settings: NetworkTrackingOptions = options && typeof options === 'object' ? options : {};
  let stop: (() => void) | undefined;
  return {
    name: PLUGIN_NAME,
    type: 'enrichment',
    setup(config: Config, client: unknown) {
      if (stop) stop();
      const logger = config.loggerProvider;
      const report = (problem: string) => logger.warn(`networkTracking: ${problem}`);
      const ignore: IgnorePolicy = {
        ignoreHosts: compileHostPatterns(settings.ignoreHosts, (bad) =>
          report(`ignoreHosts: ${describe(bad)} ignored`),
        ),
        ignoreAmplitudeRequests: settings.ignoreAmplitudeRequests !== false,
        sdkUrlPrefixes: sdkUrlPrefixes(config),
      };
      const tracker = client as TrackingClient;
      stop = observeNetwork(
        createCaptureSubscriber({
          rules: compileCaptureRules(settings.captureRules, report),
          ignore,
          logger,
          track: (properties) => {
            try {
              tracker.track(EVENT_NETWORK_REQUEST, properties);
            } catch (error) {
              logger.error('Could not track a network request:', error);
            }
          },
        }),
      );
    },
    teardown() {
      if (stop) stop();
      stop = undefined;
    },
  };
}
