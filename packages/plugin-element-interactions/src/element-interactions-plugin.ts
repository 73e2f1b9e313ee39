/**
 * `[Amplitude] Element Clicked` and `[Amplitude] Element Changed`. One passive capture-phase listener per event kind on
 * the document. The listener only records element, time and page; selector, hierarchy and text work runs after paint.
 */
import type { Plugin, TrackingClient } from '@sightline/core';
import { observeNavigation } from '@sightline/dom';
import { capturePlugin } from './capture-plugin.js';
import {
  ACTION_CLICK_WINDOW_MS,
  DEFAULT_ACTION_CLICK_ALLOWLIST,
  DEFAULT_CSS_SELECTOR_ALLOWLIST,
  EVENT_ELEMENT_CHANGED,
  EVENT_ELEMENT_CLICKED,
  PLUGIN_NAME_ELEMENT_INTERACTIONS,
} from './constants.js';
import { deferredWork } from './deferred-work.js';
import { acquireDomChangeMonitor } from './dom-change-monitor.js';
import type { InteractionKind, InteractionRecord } from './element-properties.js';
import { hasTextSelectionOn, recordInteraction } from './interaction-context.js';
import type { ElementInteractionsOptions } from './options.js';
import { pageChangeWatches } from './page-change-watch.js';
import { closestMatching } from './selector-list.js';

export function elementInteractionsPlugin(options: ElementInteractionsOptions = {}): Plugin<TrackingClient> {
  return capturePlugin(PLUGIN_NAME_ELEMENT_INTERACTIONS, options, (setup) => {
    const { logger, document, win, onError, targetOf, report, listen, timeout, atTeardown } = setup;
    const safeOptions = setup.options;
    const allowlistSelector = setup.selectorList(
      safeOptions.cssSelectorAllowlist,
      DEFAULT_CSS_SELECTOR_ALLOWLIST,
      'cssSelectorAllowlist',
    );
    const actionSelector = setup.selectorList(
      safeOptions.actionClickAllowlist,
      DEFAULT_ACTION_CLICK_ALLOWLIST,
      'actionClickAllowlist',
    );
    const resolver =
      typeof safeOptions.shouldTrackEventResolver === 'function' ? safeOptions.shouldTrackEventResolver : undefined;
    const work = deferredWork(onError);
    const monitor = actionSelector ? acquireDomChangeMonitor(document) : undefined;
    const actionClicks = pageChangeWatches(monitor, timeout);
    // The monitor sees every change to the document: ancestors read for one click serve the next.
    if (monitor && monitor.available) setup.memoizeElements(() => monitor.version());

    const emit = (record: InteractionRecord, kind: InteractionKind) => {
      work.schedule(() => report(kind === 'click' ? EVENT_ELEMENT_CLICKED : EVENT_ELEMENT_CHANGED, record, kind));
    };

    const handle = (event: Event, kind: InteractionKind) => {
      const target = targetOf(event);
      if (!target) return;
      const time = Date.now();
      const tracked = closestMatching(target, allowlistSelector);
      if (resolver) {
        const candidate = tracked || target;
        let track = false;
        try {
          track = resolver(kind, candidate) === true;
        } catch (error) {
          logger?.warn('shouldTrackEventResolver threw; not tracking this interaction', error);
        }
        if (track) emit(recordInteraction(candidate, time), kind);
        return;
      }
      if (tracked) {
        emit(recordInteraction(tracked, time), kind);
        return;
      }
      if (kind !== 'click') return;
      const action = closestMatching(target, actionSelector);
      if (action && !hasTextSelectionOn(action)) {
        // Tracked only when the page changes (DOM or navigation) within the window.
        const record = recordInteraction(action, time);
        actionClicks.watch(action, time, ACTION_CLICK_WINDOW_MS, (changed) => {
          if (changed) emit(record, 'click');
        });
      }
    };

    // A navigation proves the action click did something; leaving the page too. Both
    // settle pending clicks and run the deferred work before the page can disappear.
    const settleActionClicks = () => actionClicks.endAll(true);
    atTeardown(observeNavigation(settleActionClicks, { onError }));
    listen(document, 'click', (event) => handle(event, 'click'));
    listen(document, 'change', (event) => handle(event, 'change'));
    // Capture at the window runs before the delivery engine's page-exit flush.
    listen(win, 'pagehide', () => {
      settleActionClicks();
      work.flush();
    });
    atTeardown(() => {
      actionClicks.endAll(false);
      monitor?.release();
      work.flush();
    });
  });
}
