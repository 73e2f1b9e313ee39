/**
 * Thrashed-cursor policy, pure: the cursor changes direction at least
 * `directionChanges` times within `threshold` ms, on the X axis or on the Y axis (counted
 * separately). A move of zero along an axis keeps that axis's direction. After a thrash the
 * count starts over, so one long shake gives one event per `directionChanges` changes.
 *
 * Every move costs O(1) and allocates nothing but the answer: each axis keeps the times of
 * its last `directionChanges` changes in a ring.
 */
import { THRASHED_CURSOR_DIRECTION_CHANGES, THRASHED_CURSOR_THRESHOLD_MS } from './constants.js';

export interface ThrashedCursorThresholds {
  directionChanges: number;
  /** ms */
  threshold: number;
}

export const DEFAULT_THRASHED_CURSOR_THRESHOLDS: ThrashedCursorThresholds = {
  directionChanges: THRASHED_CURSOR_DIRECTION_CHANGES,
  threshold: THRASHED_CURSOR_THRESHOLD_MS,
};

export interface Thrash {
  /** The first of the direction changes that made it (ms epoch). */
  beginTime: number;
  /** The move that completed it (ms epoch). */
  endTime: number;
}

interface AxisTrack {
  /** The change times feeding the thrash test. */
  changes: number[];
  count: number;
  position: number | undefined;
  direction: number;
}

const newAxis = (): AxisTrack => ({ changes: [], count: 0, position: undefined, direction: 0 });

/** The begin time of a thrash this move completes on the axis, if it does. */
function moveAxis(
  axis: AxisTrack,
  position: number,
  time: number,
  { directionChanges, threshold }: ThrashedCursorThresholds,
): number | undefined {
  const previous = axis.position;
  axis.position = position;
  if (previous === undefined || position === previous) return undefined;
  const direction = position > previous ? 1 : -1;
  const changed = axis.direction !== 0 && direction !== axis.direction;
  axis.direction = direction;
  if (!changed) return undefined;
  axis.changes[axis.count % directionChanges] = time;
  axis.count += 1;
  if (axis.count < directionChanges) return undefined;
  // The oldest of the last `directionChanges` changes is the slot written next.
  const oldest = axis.changes[axis.count % directionChanges];
  return time - oldest <= threshold ? oldest : undefined;
}

export function createThrashedCursorDetector(
  thresholds: ThrashedCursorThresholds = DEFAULT_THRASHED_CURSOR_THRESHOLDS,
) {
  let x = newAxis();
  let y = newAxis();
  return {
    /** Feeds one cursor position; answers the thrash it completes, if any. */
    move(clientX: number, clientY: number, time: number): Thrash | undefined {
      const fromX = moveAxis(x, clientX, time, thresholds);
      const fromY = moveAxis(y, clientY, time, thresholds);
      const begin = fromX === undefined ? fromY : fromY === undefined ? fromX : Math.min(fromX, fromY);
      if (begin === undefined) return undefined;
      // Count afresh from here; where the cursor is and which way it goes are still known.
      x = { ...newAxis(), position: clientX, direction: x.direction };
      y = { ...newAxis(), position: clientY, direction: y.direction };
      return { beginTime: begin, endTime: time };
    },
  };
}
