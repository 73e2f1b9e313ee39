import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  DEFAULT_CSS_SELECTOR_ALLOWLIST,
  EVENT_ELEMENT_CHANGED,
  EVENT_ELEMENT_CLICKED,
  Property,
  elementInteractionsPlugin,
  type ElementInteractionsOptions,
} from '@sightline/plugin-element-interactions';
import type { TrackingClient } from '@sightline/core';
import {
  afterPaint,
  badInput,
  byId,
  change,
  click,
  createTestClient,
  flushMicrotasks,
  resolvedConfig,
  settle,
  setUpPlugin,
  silentLogger,
} from '@sightline/test-utils';

const PAGE = `
  <title>Shop</title>
  <div id="app">
    <section class="plans"><h2>Pro plan</h2>
      <button class="buy primary" aria-label="Buy pro" data-amp-track-plan="pro" id="buy"><span
        id="buy-label">Buy now</span></button>
    </section>
    <div id="card">Card</div>
    <div id="panel"></div>
    <span id="clock">0</span>
    <a id="link" href="https://user:pw@shop.example/checkout?token=abc&plan=pro">Checkout</a>
    <form id="form">
      <input id="email" type="email" name="email" class="field" placeholder="you@example.com">
      <input id="password" type="password" name="pw" class="field">
      <input id="card-number" name="cc" class="field">
      <select id="plan" name="plan"><option>Pro</option><option>Free</option></select>
    </form>
    <div data-amp-mask><button id="masked">John Smith</button></div>
    <p id="track-me" class="track-me">Plain paragraph</p>
  </div>`;

let active: ReturnType<typeof setUpPlugin> | undefined;
function start(options?: ElementInteractionsOptions) {
  active = setUpPlugin(elementInteractionsPlugin(options));
  return active;
}

beforeEach(() => {
  vi.useFakeTimers();
  vi.setSystemTime(new Date('2024-05-01T10:00:00.000Z'));
  document.head.innerHTML = '<title>Shop</title>';
  document.body.innerHTML = PAGE;
  history.replaceState(null, '', '/shop?session=s3cr3t#top');
});

afterEach(async () => {
  await active?.plugin.teardown?.();
  active = undefined;
  vi.useRealTimers();
  document.body.innerHTML = '';
});

describe('Element Clicked', () => {
  it('a click on a span inside a button gives one event for the button, after paint', async () => {
    const { tracked, client } = start();
    const clickTime = Date.now();
    click(byId('buy-label'), { clientX: 5, clientY: 6 });
    expect(client.track).not.toHaveBeenCalled(); // nothing heavy inside the listener
    await afterPaint();
    expect(tracked).toHaveLength(1);
    const [event] = tracked;
    expect(event.eventType).toBe(EVENT_ELEMENT_CLICKED);
    expect(event.time).toBe(clickTime);
    expect(event.properties).toMatchObject({
      [Property.ELEMENT_ID]: 'buy',
      [Property.ELEMENT_CLASS]: 'buy primary',
      [Property.ELEMENT_TAG]: 'button',
      [Property.ELEMENT_TEXT]: 'Buy now',
      [Property.ELEMENT_ARIA_LABEL]: 'Buy pro',
      [Property.ELEMENT_PARENT_LABEL]: 'Pro plan',
      [Property.ELEMENT_PATH]: 'button#buy',
      [Property.ELEMENT_SELECTOR]: 'button#buy',
      [Property.ELEMENT_ATTRIBUTES]: { plan: 'pro' },
      [Property.PAGE_URL]: 'http://localhost:3000/shop',
      [Property.PAGE_TITLE]: 'Shop',
      [Property.VIEWPORT_WIDTH]: window.innerWidth,
      [Property.VIEWPORT_HEIGHT]: window.innerHeight,
      [Property.ELEMENT_POSITION_LEFT]: expect.any(Number),
      [Property.ELEMENT_POSITION_TOP]: expect.any(Number),
    });
    const hierarchy = event.properties[Property.ELEMENT_HIERARCHY] as Array<{ tag: string }>;
    expect(hierarchy.map((node) => node.tag)).toEqual(['button', 'section', 'div', 'body']);
    expect(event.properties).not.toHaveProperty(Property.ELEMENT_HREF);
  });

  it('link href is scrubbed and the page URL loses its query', async () => {
    const { tracked } = start();
    byId('link').addEventListener('click', (event) => event.preventDefault());
    click(byId('link'));
    await afterPaint();
    expect(tracked[0].properties[Property.ELEMENT_HREF]).toBe('https://shop.example/checkout?token=*****&plan=pro');
    expect(tracked[0].properties[Property.ELEMENT_TEXT]).toBe('Checkout');
    expect(JSON.stringify(tracked)).not.toContain('s3cr3t');
  });

  it('a click inside a data-amp-mask region is tracked with text *****', async () => {
    const { tracked } = start();
    click(byId('masked'));
    await afterPaint();
    expect(tracked[0].properties[Property.ELEMENT_TEXT]).toBe('*****');
    expect(JSON.stringify(tracked)).not.toContain('John');
  });

  it('a click on nothing trackable gives nothing', async () => {
    const { tracked } = start();
    click(document.body);
    click(byId('track-me'));
    await vi.advanceTimersByTimeAsync(1000);
    expect(tracked).toEqual([]);
  });

  it("Sightline's own UI (data-sightline-ui, e.g. the capture preview in a shadow root) is never captured", async () => {
    const { tracked } = start({ cssSelectorAllowlist: ['*'], actionClickAllowlist: ['*'] });
    const host = document.createElement('sightline-preview');
    host.setAttribute('data-sightline-ui', 'preview');
    document.body.appendChild(host);
    const inner = host.attachShadow({ mode: 'open' });
    inner.innerHTML = '<button id="inside">Close</button><div id="inside-div">Box</div>';
    // A real click is composed: the document sees it, retargeted to the host.
    click(inner.getElementById('inside')!, { composed: true });
    click(inner.getElementById('inside-div')!, { composed: true });
    click(host);
    await vi.advanceTimersByTimeAsync(1000);
    expect(tracked).toEqual([]);
    click(byId('track-me')); // the same allowlist still captures the page
    await afterPaint();
    expect(tracked.map((event) => event.properties[Property.ELEMENT_TAG])).toEqual(['p']);
  });

  it('cssSelectorAllowlist replaces the default', async () => {
    const { tracked } = start({ cssSelectorAllowlist: ['.track-me'] });
    click(byId('buy'));
    click(byId('track-me'));
    await afterPaint();
    expect(tracked.map((event) => event.properties[Property.ELEMENT_TAG])).toEqual(['p']);
  });

  it('spreading the exported default keeps it', async () => {
    const { tracked } = start({ cssSelectorAllowlist: [...DEFAULT_CSS_SELECTOR_ALLOWLIST, '.track-me'] });
    click(byId('buy'));
    click(byId('track-me'));
    await afterPaint();
    expect(tracked.map((event) => event.properties[Property.ELEMENT_TAG])).toEqual(['button', 'p']);
  });

  it('invalid selectors are logged and dropped; a non-array falls back to the default', async () => {
    const { tracked, logger } = start({ cssSelectorAllowlist: ['button', '[[nope', 42 as unknown as string] });
    click(byId('buy'));
    await afterPaint();
    expect(tracked).toHaveLength(1);
    expect(logger.warn).toHaveBeenCalledTimes(2);
    await active?.plugin.teardown?.();
    const second = start({ cssSelectorAllowlist: 'button' as unknown as string[] });
    click(byId('buy'));
    await afterPaint();
    expect(second.tracked).toHaveLength(1);
    expect(second.logger.warn).toHaveBeenCalled();
  });
});

describe('action clicks', () => {
  it('a div click that changes the DOM within 500 ms is tracked, with the click time', async () => {
    const { tracked } = start();
    const clickTime = Date.now();
    byId('card').addEventListener('click', () => {
      setTimeout(() => byId('panel').appendChild(document.createElement('dialog')), 200);
    });
    click(byId('card'));
    await vi.advanceTimersByTimeAsync(200);
    await flushMicrotasks();
    await afterPaint();
    expect(tracked).toHaveLength(1);
    expect(tracked[0].time).toBe(clickTime);
    expect(tracked[0].properties[Property.ELEMENT_TAG]).toBe('div');
    expect(tracked[0].properties[Property.ELEMENT_TEXT]).toBe('Card');
  });

  it('a div click with no effect, or an effect after 500 ms, is not tracked', async () => {
    const { tracked } = start();
    byId('card').addEventListener('click', () => {
      setTimeout(() => byId('panel').appendChild(document.createElement('p')), 600);
    });
    click(byId('card'));
    await vi.advanceTimersByTimeAsync(1000);
    await flushMicrotasks();
    expect(tracked).toEqual([]);
  });

  it('a div click that navigates (SPA) is tracked', async () => {
    const { tracked } = start();
    byId('card').addEventListener('click', () => history.pushState(null, '', '/card'));
    click(byId('card'));
    await afterPaint();
    expect(tracked).toHaveLength(1);
    expect(tracked[0].properties[Property.PAGE_URL]).toBe('http://localhost:3000/shop');
  });

  it('a ticking clock elsewhere does not turn every div click into an event', async () => {
    const { tracked } = start();
    const clock = byId('clock');
    for (let second = 1; second <= 3; second++) {
      clock.textContent = String(second);
      await flushMicrotasks();
      await vi.advanceTimersByTimeAsync(1000);
    }
    click(byId('card'));
    clock.textContent = '4';
    await flushMicrotasks();
    await vi.advanceTimersByTimeAsync(600);
    expect(tracked).toEqual([]);
  });

  it('text highlighting is not a click', async () => {
    const { tracked } = start();
    byId('card').addEventListener('click', () => byId('panel').appendChild(document.createElement('p')));
    const range = document.createRange();
    range.selectNodeContents(byId('card'));
    const selection = window.getSelection();
    selection?.removeAllRanges();
    selection?.addRange(range);
    click(byId('card'));
    await flushMicrotasks();
    await afterPaint();
    selection?.removeAllRanges();
    expect(tracked).toEqual([]);
  });

  it('actionClickAllowlist is configurable; [] turns action clicks off', async () => {
    const paragraph = start({ actionClickAllowlist: ['p'] });
    byId('track-me').addEventListener('click', () => byId('panel').appendChild(document.createElement('i')));
    click(byId('track-me'));
    await flushMicrotasks();
    await afterPaint();
    expect(paragraph.tracked).toHaveLength(1);
    await active?.plugin.teardown?.();
    const none = start({ actionClickAllowlist: [] });
    byId('card').addEventListener('click', () => byId('panel').appendChild(document.createElement('i')));
    click(byId('card'));
    await flushMicrotasks();
    await afterPaint();
    expect(none.tracked).toEqual([]);
  });
});

describe('Element Changed', () => {
  it('carries element properties but never a value, text or href', async () => {
    const { tracked } = start();
    const fields: Array<[string, string]> = [
      ['email', 'secret-person@example.com'],
      ['password', 'hunter2-secret'],
      ['card-number', '4111 1111 1111 1111'],
    ];
    for (const [id, value] of fields) {
      byId<HTMLInputElement>(id).value = value;
      change(byId(id));
    }
    byId<HTMLSelectElement>('plan').value = 'Free';
    change(byId('plan'));
    await afterPaint();
    expect(tracked.map((event) => event.eventType)).toEqual(Array(4).fill(EVENT_ELEMENT_CHANGED));
    const body = JSON.stringify(tracked);
    for (const secret of ['secret-person', 'hunter2', '4111 1111', '4111111111111111', 'Free', 'you@example.com'])
      expect(body).not.toContain(secret);
    for (const event of tracked) {
      expect(event.properties).not.toHaveProperty(Property.ELEMENT_TEXT);
      expect(event.properties).not.toHaveProperty(Property.ELEMENT_HREF);
    }
    expect(tracked[0].properties).toMatchObject({
      [Property.ELEMENT_ID]: 'email',
      [Property.ELEMENT_CLASS]: 'field',
      [Property.ELEMENT_TAG]: 'input',
      [Property.ELEMENT_PATH]: 'input#email',
    });
    const [passwordNode] = tracked[1].properties[Property.ELEMENT_HIERARCHY] as Array<Record<string, unknown>>;
    expect(passwordNode).not.toHaveProperty('attrs');
    const [emailNode] = tracked[0].properties[Property.ELEMENT_HIERARCHY] as Array<{ attrs: Record<string, string> }>;
    expect(emailNode.attrs).toEqual({ type: 'email' });
  });

  it('a change outside the allowlist is ignored', async () => {
    const { tracked } = start();
    change(byId('card'));
    await afterPaint();
    expect(tracked).toEqual([]);
  });
});

describe('page URL lists, resolver, data attributes, masking options', () => {
  it.each<[string, ElementInteractionsOptions, number]>([
    ['no lists', {}, 1],
    ['allowlisted glob', { pageUrlAllowlist: ['http://localhost:3000/shop*'] }, 1],
    ['allowlisted RegExp', { pageUrlAllowlist: [/\/shop/] }, 1],
    ['not allowlisted', { pageUrlAllowlist: ['http://localhost:3000/blog*'] }, 0],
    ['excluded', { pageUrlExcludelist: [/\/shop/] }, 0],
    ['exclude wins over allow', { pageUrlAllowlist: [/shop/], pageUrlExcludelist: [/shop/] }, 0],
  ])('%s', async (_name, options, expected) => {
    const { tracked } = start(options);
    click(byId('buy'));
    await afterPaint();
    expect(tracked).toHaveLength(expected);
  });

  it('shouldTrackEventResolver decides instead of the allowlists', async () => {
    const resolver = vi.fn((actionType: string, element: Element) => actionType === 'click' && element.id !== 'buy');
    const { tracked } = start({ shouldTrackEventResolver: resolver });
    click(byId('buy-label'));
    click(byId('track-me'));
    change(byId('email'));
    await afterPaint();
    // The closest allowlisted element, else the clicked element itself.
    expect(resolver.mock.calls.map(([type, element]) => [type, element.id])).toEqual([
      ['click', 'buy'],
      ['click', 'track-me'],
      ['change', 'email'],
    ]);
    expect(tracked.map((event) => event.properties[Property.ELEMENT_ID])).toEqual(['track-me']);
  });

  it('a throwing resolver is logged and the interaction is not tracked', async () => {
    const { tracked, logger } = start({
      shouldTrackEventResolver: () => {
        throw new Error('app bug');
      },
    });
    expect(() => click(byId('buy'))).not.toThrow();
    await afterPaint();
    expect(tracked).toEqual([]);
    expect(logger.warn).toHaveBeenCalled();
  });

  it.each<[string, ElementInteractionsOptions['dataAttributePrefix'], unknown]>([
    ['default prefix', undefined, { plan: 'pro' }],
    ['custom prefix', 'data-amp-', { 'track-plan': 'pro' }],
    ['RegExp prefix', /^data-amp-track-/, { plan: 'pro' }],
    ['no match', 'data-nothing-', undefined],
  ])('%s', async (_name, dataAttributePrefix, expected) => {
    const { tracked } = start({ dataAttributePrefix });
    click(byId('buy'));
    await afterPaint();
    expect(tracked[0].properties[Property.ELEMENT_ATTRIBUTES]).toEqual(expected);
  });

  it('maskTextRegex masks text; privacyLevel conservative drops text and labels', async () => {
    const masked = start({ maskTextRegex: ['Buy\\s+now'] });
    click(byId('buy'));
    await afterPaint();
    expect(masked.tracked[0].properties[Property.ELEMENT_TEXT]).toBe('*****');
    await active?.plugin.teardown?.();
    const conservative = start({ privacyLevel: 'conservative' });
    click(byId('buy'));
    await afterPaint();
    expect(conservative.tracked[0].properties).not.toHaveProperty(Property.ELEMENT_TEXT);
    expect(conservative.tracked[0].properties).not.toHaveProperty(Property.ELEMENT_PARENT_LABEL);
    expect(conservative.tracked[0].properties[Property.ELEMENT_ARIA_LABEL]).toBe('*****');
  });

  it('bad privacyLevel and maskTextRegex entries are logged, defaults used', async () => {
    const { tracked, logger } = start({ privacyLevel: 'strict' as never, maskTextRegex: ['(bad'] });
    click(byId('buy'));
    await afterPaint();
    expect(tracked[0].properties[Property.ELEMENT_TEXT]).toBe('Buy now');
    expect(logger.warn).toHaveBeenCalledTimes(2);
  });
});

describe('lifecycle', () => {
  it('teardown removes the listeners and runs pending work', async () => {
    const { tracked, plugin } = start();
    click(byId('buy'));
    await plugin.teardown?.();
    expect(tracked).toHaveLength(1); // flushed, not lost
    click(byId('buy'));
    await vi.advanceTimersByTimeAsync(1000);
    expect(tracked).toHaveLength(1);
  });

  it('pagehide runs deferred work at once, so a navigating click is not lost', () => {
    const { tracked } = start();
    click(byId('buy'));
    expect(tracked).toHaveLength(0);
    window.dispatchEvent(new Event('pagehide'));
    expect(tracked).toHaveLength(1);
  });

  it('a track that throws is logged, the page keeps going', async () => {
    const { client, logger } = start();
    (client.track as ReturnType<typeof vi.fn>).mockImplementation(() => {
      throw new Error('client broken');
    });
    click(byId('buy'));
    await afterPaint();
    expect(logger.error).toHaveBeenCalled();
  });

  it('without a client it sets up nothing (no listener, no observer) and does not throw', () => {
    const listeners = [document, window, EventTarget.prototype].map((target) => vi.spyOn(target, 'addEventListener'));
    const observe = vi.spyOn(MutationObserver.prototype, 'observe');
    const logger = silentLogger();
    const plugin = elementInteractionsPlugin();
    try {
      const config = resolvedConfig({ loggerProvider: logger });
      expect(() => plugin.setup?.(config, badInput<TrackingClient>(undefined))).not.toThrow();
      for (const listener of listeners) expect(listener).not.toHaveBeenCalled();
      expect(observe).not.toHaveBeenCalled();
      expect(logger.debug).toHaveBeenCalledWith(expect.stringContaining('nothing to capture'));
      expect(() => plugin.teardown?.()).not.toThrow();
    } finally {
      for (const spy of [...listeners, observe]) spy.mockRestore();
    }
  });

  it('execute passes events through untouched', () => {
    const event = { event_type: 'x' };
    expect(elementInteractionsPlugin().execute?.(event)).toBe(event);
  });
});

describe('ancestors read once while the document is unchanged', () => {
  type Node = { tag: string; classes?: string[]; attrs?: Record<string, string> };
  const hierarchyOf = (event: { properties: Record<string, unknown> }) =>
    event.properties[Property.ELEMENT_HIERARCHY] as Node[];

  it('a change made just before the next click is in its event, even before the observer hears of it', async () => {
    const { tracked } = start();
    click(byId('buy'));
    await afterPaint();
    const section = document.querySelector('section.plans')!;
    section.className = 'plans promo';
    section.setAttribute('data-amp-mask-attributes', 'aria-label');
    // The same task as the change: pagehide runs the deferred work before mutation records are delivered.
    click(byId('buy'));
    window.dispatchEvent(new Event('pagehide'));
    expect(tracked).toHaveLength(2);
    const [before, after] = tracked.map(hierarchyOf);
    expect(before[0].attrs).toMatchObject({ 'aria-label': 'Buy pro' });
    expect(after[0].attrs).toMatchObject({ 'aria-label': '*****' });
    expect(after[1].classes).toEqual(['plans', 'promo']);
    expect(after[1].attrs).toEqual({ 'data-amp-mask-attributes': 'aria-label' });
  });

  it('each event has its own hierarchy: changing one changes no other', async () => {
    const { tracked } = start();
    click(byId('buy-label'));
    await afterPaint();
    click(byId('buy'));
    await afterPaint();
    const [first, second] = tracked.map(hierarchyOf);
    first[0].classes!.push('changed');
    first[1].tag = 'changed';
    expect(second[0].classes).toEqual(['buy', 'primary']);
    expect(second[1].tag).toBe('section');
  });
});

describe('with the core client', () => {
  it('the event reaches the destination with the click time', async () => {
    vi.useRealTimers();
    const { client, destination, logger } = createTestClient({ plugins: [elementInteractionsPlugin()] });
    await client.init('api-key-0123456789', null, { loggerProvider: logger }).promise;
    click(byId('buy'));
    await new Promise((resolve) => setTimeout(resolve, 250));
    await settle();
    const clicked = destination.events.filter((event) => event.event_type === EVENT_ELEMENT_CLICKED);
    expect(clicked).toHaveLength(1);
    expect(clicked[0].event_properties?.[Property.ELEMENT_PATH]).toBe('button#buy');
  });
});
