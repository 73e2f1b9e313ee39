/**
 * Work postponed until after paint, which must still happen if the page goes away first:
 * `flush` runs everything pending at once (on pagehide, before the delivery engine's own
 * page-exit flush, and on teardown).
 */
import { scheduleAfterPaint } from '@sightline/dom';

export interface DeferredWork {
  schedule(task: () => void): void;
  flush(): void;
}

export function deferredWork(onError: (error: unknown) => void): DeferredWork {
  /** Each pending run and the cancel of its after-paint schedule. */
  const pending = new Map<() => void, () => void>();
  return {
    schedule(task) {
      // scheduleAfterPaint reports a throwing run to onError.
      const run = () => {
        if (pending.delete(run)) task();
      };
      pending.set(run, scheduleAfterPaint(run, onError));
    },
    flush() {
      for (const [run, cancel] of Array.from(pending)) {
        cancel();
        try {
          run();
        } catch (error) {
          onError(error);
        }
      }
    },
  };
}
