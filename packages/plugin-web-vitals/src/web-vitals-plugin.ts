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
  type Config,
  type Plugin,
  type Properties,
} from '@sightline/core';
import { readPageProperties } from '@sightline/dom';
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

interface VitalsClient {
  track(eventType: string, eventProperties?: Properties): unknown;
  flush(): unknown;
}

export function webVitalsPlugin(options?: WebVitalsOptions): Plugin {
  const settings: WebVitalsInternalOptions = options && typeof options === 'object' ? options : {};
  let stop: (() => void) | undefined;

  return {
    name: PLUGIN_NAME,
    type: 'enrichment',
    setup(config: Config, client: unknown) {
      if (stop) stop();
      const logger = config.loggerProvider;
      const document = getDocument();
      const window = getWindow();
      if (!document || !window) return; // SSR / workers: nothing to measure
      const vitalsClient = client as VitalsClient;
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
          for (const properties of events) vitalsClient.track(EVENT_WEB_VITALS, properties);
          // The client's flush waits for these events to reach the delivery first.
          vitalsClient.flush();
        } catch (error) {
          logger.error('Web Vitals: could not send:', error);
        }
      };

      // web-vitals finalises CLS / INP / LCP when the page hides, some of it a moment later
      // (INP's last entries). Sending one task after visibilitychange — or at pagehide, if the
      // page is leaving sooner — gives one event with every final value instead of two.
      let pending: ReturnType<typeof setTimeout> | undefined;
      const sendNow = () => {
        if (pending !== undefined) clearTimeout(pending);
        pending = undefined;
        send();
      };
      let leaving = false;
      const onVisibilityChange = () => {
        if (document.visibilityState !== 'hidden') return;
        // After pagehide no timer will run: values finalised now go out at once.
        if (leaving) sendNow();
        else if (pending === undefined) pending = setTimeout(sendNow, 0);
      };
      const onPageHide = () => {
        leaving = true;
        sendNow();
      };
      document.addEventListener('visibilitychange', onVisibilityChange);
      // Browsers that skip visibilitychange on navigation still fire pagehide.
      window.addEventListener('pagehide', onPageHide);

      const source = settings.source || webVitalsSource;
      const reportOptions = { reportAllChanges: true, reportSoftNavs: settings.reportSoftNavs !== false };
      for (const subscribe of [source.onLCP, source.onFCP, source.onINP, source.onCLS, source.onTTFB]) {
        try {
          subscribe(onMetric, reportOptions);
        } catch (error) {
          logger.warn('Web Vitals: a metric is not available in this browser:', error);
        }
      }

      stop = () => {
        // web-vitals has no unsubscribe: late callbacks are ignored instead.
        active = false;
        document.removeEventListener('visibilitychange', onVisibilityChange);
        window.removeEventListener('pagehide', onPageHide);
        if (pending !== undefined) clearTimeout(pending);
      };
    },
    teardown() {
      if (stop) stop();
      stop = undefined;
    },
  };
}
