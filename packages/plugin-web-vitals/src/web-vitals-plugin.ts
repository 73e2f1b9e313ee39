/**
 * `[Amplitude] Web Vitals` (`autocapture.webVitals`).
 * Metrics come from `web-vitals`; the event is tracked when the page becomes hidden and
 * flushed right away so the delivery engine's page-exit path sends it in this page life.
 */
import {
  getDocument,
  getGlobalScope,
  getLocation,
  getWindow,
  objectOrEmpty,
  type FlushingClient,
  type Plugin,
  type TrackingClient,
} from '@sightline/core';
import { definePlugin, readPageProperties } from '@sightline/dom';
import { EVENT_WEB_VITALS, PLUGIN_NAME } from './constants.js';
import type { MetricSource, VitalMetric } from './metric-source.js';
import { readTimeOrigin } from './metric-report.js';
import { createVitalsCollector } from './vitals-collector.js';
import { webVitalsSource } from './web-vitals-source.js';

export interface WebVitalsOptions {
  /**
   * Report each soft navigation (SPA route change the browser recognises, Chromium 151+) as
   * its own page. Browsers without soft-navigation support are unaffected. Default `true`.
   */
  reportSoftNavs?: boolean;
}

/** Internal and test-only: where metrics come from. */
export interface WebVitalsInternalOptions extends WebVitalsOptions {
  source?: MetricSource;
}

export function webVitalsPlugin(options?: WebVitalsOptions): Plugin<TrackingClient & FlushingClient> {
  const settings = objectOrEmpty<WebVitalsInternalOptions>(options);

  return definePlugin<TrackingClient & FlushingClient>({
    name: PLUGIN_NAME,
    start({ client, logger, listen, timeout, atTeardown }) {
      const document = getDocument();
      const window = getWindow();
      if (!document || !window) return; // SSR / workers: nothing to measure
      const scope = getGlobalScope() as (typeof globalThis & { performance?: Performance }) | undefined;
      const collector = createVitalsCollector({
        timeOrigin: readTimeOrigin(scope && scope.performance),
        describePage: (navigationURL) => {
          const location = getLocation();
          return {
            ...readPageProperties({ href: navigationURL || (location ? location.href : ''), title: document.title }),
          };
        },
      });
      let active = true;
      // web-vitals has no unsubscribe: late callbacks are ignored instead.
      atTeardown(() => {
        active = false;
      });

      const onMetric = (metric: VitalMetric) => {
        if (!active) return;
        try {
          collector.record(metric);
        } catch (error) {
          logger.error('Web Vitals: could not record a metric:', error);
        }
      };

      const send = () => {
        if (!active) return;
        try {
          const events = collector.takeChanged();
          if (events.length === 0) return;
          for (const properties of events) client.track(EVENT_WEB_VITALS, properties);
          // The client's flush waits for these events to reach the delivery first.
          client.flush();
        } catch (error) {
          logger.error('Web Vitals: could not send:', error);
        }
      };

      // web-vitals finalises CLS / INP / LCP when the page hides, some of it a moment later
      // (INP's last entries). Sending one task after visibilitychange — or at pagehide, if the
      // page is leaving sooner — gives one event with every final value instead of two.
      let cancelPending: (() => void) | undefined;
      const sendNow = () => {
        if (cancelPending) cancelPending();
        cancelPending = undefined;
        send();
      };
      let leaving = false;
      // Bubble-phase listeners, as before the lifecycle helper: their order against the page's is unchanged.
      const bubble: AddEventListenerOptions = {};
      listen(
        document,
        'visibilitychange',
        () => {
          if (document.visibilityState !== 'hidden') return;
          // After pagehide no timer will run: values finalised now go out at once.
          if (leaving) sendNow();
          else if (!cancelPending) cancelPending = timeout(sendNow, 0);
        },
        bubble,
      );
      // Browsers that skip visibilitychange on navigation still fire pagehide.
      listen(
        window,
        'pagehide',
        () => {
          leaving = true;
          sendNow();
        },
        bubble,
      );

      const source = settings.source || webVitalsSource;
      const reportOptions = { reportAllChanges: true, reportSoftNavs: settings.reportSoftNavs !== false };
      for (const subscribe of [source.onLCP, source.onFCP, source.onINP, source.onCLS, source.onTTFB]) {
        try {
          subscribe(onMetric, reportOptions);
        } catch (error) {
          logger.warn('Web Vitals: a metric is not available in this browser:', error);
        }
      }
    },
  });
}
