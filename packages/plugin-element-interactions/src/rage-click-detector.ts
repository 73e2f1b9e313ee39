/**
 * Rage-click policy (DECISIONS OQ-3), pure: 4 or more clicks on the same element within
 * 1000 ms, all inside a 50 px box, make one burst; the burst ends at a click that does not
 * fit (other element, outside the box, 1 s after the previous click) or when the caller
 * finishes it 1 s after the last click.
 */
import { RAGE_CLICK_BOX_PX, RAGE_CLICK_MIN_COUNT, RAGE_CLICK_WINDOW_MS } from './constants';

export interface ClickSample {
  element: Element;
  x: number;
  y: number;
  /** ms epoch */
  time: number;
  /** `location.href` at the click, for `[Amplitude] Page URL`. */
  pageUrl?: string;
}

export interface ClickBurst {
  element: Element;
  clicks: ClickSample[];
}

export interface RageClickThresholds {
  minCount: number;
  windowMs: number;
  boxPx: number;
}

export const DEFAULT_RAGE_CLICK_THRESHOLDS: RageClickThresholds = {
  minCount: RAGE_CLICK_MIN_COUNT,
  windowMs: RAGE_CLICK_WINDOW_MS,
  boxPx: RAGE_CLICK_BOX_PX,
};

function fitsBox(clicks: ClickSample[], next: ClickSample, boxPx: number): boolean {
  let minX = next.x;
  let maxX = next.x;
  let minY = next.y;
  let maxY = next.y;
  for (const click of clicks) {
    minX = Math.min(minX, click.x);
    maxX = Math.max(maxX, click.x);
    minY = Math.min(minY, click.y);
    maxY = Math.max(maxY, click.y);
  }
  return maxX - minX <= boxPx && maxY - minY <= boxPx;
}

/** True when some `minCount` consecutive clicks of the burst fall within `windowMs`. */
export function isRageBurst(burst: ClickBurst, thresholds: RageClickThresholds = DEFAULT_RAGE_CLICK_THRESHOLDS): boolean {
  const { clicks } = burst;
  for (let first = 0; first + thresholds.minCount - 1 < clicks.length; first += 1) {
    if (clicks[first + thresholds.minCount - 1].time - clicks[first].time < thresholds.windowMs) return true;
  }
  return false;
}

export class RageClickDetector {
  private burst: ClickBurst | undefined;

  constructor(private readonly thresholds: RageClickThresholds = DEFAULT_RAGE_CLICK_THRESHOLDS) {}

  /** Adds a click; returns the previous burst when this click ended it. */
  add(click: ClickSample): ClickBurst | undefined {
    const current = this.burst;
    if (
      current &&
      current.element === click.element &&
      click.time - current.clicks[current.clicks.length - 1].time < this.thresholds.windowMs &&
      click.time >= current.clicks[current.clicks.length - 1].time &&
      fitsBox(current.clicks, click, this.thresholds.boxPx)
    ) {
      current.clicks.push(click);
      return undefined;
    }
    this.burst = { element: click.element, clicks: [click] };
    return current;
  }

  /** Ends the current burst and returns it. */
  finish(): ClickBurst | undefined {
    const current = this.burst;
    this.burst = undefined;
    return current;
  }

  /** Drops the current burst (a text selection is not rage). */
  reset(): void {
    this.burst = undefined;
  }

  isRage(burst: ClickBurst): boolean {
    return isRageBurst(burst, this.thresholds);
  }
}
