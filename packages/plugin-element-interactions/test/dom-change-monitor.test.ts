import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { acquireDomChangeMonitor } from '../src/dom-change-monitor.js';

const flushMutations = async () => {
  for (let i = 0; i < 3; i++) await Promise.resolve();
  await new Promise((resolve) => setTimeout(resolve, 0));
};

let clock = 0;
const now = () => clock;

/** Every monitor a test acquired, released after it even when it fails (so no observer outlives its test). */
const acquired: Array<ReturnType<typeof acquireDomChangeMonitor>> = [];
const acquire = () => {
  const monitor = acquireDomChangeMonitor(document, { now });
  acquired.push(monitor);
  return monitor;
};

beforeEach(() => {
  clock = 100_000;
  document.body.innerHTML =
    '<div id="clock">0</div><div id="app"><button id="b">Go</button><div id="panel"></div></div>';
});

afterEach(() => {
  for (const monitor of acquired.splice(0)) monitor.release(); // a second release is harmless
  document.body.innerHTML = '';
});

const byId = (id: string) => document.getElementById(id) as HTMLElement;

async function tick(element: HTMLElement, at: number, text: string) {
  clock = at;
  element.textContent = text;
  await flushMutations();
}

describe('DOM change monitor', () => {
  it('a mutation after the click is reported once', async () => {
    const monitor = acquire();
    const onChange = vi.fn();
    monitor.watch({ element: byId('b'), since: clock, onChange });
    clock += 100;
    byId('panel').appendChild(document.createElement('dialog'));
    await flushMutations();
    byId('panel').appendChild(document.createElement('p'));
    await flushMutations();
    expect(onChange).toHaveBeenCalledTimes(1);
  });

  it('a region already changing on its own (a ticking clock) does not count', async () => {
    const monitor = acquire();
    await tick(byId('clock'), 100_000, '1');
    await tick(byId('clock'), 101_000, '2');
    const onChange = vi.fn();
    monitor.watch({ element: byId('b'), since: 101_500, onChange });
    await tick(byId('clock'), 102_000, '3');
    await tick(byId('clock'), 103_000, '4');
    expect(onChange).not.toHaveBeenCalled();
    // ...while a real change elsewhere still counts
    clock = 103_200;
    byId('panel').textContent = 'opened';
    await flushMutations();
    expect(onChange).toHaveBeenCalledTimes(1);
  });

  it('one earlier mutation does not make a region ambient (page load filled it once)', async () => {
    const monitor = acquire();
    await tick(byId('panel'), 100_000, 'loaded');
    const onChange = vi.fn();
    monitor.watch({ element: byId('b'), since: 102_000, onChange });
    await tick(byId('panel'), 102_100, 'response to the click');
    expect(onChange).toHaveBeenCalledTimes(1);
  });

  it('a streak broken by more than 10 s of quiet is forgotten', async () => {
    const monitor = acquire();
    await tick(byId('panel'), 100_000, 'a');
    await tick(byId('panel'), 101_000, 'b');
    const onChange = vi.fn();
    monitor.watch({ element: byId('b'), since: 120_000, onChange });
    await tick(byId('panel'), 120_100, 'c');
    expect(onChange).toHaveBeenCalledTimes(1);
  });

  it('changes inside the clicked element always count, even in an ambient region', async () => {
    const monitor = acquire();
    await tick(byId('b'), 100_000, 'Go 1');
    await tick(byId('b'), 101_000, 'Go 2');
    const onChange = vi.fn();
    monitor.watch({ element: byId('b'), since: 101_500, onChange });
    await tick(byId('b'), 102_000, 'Loading…');
    expect(onChange).toHaveBeenCalledTimes(1);
  });

  it('unwatch and release stop reports; the observer is shared and reference-counted', async () => {
    const first = acquire();
    const second = acquire();
    const a = vi.fn();
    const b = vi.fn();
    const unwatchA = first.watch({ element: byId('b'), since: clock, onChange: a });
    second.watch({ element: byId('b'), since: clock, onChange: b });
    unwatchA();
    first.release();
    first.release(); // twice is harmless
    clock += 10;
    byId('panel').textContent = 'x';
    await flushMutations();
    expect(a).not.toHaveBeenCalled();
    expect(b).toHaveBeenCalledTimes(1);
    second.release();
    const c = vi.fn();
    expect(second.watch({ element: byId('b'), since: clock, onChange: c })).toBeTypeOf('function');
    byId('panel').textContent = 'y';
    await flushMutations();
    expect(c).not.toHaveBeenCalled();
  });

  it('a throwing watcher does not stop the others', async () => {
    const monitor = acquire();
    const ok = vi.fn();
    monitor.watch({
      element: byId('b'),
      since: clock,
      onChange: () => {
        throw new Error('boom');
      },
    });
    monitor.watch({ element: byId('b'), since: clock, onChange: ok });
    byId('panel').textContent = 'z';
    await flushMutations();
    expect(ok).toHaveBeenCalledTimes(1);
  });
});
