import { describe, expect, it, vi } from 'vitest';
import { createPageLifecycle } from '../src/delivery/page-lifecycle.js';

const setVisibility = (state: 'visible' | 'hidden') => {
  Object.defineProperty(document, 'visibilityState', { value: state, configurable: true });
  document.dispatchEvent(new Event('visibilitychange'));
};

describe('page lifecycle (page-exit delivery)', () => {
  it('reports hidden on visibilitychange and pagehide, visible again when the page returns', () => {
    setVisibility('visible');
    const lifecycle = createPageLifecycle()!;
    const listener = { onHidden: vi.fn(), onVisible: vi.fn() };
    const stop = lifecycle.subscribe(listener);
    expect(lifecycle.isHidden()).toBe(false);
    setVisibility('hidden');
    expect(lifecycle.isHidden()).toBe(true);
    expect(listener.onHidden).toHaveBeenCalledTimes(1);
    setVisibility('visible');
    expect(lifecycle.isHidden()).toBe(false);
    expect(listener.onVisible).toHaveBeenCalledTimes(1);
    window.dispatchEvent(new Event('pagehide'));
    expect(lifecycle.isHidden()).toBe(true);
    expect(listener.onHidden).toHaveBeenCalledTimes(2);
    stop();
    setVisibility('hidden');
    expect(listener.onHidden).toHaveBeenCalledTimes(2);
    setVisibility('visible');
  });
});
