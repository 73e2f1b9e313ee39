/**
 * Work postponed until after paint, which must still happen if the page goes away first:
 * `flush` runs everything pending at once (on pagehide, before the delivery engine's own
 * page-exit flush, and on teardown).
 */
import { scheduleAfterPaint } from '@sightline/dom';

export class DeferredWork {
  private readonly pending = new Map<() => void, () => void>();

  constructor(private readonly onError: (error: unknown) => void) {}

  schedule(task: () => void): void {
    const run = () => {
      if (!this.pending.delete(task)) return;
      try {
        task();
      } catch (error) {
        this.onError(error);
      }
    };
    this.pending.set(task, scheduleAfterPaint(run, this.onError));
  }

  flush(): void {
    for (const [task, cancel] of Array.from(this.pending)) {
      cancel();
      this.pending.delete(task);
      try {
        task();
      } catch (error) {
        this.onError(error);
      }
    }
  }

  get size(): number {
    return this.pending.size;
  }
}
