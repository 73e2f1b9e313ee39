import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  EVENT_DEAD_CLICK,
  EVENT_RAGE_CLICK,
  Property,
  frustrationInteractionsPlugin,
  type FrustrationInteractionsOptions,
} from '@sightline/plugin-element-interactions';
import { byId, click, flushMicrotasks, setUpPlugin } from './harness';

const PAGE = `
  <div id="app">
    <button id="noop"><span id="noop-label">Does nothing</span></button>
    <button id="opens">Open dialog</button>
    <button id="navigates">Next page</button>
    <div id="role-button" role="button">Role button</div>
    <div id="plain">Plain div</div>
    <a id="new-tab" href="/x" target="_blank"><span id="new-tab-label">New tab</span></a>
    <span id="clock">0</span>
    <div id="dialogs"></div>
  </div>`;

let active: ReturnType<typeof setUpPlugin> | undefined;
function start(options?: FrustrationInteractionsOptions) {
  active = setUpPlugin(frustrationInteractionsPlugin(options));
  return active;
}

beforeEach(() => {
  vi.useFakeTimers();
  vi.setSystemTime(new Date('2024-05-01T10:00:00.000Z'));
  document.body.innerHTML = PAGE;
  history.replaceState(null, '', '/app');
  byId('opens').addEventListener('click', () => byId('dialogs').appendChild(document.createElement('dialog')));
  byId('navigates').addEventListener('click', () => history.pushState(null, '', '/next'));
});

afterEach(async () => {
  await active?.plugin.teardown?.();
  active = undefined;
  vi.useRealTimers();
  document.body.innerHTML = '';
});

async function clicks(element: Element, count: number, gapMs: number, at: (index: number) => [number, number] = () => [10, 20]) {
  for (let index = 0; index < count; index++) {
    const [clientX, clientY] = at(index);
    click(element, { clientX, clientY });
    await flushMicrotasks();
    if (index < count - 1) await vi.advanceTimersByTimeAsync(gapMs);
  }
}

const ofType = (tracked: ReturnType<typeof setUpPlugin>['tracked'], type: string) =>
  tracked.filter((event) => event.eventType === type);

describe('Rage Click (C12, OQ-3)', () => {
  it('OQ-3 4 fast clicks give one Rage Click with Click Count 4, 1 s after the last click', async () => {
    const { tracked } = start({ deadClicks: false });
    const first = Date.now();
    await clicks(byId('opens'), 4, 150, (index) => [100 + index, 200 - index]);
    await vi.advanceTimersByTimeAsync(999);
    expect(ofType(tracked, EVENT_RAGE_CLICK)).toHaveLength(0);
    await vi.advanceTimersByTimeAsync(1);
    const rage = ofType(tracked, EVENT_RAGE_CLICK);
    expect(rage).toHaveLength(1);
    expect(rage[0].time).toBe(first);
    expect(rage[0].properties).toMatchObject({
      [Property.CLICK_COUNT]: 4,
      [Property.DURATION]: 450,
      [Property.BEGIN_TIME]: '2024-05-01T10:00:00.000Z',
      [Property.END_TIME]: '2024-05-01T10:00:00.450Z',
      [Property.CLICKS]: [
        { X: 100, Y: 200, Time: 0 },
        { X: 101, Y: 199, Time: 150 },
        { X: 102, Y: 198, Time: 300 },
        { X: 103, Y: 197, Time: 450 },
      ],
      [Property.ELEMENT_TAG]: 'button',
      [Property.ELEMENT_ID]: 'opens',
      [Property.ELEMENT_TEXT]: 'Open dialog',
      [Property.PAGE_URL]: 'http://localhost:3000/app',
    });
  });

  it('OQ-3 3 clicks give none', async () => {
    const { tracked } = start({ deadClicks: false });
    await clicks(byId('opens'), 3, 100);
    await vi.advanceTimersByTimeAsync(2000);
    expect(tracked).toEqual([]);
  });

  it('OQ-3 clicks spread beyond 50 px are not rage', async () => {
    const { tracked } = start({ deadClicks: false });
    await clicks(byId('app'), 4, 100, (index) => [index * 40, 0]);
    await vi.advanceTimersByTimeAsync(2000);
    expect(tracked).toEqual([]);
  });

  it('OQ-3 clicks on a span and its button count as one element', async () => {
    const { tracked } = start({ deadClicks: false });
    click(byId('noop-label'));
    click(byId('noop'));
    click(byId('noop-label'));
    click(byId('noop'));
    await vi.advanceTimersByTimeAsync(1000);
    expect(ofType(tracked, EVENT_RAGE_CLICK)).toHaveLength(1);
  });

  it('OQ-3 a text selection on the element resets the burst', async () => {
    const { tracked } = start({ deadClicks: false });
    await clicks(byId('plain'), 2, 100);
    const range = document.createRange();
    range.selectNodeContents(byId('plain'));
    window.getSelection()?.addRange(range);
    await clicks(byId('plain'), 2, 100);
    window.getSelection()?.removeAllRanges();
    await clicks(byId('plain'), 2, 100);
    await vi.advanceTimersByTimeAsync(2000);
    expect(tracked).toEqual([]);
  });

  it('B81 rageClicks.cssSelectorAllowlist limits the elements', async () => {
    const { tracked } = start({ deadClicks: false, rageClicks: { cssSelectorAllowlist: ['#plain'] } });
    await clicks(byId('opens'), 4, 50);
    await vi.advanceTimersByTimeAsync(1000);
    await clicks(byId('plain'), 4, 50);
    await vi.advanceTimersByTimeAsync(1000);
    const rage = ofType(tracked, EVENT_RAGE_CLICK);
    expect(rage.map((event) => event.properties[Property.ELEMENT_ID])).toEqual(['plain']);
  });

  it('B81 rageClicks: false turns it off', async () => {
    const { tracked } = start({ rageClicks: false, deadClicks: false });
    await clicks(byId('opens'), 5, 50);
    await vi.advanceTimersByTimeAsync(5000);
    expect(tracked).toEqual([]);
  });

  it('a pending burst is reported on pagehide rather than lost', async () => {
    const { tracked } = start({ deadClicks: false });
    await clicks(byId('opens'), 4, 50);
    window.dispatchEvent(new Event('pagehide'));
    expect(ofType(tracked, EVENT_RAGE_CLICK)).toHaveLength(1);
  });
});

describe('Dead Click (C13, OQ-3)', () => {
  it('OQ-3 a click with no effect gives a Dead Click after 3 s, with X and Y', async () => {
    const { tracked } = start({ rageClicks: false });
    const clickTime = Date.now();
    click(byId('noop-label'), { clientX: 33.4, clientY: 44.6 });
    await vi.advanceTimersByTimeAsync(2999);
    expect(tracked).toEqual([]);
    await vi.advanceTimersByTimeAsync(1);
    expect(tracked).toHaveLength(1);
    expect(tracked[0].eventType).toBe(EVENT_DEAD_CLICK);
    expect(tracked[0].time).toBe(clickTime);
    expect(tracked[0].properties).toMatchObject({
      [Property.X]: 33,
      [Property.Y]: 45,
      [Property.ELEMENT_ID]: 'noop',
      [Property.ELEMENT_TAG]: 'button',
      [Property.ELEMENT_PATH]: 'button#noop',
    });
  });

  it('OQ-3 still a Dead Click while a ticking clock elsewhere mutates the DOM', async () => {
    const { tracked } = start({ rageClicks: false });
    const clock = byId('clock');
    const tick = setInterval(() => {
      clock.textContent = String(Number(clock.textContent) + 1);
    }, 1000);
    await vi.advanceTimersByTimeAsync(2500);
    await flushMicrotasks();
    click(byId('noop'));
    for (let i = 0; i < 4; i++) {
      await vi.advanceTimersByTimeAsync(1000);
      await flushMicrotasks();
    }
    clearInterval(tick);
    expect(ofType(tracked, EVENT_DEAD_CLICK)).toHaveLength(1);
  });

  it.each<[string, string, MouseEventInit]>([
    ['a click that opens a dialog', 'opens', {}],
    ['a click that navigates', 'navigates', {}],
    ['a link that opens a new tab', 'new-tab-label', {}],
    ['a non-actionable element', 'plain', {}],
    ['a secondary-button click', 'noop', { button: 2 }],
  ])('OQ-3 %s gives none', async (_name, id, init) => {
    const { tracked } = start({ rageClicks: false });
    byId('new-tab').addEventListener('click', (event) => event.preventDefault());
    click(byId(id), init);
    await flushMicrotasks();
    await vi.advanceTimersByTimeAsync(4000);
    expect(tracked).toEqual([]);
  });

  it('OQ-3 [role=button] is actionable', async () => {
    const { tracked } = start({ rageClicks: false });
    click(byId('role-button'));
    await vi.advanceTimersByTimeAsync(3000);
    expect(tracked.map((event) => event.properties[Property.ELEMENT_ID])).toEqual(['role-button']);
  });

  it.each([
    ['window blur (a native dialog or another window)', () => window.dispatchEvent(new Event('blur'))],
    ['page hidden', () => {
      Object.defineProperty(document, 'visibilityState', { value: 'hidden', configurable: true });
      document.dispatchEvent(new Event('visibilitychange'));
      delete (document as { visibilityState?: string }).visibilityState;
    }],
    ['pagehide', () => window.dispatchEvent(new Event('pagehide'))],
  ])('OQ-3 %s cancels the candidate', async (_name, happen) => {
    const { tracked } = start({ rageClicks: false });
    click(byId('noop'));
    happen();
    await vi.advanceTimersByTimeAsync(4000);
    expect(tracked).toEqual([]);
  });

  it('B82 deadClicks.cssSelectorAllowlist replaces the default; false turns it off', async () => {
    const custom = start({ rageClicks: false, deadClicks: { cssSelectorAllowlist: ['#plain'] } });
    click(byId('noop'));
    click(byId('plain'));
    await vi.advanceTimersByTimeAsync(3000);
    expect(custom.tracked.map((event) => event.properties[Property.ELEMENT_ID])).toEqual(['plain']);
    await active?.plugin.teardown?.();
    const off = start({ rageClicks: false, deadClicks: false });
    click(byId('noop'));
    await vi.advanceTimersByTimeAsync(3000);
    expect(off.tracked).toEqual([]);
  });
});

describe('frustration options and lifecycle (B80, B72)', () => {
  it('B80 with no options both rage and dead clicks are on', async () => {
    const { tracked } = start();
    await clicks(byId('noop'), 4, 100);
    await vi.advanceTimersByTimeAsync(3000);
    const types = tracked.map((event) => event.eventType);
    expect(types.filter((type) => type === EVENT_RAGE_CLICK)).toHaveLength(1);
    expect(types.filter((type) => type === EVENT_DEAD_CLICK)).toHaveLength(4);
  });

  it('B72 excluded pages give nothing', async () => {
    const { tracked } = start({ pageUrlExcludelist: ['http://localhost:3000/app'] });
    await clicks(byId('noop'), 4, 100);
    await vi.advanceTimersByTimeAsync(4000);
    expect(tracked).toEqual([]);
  });

  it('D06 element properties follow the masking rules', async () => {
    document.body.innerHTML = '<div data-amp-mask><button id="secret">Jane Doe</button></div>';
    const { tracked } = start({ rageClicks: false });
    click(byId('secret'));
    await vi.advanceTimersByTimeAsync(3000);
    expect(tracked[0].properties[Property.ELEMENT_TEXT]).toBe('*****');
  });

  it('B83/B84 errorClicks and thrashedCursor are accepted and ignored', () => {
    const { logger } = start({ errorClicks: true, thrashedCursor: { directionChanges: 5 } });
    expect(logger.debug).toHaveBeenCalled();
  });

  it('teardown stops listening and drops pending dead clicks', async () => {
    const { tracked, plugin } = start({ rageClicks: false });
    click(byId('noop'));
    await plugin.teardown?.();
    click(byId('noop'));
    await vi.advanceTimersByTimeAsync(4000);
    expect(tracked).toEqual([]);
  });

  it('a throwing client is logged, not thrown', async () => {
    const { client, logger } = start({ rageClicks: false });
    (client.track as ReturnType<typeof vi.fn>).mockImplementation(() => {
      throw new Error('broken');
    });
    click(byId('noop'));
    await vi.advanceTimersByTimeAsync(3000);
    expect(logger.error).toHaveBeenCalled();
  });
});

describe('without MutationObserver', () => {
  it('reports no dead clicks rather than calling every click dead', async () => {
    const original = globalThis.MutationObserver;
    // @ts-expect-error simulating an environment without the API
    delete globalThis.MutationObserver;
    try {
      const { tracked } = start({ rageClicks: false });
      click(byId('noop'));
      await vi.advanceTimersByTimeAsync(4000);
      expect(tracked).toEqual([]);
    } finally {
      globalThis.MutationObserver = original;
    }
  });
});
