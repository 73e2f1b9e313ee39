import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  EVENT_DEAD_CLICK,
  EVENT_ERROR_CLICK,
  EVENT_RAGE_CLICK,
  EVENT_THRASHED_CURSOR,
  ErrorKind,
  Property,
  frustrationInteractionsPlugin,
  type FrustrationInteractionsOptions,
} from '@sightline/plugin-element-interactions';
import { byId, click, flushMicrotasks, setUpPlugin } from '@sightline/test-utils';

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

async function clicks(
  element: Element,
  count: number,
  gapMs: number,
  at: (index: number) => [number, number] = () => [10, 20],
) {
  for (let index = 0; index < count; index++) {
    const [clientX, clientY] = at(index);
    click(element, { clientX, clientY });
    await flushMicrotasks();
    if (index < count - 1) await vi.advanceTimersByTimeAsync(gapMs);
  }
}

const ofType = (tracked: ReturnType<typeof setUpPlugin>['tracked'], type: string) =>
  tracked.filter((event) => event.eventType === type);

describe('Rage Click', () => {
  it('4 fast clicks give one Rage Click with Click Count 4, 1 s after the last click', async () => {
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

  it('3 clicks give none', async () => {
    const { tracked } = start({ deadClicks: false });
    await clicks(byId('opens'), 3, 100);
    await vi.advanceTimersByTimeAsync(2000);
    expect(tracked).toEqual([]);
  });

  it('clicks spread beyond 50 px are not rage', async () => {
    const { tracked } = start({ deadClicks: false });
    await clicks(byId('app'), 4, 100, (index) => [index * 40, 0]);
    await vi.advanceTimersByTimeAsync(2000);
    expect(tracked).toEqual([]);
  });

  it('clicks on a span and its button count as one element', async () => {
    const { tracked } = start({ deadClicks: false });
    click(byId('noop-label'));
    click(byId('noop'));
    click(byId('noop-label'));
    click(byId('noop'));
    await vi.advanceTimersByTimeAsync(1000);
    expect(ofType(tracked, EVENT_RAGE_CLICK)).toHaveLength(1);
  });

  it('a text selection on the element resets the burst', async () => {
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

  it('rageClicks.cssSelectorAllowlist limits the elements', async () => {
    const { tracked } = start({ deadClicks: false, rageClicks: { cssSelectorAllowlist: ['#plain'] } });
    await clicks(byId('opens'), 4, 50);
    await vi.advanceTimersByTimeAsync(1000);
    await clicks(byId('plain'), 4, 50);
    await vi.advanceTimersByTimeAsync(1000);
    const rage = ofType(tracked, EVENT_RAGE_CLICK);
    expect(rage.map((event) => event.properties[Property.ELEMENT_ID])).toEqual(['plain']);
  });

  it('rageClicks: false turns it off', async () => {
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

describe("Sightline's own UI", () => {
  it('clicks inside data-sightline-ui (the capture preview) make no rage, dead or error click', async () => {
    const { tracked } = start({
      errorClicks: { cssSelectorAllowlist: ['*'] },
      deadClicks: { cssSelectorAllowlist: ['*'] },
    });
    const host = document.createElement('sightline-preview');
    host.setAttribute('data-sightline-ui', 'preview');
    document.body.appendChild(host);
    const inner = host.attachShadow({ mode: 'open' });
    inner.innerHTML = '<button id="inside">Box</button>';
    // A real click is composed: the document sees it, retargeted to the host.
    const inside = inner.getElementById('inside')!;
    for (let index = 0; index < 6; index++) {
      click(inside, { composed: true });
      await vi.advanceTimersByTimeAsync(100);
    }
    window.dispatchEvent(new ErrorEvent('error', { message: 'boom', error: new Error('boom') }));
    await vi.advanceTimersByTimeAsync(5000);
    expect(tracked).toEqual([]);
    await clicks(byId('noop'), 4, 100); // the page itself is still watched
    await vi.advanceTimersByTimeAsync(5000);
    expect(tracked.map((event) => event.eventType)).toContain(EVENT_RAGE_CLICK);
  });
});

describe('Dead Click', () => {
  it('a click with no effect gives a Dead Click after 3 s, with X and Y', async () => {
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

  it('still a Dead Click while a ticking clock elsewhere mutates the DOM', async () => {
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
  ])('%s gives none', async (_name, id, init) => {
    const { tracked } = start({ rageClicks: false });
    byId('new-tab').addEventListener('click', (event) => event.preventDefault());
    click(byId(id), init);
    await flushMicrotasks();
    await vi.advanceTimersByTimeAsync(4000);
    expect(tracked).toEqual([]);
  });

  it('[role=button] is actionable', async () => {
    const { tracked } = start({ rageClicks: false });
    click(byId('role-button'));
    await vi.advanceTimersByTimeAsync(3000);
    expect(tracked.map((event) => event.properties[Property.ELEMENT_ID])).toEqual(['role-button']);
  });

  it.each([
    ['window blur (a native dialog or another window)', () => window.dispatchEvent(new Event('blur'))],
    [
      'page hidden',
      () => {
        Object.defineProperty(document, 'visibilityState', { value: 'hidden', configurable: true });
        document.dispatchEvent(new Event('visibilitychange'));
        delete (document as { visibilityState?: string }).visibilityState;
      },
    ],
    ['pagehide', () => window.dispatchEvent(new Event('pagehide'))],
  ])('%s cancels the candidate', async (_name, happen) => {
    const { tracked } = start({ rageClicks: false });
    click(byId('noop'));
    happen();
    await vi.advanceTimersByTimeAsync(4000);
    expect(tracked).toEqual([]);
  });

  it('deadClicks.cssSelectorAllowlist replaces the default; false turns it off', async () => {
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

describe('frustration options and lifecycle', () => {
  it('with no options both rage and dead clicks are on', async () => {
    const { tracked } = start();
    await clicks(byId('noop'), 4, 100);
    await vi.advanceTimersByTimeAsync(3000);
    const types = tracked.map((event) => event.eventType);
    expect(types.filter((type) => type === EVENT_RAGE_CLICK)).toHaveLength(1);
    expect(types.filter((type) => type === EVENT_DEAD_CLICK)).toHaveLength(4);
  });

  it('excluded pages give nothing', async () => {
    const { tracked } = start({ pageUrlExcludelist: ['http://localhost:3000/app'] });
    await clicks(byId('noop'), 4, 100);
    await vi.advanceTimersByTimeAsync(4000);
    expect(tracked).toEqual([]);
  });

  it('element properties follow the masking rules', async () => {
    document.body.innerHTML = '<div data-amp-mask><button id="secret">Jane Doe</button></div>';
    const { tracked } = start({ rageClicks: false });
    click(byId('secret'));
    await vi.advanceTimersByTimeAsync(3000);
    expect(tracked[0].properties[Property.ELEMENT_TEXT]).toBe('*****');
  });

  it(
    'thrashedCursor: 10 direction changes within 2 s give one Thrashed ' + 'Cursor on the element under the cursor',
    async () => {
      const { tracked } = start({ rageClicks: false, deadClicks: false, thrashedCursor: true });
      const target = byId('noop-label');
      const started = Date.now();
      for (let n = 0; n < 12; n++) {
        target.dispatchEvent(new MouseEvent('mousemove', { bubbles: true, clientX: n % 2 ? 140 : 100, clientY: 50 }));
        await vi.advanceTimersByTimeAsync(100);
      }
      const thrashes = ofType(tracked, EVENT_THRASHED_CURSOR);
      expect(thrashes).toHaveLength(1);
      expect(thrashes[0].time).toBe(started + 200);
      expect(thrashes[0].properties).toMatchObject({
        [Property.BEGIN_TIME]: new Date(started + 200).toISOString(),
        [Property.END_TIME]: new Date(started + 1100).toISOString(),
        [Property.DURATION]: 900,
        [Property.X]: 140,
        [Property.Y]: 50,
        [Property.ELEMENT_TAG]: 'span',
      });
    },
  );

  it.each([
    ['off by default', undefined],
    ['thrashedCursor: false', { thrashedCursor: false }],
    ['a shake slower than threshold', { thrashedCursor: { threshold: 500 } }],
  ])('no Thrashed Cursor: %s', async (_case, options) => {
    const { tracked } = start({ rageClicks: false, deadClicks: false, ...options });
    for (let n = 0; n < 12; n++) {
      byId('plain').dispatchEvent(
        new MouseEvent('mousemove', { bubbles: true, clientX: n % 2 ? 140 : 100, clientY: 50 }),
      );
      await vi.advanceTimersByTimeAsync(100);
    }
    expect(ofType(tracked, EVENT_THRASHED_CURSOR)).toEqual([]);
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

describe('Error Click', () => {
  const errorsOnly = { rageClicks: false, deadClicks: false } as const;
  let consoleSpy: ReturnType<typeof vi.spyOn>;
  beforeEach(() => {
    // Quiet: the page's console.error still reaches this spy through the plugin's wrapper.
    consoleSpy = vi.spyOn(console, 'error').mockImplementation(() => undefined);
  });
  afterEach(() => consoleSpy.mockRestore());

  const uncaught = (init: ErrorEventInit) => window.dispatchEvent(new ErrorEvent('error', init));
  const rejection = (reason: unknown) => {
    const event = new Event('unhandledrejection');
    Object.defineProperty(event, 'reason', { value: reason });
    window.dispatchEvent(event);
  };
  const errorClicks = (tracked: ReturnType<typeof setUpPlugin>['tracked']) => ofType(tracked, EVENT_ERROR_CLICK);

  it('a console.error within 2 s of a click gives one Error Click with the error and the clicked element', async () => {
    const { tracked } = start({ ...errorsOnly, errorClicks: true });
    const clickedAt = Date.now();
    click(byId('noop-label'));
    await vi.advanceTimersByTimeAsync(500);
    console.error('Checkout failed:', new Error('cart is empty'));
    expect(consoleSpy).toHaveBeenCalledTimes(1); // the page's call still happens
    const [event] = errorClicks(tracked);
    expect(errorClicks(tracked)).toHaveLength(1);
    expect(event.time).toBe(clickedAt);
    expect(event.properties).toMatchObject({
      [Property.KIND]: ErrorKind.CONSOLE_ERROR,
      [Property.MESSAGE]: 'Checkout failed: cart is empty',
      [Property.ELEMENT_TAG]: 'button',
      [Property.ELEMENT_TEXT]: 'Does nothing',
    });
    expect(event.properties[Property.STACK]).toContain('cart is empty');
  });

  it('an uncaught exception carries its file, line and column; the file URL is scrubbed', async () => {
    const { tracked } = start({ ...errorsOnly, errorClicks: true });
    click(byId('noop'));
    uncaught({
      message: 'Uncaught TypeError: x is undefined',
      error: new TypeError('x is undefined'),
      filename: 'https://shop.example/app.js?token=s3cr3t',
      lineno: 12,
      colno: 7,
    });
    const [event] = errorClicks(tracked);
    expect(event.properties).toMatchObject({
      [Property.KIND]: ErrorKind.UNCAUGHT_EXCEPTION,
      [Property.MESSAGE]: 'x is undefined',
      [Property.LINE_NUMBER]: 12,
      [Property.COLUMN_NUMBER]: 7,
    });
    expect(event.properties[Property.FILENAME]).not.toContain('s3cr3t');
    expect(event.properties[Property.FILENAME]).toContain('https://shop.example/app.js');
  });

  it('an unhandled rejection counts, with a non-Error reason as its message', async () => {
    const { tracked } = start({ ...errorsOnly, errorClicks: true });
    click(byId('noop'));
    rejection('request timed out');
    expect(errorClicks(tracked)[0].properties).toMatchObject({
      [Property.KIND]: ErrorKind.UNHANDLED_REJECTION,
      [Property.MESSAGE]: 'request timed out',
    });
  });

  it('an email or a card number in the message or the stack is masked', async () => {
    const { tracked } = start({ ...errorsOnly, errorClicks: true });
    click(byId('noop'));
    console.error(new Error('no account for jane.doe@example.com, card 4111 1111 1111 1111'));
    const wire = JSON.stringify(errorClicks(tracked)[0].properties);
    expect(wire).not.toContain('jane.doe@example.com');
    expect(wire).not.toContain('4111 1111 1111 1111');
  });

  it.each([
    [
      'an error more than 2 s after the click',
      async () => {
        click(byId('noop'));
        await vi.advanceTimersByTimeAsync(2001);
        console.error('late');
      },
    ],
    [
      'an error with no click before it',
      async () => {
        console.error('no click');
      },
    ],
    [
      'a click outside the allowlist',
      async () => {
        click(byId('plain'));
        console.error('after a plain div');
      },
    ],
    [
      "the SDK's own log line",
      async () => {
        click(byId('noop'));
        console.error('Sightline:', 'Pipeline failed');
      },
    ],
    [
      'a resource that failed to load (a plain error Event)',
      async () => {
        click(byId('noop'));
        window.dispatchEvent(new Event('error'));
      },
    ],
  ])('no Error Click for %s', async (_case, act) => {
    const { tracked } = start({ ...errorsOnly, errorClicks: true });
    await act();
    expect(errorClicks(tracked)).toEqual([]);
  });

  it('one click gives at most one Error Click however many errors follow', async () => {
    const { tracked } = start({ ...errorsOnly, errorClicks: true });
    click(byId('noop'));
    console.error('first');
    rejection('second');
    expect(errorClicks(tracked)).toHaveLength(1);
    click(byId('noop'));
    console.error('third');
    expect(errorClicks(tracked)).toHaveLength(2);
  });

  it('cssSelectorAllowlist replaces the elements that count', async () => {
    const { tracked } = start({ ...errorsOnly, errorClicks: { cssSelectorAllowlist: ['#plain'] } });
    click(byId('noop'));
    console.error('on a button');
    click(byId('plain'));
    console.error('on the div');
    expect(errorClicks(tracked).map((event) => event.properties[Property.MESSAGE])).toEqual(['on the div']);
  });

  it('error clicks are off unless asked for, and console.error stays untouched', async () => {
    const before = console.error;
    const { tracked } = start();
    expect(console.error).toBe(before);
    click(byId('noop'));
    console.error('boom');
    expect(errorClicks(tracked)).toEqual([]);
  });

  it('teardown restores console.error and stops listening', async () => {
    const before = console.error;
    const { tracked, plugin } = start({ ...errorsOnly, errorClicks: true });
    expect(console.error).not.toBe(before);
    await plugin.teardown?.();
    expect(console.error).toBe(before);
    click(byId('noop'));
    uncaught({ message: 'after teardown', error: new Error('after teardown') });
    expect(errorClicks(tracked)).toEqual([]);
  });

  it('after teardown the wrapper is inert when another script wrapped console.error after it', async () => {
    const { tracked, plugin } = start({ ...errorsOnly, errorClicks: true });
    const ours = console.error;
    const hostSaw: unknown[][] = [];
    // A later script wraps ours; teardown cannot unwrap it without cutting that script off.
    console.error = (...args: unknown[]) => {
      hostSaw.push(args);
      ours(...args);
    };
    click(byId('noop')); // within the error window when the error comes
    await plugin.teardown?.();
    console.error('after teardown');
    expect(errorClicks(tracked)).toEqual([]);
    expect(hostSaw).toEqual([['after teardown']]);
    expect(consoleSpy).toHaveBeenCalledWith('after teardown'); // the page's own console still gets the call
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
