/**
 * `[Amplitude] Rage Click` and `[Amplitude] Dead Click` (FEATURES B.6, C12, C13; DECISIONS
 * OQ-3). One passive capture-phase click listener on the document; the element properties
 * are built when the event is decided (1 s after a burst, 3 s after a dead click), never in
 * the listener.
 */
import type { Config, Plugin, Properties } from '@sightline/core';
import { observeNavigation } from '@sightline/dom';
import {
  DEAD_CLICK_WINDOW_MS,
  DEFAULT_CSS_SELECTOR_ALLOWLIST,
  DEFAULT_DEAD_CLICK_ALLOWLIST,
  EVENT_DEAD_CLICK,
  EVENT_RAGE_CLICK,
  NEW_TAB_LINK_SELECTOR,
  PLUGIN_NAME_FRUSTRATION_INTERACTIONS,
  Property,
  RAGE_CLICK_SETTLE_MS,
} from './constants';
import { acquireDomChangeMonitor, type DomChangeMonitor } from './dom-change-monitor';
import { buildElementProperties, type InteractionRecord } from './element-properties';
import { PASSIVE_CAPTURE, currentPageUrl, hasTextSelectionOn, recordInteraction, startCapture, type TrackingClient } from './interaction-context';
import { featureSwitch, type FrustrationInteractionsOptions } from './options';
import { isPageUrlAllowed } from './page-url-filter';
import { RageClickDetector, type ClickBurst } from './rage-click-detector';
import { closestMatching, compileSelectorList, eventTargetElement } from './selector-list';

const PRIMARY_BUTTON = 0;

/** OQ-3 rage-click properties, on top of the element properties. */
export function rageClickProperties(burst: ClickBurst): Properties {
  const first = burst.clicks[0].time;
  // The burst may run past the recorded clicks: its end and count come from the whole of it.
  const last = (burst.last ?? burst.clicks[burst.clicks.length - 1]).time;
  return {
    [Property.BEGIN_TIME]: new Date(first).toISOString(),
    [Property.END_TIME]: new Date(last).toISOString(),
    [Property.DURATION]: last - first,
    // Time is ms since the first click: Begin Time anchors it, and it keeps the array small.
    [Property.CLICKS]: burst.clicks.map((click) => ({ X: click.x, Y: click.y, Time: click.time - first })),
    [Property.CLICK_COUNT]: burst.count ?? burst.clicks.length,
  };
}

interface DeadClickCandidate {
  cancel: () => void;
}

export function frustrationInteractionsPlugin(options: FrustrationInteractionsOptions = {}): Plugin<TrackingClient> {
  let teardown: (() => void) | undefined;

  return {
    name: PLUGIN_NAME_FRUSTRATION_INTERACTIONS,
    type: 'enrichment',

    setup(config: Config, client: TrackingClient) {
      const started = startCapture(PLUGIN_NAME_FRUSTRATION_INTERACTIONS, config, client, options);
      if (!started) return;
      const { logger, document, win, options: safeOptions, resolved, onError } = started;
      const rage = featureSwitch(safeOptions.rageClicks);
      const dead = featureSwitch(safeOptions.deadClicks);
      if (safeOptions.errorClicks || safeOptions.thrashedCursor) {
        logger?.debug?.(`${PLUGIN_NAME_FRUSTRATION_INTERACTIONS}: errorClicks and thrashedCursor are not available`);
      }
      if (!rage.enabled && !dead.enabled) return;

      // Rage: any element (grouped by its interactive ancestor), or the configured list.
      const rageSelector = compileSelectorList({
        value: rage.allowlist,
        fallback: DEFAULT_CSS_SELECTOR_ALLOWLIST,
        optionName: 'rageClicks.cssSelectorAllowlist',
        document,
        logger,
      });
      const rageListGiven = rage.allowlist !== undefined;
      const deadSelector = compileSelectorList({
        value: dead.allowlist,
        fallback: DEFAULT_DEAD_CLICK_ALLOWLIST,
        optionName: 'deadClicks.cssSelectorAllowlist',
        document,
        logger,
      });
      const detector = new RageClickDetector();
      let rageTimer: ReturnType<typeof setTimeout> | undefined;
      let monitor: DomChangeMonitor | undefined =
        dead.enabled && deadSelector ? acquireDomChangeMonitor(document, { now: () => Date.now() }) : undefined;
      if (monitor && !monitor.available) {
        // Without MutationObserver every click would look dead: report none instead.
        logger?.debug?.(`${PLUGIN_NAME_FRUSTRATION_INTERACTIONS}: no MutationObserver; dead clicks are off`);
        monitor.release();
        monitor = undefined;
      }
      const deadCandidates = new Set<DeadClickCandidate>();

      const track = (eventType: string, record: InteractionRecord, extra: Properties) => {
        try {
          const properties = buildElementProperties(record, {
            kind: 'click',
            document,
            privacy: resolved.privacy,
            dataAttributePrefix: resolved.dataAttributePrefix,
          });
          client.track(eventType, { ...properties, ...extra }, { time: record.time });
        } catch (error) {
          onError(error);
        }
      };

      const reportBurst = (burst: ClickBurst | undefined) => {
        if (!burst || !detector.isRage(burst)) return;
        const first = burst.clicks[0];
        const record = { ...recordInteraction(burst.element, first.time), pageUrl: first.pageUrl ?? currentPageUrl() };
        track(EVENT_RAGE_CLICK, record, rageClickProperties(burst));
      };

      const onRageClick = (target: Element, x: number, y: number, time: number) => {
        const element = rageListGiven ? closestMatching(target, rageSelector) : closestMatching(target, rageSelector) ?? target;
        if (!element) return;
        if (hasTextSelectionOn(element)) {
          detector.reset();
          return;
        }
        const click = { element, x, y, time, pageUrl: currentPageUrl() };
        reportBurst(detector.add(click));
        if (rageTimer !== undefined) clearTimeout(rageTimer);
        rageTimer = setTimeout(() => {
          rageTimer = undefined;
          reportBurst(detector.finish());
        }, RAGE_CLICK_SETTLE_MS);
      };

      const onDeadClickCandidate = (target: Element, x: number, y: number, time: number) => {
        const element = closestMatching(target, deadSelector);
        if (!element || closestMatching(element, NEW_TAB_LINK_SELECTOR)) return;
        const record = recordInteraction(element, time);
        let unwatch: () => void = () => undefined;
        const candidate: DeadClickCandidate = { cancel: () => finish(false) };
        const timer = setTimeout(() => finish(true), DEAD_CLICK_WINDOW_MS);
        function finish(dead: boolean) {
          if (!deadCandidates.delete(candidate)) return;
          clearTimeout(timer);
          unwatch();
          if (dead) track(EVENT_DEAD_CLICK, record, { [Property.X]: x, [Property.Y]: y });
        }
        deadCandidates.add(candidate);
        if (monitor) unwatch = monitor.watch({ element, since: time, onChange: () => finish(false) });
      };

      const cancelDeadClicks = () => {
        for (const candidate of Array.from(deadCandidates)) candidate.cancel();
      };

      const onClick = (event: Event) => {
        try {
          const target = eventTargetElement(event);
          if (!target) return;
          if (!isPageUrlAllowed(currentPageUrl(), resolved.pageUrlAllowlist, resolved.pageUrlExcludelist)) return;
          const mouse = event as MouseEvent;
          const x = Math.round(mouse.clientX || 0);
          const y = Math.round(mouse.clientY || 0);
          const time = Date.now();
          if (rage.enabled) onRageClick(target, x, y, time);
          if (monitor && (mouse.button ?? PRIMARY_BUTTON) === PRIMARY_BUTTON) onDeadClickCandidate(target, x, y, time);
        } catch (error) {
          onError(error);
        }
      };
      // Anything that shows the click did something outside the DOM: a navigation, leaving
      // the page, another window or a native dialog taking focus.
      const onVisibility = () => {
        if (document.visibilityState === 'hidden') cancelDeadClicks();
      };
      const onPageHide = () => {
        cancelDeadClicks();
        if (rageTimer !== undefined) clearTimeout(rageTimer);
        rageTimer = undefined;
        reportBurst(detector.finish());
      };
      const stopNavigation = observeNavigation(cancelDeadClicks, { onError });

      document.addEventListener('click', onClick, PASSIVE_CAPTURE);
      document.addEventListener('visibilitychange', onVisibility, PASSIVE_CAPTURE);
      win.addEventListener('blur', cancelDeadClicks, PASSIVE_CAPTURE);
      win.addEventListener('pagehide', onPageHide, PASSIVE_CAPTURE);

      teardown = () => {
        document.removeEventListener('click', onClick, PASSIVE_CAPTURE);
        document.removeEventListener('visibilitychange', onVisibility, PASSIVE_CAPTURE);
        win.removeEventListener('blur', cancelDeadClicks, PASSIVE_CAPTURE);
        win.removeEventListener('pagehide', onPageHide, PASSIVE_CAPTURE);
        stopNavigation();
        cancelDeadClicks();
        monitor?.release();
        if (rageTimer !== undefined) clearTimeout(rageTimer);
        rageTimer = undefined;
        reportBurst(detector.finish());
      };
    },

    execute(event) {
      return event;
    },

    teardown() {
      const run = teardown;
      teardown = undefined;
      run?.();
    },
  };
}
