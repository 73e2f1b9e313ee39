/**
 * The shell both plugins share, on the common plugin lifecycle: the DOM/client guard, options and
 * privacy resolution, and the tracking of one interaction.
 */
import type { Plugin, Properties, TrackingClient } from '@sightline/core';
import { getDocument, getWindow, objectOrEmpty } from '@sightline/core';
import { createElementMemo, definePlugin, isSightlineUi, type ElementMemo, type PluginScope } from '@sightline/dom';
import { buildElementProperties, type InteractionKind, type InteractionRecord } from './element-properties.js';
import { currentPageUrl } from './interaction-context.js';
import { resolvePrivacyAndPage, type PrivacyAndPageOptions } from './options.js';
import { createPageMemo } from './page-memo.js';
import { isPageUrlAllowed } from './page-url-filter.js';
import { compileSelectorList, eventTargetElement } from './selector-list.js';

/** What a plugin starts from in `setup`, once there is a document and a client. */
export interface CaptureSetup<O> extends Pick<
  PluginScope<TrackingClient>,
  'logger' | 'onError' | 'listen' | 'timeout' | 'atTeardown'
> {
  document: Document;
  win: Window;
  options: O;
  /** The option's selectors checked and joined (see compileSelectorList); `fallback` when not given. */
  selectorList(value: unknown, fallback: readonly string[], optionName: string): string | undefined;
  /**
   * The element the event happened on, or null when there is none, it is Sightline's own UI or this page is not
   * captured.
   */
  targetOf(event: Event): Element | null;
  /**
   * From now on `report` reuses what it read of ancestors while `version` (a DOM change count, see
   * createElementMemo) stays the same.
   */
  memoizeElements(version: () => number): void;
  /** Builds the element properties of `record`, adds `extra` and tracks the event; errors are logged. */
  report(eventType: string, record: InteractionRecord, kind: InteractionKind, extra?: Properties): void;
}

/** A plugin that captures nothing without a DOM or a client (SSR, workers, a broken client). */
export function capturePlugin<O extends PrivacyAndPageOptions>(
  name: string,
  options: O,
  start: (setup: CaptureSetup<O>) => void,
): Plugin<TrackingClient> {
  return definePlugin<TrackingClient>({
    name,
    start(scope) {
      const { client, logger, onError, listen, timeout, atTeardown } = scope;
      const document = getDocument();
      const win = getWindow();
      if (!document || !win || !client || typeof client.track !== 'function') {
        logger.debug(`${name}: no document or client; nothing to capture`);
        return;
      }
      const safeOptions = objectOrEmpty<O>(options) as O;
      const resolved = resolvePrivacyAndPage(safeOptions, logger);
      const pageMemo = createPageMemo();
      let elementMemo: ElementMemo | undefined;
      start({
        logger,
        document,
        win,
        options: safeOptions,
        onError,
        memoizeElements(version) {
          elementMemo = createElementMemo(version);
        },
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
            if (elementMemo) elementMemo.refresh();
            const properties = buildElementProperties(record, { ...resolved, kind, document, pageMemo, elementMemo });
            client.track(eventType, Object.assign(properties, extra), { time: record.time });
          } catch (error) {
            onError(error);
          }
        },
        listen,
        timeout,
        atTeardown,
      });
    },
    execute: (event) => event,
  });
}
