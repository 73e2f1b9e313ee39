/**
 * Marketing attribution: first- and multi-touch campaign user
 * properties through `$identify`, and/or campaign fields on every event's properties.
 *
 * When: on page load (decided in setup so the `$identify` precedes the load's page
 * view) and when a new session starts during the page's life (seen on the first event
 * of that session). SPA navigations never start a campaign.
 */
import {
  EVENT_GROUP_IDENTIFY,
  EVENT_IDENTIFY,
  EVENT_SESSION_END,
  getDocument,
  getWindow,
  isSessionActive,
  type Config,
  type Event,
  type IdentifyingClient,
  type Logger,
  type Plugin,
  type Properties,
  type SessionClient,
  type TrackingClient,
} from '@sightline/core';
import { definePlugin, observeNavigation, parseCampaign, type Campaign } from '@sightline/dom';
import { buildCampaignIdentify } from './campaign-identify.js';
import { decideCampaign, type ExcludeReferrer } from './campaign-policy.js';
import { createCampaignStore, type CampaignStore } from './campaign-store.js';
import { CAMPAIGN_KEYS, EVENT_ATTRIBUTION, PLUGIN_NAME } from './constants.js';
import {
  defaultExcludeReferrers,
  resolveAttributionOptions,
  type AttributionOptions,
  type ResolvedAttributionOptions,
} from './options.js';
import { findSiteDomain, withoutLeadingDot } from './site-domain.js';

const siteDomainFor = (config: Config, resolved: ResolvedAttributionOptions, hostname: string): string => {
  if (resolved.siteDomain) return resolved.siteDomain;
  const cookieDomain = config.cookieOptions.domain; // always resolved by the client
  if (cookieDomain) return withoutLeadingDot(cookieDomain);
  // Probe with a cookie only where the app already accepts cookies for identity.
  const probed = config.identityStorage === 'cookie' ? findSiteDomain() : undefined;
  return probed || hostname;
};

/** Whether the session stored before this load is still running. */
const sessionContinues = (client: SessionClient, timeout: number): boolean => {
  const sessionId = client.getSessionId();
  const last = client.getLastEventTime && client.getLastEventTime();
  // Without the last event time, the session start is a safe lower bound for it.
  // isSessionActive answers false for a missing or negative (none) session id.
  return isSessionActive(
    { sessionId, lastEventTime: typeof last === 'number' ? last : sessionId },
    Date.now(),
    timeout,
  );
};

export const attributionPlugin = (
  options: AttributionOptions = {},
): Plugin<TrackingClient & IdentifyingClient & SessionClient> => {
  let client: (TrackingClient & IdentifyingClient & SessionClient) | undefined;
  let logger: Logger | undefined;
  let resolved: ResolvedAttributionOptions | undefined;
  let store: CampaignStore | undefined;
  let hostname = '';
  let excludeReferrers: ExcludeReferrer[] = [];
  /** The campaign the page was loaded with: what user-property attribution records. */
  let landing: Campaign = {};
  /** The campaign of the current URL: what event-property attribution attaches. */
  let current: Campaign = {};

  /**
   * Decides whether the campaign is tracked and records a tracked campaign, after starting a new session when
   * `resetSession`.
   */
  const evaluate = (isNewSession: boolean, resetSession?: boolean): void => {
    if (!store || !resolved) return;
    const decision = decideCampaign({
      current: landing,
      previous: store.read().campaign,
      isNewSession,
      hostname,
      excludeReferrers,
      excludeInternalReferrers: resolved.excludeInternalReferrers,
    });
    if (logger)
      logger.debug(`attribution: ${decision.track ? 'tracking' : 'not tracking'} the campaign (${decision.reason})`);
    if (!decision.track || !client) return;
    // The new session is queued before the campaign's $identify, so the identify lands in it.
    if (resetSession) client.setSessionId(Date.now());
    store.write({ ...store.read(), campaign: decision.campaign });
    client.identify(buildCampaignIdentify(decision.campaign, resolved.initialEmptyValue));
  };

  /** The first event seen in a new session re-checks the campaign (memory only: cheap). */
  const noteSession = (event: Event): void => {
    const sessionId = event.session_id;
    if (!store || typeof sessionId !== 'number' || sessionId < 0 || event.event_type === EVENT_SESSION_END) return;
    const state = store.read();
    if (state.sessionId === sessionId) return;
    store.write({ ...state, sessionId });
    if (state.sessionId !== undefined) evaluate(true);
  };

  const trackFallbackEvent = (): void => {
    if (client && resolved && resolved.fallbackAttributionEvent) client.track(EVENT_ATTRIBUTION, { ...current });
  };

  return definePlugin<TrackingClient & IdentifyingClient & SessionClient>({
    name: PLUGIN_NAME,

    start(scope) {
      const { config } = scope;
      client = scope.client;
      logger = scope.logger;
      scope.atTeardown(() => {
        client = undefined;
      });
      resolved = resolveAttributionOptions(options, logger);
      const win = getWindow();
      const document = getDocument();
      if (!win || !document) return; // SSR / worker: nothing to attribute
      hostname = win.location.hostname;
      excludeReferrers =
        resolved.excludeReferrers || defaultExcludeReferrers(siteDomainFor(config, resolved, hostname));
      landing = parseCampaign({ url: win.location.href, referrer: document.referrer });
      current = landing;

      if (resolved.userProperty) {
        store = createCampaignStore(config, logger);
        // Rules first (mid-session); if this load starts a session, execute() re-checks as a new session.
        evaluate(false, resolved.resetSessionOnNewCampaign && sessionContinues(client, config.sessionTimeout));
      }

      if (resolved.eventProperty) {
        scope.atTeardown(
          observeNavigation(
            (change) => {
              current = parseCampaign({ url: change.url, referrer: document.referrer });
              trackFallbackEvent();
            },
            { onError: (error) => logger && logger.error('attribution: navigation handling failed', error) },
          ),
        );
        trackFallbackEvent();
      }
    },

    // Inside the tracking call: a new session's campaign $identify is queued before the event
    // that started the session, so that event already carries the session's campaign.
    capture: noteSession,

    execute(event: Event) {
      if (!resolved) return event;
      noteSession(event); // session_start never passes capture: the client queues it directly
      if (resolved.eventProperty && event.event_type !== EVENT_IDENTIFY && event.event_type !== EVENT_GROUP_IDENTIFY) {
        const properties: Properties = { ...event.event_properties };
        for (const key of CAMPAIGN_KEYS) {
          if (current[key] !== undefined && properties[key] === undefined) properties[key] = current[key];
        }
        event.event_properties = properties;
      }
      return event;
    },
  });
};
