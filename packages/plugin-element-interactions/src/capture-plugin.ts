/**
 * The shell both plugins share: the DOM/client guard, options and privacy resolution, error
 * logging, listeners removed at teardown, and the tracking of one interaction.
 */
import type { Config, Logger, Plugin, Properties } from '@sightline/core';
import { getDocument, getWindow } from '@sightline/core';
import { isSightlineUi } from '@sightline/dom';
import { buildElementProperties, type InteractionKind, type InteractionRecord } from './element-properties.js';
import { currentPageUrl, type TrackingClient } from './interaction-context.js';
import { resolvePrivacyAndPage, type PrivacyAndPageOptions } from './options.js';
import { isPageUrlAllowed } from './page-url-filter.js';
import { compileSelectorList, eventTargetElement } from './selector-list.js';

const PASSIVE_CAPTURE: AddEventListenerOptions = { capture: true, passive: true };

/** What a plugin starts from in `setup`, once there is a document and a client. */
export interface CaptureSetup<O> {
  logger: Logger | undefined;
  document: Document;
  win: Window;
  options: O;
  onError: (error: unknown) => void;
  /** The option's selectors checked and joined (see compileSelectorList); `fallback` when not given. */
  selectorList(value: unknown, fallback: readonly string[], optionName: string): string | undefined;
  /**
   * The element the event happened on, or null when there is none, it is Sightline's own UI or this page is not
   * captured.
   */
  targetOf(event: Event): Element | null;
  /** Builds the element properties of `record`, adds `extra` and tracks the event; errors are logged. */
  report(eventType: string, record: InteractionRecord, kind: InteractionKind, extra?: Properties): void;
  /** A passive capture-phase listener whose errors are logged; removed at teardown. */
  listen(target: EventTarget, type: string, listener: (event: Event) => void): void;
  /** Runs at teardown, after everything registered before it. */
  atTeardown(stop: () => void): void;
}

/** A plugin that captures nothing without a DOM or a client (SSR, workers, a broken client). */
export function capturePlugin<O extends PrivacyAndPageOptions>(
  name: string,
  options: O,
  start: (setup: CaptureSetup<O>) => void,
): Plugin<TrackingClient> {
  let teardown: (() => void) | undefined;

  return {
    name,
    type: 'enrichment',

    setup(config: Config, client: TrackingClient) {
      const logger: Logger | undefined = config?.loggerProvider;
      const document = getDocument();
      const win = getWindow();
      if (!document || !win || !client || typeof client.track !== 'function') {
        logger?.debug(`${name}: no document or client; nothing to capture`);
        return;
      }
      const safeOptions = (options && typeof options === 'object' ? options : {}) as O;
      const resolved = resolvePrivacyAndPage(safeOptions, logger);
      const onError = (error: unknown) => logger?.error(`${name}:`, error);
      const stops: Array<() => void> = [];
      teardown = () => {
        for (const stop of stops) stop();
      };
      start({
        logger,
        document,
        win,
        options: safeOptions,
        onError,
        selectorList: (value, fallback, optionName) =>
          compileSelectorList({ value, fallback, optionName, document, logger }),
        targetOf(event) {
          const target = eventTargetElement(event);
          // Sightline's own UI (the capture preview) is never an interaction with the page.
          return target &&
            !isSightlineUi(target) &&
            isPageUrlAllowed(currentPageUrl(), resolved.pageUrlAllowlist, resolved.pageUrlExcludelist)
            ? target
            : null;
        },
        report(eventType, record, kind, extra) {
          try {
            const properties = buildElementProperties(record, { ...resolved, kind, document });
            client.track(eventType, Object.assign(properties, extra), { time: record.time });
          } catch (error) {
            onError(error);
          }
        },
        listen(target, type, listener) {
          const guarded = (event: Event) => {
            try {
              listener(event);
            } catch (error) {
              onError(error);
            }
          };
          target.addEventListener(type, guarded, PASSIVE_CAPTURE);
          stops.push(() => target.removeEventListener(type, guarded, PASSIVE_CAPTURE));
        },
        atTeardown: (stop) => stops.push(stop),
      });
    },

    execute: (event) => event,

    teardown() {
      const run = teardown;
      teardown = undefined;
      run?.();
    },
  };
}
