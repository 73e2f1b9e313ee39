/**
 * `[Amplitude] Page Viewed`: on load and on SPA navigations seen by
 * the shared navigation observer, with the page properties, the campaign of the URL and the
 * per-session `[Amplitude] Page Counter`.
 */
import {
  getDocument,
  getLocation,
  uuid,
  type Event,
  type Logger,
  type PageCounterClient,
  type Plugin,
  type Properties,
  type TrackingClient,
} from '@sightline/core';
import { definePlugin, isCampaignIdentify, observeNavigation, parseCampaign, readPageProperties } from '@sightline/dom';
import { PAGE_COUNTER, PLUGIN_NAME, TRACK_ON_ATTRIBUTION } from './constants.js';
import { isPageChange } from './history-policy.js';
import { resolvePageViewsOptions, type PageViewsOptions, type ResolvedPageViewsOptions } from './options.js';

export const pageViewsPlugin = (options: PageViewsOptions = {}): Plugin<TrackingClient & PageCounterClient> => {
  let client: (TrackingClient & PageCounterClient) | undefined;
  let logger: Logger | undefined;
  let resolved: ResolvedPageViewsOptions | undefined;
  /**
   * insert_ids of our page views still in the pipeline: they get their counter there, once the
   * session is settled. An id leaves when its event is executed or its result settles.
   */
  const awaitingCounter = new Set<string>();

  const passesTrackOn = (): boolean => {
    const trackOn = resolved && resolved.trackOn;
    if (trackOn === undefined) return true;
    if (trackOn === TRACK_ON_ATTRIBUTION) return false;
    try {
      return trackOn() === true;
    } catch (error) {
      if (logger) logger.error('page views: trackOn threw; page view not tracked', error);
      return false;
    }
  };

  const trackPageView = (): void => {
    const location = getLocation();
    const document = getDocument();
    if (!client || !resolved || !location) return;
    const properties: Properties = {
      ...parseCampaign({ url: location.href, referrer: (document && document.referrer) || '' }),
      ...readPageProperties(),
    };
    const insertId = uuid();
    awaitingCounter.add(insertId);
    const result = client.track(resolved.eventType, properties, { insert_id: insertId });
    // An event that never reaches execute (opted out, dropped by an earlier plugin) still
    // settles its result: the id is forgotten then, so nothing piles up per navigation.
    const forget = () => awaitingCounter.delete(insertId);
    if (result && result.promise != null) void result.promise.then(forget, forget);
  };

  return definePlugin<TrackingClient & PageCounterClient>({
    name: PLUGIN_NAME,

    start(scope) {
      client = scope.client;
      logger = scope.logger;
      resolved = resolvePageViewsOptions(options, logger);
      scope.atTeardown(() => {
        client = undefined;
        awaitingCounter.clear();
      });
      if (!getLocation()) return; // SSR / worker
      if (passesTrackOn()) trackPageView();
      const mode = resolved.trackHistoryChanges;
      scope.atTeardown(
        observeNavigation(
          (change) => {
            // One page view per navigation that changes the page for this mode.
            if (isPageChange(mode, change.previousUrl, change.url) && passesTrackOn()) trackPageView();
          },
          { onError: (error) => scope.logger.error('page views: navigation handling failed', error) },
        ),
      );
    },

    execute(event: Event) {
      // The type is compared first: it spares every other event a look-up by its id.
      if (
        resolved &&
        event.event_type === resolved.eventType &&
        event.insert_id &&
        awaitingCounter.delete(event.insert_id)
      ) {
        // Here, after dispatch, the counter belongs to the session the event is really in.
        const counter = client && client.nextPageCounter ? client.nextPageCounter() : 1;
        event.event_properties = { ...event.event_properties, [PAGE_COUNTER]: counter };
      } else if (resolved && resolved.trackOn === TRACK_ON_ATTRIBUTION && isCampaignIdentify(event)) {
        trackPageView(); // A page view whenever web attribution is tracked
      }
      return event;
    },
  });
};
