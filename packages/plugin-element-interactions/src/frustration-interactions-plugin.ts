/**
 * `[Amplitude] Rage Click`, `Dead Click`, `Error Click` and `Thrashed Cursor`. One passive capture-phase click listener
 * on the document (and a
 * mousemove one for thrashed cursors); the element properties are built when the event is
 * decided (1 s after a burst, 3 s after a dead click, at the error, at the thrash), never per click.
 */
import type { Plugin, Properties, TrackingClient } from '@sightline/core';
import { observeNavigation } from '@sightline/dom';
import { capturePlugin, type CaptureSetup } from './capture-plugin.js';
import {
  DEAD_CLICK_WINDOW_MS,
  DEFAULT_CSS_SELECTOR_ALLOWLIST,
  DEFAULT_DEAD_CLICK_ALLOWLIST,
  EVENT_DEAD_CLICK,
  EVENT_ERROR_CLICK,
  EVENT_RAGE_CLICK,
  EVENT_THRASHED_CURSOR,
  ERROR_CLICK_WINDOW_MS,
  NEW_TAB_LINK_SELECTOR,
  PLUGIN_NAME_FRUSTRATION_INTERACTIONS,
  Property,
  RAGE_CLICK_SETTLE_MS,
} from './constants.js';
import { acquireDomChangeMonitor } from './dom-change-monitor.js';
import type { InteractionRecord } from './element-properties.js';
import { errorClickProperties, watchErrors } from './error-watch.js';
import { currentPageUrl, hasTextSelectionOn, recordInteraction } from './interaction-context.js';
import { featureSwitch, thrashedCursorThresholds, type FrustrationInteractionsOptions } from './options.js';
import { pageChangeWatches } from './page-change-watch.js';
import { RageClickDetector, type ClickBurst } from './rage-click-detector.js';
import { closestMatching } from './selector-list.js';
import { createThrashedCursorDetector, type ThrashedCursorThresholds } from './thrashed-cursor-detector.js';

/** Begin Time and End Time (ISO) and Duration (ms) of a span of interactions. */
const spanProperties = (begin: number, end: number): Properties => ({
  [Property.BEGIN_TIME]: new Date(begin).toISOString(),
  [Property.END_TIME]: new Date(end).toISOString(),
  [Property.DURATION]: end - begin,
});

/** Rage-click properties, on top of the element properties. */
export function rageClickProperties(burst: ClickBurst): Properties {
  const first = burst.clicks[0].time;
  // The burst may run past the recorded clicks: its end and count come from the whole of it.
  const last = (burst.last || burst.clicks[burst.clicks.length - 1]).time;
  return {
    ...spanProperties(first, last),
    // Time is ms since the first click: Begin Time anchors it, and it keeps the array small.
    [Property.CLICKS]: burst.clicks.map((click) => ({ X: click.x, Y: click.y, Time: click.time - first })),
    [Property.CLICK_COUNT]: burst.count ?? burst.clicks.length,
  };
}

/**
 * One passive mousemove listener feeding the O(1) detector; the element under the cursor
 * when the thrash completes gets the event, with its begin and end times and the position.
 */
function watchThrashedCursor(
  { document, targetOf, report, listen }: CaptureSetup<FrustrationInteractionsOptions>,
  thresholds: ThrashedCursorThresholds,
): void {
  const detector = createThrashedCursorDetector(thresholds);
  listen(document, 'mousemove', (event) => {
    const mouse = event as MouseEvent;
    const thrash = detector.move(mouse.clientX, mouse.clientY, Date.now());
    const target = thrash && targetOf(event);
    if (!thrash || !target) return;
    report(EVENT_THRASHED_CURSOR, recordInteraction(target, thrash.beginTime), 'click', {
      ...spanProperties(thrash.beginTime, thrash.endTime),
      [Property.X]: Math.round(mouse.clientX),
      [Property.Y]: Math.round(mouse.clientY),
    });
  });
}

export function frustrationInteractionsPlugin(options: FrustrationInteractionsOptions = {}): Plugin<TrackingClient> {
  return capturePlugin(PLUGIN_NAME_FRUSTRATION_INTERACTIONS, options, (setup) => {
    const { logger, document, win, onError, targetOf, report, listen, timeout, atTeardown } = setup;
    const safeOptions = setup.options;
    const rage = featureSwitch(safeOptions.rageClicks);
    const dead = featureSwitch(safeOptions.deadClicks);
    // Error clicks are off unless asked for.
    const errors = safeOptions.errorClicks
      ? featureSwitch(safeOptions.errorClicks)
      : { enabled: false, allowlist: undefined };
    const thrashThresholds = thrashedCursorThresholds(safeOptions.thrashedCursor, logger);
    if (thrashThresholds) watchThrashedCursor(setup, thrashThresholds);
    if (!rage.enabled && !dead.enabled && !errors.enabled) return;

    // Rage: any element (grouped by its interactive ancestor), or the configured list.
    const rageSelector = setup.selectorList(
      rage.allowlist,
      DEFAULT_CSS_SELECTOR_ALLOWLIST,
      'rageClicks.cssSelectorAllowlist',
    );
    const rageListGiven = rage.allowlist !== undefined;
    const deadSelector = setup.selectorList(
      dead.allowlist,
      DEFAULT_DEAD_CLICK_ALLOWLIST,
      'deadClicks.cssSelectorAllowlist',
    );
    const detector = new RageClickDetector();
    let cancelRageTimer = (): void => undefined;
    let monitor = dead.enabled && deadSelector ? acquireDomChangeMonitor(document) : undefined;
    if (monitor && !monitor.available) {
      // Without MutationObserver every click would look dead: report none instead.
      logger?.debug(`${PLUGIN_NAME_FRUSTRATION_INTERACTIONS}: no MutationObserver; dead clicks are off`);
      monitor.release();
      monitor = undefined;
    }
    const deadClicks = pageChangeWatches(monitor, timeout);

    const reportBurst = (burst: ClickBurst | undefined) => {
      if (!burst || !detector.isRage(burst)) return;
      const first = burst.clicks[0];
      report(
        EVENT_RAGE_CLICK,
        recordInteraction(burst.element, first.time, first.pageUrl),
        'click',
        rageClickProperties(burst),
      );
    };
    const endBurst = () => {
      cancelRageTimer();
      reportBurst(detector.finish());
    };

    const onRageClick = (target: Element, x: number, y: number, time: number) => {
      const element = closestMatching(target, rageSelector) || (rageListGiven ? null : target);
      if (!element) return;
      if (hasTextSelectionOn(element)) {
        detector.reset();
        return;
      }
      reportBurst(detector.add({ element, x, y, time, pageUrl: currentPageUrl() }));
      cancelRageTimer();
      cancelRageTimer = timeout(endBurst, RAGE_CLICK_SETTLE_MS);
    };

    const onDeadClickCandidate = (target: Element, x: number, y: number, time: number) => {
      const element = closestMatching(target, deadSelector);
      if (!element || closestMatching(element, NEW_TAB_LINK_SELECTOR)) return;
      const record = recordInteraction(element, time);
      deadClicks.watch(element, time, DEAD_CLICK_WINDOW_MS, (changed) => {
        if (!changed) report(EVENT_DEAD_CLICK, record, 'click', { [Property.X]: x, [Property.Y]: y });
      });
    };

    // Error clicks: the last allowlisted click, until an error within the window reports it once.
    const errorSelector = errors.enabled
      ? setup.selectorList(errors.allowlist, DEFAULT_CSS_SELECTOR_ALLOWLIST, 'errorClicks.cssSelectorAllowlist')
      : undefined;
    let lastClick: InteractionRecord | undefined;
    let reportingError = false;
    const onErrorClickCandidate = (target: Element, time: number) => {
      const element = closestMatching(target, errorSelector);
      lastClick = element ? recordInteraction(element, time) : undefined;
    };
    if (errorSelector) {
      atTeardown(
        watchErrors(win, listen, (error) => {
          const click = lastClick;
          if (!click || reportingError || Date.now() - click.time > ERROR_CLICK_WINDOW_MS) return;
          lastClick = undefined;
          reportingError = true; // an error raised while reporting is not another error click
          try {
            report(EVENT_ERROR_CLICK, click, 'click', errorClickProperties(error));
          } finally {
            reportingError = false;
          }
        }),
      );
    }

    // Anything that shows the click did something outside the DOM: a navigation, leaving
    // the page, another window or a native dialog taking focus.
    const cancelDeadClicks = () => deadClicks.endAll(true);
    const onPageHide = () => {
      cancelDeadClicks();
      endBurst();
    };
    atTeardown(observeNavigation(cancelDeadClicks, { onError }));
    listen(document, 'click', (event) => {
      const target = targetOf(event);
      if (!target) return;
      const mouse = event as MouseEvent;
      const x = Math.round(mouse.clientX || 0);
      const y = Math.round(mouse.clientY || 0);
      const time = Date.now();
      if (rage.enabled) onRageClick(target, x, y, time);
      // Dead clicks: the primary button only (0, or none reported).
      if (monitor && !mouse.button) onDeadClickCandidate(target, x, y, time);
      if (errorSelector) onErrorClickCandidate(target, time);
    });
    listen(document, 'visibilitychange', () => {
      if (document.visibilityState === 'hidden') cancelDeadClicks();
    });
    listen(win, 'blur', cancelDeadClicks);
    listen(win, 'pagehide', onPageHide);
    atTeardown(() => {
      onPageHide();
      monitor?.release();
    });
  });
}
