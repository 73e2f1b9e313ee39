// Element interactions, masking, rage and dead clicks in real Chromium: the IIFE bundle against the collector.
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { bundlePage } from './support/fixtures.js';
import { useBrowserSuite } from './support/browser-suite.js';

const API_KEY = 'e2e-element-interactions-key';
const CLICKED = '[Amplitude] Element Clicked';
const CHANGED = '[Amplitude] Element Changed';
const RAGE = '[Amplitude] Rage Click';
const DEAD = '[Amplitude] Dead Click';
const ERROR_CLICK = '[Amplitude] Error Click';
const THRASHED = '[Amplitude] Thrashed Cursor';
const FORM_SUBMITTED = '[Amplitude] Form Submitted';
const PAGE_VIEWED = '[Amplitude] Page Viewed';
const P = {
  id: '[Amplitude] Element ID',
  className: '[Amplitude] Element Class',
  tag: '[Amplitude] Element Tag',
  text: '[Amplitude] Element Text',
  href: '[Amplitude] Element Href',
  left: '[Amplitude] Element Position Left',
  top: '[Amplitude] Element Position Top',
  viewportHeight: '[Amplitude] Viewport Height',
  viewportWidth: '[Amplitude] Viewport Width',
  pageUrl: '[Amplitude] Page URL',
  pageTitle: '[Amplitude] Page Title',
  selector: '[Amplitude] Element Selector',
  path: '[Amplitude] Element Path',
  hierarchy: '[Amplitude] Element Hierarchy',
  attributes: '[Amplitude] Element Attributes',
  ariaLabel: '[Amplitude] Element Aria Label',
  parentLabel: '[Amplitude] Element Parent Label',
  clickCount: '[Amplitude] Click Count',
  clicks: '[Amplitude] Clicks',
  duration: '[Amplitude] Duration',
  x: '[Amplitude] X',
  y: '[Amplitude] Y',
} as const;
const MASK = '*****';

/** What the user types: none of it may ever reach the wire. */
const TYPED = {
  nickname: 'Zx7-SECRET-nickname-Qv',
  email: 'zelda.quux@example.org',
  password: 'Pw-Hunter2-Zq9!',
  card: '4111 1111 1111 1111',
};
/** Secrets written into the page itself: a hidden field, masked text and attributes, visible text patterns. */
const PAGE_SECRETS = [
  'csrf-Zq81-hidden',
  'Ottoline',
  'Brackenbury',
  'cust-Ottoline-771',
  '4000 0566 5566 5556',
  '4000056655665556',
  'billing.desk',
  'tok-Zq77Secret',
];

/** The app: nested buttons and spans, masked regions, a form, a link, a ticking clock and a dialog. */
const APP_MARKUP = `
<main>
  <h1>Plans</h1>
  <section class="card">
    <h2>Free</h2>
    <div class="actions"><button class="btn" type="button">Details</button></div>
  </section>
  <section class="card">
    <h2>Pro</h2>
    <div class="note">Billed monthly</div>
    <div class="actions">
      <button class="btn" type="button">Details</button>
      <button class="btn buy" type="button" aria-label="Buy the pro plan" data-amp-track-plan="pro"><span
        class="icon">+</span> <span class="label">Buy <b>pro</b></span></button>
    </div>
  </section>
</main>
<aside class="account" data-amp-mask>
  <h2>Signed in as Ottoline Brackenbury</h2>
  <button class="btn" type="button" id="account-menu"><span>Ottoline's account</span></button>
</aside>
<div class="owner" data-amp-mask-attributes="title,aria-label,data-amp-track-customer">
  <button class="btn" type="button" id="owner-menu" title="Owner Ottoline" aria-label="Menu of Ottoline"
    data-amp-track-customer="cust-Ottoline-771">Owner menu</button>
</div>
<p><button class="btn" type="button" id="pay">Pay with 4000 0566 5566 5556 or mail billing.desk@example.net</button></p>
<form id="signup" method="post" action="/thanks.html">
  <label>Nickname <input type="text" name="nickname" id="nickname"></label>
  <label>Email <input type="email" name="email" id="email"></label>
  <label>Password <input type="password" name="password" id="password"></label>
  <label>Card <input type="text" name="card" id="card" autocomplete="cc-number" inputmode="numeric"></label>
  <input type="hidden" name="csrf" value="csrf-Zq81-hidden">
  <button type="submit" id="submit" data-amp-track-step="signup-step-3">Sign up</button>
</form>
<nav><a href="/next.html?token=tok-Zq77Secret&amp;ref=menu">Continue</a></nav>
<div class="frustration">
  <span id="clock">0</span>
  <button type="button" id="inert">Does nothing</button>
  <button type="button" id="open-dialog">Open dialog</button>
  <button type="button" id="counter">Clicked 0</button>
  <dialog id="dialog"><p>Hello</p></dialog>
</div>
<script>
  // A clock elsewhere on the page mutates the DOM on its own, before and after every click.
  window.ticks = 0;
  setInterval(() => { document.getElementById('clock').textContent = String(++window.ticks); }, 200);
  document.getElementById('open-dialog').addEventListener('click', () => document.getElementById('dialog').showModal());
  let count = 0;
  document.getElementById('counter').addEventListener('click', (event) => { event.currentTarget.textContent = 'Clicked ' + ++count; });
</script>`;

/** Option pages keep their elements directly under <body>: a wrapping <div> would be an action-click candidate. */
const LISTS_MARKUP = `<button type="button" id="btn">Clicked 0</button>
<script>let n = 0; document.getElementById('btn').addEventListener('click', (e) => { e.currentTarget.textContent = 'Clicked ' + ++n; });</script>`;
const ALLOWLIST_MARKUP = `<button class="tracked" type="button" id="in-list">Tracked</button>
<button type="button" id="out-list">Not tracked</button>
<a id="link-out" href="#elsewhere">Link</a>`;
const RESOLVER_MARKUP = `<div id="card-div">A card</div>
<button type="button" id="plain"><span id="plain-label">Plain</span></button>
<input type="text" id="field">`;
/** Buttons whose handlers fail in each of the three ways an Error Click counts, and one that works. */
const ERRORS_MARKUP = `<button type="button" id="throws">Pay now</button>
<button type="button" id="rejects">Save</button>
<button type="button" id="logs">Look up</button>
<button type="button" id="fine">Fine</button>
<script>
  document.getElementById('throws').addEventListener('click', () => { throw new TypeError('total is undefined'); });
  document.getElementById('rejects').addEventListener('click', () => { Promise.reject(new Error('save failed')); });
  document.getElementById('logs').addEventListener('click', () => { console.error('no account for zoe.q@example.com'); });
</script>`;
/** Forty distinct buttons: a measured click is a first click (no rage burst growing across the loop). */
const PERF_MARKUP = Array.from(
  { length: 40 },
  (_, n) => `<button type="button" class="perf"><span>Measure ${n}</span></button>`,
).join('\n');

declare const sightline: { getDeviceId(): string; track(type: string, props?: object): unknown };
type Received = { event_type: string; device_id: string; time: number; event_properties: Record<string, unknown> };

/** The bundle and an inline init (function and RegExp options cannot travel as JSON). */
const appPage = (markup: string, autocapture: string): string => {
  const html = bundlePage(`
    sightline.init('${API_KEY}', {
      serverUrl: '${suite.collector.ingestUrl}',
      flushIntervalMillis: 50,
      autocapture: ${autocapture},
    });`);
  const withMarkup = html.replace('<h1>Sightline test page</h1>', markup);
  if (withMarkup === html) throw new Error('bundlePage changed: the markup placeholder is gone');
  return withMarkup;
};

const suite = useBrowserSuite({
  addPages: ({ pages }) => {
    const full = '{ elementInteractions: true, frustrationInteractions: true }';
    pages.setPage('/app.html', appPage(APP_MARKUP, full));
    pages.setPage('/thanks.html', appPage('<p>Thanks</p>', full));
    pages.setPage('/next.html', appPage('<p>Next</p>', full));
    const lists = appPage(
      LISTS_MARKUP,
      `{
        elementInteractions: { pageUrlAllowlist: [new RegExp('/lists\\\\.html'), '*/glob-*.html'], pageUrlExcludelist: [/[?&]private=1/] },
        frustrationInteractions: { pageUrlExcludelist: [/[?&]private=1/] },
      }`,
    );
    for (const path of ['/lists.html', '/glob-lists.html', '/unlisted.html']) pages.setPage(path, lists);
    pages.setPage(
      '/allowlist.html',
      appPage(
        ALLOWLIST_MARKUP,
        `{ elementInteractions: { cssSelectorAllowlist: ['.tracked'] }, frustrationInteractions: true }`,
      ),
    );
    pages.setPage(
      '/resolver.html',
      appPage(
        RESOLVER_MARKUP,
        `{
          elementInteractions: {
            shouldTrackEventResolver: (actionType, element) => {
              (window.resolverCalls = window.resolverCalls || []).push([actionType, element.id]);
              return actionType === 'click' && element.id === 'card-div';
            },
          },
          frustrationInteractions: true,
        }`,
      ),
    );
    pages.setPage(
      '/errors.html',
      appPage(
        ERRORS_MARKUP,
        '{ frustrationInteractions: { rageClicks: false, deadClicks: false, errorClicks: true } }',
      ),
    );
    pages.setPage(
      '/thrash.html',
      appPage(
        '<button type="button" id="pricing" style="width:400px;height:200px">Compare plans</button>',
        '{ frustrationInteractions: { rageClicks: false, deadClicks: false, thrashedCursor: true } }',
      ),
    );
    pages.setPage(
      '/perf-on.html',
      appPage(PERF_MARKUP, '{ elementInteractions: true, frustrationInteractions: true }'),
    );
    pages.setPage(
      '/perf-off.html',
      appPage(PERF_MARKUP, '{ elementInteractions: false, frustrationInteractions: false }'),
    );
  },
});

/**
 * Opens a page once the SDK is ready and, unless `loaded: false`, its element-interactions file
 * (loaded on demand) has run: a click before that is not captured.
 */
const open = async (path: string, { loaded = true } = {}): Promise<Page> => {
  const tab = await suite.context.newPage();
  await tab.goto(`${suite.pages.url}${path}`);
  await tab.waitForFunction(
    (loaded) =>
      typeof sightline !== 'undefined' &&
      !!sightline.getDeviceId() &&
      (!loaded || 'sightlineElementInteractions' in window),
    loaded,
  );
  return tab;
};

const named = (type: string): Received[] =>
  suite.collector.events().filter((event: Received) => event.event_type === type);
const sentinels = () => named('sentinel').length;

/**
 * Proves a negative: waits past every window that could still produce an event (500 ms action
 * click, 1 s rage settle, after-paint work), then tracks a sentinel and waits for it. Events the
 * page decided before the sentinel are delivered with or before it.
 */
const settle = async (tab: Page, waitMs: number) => {
  const before = sentinels();
  await tab.waitForTimeout(waitMs);
  await tab.evaluate(() => sightline.track('sentinel'));
  await expect.poll(sentinels, { timeout: 10_000 }).toBe(before + 1);
};

/** The center of an element, in viewport coordinates. */
const centerOf = async (tab: Page, selector: string) => {
  const box = await tab.locator(selector).boundingBox();
  if (!box) throw new Error(`${selector} has no box`);
  return { x: Math.round(box.x + box.width / 2), y: Math.round(box.y + box.height / 2) };
};

const fastClicks = async (tab: Page, selector: string, count: number) => {
  const { x, y } = await centerOf(tab, selector);
  for (let n = 0; n < count; n++) await tab.mouse.click(x, y);
  return { x, y };
};

/**
 * Every ingestion request body in the three forms a leak could hide in: wire bytes, our own gunzip, the collector's
 * decoding.
 */
const wireBodies = (): Buffer[] =>
  suite.collector.requests().flatMap((request) => {
    const bodies = [request.rawBody, request.body, Buffer.from(request.bodyText, 'utf8')];
    if (
      String(request.headers['content-encoding'] || '')
        .toLowerCase()
        .includes('gzip')
    )
      bodies.push(gunzipSync(request.rawBody));
    return bodies;
  });

/** The needles of `secrets` found in any body (case-insensitively in decoded text). */
const leaked = (secrets: string[]): string[] => {
  const bodies = wireBodies();
  return secrets.filter((secret) =>
    bodies.some(
      (body) =>
        body.includes(Buffer.from(secret, 'utf8')) ||
        body.toString('utf8').toLowerCase().includes(secret.toLowerCase()),
    ),
  );
};

describe('issue 6: element interactions in real Chromium', () => {
  it(
    'a click on a span inside a button gives one Element Clicked for the button, ' +
      'with the DevTools path, text and hierarchy',
    async () => {
      const tab = await open('/app.html');
      const deviceId = await tab.evaluate(() => sightline.getDeviceId());
      // Click the "B" of "Buy": the event target is span.label, two levels under the button.
      await tab.locator('button.buy span.label').click({ position: { x: 3, y: 5 } });
      await expect.poll(() => named(CLICKED).length, { timeout: 10_000 }).toBe(1);
      await settle(tab, 800);
      const clicked = named(CLICKED);
      expect(clicked).toHaveLength(1);
      const box = await tab.evaluate(() => {
        const rect = document.querySelector('button.buy')!.getBoundingClientRect();
        return { left: Math.round(rect.left), top: Math.round(rect.top), width: innerWidth, height: innerHeight };
      });
      // Worked out by hand from the DevTools cssPath rules: no id anywhere, so the path runs to <html>;
      // <main> and <body> have no same-tag sibling; the second section.card shares its only class with
      // the first, so it needs :nth-child(3) (counting the h1); div.actions differs from div.note by
      // class; button.btn.buy keeps "buy" after its sibling's "btn" is struck off, so classes suffice.
      const path = 'html > body > main > section:nth-child(3) > div.actions > button.btn.buy';
      expect(clicked[0].device_id).toBe(deviceId);
      // Exactly the element properties; page URL enrichment (another plugin) adds its own on top.
      const enrichment = new Set([
        '[Amplitude] Page Domain',
        '[Amplitude] Page Location',
        '[Amplitude] Page Path',
        '[Amplitude] Previous Page Location',
        '[Amplitude] Previous Page Type',
      ]);
      const elementProperties = Object.fromEntries(
        Object.entries(clicked[0].event_properties).filter(([name]) => !enrichment.has(name)),
      );
      expect(elementProperties).toEqual({
        [P.className]: 'btn buy',
        [P.tag]: 'button',
        [P.text]: '+ Buy pro',
        [P.left]: box.left,
        [P.top]: box.top,
        [P.viewportHeight]: box.height,
        [P.viewportWidth]: box.width,
        [P.pageUrl]: `${suite.pages.url}/app.html`,
        [P.pageTitle]: 'Sightline test',
        [P.selector]: path,
        [P.path]: path,
        [P.hierarchy]: [
          {
            tag: 'button',
            index: 1,
            indexOfType: 1,
            prevSib: 'button',
            classes: ['btn', 'buy'],
            attrs: { type: 'button', 'aria-label': 'Buy the pro plan', 'data-amp-track-plan': 'pro' },
          },
          { tag: 'div', index: 2, indexOfType: 1, prevSib: 'div', classes: ['actions'] },
          { tag: 'section', index: 2, indexOfType: 1, prevSib: 'section', classes: ['card'] },
          { tag: 'main', index: 0, indexOfType: 0 },
          { tag: 'body', index: 1, indexOfType: 0, prevSib: 'head' },
        ],
        [P.attributes]: { plan: 'pro' },
        [P.ariaLabel]: 'Buy the pro plan',
        // The nearest label above the button: the section's heading.
        [P.parentLabel]: 'Pro',
      });
      // The path is a working selector for exactly that button.
      expect(
        await tab.evaluate(
          (selector) =>
            document.querySelectorAll(selector).length === 1 &&
            document.querySelector(selector)!.classList.contains('buy'),
          path,
        ),
      ).toBe(true);
    },
  );

  it(
    'typed secrets, the password, the card number and the email never reach ' + 'the wire, while the events arrive',
    async () => {
      const tab = await open('/app.html');
      for (const [field, value] of Object.entries(TYPED)) {
        await tab.locator(`#${field}`).click();
        await tab.keyboard.type(value);
      }
      expect(await tab.locator('#card').inputValue()).toBe(TYPED.card);
      await tab.locator('#pay').click();
      // Submitting blurs the card field (its change event), then posts the form and leaves the page.
      await Promise.all([tab.waitForURL(`${suite.pages.url}/thanks.html`), tab.locator('#submit').click()]);

      await expect.poll(() => named(CHANGED).length, { timeout: 10_000 }).toBe(4);
      await expect.poll(() => named(CLICKED).length, { timeout: 10_000 }).toBe(6);
      await expect.poll(() => named(FORM_SUBMITTED).length, { timeout: 10_000 }).toBe(1);
      await expect
        .poll(
          () =>
            named(PAGE_VIEWED).filter(
              (event) => String(event.event_properties['[Amplitude] Page Path']) === '/thanks.html',
            ).length,
          { timeout: 10_000 },
        )
        .toBe(1);

      const changedPaths = named(CHANGED).map((event) => event.event_properties[P.path]);
      expect(changedPaths).toEqual(['input#nickname', 'input#email', 'input#password', 'input#card']);
      for (const event of named(CHANGED)) {
        expect(event.event_properties).not.toHaveProperty(P.text);
        expect(event.event_properties).not.toHaveProperty(P.href);
      }
      // A text field keeps only its type; a password field keeps nothing.
      const hierarchyOf = (id: string) =>
        (
          named(CHANGED).find((event) => event.event_properties[P.id] === id)!.event_properties[P.hierarchy] as {
            attrs?: object;
          }[]
        )[0];
      expect(hierarchyOf('nickname').attrs).toEqual({ type: 'text' });
      expect(hierarchyOf('email').attrs).toEqual({ type: 'email' });
      expect(hierarchyOf('password').attrs).toBeUndefined();
      const pay = named(CLICKED).find((event) => event.event_properties[P.id] === 'pay')!;
      expect(pay.event_properties[P.text]).toBe(`Pay with ${MASK} or mail ${MASK}`);
      const submit = named(CLICKED).find((event) => event.event_properties[P.id] === 'submit')!;
      expect(submit.event_properties).toMatchObject({ [P.text]: 'Sign up', [P.attributes]: { step: 'signup-step-3' } });

      // The scan can see what is there: a value captured on purpose is found in the bodies.
      expect(leaked(['signup-step-3', 'Sign up'])).toEqual(['signup-step-3', 'Sign up']);
      const secrets = [
        ...Object.values(TYPED),
        TYPED.card.replace(/ /g, ''),
        TYPED.card.replace(/ /g, '-'),
        'Hunter2',
        'SECRET-nickname',
        'zelda.quux',
        ...PAGE_SECRETS,
      ];
      expect(leaked(secrets)).toEqual([]);
    },
  );

  it('masked regions and masked attributes appear only as *****', async () => {
    const tab = await open('/app.html');
    await tab.locator('#account-menu span').click();
    await tab.locator('#owner-menu').click();
    await expect.poll(() => named(CLICKED).length, { timeout: 10_000 }).toBe(2);
    const [account, owner] = named(CLICKED).map((event) => event.event_properties);
    // data-amp-mask on an ancestor: the text of the button and of its label are masks, the click still counts.
    expect(account).toMatchObject({
      [P.id]: 'account-menu',
      [P.text]: MASK,
      [P.parentLabel]: MASK,
      [P.path]: 'button#account-menu',
    });
    // data-amp-mask-attributes on an ancestor: the listed attributes are masks, the rest (text, type) is kept.
    expect(owner).toMatchObject({
      [P.id]: 'owner-menu',
      [P.text]: 'Owner menu',
      [P.ariaLabel]: MASK,
      [P.attributes]: { customer: MASK },
    });
    expect((owner[P.hierarchy] as { attrs?: object }[])[0].attrs).toEqual({
      type: 'button',
      title: MASK,
      'aria-label': MASK,
      'data-amp-track-customer': MASK,
    });
    expect(leaked(['Owner menu'])).toEqual(['Owner menu']);
    expect(leaked(['Ottoline', 'Brackenbury', 'Signed in as', "account'"])).toEqual([]);
  });
});

describe('issue 6: frustration interactions in real Chromium', () => {
  it('4 fast clicks on one button give one Rage Click with Click Count 4', async () => {
    const tab = await open('/app.html');
    const { x, y } = await fastClicks(tab, '#counter', 4);
    await expect.poll(() => named(RAGE).length, { timeout: 10_000 }).toBe(1);
    await settle(tab, 1500);
    expect(named(RAGE)).toHaveLength(1);
    const rage = named(RAGE)[0].event_properties;
    expect(rage).toMatchObject({
      [P.clickCount]: 4,
      [P.path]: 'button#counter',
      [P.tag]: 'button',
      [P.text]: 'Clicked 4',
    });
    expect(rage[P.clicks]).toEqual([0, 1, 2, 3].map(() => ({ X: x, Y: y, Time: expect.any(Number) })));
    expect(rage[P.duration]).toBeLessThan(1000);
    expect(named(CLICKED)).toHaveLength(4);
  });

  it('3 fast clicks give no Rage Click', async () => {
    const tab = await open('/app.html');
    await fastClicks(tab, '#counter', 3);
    await expect.poll(() => named(CLICKED).length, { timeout: 10_000 }).toBe(3);
    await settle(tab, 1500);
    expect(named(RAGE)).toHaveLength(0);
  });

  it(
    'a click with no effect gives a Dead Click after 3 s while a clock mutates the ' +
      'DOM; a click that opens a dialog gives none',
    async () => {
      const tab = await open('/app.html');
      // The clock must already be ticking on its own when the click comes.
      await tab.waitForFunction(() => (window as unknown as { ticks: number }).ticks >= 4);
      const ticksAtClick = await tab.evaluate(() => (window as unknown as { ticks: number }).ticks);
      const { x, y } = await fastClicks(tab, '#inert', 1);
      const clickedAt = Date.now();
      await tab.waitForTimeout(2500);
      expect(named(DEAD)).toHaveLength(0);
      await expect.poll(() => named(DEAD).length, { timeout: 10_000 }).toBe(1);
      const arrivedAfter = Date.now() - clickedAt;
      const ticksAfter = await tab.evaluate(() => (window as unknown as { ticks: number }).ticks);
      // The clock kept mutating the DOM through the whole window, and still the click is dead.
      expect(ticksAfter - ticksAtClick).toBeGreaterThanOrEqual(10);
      expect(arrivedAfter).toBeGreaterThanOrEqual(2500);
      expect(named(DEAD)[0].event_properties).toMatchObject({
        [P.path]: 'button#inert',
        [P.text]: 'Does nothing',
        [P.x]: x,
        [P.y]: y,
      });

      await fastClicks(tab, '#open-dialog', 1);
      expect(await tab.evaluate(() => (document.getElementById('dialog') as HTMLDialogElement).open)).toBe(true);
      await settle(tab, 3600);
      expect(named(DEAD).map((event) => event.event_properties[P.path])).toEqual(['button#inert']);
    },
    30_000,
  );
});

describe('issue 6: options in real Chromium', () => {
  it(
    'a click followed by an uncaught exception, an unhandled rejection or a console error gives one ' +
      'Error Click each; a working click gives none; no email on the wire',
    async () => {
      const tab = await open('/errors.html');
      const pageErrors: string[] = [];
      tab.on('pageerror', (error) => pageErrors.push(error.message));
      for (const id of ['throws', 'rejects', 'logs', 'fine']) {
        await tab.click(`#${id}`);
        await tab.waitForTimeout(100);
      }
      await expect.poll(() => named(ERROR_CLICK).length, { timeout: 10_000 }).toBe(3);
      await settle(tab, 2500);
      const errors = named(ERROR_CLICK).map((event) => event.event_properties);
      expect(errors.map((properties) => [properties[P.id], properties['[Amplitude] Kind']])).toEqual([
        ['throws', 'uncaught exception'],
        ['rejects', 'unhandled promise rejection'],
        ['logs', 'console error'],
      ]);
      expect(errors[0]).toMatchObject({
        '[Amplitude] Message': 'total is undefined',
        [P.tag]: 'button',
        [P.text]: 'Pay now',
      });
      expect(errors[0]['[Amplitude] Filename']).toContain('/errors.html');
      expect(typeof errors[0]['[Amplitude] Line Number']).toBe('number');
      expect(String(errors[0]['[Amplitude] Stack'])).toContain('total is undefined');
      expect(errors[1]['[Amplitude] Message']).toBe('save failed');
      expect(errors[2]['[Amplitude] Message']).toBe('no account for *****');
      // The page's own error handling is unchanged: the exception still reached the page.
      expect(pageErrors).toContain('total is undefined');
      expect(leaked(['zoe.q@example.com'])).toEqual([]);
    },
  );

  it(
    'the real cursor shaken left and right over a button gives one Thrashed ' + 'Cursor; moving across it gives none',
    async () => {
      const tab = await open('/thrash.html');
      const { x, y } = await centerOf(tab, '#pricing');
      // Across, one way: no direction change.
      for (let n = 0; n < 12; n++) {
        await tab.mouse.move(x - 150 + n * 25, y);
        await tab.waitForTimeout(20);
      }
      await settle(tab, 200);
      expect(named(THRASHED)).toHaveLength(0);
      // Back and forth, 12 moves (10 direction changes), each its own input event.
      for (let n = 0; n < 12; n++) {
        await tab.mouse.move(n % 2 ? x + 40 : x - 40, y);
        await tab.waitForTimeout(30);
      }
      await expect.poll(() => named(THRASHED).length, { timeout: 10_000 }).toBe(1);
      await settle(tab, 500);
      expect(named(THRASHED)).toHaveLength(1);
      const thrash = named(THRASHED)[0].event_properties;
      expect(thrash).toMatchObject({
        [P.id]: 'pricing',
        [P.tag]: 'button',
        [P.text]: 'Compare plans',
        '[Amplitude] X': x + 40,
        '[Amplitude] Y': y,
      });
      expect(thrash['[Amplitude] Duration']).toBeLessThanOrEqual(2000);
    },
  );

  it('cssSelectorAllowlist replaces the default list', async () => {
    const tab = await open('/allowlist.html');
    await tab.locator('#out-list').click();
    await tab.locator('#link-out').click();
    await tab.locator('#in-list').click();
    await expect.poll(() => named(CLICKED).length, { timeout: 10_000 }).toBe(1);
    await settle(tab, 800);
    expect(named(CLICKED).map((event) => event.event_properties[P.id])).toEqual(['in-list']);
  });

  it('pageUrlAllowlist (RegExp and glob) and pageUrlExcludelist are honoured, exclusion wins, per click', async () => {
    const tab = await open('/lists.html');
    await tab.locator('#btn').click();
    await expect.poll(() => named(CLICKED).length, { timeout: 10_000 }).toBe(1);

    // Same page, now excluded (an SPA route change): neither clicks nor a rage burst count.
    await tab.evaluate(() => history.pushState({}, '', '/lists.html?private=1'));
    await fastClicks(tab, '#btn', 4);
    await settle(tab, 1500);
    expect(named(CLICKED)).toHaveLength(1);
    expect(named(RAGE)).toHaveLength(0);

    // A page on no allowlist.
    await tab.goto(`${suite.pages.url}/unlisted.html`);
    await tab.locator('#btn').click();
    await settle(tab, 800);
    expect(named(CLICKED)).toHaveLength(1);

    // A page matching the glob.
    await tab.goto(`${suite.pages.url}/glob-lists.html`);
    await tab.locator('#btn').click();
    await expect.poll(() => named(CLICKED).length, { timeout: 10_000 }).toBe(2);
    expect(named(CLICKED).map((event) => event.event_properties[P.pageUrl])).toEqual([
      `${suite.pages.url}/lists.html`,
      `${suite.pages.url}/glob-lists.html`,
    ]);
  });

  it('shouldTrackEventResolver decides instead of the allowlists, for clicks and changes', async () => {
    const tab = await open('/resolver.html');
    await tab.locator('#card-div').click();
    await tab.locator('#plain-label').click();
    await tab.locator('#field').click();
    await tab.keyboard.type('typed');
    await tab.keyboard.press('Tab');
    await expect.poll(() => named(CLICKED).length, { timeout: 10_000 }).toBe(1);
    await settle(tab, 800);
    // A <div> (on no allowlist) is tracked because the resolver says so; the button and the field are not.
    expect(named(CLICKED).map((event) => event.event_properties[P.path])).toEqual(['div#card-div']);
    expect(named(CHANGED)).toHaveLength(0);
    // It is asked about the tracked ancestor (the button, not its span), with the action type.
    expect(await tab.evaluate(() => (window as unknown as { resolverCalls: unknown }).resolverCalls)).toEqual([
      ['click', 'card-div'],
      ['click', 'plain'],
      ['click', 'field'],
      ['change', 'field'],
    ]);
  });
});

describe('issue 6: page exit and cost', () => {
  it('a link click that navigates away still delivers its Element Clicked, with a scrubbed href', async () => {
    const tab = await open('/app.html');
    await Promise.all([tab.waitForURL(/\/next\.html/), tab.locator('nav a').click()]);
    await expect.poll(() => named(CLICKED).length, { timeout: 10_000 }).toBe(1);
    const clicked = named(CLICKED)[0].event_properties;
    expect(clicked).toMatchObject({
      [P.tag]: 'a',
      [P.text]: 'Continue',
      [P.path]: 'html > body > nav > a',
      [P.pageUrl]: `${suite.pages.url}/app.html`,
    });
    expect(String(clicked[P.href])).toMatch(/\/next\.html\?token=\*{5}&ref=menu$/);
    expect(leaked(['tok-Zq77Secret'])).toEqual([]);
  });

  it('measures the synchronous cost of one click with and without the plugins (report only)', async () => {
    // performance.now() is coarsened to 100 µs outside cross-origin isolation: time rounds of 40 clicks.
    // "distinct": each click on another button (a first click); "one button": one burst of 240 clicks.
    const measure = async (tab: Page) =>
      tab.evaluate(() => {
        const spans = Array.from(document.querySelectorAll('button.perf span'));
        const click = (span: Element) =>
          span.dispatchEvent(new MouseEvent('click', { bubbles: true, cancelable: true, clientX: 10, clientY: 10 }));
        const medianPerClick = (pick: (n: number) => Element) => {
          for (let n = 0; n < 40; n++) click(pick(n)); // warm up
          const rounds: number[] = [];
          for (let round = 0; round < 5; round++) {
            const start = performance.now();
            for (let n = 0; n < 40; n++) click(pick(n));
            rounds.push((performance.now() - start) / 40);
          }
          return rounds.sort((a, b) => a - b)[2];
        };
        return {
          distinct: medianPerClick((n) => spans[n % spans.length]),
          oneButton: medianPerClick(() => spans[0]),
          clicks: 2 * 6 * 40,
        };
      });
    const offTab = await open('/perf-off.html', { loaded: false });
    const off = await measure(offTab);
    await settle(offTab, 800);
    // Only this test's pages count: a page left by an earlier test may still resend its events.
    const clickedOn = (path: string) =>
      named(CLICKED).filter((event) => String(event.event_properties[P.pageUrl]).endsWith(path));
    // Without the plugins the clicks are not captured: the two numbers measure different things.
    expect(clickedOn('/perf-off.html')).toHaveLength(0);
    const onTab = await open('/perf-on.html');
    const on = await measure(onTab);
    await expect.poll(() => clickedOn('/perf-on.html').length, { timeout: 20_000 }).toBe(on.clicks);
    const us = (ms: number) => `${(ms * 1000).toFixed(1)} µs`;
    console.log(
      `[element-interactions] synchronous cost of one dispatched click (median of 5 rounds × 40), ` +
        `without → with elementInteractions + frustrationInteractions: ` +
        `distinct buttons ${us(off.distinct)} → ${us(on.distinct)} (added ≈ ${us(on.distinct - off.distinct)}); ` +
        `one button, 240-click burst ${us(off.oneButton)} → ${us(on.oneButton)} (added ≈ ` +
        `${us(on.oneButton - off.oneButton)})`,
    );
  }, 40_000);
});
