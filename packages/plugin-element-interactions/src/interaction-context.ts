/** Cheap, synchronous reads shared by both plugins' listeners. */
import { getDocument, getLocation, getWindow, type Config, type Event, type EventOptions, type Logger, type Properties } from '@sightline/core';
import type { InteractionRecord } from './element-properties';
import { resolvePrivacyAndPage, type PrivacyAndPageOptions, type ResolvedPrivacyAndPage } from './options';

/** The part of the client the plugins use. */
export interface TrackingClient {
  track(eventType: string | Event, eventProperties?: Properties, eventOptions?: EventOptions): unknown;
}

/** What both plugins start from in `setup`. */
export interface CaptureSetup<O> {
  logger: Logger | undefined;
  document: Document;
  win: Window;
  options: O;
  resolved: ResolvedPrivacyAndPage;
  onError: (error: unknown) => void;
}

/** The shared start of both plugins, or undefined where there is nothing to capture (no DOM, no client). */
export function startCapture<O extends PrivacyAndPageOptions>(name: string, config: Config, client: TrackingClient, options: O): CaptureSetup<O> | undefined {
  const logger: Logger | undefined = config?.loggerProvider;
  const document = getDocument();
  const win = getWindow();
  if (!document || !win || !client || typeof client.track !== 'function') {
    logger?.debug?.(`${name}: no document or client; nothing to capture`);
    return undefined;
  }
  const safeOptions = (options && typeof options === 'object' ? options : {}) as O;
  return {
    logger,
    document,
    win,
    options: safeOptions,
    resolved: resolvePrivacyAndPage(safeOptions, logger),
    onError: (error: unknown) => logger?.error?.(`${name}:`, error),
  };
}

export function currentPageUrl(): string {
  try {
    return getLocation()?.href ?? '';
  } catch {
    return '';
  }
}

/** Everything the listener records before returning: no layout, no DOM walk. */
export function recordInteraction(element: Element, time: number): InteractionRecord {
  const win = getWindow();
  return {
    element,
    time,
    pageUrl: currentPageUrl(),
    viewportWidth: win?.innerWidth ?? 0,
    viewportHeight: win?.innerHeight ?? 0,
  };
}

/** A text selection on the element (a highlight drag or a double/triple click on its text). */
export function hasTextSelectionOn(element: Element): boolean {
  try {
    const selection = getWindow()?.getSelection?.();
    if (!selection || selection.isCollapsed) return false;
    for (let index = 0; index < selection.rangeCount; index += 1) {
      const range = selection.getRangeAt(index);
      if (!range.collapsed && range.intersectsNode(element)) return true;
    }
    return false;
  } catch {
    return false;
  }
}

export const PASSIVE_CAPTURE: AddEventListenerOptions = { capture: true, passive: true };
