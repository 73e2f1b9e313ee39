import type { Event, Result, ResultPromise } from './types.js';

/**
 * The `{ promise }` a call returns, created lazily: most callers never read it, so a busy
 * page pays for no Promise per event. Settling before or after the read both work.
 */
export class PendingResult implements ResultPromise {
  private result: Result | undefined;
  private settleRead: ((result: Result) => void) | undefined;
  private created: Promise<Result> | undefined;

  constructor(readonly event: Event) {}

  get promise(): Promise<Result> {
    if (!this.created) {
      this.created = this.result
        ? Promise.resolve(this.result)
        : new Promise<Result>((resolve) => (this.settleRead = resolve));
    }
    return this.created;
  }

  settle(result: Result): void {
    if (this.result) return;
    this.result = result;
    if (this.settleRead) this.settleRead(result);
  }
}
