import { describe, expect, it } from 'vitest';
import { PendingResult } from '../src/pending-result.js';

const event = { event_type: 'E' };
const ok = { event, code: 200, message: 'ok' };

describe('PendingResult: the lazily created { promise } every call returns', () => {
  it('resolves when read before it settles', async () => {
    const pending = new PendingResult(event);
    const promise = pending.promise;
    pending.settle(ok);
    expect(await promise).toBe(ok);
  });

  it('resolves at once when first read after it settled', async () => {
    const pending = new PendingResult(event);
    pending.settle(ok);
    expect(await pending.promise).toBe(ok);
  });

  it('returns the same promise on every read and keeps the first result', async () => {
    const pending = new PendingResult(event);
    const first = pending.promise;
    pending.settle(ok);
    pending.settle({ event, code: 500, message: 'late' });
    expect(pending.promise).toBe(first);
    expect(await first).toBe(ok);
  });
});
