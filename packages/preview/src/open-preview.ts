/**
 * `openPreview()`: draws the capture preview over the live page and keeps it in step with the
 * page (scroll, resize, DOM changes) until it closes. It sends nothing, and whatever it adds —
 * its element, listeners, observer, timers — goes away on close, where the focus goes back.
 */
import { getDocument, getGlobalScope, getLocation, getWindow, type Logger } from '@sightline/core';
import type { ElementInteractionsOptions } from '@sightline/plugin-element-interactions';
import { findCandidates } from './candidates.js';
import { resolveCaptureRules, type CaptureRules } from './capture-rules.js';
import { selectText, writeClipboard } from './copy-text.js';
import { pageNotices, renderDetails, renderNothing, renderPage, renderSummary } from './details-panel.js';
import { clickProperties, type ElementSummary } from './element-report.js';
import { trappedTabIndex } from './keyboard.js';
import { createOutlineLayer, type OutlineLayer } from './outline-layer.js';
import { createView, type PreviewView } from './preview-view.js';

export interface PreviewOptions {
  /** The instance's `autocapture.elementInteractions` options; the plugin's defaults when omitted. */
  elementInteractions?: ElementInteractionsOptions;
  /**
   * `false` when element interactions are off on the instance: the panel says clicks send nothing yet. Default `true`.
   */
  elementInteractionsEnabled?: boolean;
  logger?: Logger;
  /** The page's CSP nonce, for the `<style>` used where constructable stylesheets are missing. */
  nonce?: string;
  /** Called once when the preview closes (Escape, its Close button or `close()`). */
  onClose?: () => void;
}

export interface PreviewHandle {
  /** Closes the preview (again: nothing happens). */
  close(): void;
  /** Whether it is still on the page. */
  readonly isOpen: boolean;
}

/** DOM changes are looked at no more often than this: a ticking clock must not keep the preview busy. */
const RESCAN_INTERVAL_MS = 300;
const HINT = 'Hover, focus or tap an outlined element to see the event a click on it sends.';

/** One preview per page: opening it again returns the open one. */
let current: PreviewHandle | undefined;

export function openPreview(options: PreviewOptions = {}): PreviewHandle {
  if (current && current.isOpen) return current;
  const logger = options && options.logger;
  try {
    current = start(options || {});
  } catch (error) {
    logger?.error('The capture preview could not open:', error);
    current = { close() {}, isOpen: false };
  }
  return current;
}

function start(options: PreviewOptions): PreviewHandle {
  const document = getDocument();
  const win = getWindow();
  if (!document || !win || !document.documentElement) {
    options.logger?.warn('The capture preview needs a page: there is no document here');
    return { close() {}, isOpen: false };
  }
  const location = getLocation();
  const rules = resolveCaptureRules(options.elementInteractions, document, location ? location.href : '');
  const view = createView(document, options.nonce);
  const returnFocus = document.activeElement as HTMLElement | null;
  const stops: (() => void)[] = [];
  let isOpen = true;

  const guarded = (work: () => void) => {
    try {
      work();
    } catch (error) {
      options.logger?.error('The capture preview failed:', error);
    }
  };

  const copySelector = async (selector: string, status: HTMLElement, code: HTMLElement) => {
    if (await writeClipboard(win, selector)) status.textContent = 'Copied.';
    else {
      selectText(win, code);
      status.textContent = 'Selected: press Ctrl+C (⌘C) to copy.';
    }
  };

  const show = (summary: ElementSummary | undefined) => {
    if (!summary) return renderNothing(view, HINT);
    const controls = renderDetails(view, summary, clickProperties(summary.element, rules, document));
    const selector = controls.selector.textContent || '';
    controls.copyButton.addEventListener(
      'click',
      () => void copySelector(selector, controls.copyStatus, controls.selector),
    );
  };

  const layer = createOutlineLayer(view, {
    onHover: (summary) => guarded(() => show(summary || layer.selected())),
    onSelect: (summary) => guarded(() => show(summary)),
  });

  const scan = () => {
    const candidates = findCandidates(document, rules);
    layer.update(candidates.summaries);
    renderSummary(view, candidates, pageNotices(rules, candidates, options.elementInteractionsEnabled !== false));
    renderPage(view, document);
  };

  const close = () => {
    if (!isOpen) return;
    isOpen = false;
    for (const stop of stops.splice(0)) guarded(stop);
    view.host.remove();
    if (returnFocus && returnFocus.isConnected && typeof returnFocus.focus === 'function')
      guarded(() => returnFocus.focus({ preventScroll: true }));
    guarded(() => options.onClose?.());
  };

  try {
    wireControls(view, layer, close);
    document.documentElement.appendChild(view.host);
    scan();
    renderNothing(view, HINT);
    (layer.tabStop() || view.closeButton).focus({ preventScroll: true });
    followThePage(win, document, rules, { reposition: () => layer.reposition(), rescan: () => guarded(scan) }, stops);
    stops.push(listen(win, 'keydown', (event) => onKey(event as KeyboardEvent, view, layer, close)));
  } catch (error) {
    close(); // half open is not open: nothing may stay behind
    throw error;
  }
  return {
    close: () => guarded(close),
    get isOpen() {
      return isOpen;
    },
  };
}

/** The panel's buttons; the backdrop keeps the focus in the preview when the page around is clicked. */
function wireControls(view: PreviewView, layer: OutlineLayer, close: () => void): void {
  view.closeButton.addEventListener('click', close);
  view.backdrop.addEventListener('mousedown', (event) => event.preventDefault());
  view.actionsToggle.addEventListener('click', () => {
    const show = view.actionsToggle.getAttribute('aria-pressed') !== 'true';
    view.actionsToggle.setAttribute('aria-pressed', String(show));
    layer.showActions(show);
  });
  view.dockToggle.addEventListener('click', () => {
    const left = view.panel.classList.toggle('left');
    view.dockToggle.textContent = left ? 'Move panel right' : 'Move panel left';
  });
}

/** A window listener in the capture phase (before the page's), removed by the returned function. */
function listen(win: Window, type: string, listener: (event: Event) => void, passive = false): () => void {
  const options = { capture: true, passive };
  win.addEventListener(type, listener, options);
  return () => win.removeEventListener(type, listener, options);
}

/** Escape closes; Tab stays inside the preview (a modal dialog). */
function onKey(event: KeyboardEvent, view: PreviewView, layer: OutlineLayer, close: () => void): void {
  if (event.key === 'Escape') {
    event.preventDefault();
    event.stopPropagation();
    close();
    return;
  }
  if (event.key !== 'Tab') return;
  const tabStops = [layer.tabStop(), ...Array.from(view.panel.querySelectorAll('button'))].filter(
    (node): node is HTMLElement => !!node,
  );
  const active = view.shadow.activeElement;
  const next = trappedTabIndex(
    tabStops.findIndex((node) => node === active),
    tabStops.length,
    event.shiftKey,
  );
  if (next === undefined) return;
  event.preventDefault();
  tabStops[next].focus({ preventScroll: true });
}

interface PageFollower {
  reposition(): void;
  rescan(): void;
}

/** Outlines follow scrolling and resizing (once per frame) and DOM changes (at most every RESCAN_INTERVAL_MS). */
function followThePage(
  win: Window,
  document: Document,
  rules: CaptureRules,
  follower: PageFollower,
  stops: (() => void)[],
): void {
  let frame: number | undefined;
  let rescanTimer: ReturnType<typeof setTimeout> | undefined;
  const onMove = () => {
    if (frame === undefined)
      frame = win.requestAnimationFrame(() => {
        frame = undefined;
        follower.reposition();
      });
  };
  stops.push(listen(win, 'scroll', onMove, true), listen(win, 'resize', onMove, true));
  stops.push(() => {
    if (frame !== undefined) win.cancelAnimationFrame(frame);
    clearTimeout(rescanTimer);
  });
  const Observer = getGlobalScope()?.MutationObserver;
  if (!rules.pageCaptured || typeof Observer !== 'function') return;
  // The preview's own nodes live in its shadow root, which this observer does not see.
  const observer = new Observer(() => {
    if (rescanTimer === undefined)
      rescanTimer = setTimeout(() => {
        rescanTimer = undefined;
        follower.rescan();
      }, RESCAN_INTERVAL_MS);
  });
  observer.observe(document.documentElement, { childList: true, subtree: true, attributes: true, characterData: true });
  stops.push(() => observer.disconnect());
}
