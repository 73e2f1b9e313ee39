/**
 * Rage-click policy, pure: 4 or more clicks on the same element within
 * 1000 ms, all inside a 50 px box, make one burst; the burst ends at a click that does not
 * fit (other element, outside the box, 1 s after the previous click) or when the caller
 * finishes it 1 s after the last click.
 *
 * Every click costs O(1) however long the burst runs: the box is kept as running bounds, the
 * rage test looks at the last `minCount` times only, and at most RAGE_CLICK_MAX_RECORDED
 * clicks are kept for `[Amplitude] Clicks`.
 */
import { RAGE_CLICK_BOX_PX, RAGE_CLICK_MAX_RECORDED, RAGE_CLICK_MIN_COUNT, RAGE_CLICK_WINDOW_MS } from './constants.js';

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
  /** The first clicks of the burst (all of them up to RAGE_CLICK_MAX_RECORDED). */
  clicks: ClickSample[];
  /** Every click of the burst, recorded or not; `clicks.length` when absent. */
  count?: number;
  /** The latest click; the last of `clicks` when absent. */
  last?: ClickSample;
  /** Decided while the burst grew; computed from `clicks` when absent. */
  rage?: boolean;
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

/** True when some `minCount` consecutive clicks of the burst fall within `windowMs`. */
export function isRageBurst(
  burst: ClickBurst,
  thresholds: RageClickThresholds = DEFAULT_RAGE_CLICK_THRESHOLDS,
): boolean {
  if (burst.rage !== undefined) return burst.rage;
  const { clicks } = burst;
  for (let first = 0; first + thresholds.minCount - 1 < clicks.length; first += 1) {
    if (clicks[first + thresholds.minCount - 1].time - clicks[first].time < thresholds.windowMs) return true;
  }
  return false;
}

/** The burst being built, with what makes the next click O(1). */
interface OpenBurst {
  burst: ClickBurst & { count: number; last: ClickSample; rage: boolean };
  minX: number;
  maxX: number;
  minY: number;
  maxY: number;
  /** Times of the last `minCount` clicks, oldest first. */
  recent: number[];
}

/** The click continues the burst: same element, in time, inside the box. */
function fits(open: OpenBurst, click: ClickSample, { boxPx, windowMs }: RageClickThresholds): boolean {
  const previous = open.burst.last.time;
  return (
    open.burst.element === click.element &&
    click.time >= previous &&
    click.time - previous < windowMs &&
    Math.max(open.maxX, click.x) - Math.min(open.minX, click.x) <= boxPx &&
    Math.max(open.maxY, click.y) - Math.min(open.minY, click.y) <= boxPx
  );
}

function startBurst(click: ClickSample, minCount: number): OpenBurst {
  return {
    burst: { element: click.element, clicks: [click], count: 1, last: click, rage: minCount <= 1 },
    minX: click.x,
    maxX: click.x,
    minY: click.y,
    maxY: click.y,
    recent: [click.time],
  };
}

function extend(
  open: OpenBurst,
  click: ClickSample,
  { minCount, windowMs }: RageClickThresholds,
  maxRecorded: number,
): void {
  const { burst, recent } = open;
  burst.count += 1;
  burst.last = click;
  if (burst.clicks.length < maxRecorded) burst.clicks.push(click);
  open.minX = Math.min(open.minX, click.x);
  open.maxX = Math.max(open.maxX, click.x);
  open.minY = Math.min(open.minY, click.y);
  open.maxY = Math.max(open.maxY, click.y);
  recent.push(click.time);
  if (recent.length > minCount) recent.shift();
  if (recent.length === minCount && click.time - recent[0] < windowMs) burst.rage = true;
}

export class RageClickDetector {
  private open: OpenBurst | undefined;

  constructor(
    private readonly thresholds: RageClickThresholds = DEFAULT_RAGE_CLICK_THRESHOLDS,
    private readonly maxRecorded: number = RAGE_CLICK_MAX_RECORDED,
  ) {}

  /** Adds a click; returns the previous burst when this click ended it. */
  add(click: ClickSample): ClickBurst | undefined {
    const current = this.open;
    if (current && fits(current, click, this.thresholds)) {
      extend(current, click, this.thresholds, this.maxRecorded);
      return undefined;
    }
    this.open = startBurst(click, this.thresholds.minCount);
    return current && current.burst;
  }

  /** Ends the current burst and returns it. */
  finish(): ClickBurst | undefined {
    const current = this.open;
    this.open = undefined;
    return current && current.burst;
  }

  /** Drops the current burst (a text selection is not rage). */
  reset(): void {
    this.open = undefined;
  }

  isRage(burst: ClickBurst): boolean {
    return isRageBurst(burst, this.thresholds);
  }
}
