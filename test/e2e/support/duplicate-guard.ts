import { afterEach, beforeEach, expect } from 'vitest';
import type { Collector } from './fixtures.js';

/**
 * Every end-to-end test checks that no event went out twice: after each test, each collector
 * started through `startTestCollector` must have counted no duplicate (an insert_id it had
 * already acknowledged) during that test. A test that injects faults on purpose, where a second
 * copy is defensible (an answer lost on the wire, a page that died before reading it), says so
 * with `allowDuplicates(reason)`.
 *
 * The hooks are registered when this module is imported (through fixtures.ts), so they apply
 * to every test file that uses the shared fixtures.
 */

/** How long the wire must be quiet before the count is read: late copies (a page-exit request) arrive too. */
const QUIET_MS = 250;
const SETTLE_LIMIT_MS = 3000;

interface Watch {
  /** Duplicates counted before this test began (the collector may serve several tests). */
  baseline: number;
  /** Requests recorded before this test began. */
  firstRequest: number;
}

const watched = new Map<Collector, Watch>();
let allowedBecause: string | undefined;

const snapshot = (collector: Collector): Watch => ({
  baseline: collector.stats().duplicates,
  firstRequest: collector.requests().length,
});

/** Called by `startTestCollector`: the collector is checked after every test until it closes. */
export const watchForDuplicates = (collector: Collector): Collector => {
  watched.set(collector, snapshot(collector));
  const { reset, close } = collector;
  collector.reset = () => {
    reset();
    watched.set(collector, snapshot(collector));
  };
  collector.close = () => {
    watched.delete(collector);
    return close();
  };
  return collector;
};

/** This test injects faults on purpose: its duplicates are not checked. Say why. */
export const allowDuplicates = (reason: string): void => {
  allowedBecause = reason;
};

/** The insert_ids that reached a collector more than once in the requests from `first` on. */
const repeatedIds = (collector: Collector, first: number): string[] => {
  const seen = new Map<string, number>();
  for (const request of collector.requests().slice(first)) {
    if (request.status !== 200) continue;
    let events: { insert_id?: string; event_type?: string }[];
    try {
      events = JSON.parse(request.bodyText).events || [];
    } catch {
      continue;
    }
    for (const event of events) {
      const key = `${event.event_type} ${event.insert_id}`;
      seen.set(key, (seen.get(key) || 0) + 1);
    }
  }
  return [...seen].filter(([, count]) => count > 1).map(([key, count]) => `${key} ×${count}`);
};

const settle = async (collector: Collector): Promise<void> => {
  const start = Date.now();
  for (;;) {
    const requests = collector.requests();
    const last = requests.length ? requests[requests.length - 1].time : 0;
    if (Date.now() - last >= QUIET_MS || Date.now() - start >= SETTLE_LIMIT_MS) return;
    await new Promise((resolve) => setTimeout(resolve, QUIET_MS));
  }
};

beforeEach(() => {
  allowedBecause = undefined;
  for (const collector of watched.keys()) watched.set(collector, snapshot(collector));
});

afterEach(async () => {
  if (allowedBecause !== undefined) return;
  for (const [collector, watch] of watched) {
    if (collector.requests().length > watch.firstRequest) await settle(collector);
    const duplicates = collector.stats().duplicates - watch.baseline;
    const repeated = duplicates > 0 ? repeatedIds(collector, watch.firstRequest) : [];
    expect(duplicates, `events the collector received twice: ${repeated.slice(0, 10).join(', ')}`).toBe(0);
  }
});
