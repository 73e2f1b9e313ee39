/** `[Amplitude] Network Request` capture (`autocapture.networkTracking`). */
import {
  ServerUrl,
  describeValue as describe,
  objectOrEmpty,
  type Config,
  type Plugin,
  type TrackingClient,
} from '@sightline/core';
import { definePlugin } from '@sightline/dom';
import { compileCaptureRules } from './capture-rules.js';
import { createCaptureSubscriber } from './capture-subscriber.js';
import { EVENT_NETWORK_REQUEST, PLUGIN_NAME } from './constants.js';
import { compileHostPatterns } from './host-pattern.js';
import type { IgnorePolicy } from './ignore-policy.js';
import { observeNetwork } from './network-observer.js';
import type { NetworkTrackingOptions } from './options.js';
import { absoluteUrl } from './url-parts.js';

/** Where the SDK uploads: `serverUrl` (relative ones resolved), remote config, and every default endpoint. */
export function sdkUrlPrefixes(config: Pick<Config, 'serverUrl' | 'remoteConfig'>): string[] {
  const prefixes: string[] = [ServerUrl.US, ServerUrl.US_BATCH, ServerUrl.EU, ServerUrl.EU_BATCH];
  for (const url of [config.serverUrl, config.remoteConfig && config.remoteConfig.serverUrl]) {
    if (typeof url === 'string' && url) prefixes.push(absoluteUrl(url));
  }
  return prefixes;
}

export function networkRequestsPlugin(options?: NetworkTrackingOptions): Plugin<TrackingClient> {
  const settings = objectOrEmpty<NetworkTrackingOptions>(options);
  return definePlugin<TrackingClient>({
    name: PLUGIN_NAME,
    start({ config, client, logger, atTeardown }) {
      const report = (problem: string) => logger.warn(`networkTracking: ${problem}`);
      const ignore: IgnorePolicy = {
        ignoreHosts: compileHostPatterns(settings.ignoreHosts, (bad) =>
          report(`ignoreHosts: ${describe(bad)} ignored`),
        ),
        ignoreAmplitudeRequests: settings.ignoreAmplitudeRequests !== false,
        sdkUrlPrefixes: sdkUrlPrefixes(config),
      };
      // The fetch / XHR patch is shared by every client; this one's subscription ends at teardown.
      atTeardown(
        observeNetwork(
          createCaptureSubscriber({
            rules: compileCaptureRules(settings.captureRules, report),
            ignore,
            logger,
            track: (properties) => {
              try {
                client.track(EVENT_NETWORK_REQUEST, properties);
              } catch (error) {
                logger.error('Could not track a network request:', error);
              }
            },
          }),
        ),
      );
    },
  });
}
