import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { DropReason } from '../src/index.js';
import { START } from './delivery-model/ledger.js';
import { coverage, runSeed } from './delivery-model/run-seed.js';

/*
 * A seeded, randomised model test of the delivery engine (docs/architecture.md, "Nothing is lost",
 * "Page exit delivers").
 * Each seed drives one random scenario (tracking, server answers, offline/online, page hide/show,
 * reloads, time) against a scripted server and a ledger that knows, for every event, what the
 * server said about it. At the end the server answers every request it can take with 200, the
 * network returns, and the engine must drain. Violations name their invariant:
 *   1  every event is acknowledged by a 200, or dropped for a reason the rules allow it, exactly once
 *   2  the delivery stats count exactly those outcomes
 *   3  nothing is sent after its final outcome; within a page life an event is on the wire at most once
 *      at any time (the page-exit path sends nothing in flight), and one handed to a beacon is not sent
 *      again in that page life
 *   4  batches ≤ flushQueueSize; page-exit chunks under 64 KB
 *   5  public methods never throw or reject, nothing fails inside the engine
 *   6  retries keep their backoff / Retry-After and flushMaxRetries (a 200 ends a backoff, never a
 *      server's wait); no polling while unable to send
 * Reproduce one seed with `-t "seed 1007"`.
 * The model's parts are in ./delivery-model/: the seeded scenario, the scripted server, the ledger,
 * the browser around the engine and one seed's run.
 */

const SEEDS = Array.from({ length: 40 }, (_, index) => 1000 + index);

// ------------------------------------------------------------------ the tests

beforeEach(() => {
  vi.useFakeTimers({ now: START });
});
afterEach(() => {
  vi.useRealTimers();
});

describe('delivery engine model (docs/architecture.md, "Nothing is lost")', () => {
  it.each(SEEDS)('seed %i: every event is acknowledged or dropped for a permitted, counted reason', async (seed) => {
    const { violations, settings, steps } = await runSeed(seed);
    const context = `seed ${seed} ${JSON.stringify(settings)}\nlast steps: ${steps.slice(-12).join(' | ')}`;
    expect(violations, context).toEqual([]);
  });

  it('the seeds reach every drop reason, reloads, page exits and failed writes', () => {
    for (const reason of [
      'sent',
      DropReason.INVALID,
      DropReason.SILENCED,
      DropReason.TOO_LARGE,
      DropReason.QUOTA,
      DropReason.STORE_FULL,
      DropReason.TOO_OLD,
    ]) {
      expect(coverage.outcomes[reason] || 0, `outcome ${reason}`).toBeGreaterThan(0);
    }
    expect(coverage.reloads).toBeGreaterThan(20);
    expect(coverage.exitRequests).toBeGreaterThan(20);
    expect(coverage.exitAnswered).toBeGreaterThan(5);
    expect(coverage.handedOff).toBeGreaterThan(2);
    expect(coverage.noted).toBeGreaterThan(5);
    console.log(
      `model: ${coverage.noted} events noted as sent by a page that went away, ${coverage.notedLost} of them failed by the server after it was gone`,
    );
    expect(coverage.writeFailures).toBeGreaterThan(0);
  });
});
