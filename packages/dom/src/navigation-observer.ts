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

interface Subscriber {
  listener: NavigationListener;
  onError?: (error: unknown) => void;
}

interface SharedObserver {
  win: Window;
  subscribers: Subscriber[];
  lastUrl: string;
  originalPushState?: HistoryMethod;
  originalReplaceState?: HistoryMethod;
  patchedPushState?: HistoryMethod;
  patchedReplaceState?: HistoryMethod;
  onPopstate: () => void;
  onHashchange: () => void;
}

let shared: SharedObserver | undefined;

const readUrl = (win: Window): string | undefined => {
  try {
    return win.location.href;
  } catch {
    return undefined;
  }
};

const notify = (observer: SharedObserver, trigger: NavigationTrigger): void => {
  // A wrapper of an earlier observer can stay in the history chain when someone patched
  // on top of it; it must stay silent.
  if (shared !== observer) return;
  const url = readUrl(observer.win);
  if (url === undefined || url === observer.lastUrl) return;
  const change: NavigationChange = { previousUrl: observer.lastUrl, url, trigger };
  observer.lastUrl = url;
  for (const subscriber of observer.subscribers.slice()) {
    try {
      subscriber.listener(change);
    } catch (error) {
      try {
        if (subscriber.onError) subscriber.onError(error);
      } catch {
        // an error handler that throws has nowhere left to report to
      }
    }
  }
};

const wrap = (observer: SharedObserver, original: HistoryMethod, trigger: NavigationTrigger): HistoryMethod =>
  function (this: History, ...args: Parameters<HistoryMethod>) {
    // The host's own call keeps its exact behaviour, errors included.
    const result = original.apply(this, args);
    notify(observer, trigger);
    return result;
  };

const patchHistory = (observer: SharedObserver): void => {
  const history = observer.win.history;
  if (!history) return;
  try {
    observer.originalPushState = history.pushState;
    observer.originalReplaceState = history.replaceState;
    observer.patchedPushState = wrap(observer, observer.originalPushState, 'pushState');
    observer.patchedReplaceState = wrap(observer, observer.originalReplaceState, 'replaceState');
    history.pushState = observer.patchedPushState;
    history.replaceState = observer.patchedReplaceState;
  } catch {
    // A frozen history object: popstate and hashchange still work.
  }
};

const unpatchHistory = (observer: SharedObserver): void => {
  const history = observer.win.history;
  if (!history) return;
  try {
    // Only undo our own patch: if someone wrapped ours since, removing it would cut them off.
    if (history.pushState === observer.patchedPushState && observer.originalPushState) history.pushState = observer.originalPushState;
    if (history.replaceState === observer.patchedReplaceState && observer.originalReplaceState) history.replaceState = observer.originalReplaceState;
  } catch {
    // nothing to restore on a frozen object
  }
};

const start = (win: Window): SharedObserver => {
  const observer: SharedObserver = {
    win,
    subscribers: [],
    lastUrl: readUrl(win) || '',
    onPopstate: () => notify(observer, 'popstate'),
    onHashchange: () => notify(observer, 'hashchange'),
  };
  shared = observer;
  patchHistory(observer);
  win.addEventListener('popstate', observer.onPopstate);
  win.addEventListener('hashchange', observer.onHashchange);
  return observer;
};

const stop = (observer: SharedObserver): void => {
  unpatchHistory(observer);
  observer.win.removeEventListener('popstate', observer.onPopstate);
  observer.win.removeEventListener('hashchange', observer.onHashchange);
  if (shared === observer) shared = undefined;
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
  const subscriber: Subscriber = { listener, onError: options.onError };
  observer.subscribers.push(subscriber);
  return () => {
    const index = observer.subscribers.indexOf(subscriber);
    if (index < 0) return;
    observer.subscribers.splice(index, 1);
    if (observer.subscribers.length === 0) stop(observer);
  };
}
