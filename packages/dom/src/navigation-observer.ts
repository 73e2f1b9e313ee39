/**
 * One navigation observer for every plugin (page views, attribution, page URL enrichment):
 * history.pushState / replaceState are patched once however many plugins listen, and
 * popstate / hashchange are listened to once. Each navigation is reported once, by URL:
 * browsers fire popstate AND hashchange for one `location.hash` assignment, and a hash
 * change made through pushState fires no hashchange at all.
 */
import { getWindow } from '@sightline/core';

export type NavigationTrigger = 'pushState' | 'replaceState' | 'popstate' | 'hashchange';

export interface NavigationChange {
  previousUrl: string;
  url: string;
  trigger: NavigationTrigger;
}

export type NavigationListener = (change: NavigationChange) => void;

export interface ObserveNavigationOptions {
  /** Told when this listener throws; the other listeners and the host page carry on. */
  onError?: (error: unknown) => void;
}

type HistoryMethod = History['pushState'];
type HistoryMethodName = 'pushState' | 'replaceState';
const PATCHED_METHODS: readonly HistoryMethodName[] = ['pushState', 'replaceState'];
const WINDOW_EVENTS: readonly NavigationTrigger[] = ['popstate', 'hashchange'];

/** A listener wrapped so that its errors go to its own `onError` and nowhere else. */
type Subscriber = (change: NavigationChange) => void;

/** The observer of one window; its state lives in the closure made by `start`. */
interface SharedObserver {
  win: Window;
  subscribers: Subscriber[];
  /** Undoes the patches and listeners, and forgets the observer. */
  stop: () => void;
}

let shared: SharedObserver | undefined;

const readUrl = (win: Window): string | undefined => {
  try {
    return win.location.href;
  } catch {
    return undefined;
  }
};

const start = (win: Window): SharedObserver => {
  const subscribers: Subscriber[] = [];
  let lastUrl = readUrl(win) || '';

  const notify = (trigger: NavigationTrigger): void => {
    // A wrapper of an earlier observer can stay in the history chain when someone patched
    // on top of it; it must stay silent.
    if (shared !== observer) return;
    const url = readUrl(win);
    if (url === undefined || url === lastUrl) return;
    const change: NavigationChange = { previousUrl: lastUrl, url, trigger };
    lastUrl = url;
    for (const subscriber of subscribers.slice()) subscriber(change);
  };
  const onWindowEvent = (event: Event) => notify(event.type as NavigationTrigger);

  const history = win.history;
  /** The methods we replaced: name, the host's original, our wrapper. */
  const patches: Array<[HistoryMethodName, HistoryMethod, HistoryMethod]> = [];
  if (history) {
    try {
      for (const method of PATCHED_METHODS) {
        const original = history[method];
        const patched: HistoryMethod = function (this: History, ...args) {
          // The host's own call keeps its exact behaviour, errors included.
          const result = original.apply(this, args);
          notify(method);
          return result;
        };
        history[method] = patched;
        patches.push([method, original, patched]);
      }
    } catch {
      // A frozen history object: popstate and hashchange still work.
    }
  }
  for (const type of WINDOW_EVENTS) win.addEventListener(type, onWindowEvent);

  const observer: SharedObserver = {
    win,
    subscribers,
    stop: () => {
      try {
        // Only undo our own patch: if someone wrapped ours since, removing it would cut them off.
        for (const [method, original, patched] of patches) {
          if (history[method] === patched && original) history[method] = original;
        }
      } catch {
        // nothing to restore on a frozen object
      }
      for (const type of WINDOW_EVENTS) win.removeEventListener(type, onWindowEvent);
      if (shared === observer) shared = undefined;
    },
  };
  shared = observer;
  return observer;
};

/**
 * Calls `listener` once for every URL change of the page (SPA navigation). Returns the
 * unsubscribe function; the last one to leave restores history.pushState / replaceState.
 * Without a window (SSR, workers) it does nothing and returns a no-op.
 */
export function observeNavigation(listener: NavigationListener, options: ObserveNavigationOptions = {}): () => void {
  const win = getWindow();
  if (!win || typeof listener !== 'function') return () => undefined;
  const observer = shared && shared.win === win ? shared : start(win);
  const { onError } = options;
  const subscriber: Subscriber = (change) => {
    try {
      listener(change);
    } catch (error) {
      try {
        if (onError) onError(error);
      } catch {
        // an error handler that throws has nowhere left to report to
      }
    }
  };
  observer.subscribers.push(subscriber);
  return () => {
    const index = observer.subscribers.indexOf(subscriber);
    if (index < 0) return;
    observer.subscribers.splice(index, 1);
    if (observer.subscribers.length === 0) observer.stop();
  };
}
