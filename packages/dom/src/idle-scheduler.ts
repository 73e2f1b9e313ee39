/**
 * Runs work after the interaction has painted, so autocapture adds nothing to INP:
 * requestAnimationFrame, then a macrotask (the frame is committed by then). Hidden tabs do
 * not run animation frames, so a timeout bounds the wait.
 */
import { getWindow } from '@sightline/core';

/** Upper bound on the wait when no frame comes (hidden tab, no rAF). */
export const AFTER_PAINT_TIMEOUT_MS = 200;

/** Schedules `task` once; returns a cancel function. Errors in `task` go to `onError`. */
export function scheduleAfterPaint(task: () => void, onError?: (error: unknown) => void): () => void {
  let done = false;
  let frame: number | undefined;
  let afterFrame: ReturnType<typeof setTimeout> | undefined;
  const win = getWindow();
  const cancel = () => {
    done = true;
    // A frame is only requested when there is a window; clearTimeout ignores `undefined`.
    if (frame !== undefined) win!.cancelAnimationFrame(frame);
    clearTimeout(timeout);
    clearTimeout(afterFrame);
  };
  const run = () => {
    if (done) return;
    cancel();
    try {
      task();
    } catch (error) {
      onError?.(error);
    }
  };
  if (win && typeof win.requestAnimationFrame === 'function') {
    frame = win.requestAnimationFrame(() => {
      afterFrame = setTimeout(run, 0);
    });
  }
  const timeout = setTimeout(run, AFTER_PAINT_TIMEOUT_MS);
  return cancel;
}
