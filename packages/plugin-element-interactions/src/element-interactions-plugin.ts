/**
 * `[Amplitude] Element Clicked` and `[Amplitude] Element Changed` (FEATURES B.5, C09, C10,
 * C.5). One passive capture-phase listener per event kind on the document. The listener
 * only records element, time and page; selector, hierarchy and text work runs after paint.
 */
import type { Config, Plugin } from '@sightline/core';
import { observeNavigation } from '@sightline/dom';
import {
  ACTION_CLICK_WINDOW_MS,
  DEFAULT_ACTION_CLICK_ALLOWLIST,
  DEFAULT_CSS_SELECTOR_ALLOWLIST,
  EVENT_ELEMENT_CHANGED,
  EVENT_ELEMENT_CLICKED,
  PLUGIN_NAME_ELEMENT_INTERACTIONS,
} from './constants';
import { DeferredWork } from './deferred-work';
import { acquireDomChangeMonitor, type DomChangeMonitor } from './dom-change-monitor';
import { buildElementProperties, type InteractionKind, type InteractionRecord } from './element-properties';
import {
  PASSIVE_CAPTURE,
  currentPageUrl,
  hasTextSelectionOn,
  recordInteraction,
  startCapture,
  type TrackingClient,
} from './interaction-context';
import type { ActionType, ElementInteractionsOptions } from './options';
import { isPageUrlAllowed } from './page-url-filter';
import { closestMatching, compileSelectorList, eventTargetElement } from './selector-list';

const EVENT_TYPE_OF: Record<InteractionKind, string> = {
  click: EVENT_ELEMENT_CLICKED,
  change: EVENT_ELEMENT_CHANGED,
};

interface PendingActionClick {
  /** The page changed: track the click. */
  settle: () => void;
  /** Forget the click. */
  cancel: () => void;
}

export function elementInteractionsPlugin(options: ElementInteractionsOptions = {}): Plugin<TrackingClient> {
  let teardown: (() => void) | undefined;

  return {
    name: PLUGIN_NAME_ELEMENT_INTERACTIONS,
    type: 'enrichment',

    setup(config: Config, client: TrackingClient) {
      const started = startCapture(PLUGIN_NAME_ELEMENT_INTERACTIONS, config, client, options);
      if (!started) return;
      const { logger, document, win, options: safeOptions, resolved, onError } = started;
      const allowlistSelector = compileSelectorList({
        value: safeOptions.cssSelectorAllowlist,
        fallback: DEFAULT_CSS_SELECTOR_ALLOWLIST,
        optionName: 'cssSelectorAllowlist',
        document,
        logger,
      });
      const actionSelector = compileSelectorList({
        value: safeOptions.actionClickAllowlist,
        fallback: DEFAULT_ACTION_CLICK_ALLOWLIST,
        optionName: 'actionClickAllowlist',
        document,
        logger,
      });
      const resolver = typeof safeOptions.shouldTrackEventResolver === 'function' ? safeOptions.shouldTrackEventResolver : undefined;
      const work = new DeferredWork(onError);
      const monitor: DomChangeMonitor | undefined = actionSelector
        ? acquireDomChangeMonitor(document, { now: () => Date.now() })
        : undefined;
      const pendingActions = new Set<PendingActionClick>();

      const emit = (record: InteractionRecord, kind: InteractionKind) => {
        work.schedule(() => {
          const properties = buildElementProperties(record, {
            kind,
            document,
            privacy: resolved.privacy,
            dataAttributePrefix: resolved.dataAttributePrefix,
          });
          client.track(EVENT_TYPE_OF[kind], properties, { time: record.time });
        });
      };

      const resolverSays = (actionType: ActionType, element: Element): boolean => {
        try {
          return resolver!(actionType, element) === true;
        } catch (error) {
          logger?.warn?.('shouldTrackEventResolver threw; not tracking this interaction', error);
          return false;
        }
      };

      const watchActionClick = (record: InteractionRecord) => {
        let done = false;
        let unwatch: () => void = () => undefined;
        const timer = setTimeout(() => finish(false), ACTION_CLICK_WINDOW_MS);
        const pending: PendingActionClick = { settle: () => finish(true), cancel: () => finish(false) };
        function finish(changed: boolean) {
          if (done) return;
          done = true;
          clearTimeout(timer);
          unwatch();
          pendingActions.delete(pending);
          if (changed) emit(record, 'click');
        }
        pendingActions.add(pending);
        if (monitor) unwatch = monitor.watch({ element: record.element, since: record.time, onChange: () => finish(true) });
      };

      const handle = (event: Event, kind: InteractionKind) => {
        try {
          const target = eventTargetElement(event);
          if (!target) return;
          if (!isPageUrlAllowed(currentPageUrl(), resolved.pageUrlAllowlist, resolved.pageUrlExcludelist)) return;
          const time = Date.now();
          const tracked = closestMatching(target, allowlistSelector);
          if (resolver) {
            const candidate = tracked ?? target;
            if (resolverSays(kind, candidate)) emit(recordInteraction(candidate, time), kind);
            return;
          }
          if (tracked) {
            emit(recordInteraction(tracked, time), kind);
            return;
          }
          if (kind !== 'click') return;
          const action = closestMatching(target, actionSelector);
          if (action && !hasTextSelectionOn(action)) watchActionClick(recordInteraction(action, time));
        } catch (error) {
          onError(error);
        }
      };

      const onClick = (event: Event) => handle(event, 'click');
      const onChange = (event: Event) => handle(event, 'change');
      // A navigation proves the action click did something; leaving the page too. Both
      // settle pending clicks and run the deferred work before the page can disappear.
      const settleAll = () => {
        for (const pending of Array.from(pendingActions)) pending.settle();
      };
      const onPageHide = () => {
        settleAll();
        work.flush();
      };
      const stopNavigation = observeNavigation(settleAll, { onError });

      document.addEventListener('click', onClick, PASSIVE_CAPTURE);
      document.addEventListener('change', onChange, PASSIVE_CAPTURE);
      // Capture at the window runs before the delivery engine's page-exit flush.
      win.addEventListener('pagehide', onPageHide, PASSIVE_CAPTURE);

      teardown = () => {
        document.removeEventListener('click', onClick, PASSIVE_CAPTURE);
        document.removeEventListener('change', onChange, PASSIVE_CAPTURE);
        win.removeEventListener('pagehide', onPageHide, PASSIVE_CAPTURE);
        stopNavigation();
        for (const pending of Array.from(pendingActions)) pending.cancel();
        monitor?.release();
        work.flush();
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
