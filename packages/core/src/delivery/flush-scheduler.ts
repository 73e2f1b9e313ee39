import type { DeliveryContext } from './delivery-context.js';

/**
 * Decides when upload sessions run: one at a time, on the wake-up timer or when asked.
 * `runSession` runs one (under the cross-tab lock; `force` ignores retry waits); `wakeTime` says
 * when one is next due: Infinity when none is (nothing waits, or the engine cannot send: then it
 * sleeps rather than polls, and going online or setOffline() wakes it). After each session it
 * looks again, so what changed during one is seen when it ends.
 */
export const createFlushScheduler = (
  context: DeliveryContext,
  runSession: (force: boolean) => Promise<void>,
  wakeTime: () => number,
) => {
  const { clock } = context;
  let session: Promise<void> | undefined;
  /** The one forced flush that follows the current session, however many were asked for meanwhile. */
  let forcedNext: Promise<void> | undefined;
  let timer: unknown;
  let timerAt = Infinity;

  const clearTimer = (): void => {
    if (timer !== undefined) clock.clearTimeout(timer);
    timer = undefined;
    timerAt = Infinity;
  };

  /** Sends what is due (`force`: everything waiting, as `flush()` asks). */
  const flush = (force: boolean): Promise<void> => {
    if (session) {
      if (!force) return session;
      // Each extra forced session would at once resend what the current one just failed to send.
      forcedNext =
        forcedNext ||
        session.then(() => {
          forcedNext = undefined;
          return flush(true);
        });
      return forcedNext;
    }
    clearTimer();
    const current = runSession(force).then(
      () => undefined,
      (error) => context.logger.error('Delivery failed unexpectedly; events stay stored:', error),
    );
    session = current.then(() => {
      session = undefined;
      scheduleNext();
    });
    return session;
  };

  /** Arms the timer for `time` unless it already fires sooner. */
  const scheduleAt = (time: number): void => {
    if (context.closed || time === Infinity || time >= timerAt) return;
    clearTimer();
    timerAt = time;
    timer = clock.setTimeout(
      () => {
        timer = undefined;
        timerAt = Infinity;
        void flush(false);
      },
      Math.max(0, time - clock.now()),
    );
  };

  /** Wakes when the queue next needs a session (once the current one ends, if one runs). */
  const scheduleNext = (): void => {
    if (!session) scheduleAt(wakeTime());
  };

  return {
    flush,
    scheduleAt,
    scheduleNext,
    /** Teardown: no wake-up is left armed; returns the session still running, if any (it runs to its end). */
    stop(): Promise<void> | undefined {
      clearTimer();
      return session;
    },
  };
};
