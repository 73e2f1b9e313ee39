import type { EventStore, Transport, TransportConfig, TransportType } from '../types.js';
import type { DropReason } from './response-policy.js';

/** Runs a task while no other tab of the site runs one (Web Locks, a lease, or in-page only). */
export interface FlushLock {
  run<T>(task: () => Promise<T>): Promise<T>;
}

export interface Connectivity {
  isOnline(): boolean;
  subscribe(listener: (online: boolean) => void): () => void;
}

export interface PageLifecycle {
  isHidden(): boolean;
  /** `onHidden` on visibilitychange→hidden and pagehide; `onVisible` when the page returns. */
  subscribe(listener: { onHidden(): void; onVisible(): void }): () => void;
}

/** Outcomes one tab tells the others, so their `{ promise }`s settle with the real result. */
export interface SharedOutcome {
  ids: string[];
  code: number;
  message: string;
  reason?: DropReason;
}

export interface OutcomeChannel {
  publish(outcome: SharedOutcome): void;
  subscribe(listener: (outcome: SharedOutcome) => void): () => void;
}

export interface Clock {
  now(): number;
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
  random(): number;
}

export interface TransportChoice {
  transport: TransportType | TransportConfig;
  /** gzip bodies above 2 KB where the platform can. */
  compress: boolean;
}

/** Everything the engine needs from its platform: the browser package supplies each piece. */
export interface DeliveryEnvironment {
  store: EventStore;
  createTransport(choice: TransportChoice): Transport;
  /** Fire-and-forget delivery that outlives the page (beacon, keepalive). */
  exitTransport?: Transport;
  lock?: FlushLock;
  connectivity?: Connectivity;
  lifecycle?: PageLifecycle;
  channel?: OutcomeChannel;
  clock?: Clock;
}

export const systemClock: Clock = {
  now: () => Date.now(),
  setTimeout: (callback, ms) => setTimeout(callback, ms),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
  random: () => Math.random(),
};

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
