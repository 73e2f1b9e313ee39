import type { EventStore, Transport, TransportConfig, TransportType, UploadRequest, UploadResponse } from '../types.js';
import type { DropReason } from './response-policy.js';

/** Runs a task while no other tab of the site runs one (Web Locks, a lease, or in-page only). */
export interface FlushLock {
  run<T>(task: () => Promise<T>): Promise<T>;
  /** Teardown: stops waiting for the lock (a task already running ends on its own). */
  close?(): void;
}

export interface Connectivity {
  isOnline(): boolean;
  subscribe(listener: (online: boolean) => void): () => void;
}

export interface PageLifecycleListener {
  onHidden(): void;
  onVisible(): void;
  /** pagehide, after `onHidden`: the page is going away, or into the back/forward cache. */
  onLeave?(): void;
}

export interface PageLifecycle {
  isHidden(): boolean;
  /** `onHidden` on visibilitychange→hidden and pagehide; `onVisible` when the page returns. */
  subscribe(listener: PageLifecycleListener): () => void;
}

/** Outcomes one tab tells the others, so their `{ promise }`s settle with the real result. */
export interface SharedOutcome {
  ids: string[];
  code: number;
  message: string;
  reason?: DropReason;
}

export interface OutcomeChannelListener {
  outcome(outcome: SharedOutcome): void;
  /** Another page went away (or into the back/forward cache) with these events on the wire. */
  left?(onTheWire: string[]): void;
}

/** What the tabs of a site tell each other (BroadcastChannel in browsers). */
export interface OutcomeChannel {
  publish(outcome: SharedOutcome): void;
  /** This page is going away: its stored events are the other tabs' now, except those on the wire. */
  leave?(onTheWire: string[]): void;
  subscribe(listener: OutcomeChannelListener): () => void;
  /** Teardown: closed for good (a later publish is dropped). */
  close?(): void;
}

/**
 * Time for delivery. `now` is monotonic (performance.now() where there is one): backoff, batching
 * and leases follow it, so a device clock that moves (sleep, a manual change, NTP) moves none of
 * them. `epoch` is wall-clock, for what the server reads as a date (client_upload_time) and the
 * age of stored events, whose `time` is wall-clock.
 */
export interface Clock {
  now(): number;
  epoch(): number;
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
  random(): number;
}

export interface TransportChoice {
  transport: TransportType | TransportConfig;
  /** gzip bodies above 2 KB where the platform can. */
  compress: boolean;
}

/**
 * Page-exit delivery (keepalive fetch, beacon): resolves with the server's answer when the page
 * lives to read it, or `undefined` when the request was handed to the browser with no answer to
 * read (a beacon); rejects when nothing could take it.
 */
export interface ExitTransport {
  send(request: UploadRequest): Promise<UploadResponse | undefined>;
}

/**
 * Events a page sent in requests that outlive it (keepalive, beacon), noted as it goes away while
 * its uploads were being answered: every later page life of the site takes them as delivered
 * rather than sending them again (nobody can read those answers). Written at once (synchronously),
 * as the page may not run again.
 */
export interface SentNote {
  add(ids: readonly string[]): void;
  /** Which of `ids` some page noted. */
  noted(ids: readonly string[]): string[];
  /** Their records are gone from the store: the note on them is no longer needed. */
  forget(ids: readonly string[]): void;
}

/** Everything the engine needs from its platform: the browser package supplies each piece. */
export interface DeliveryEnvironment {
  store: EventStore;
  createTransport(choice: TransportChoice): Transport;
  /** Delivery that outlives the page (keepalive, beacon). */
  exitTransport?: ExitTransport;
  lock?: FlushLock;
  connectivity?: Connectivity;
  lifecycle?: PageLifecycle;
  channel?: OutcomeChannel;
  clock?: Clock;
  sentNote?: SentNote;
  /** Whether a request (an upload or a page-exit one) reaches the server after its page is gone. */
  outlivesPage?(request: UploadRequest): boolean;
}

/** Where a clock reads time: a monotonic source where the platform has one, and wall-clock time. */
export interface ClockSources {
  monotonic?: () => number;
  wall: () => number;
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
  random(): number;
}

const finiteOr = (read: (() => number) | undefined): number => {
  try {
    const value = read ? read() : NaN;
    return typeof value === 'number' && value - value === 0 ? value : NaN;
  } catch {
    return NaN;
  }
};

/**
 * A clock on the platform's sources. `now` never goes back; without a monotonic source (or once it
 * fails or answers nonsense, on a page that patched it) it follows wall-clock time instead.
 */
export const createClock = (sources: ClockSources): Clock => {
  let monotonic = sources.monotonic;
  let last = -Infinity;
  return {
    now: () => {
      let value = finiteOr(monotonic);
      if (value !== value) {
        // Mixing the two scales would jump: once off, the monotonic source stays off.
        monotonic = undefined;
        value = finiteOr(sources.wall);
      }
      return (last = value > last ? value : last);
    },
    epoch: () => finiteOr(sources.wall),
    setTimeout: sources.setTimeout,
    clearTimeout: sources.clearTimeout,
    random: sources.random,
  };
};

/** The running platform's clock, read at each call (so test doubles of the timers apply). */
export const createSystemClock = (): Clock =>
  createClock({
    monotonic: () => performance.now(),
    wall: () => Date.now(),
    setTimeout: (callback, ms) => setTimeout(callback, ms),
    clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
    random: () => Math.random(),
  });

/** Serialises tasks within this page only (no other tab can share the store). */
export const createInPageLock = (): FlushLock => {
  let tail: Promise<unknown> = Promise.resolve();
  return {
    run<T>(task: () => Promise<T>): Promise<T> {
      const result = tail.then(task, task);
      tail = result.catch(() => undefined);
      return result;
    },
  };
};
