/**
 * Clicks waiting to learn whether they changed the page: action clicks (tracked when
 * they did) and dead-click candidates (reported when they did not). Each wait ends
 * once: changed at the first relevant DOM change or when the caller ends them all (a
 * navigation), unchanged when its window passes.
 */
import type { DomChangeMonitor } from './dom-change-monitor.js';

export interface PageChangeWatches {
  /** Waits up to `windowMs` after a click on `element` at `since`; `onEnd` runs once. */
  watch(element: Element, since: number, windowMs: number, onEnd: (changed: boolean) => void): void;
  /** Ends every wait now. */
  endAll(changed: boolean): void;
}

/**
 * Without a monitor only the window and `endAll` can end a wait. `timeout` is the plugin scope's
 * (cleared at teardown).
 */
export function pageChangeWatches(
  monitor: DomChangeMonitor | undefined,
  timeout: (run: () => void, ms: number) => () => void,
): PageChangeWatches {
  const pending = new Set<(changed: boolean) => void>();
  return {
    watch(element, since, windowMs, onEnd) {
      let unwatch = () => {};
      const cancelTimer = timeout(() => end(false), windowMs);
      function end(changed: boolean) {
        if (!pending.delete(end)) return;
        cancelTimer();
        unwatch();
        onEnd(changed);
      }
      pending.add(end);
      if (monitor) unwatch = monitor.watch({ element, since, onChange: () => end(true) });
    },
    endAll(changed) {
      for (const end of Array.from(pending)) end(changed);
    },
  };
}
