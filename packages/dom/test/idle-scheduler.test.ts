import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { AFTER_PAINT_TIMEOUT_MS, scheduleAfterPaint } from '@sightline/dom';

beforeEach(() => {
  vi.useFakeTimers();
});

afterEach(() => {
  vi.useRealTimers();
});

describe('scheduleAfterPaint', () => {
  it('runs after the next animation frame, not synchronously, and only once', () => {
    const task = vi.fn();
    scheduleAfterPaint(task);
    expect(task).not.toHaveBeenCalled();
    vi.advanceTimersByTime(40);
    expect(task).toHaveBeenCalledTimes(1);
    vi.advanceTimersByTime(AFTER_PAINT_TIMEOUT_MS * 2);
    expect(task).toHaveBeenCalledTimes(1);
  });

  it('runs by the timeout when no frame comes (hidden tab)', () => {
    const raf = vi.spyOn(window, 'requestAnimationFrame').mockImplementation(() => 1);
    const task = vi.fn();
    scheduleAfterPaint(task);
    vi.advanceTimersByTime(AFTER_PAINT_TIMEOUT_MS - 1);
    expect(task).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    expect(task).toHaveBeenCalledTimes(1);
    raf.mockRestore();
  });

  it('cancel prevents the run', () => {
    const task = vi.fn();
    const cancel = scheduleAfterPaint(task);
    cancel();
    vi.advanceTimersByTime(AFTER_PAINT_TIMEOUT_MS * 2);
    expect(task).not.toHaveBeenCalled();
  });

  it('a throwing task goes to onError', () => {
    const onError = vi.fn();
    scheduleAfterPaint(() => {
      throw new Error('boom');
    }, onError);
    expect(() => vi.advanceTimersByTime(AFTER_PAINT_TIMEOUT_MS)).not.toThrow();
    expect(onError).toHaveBeenCalledTimes(1);
  });
});
