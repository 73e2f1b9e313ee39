// The capture preview (`sightline.preview()`) in real Chromium, loaded on demand by the script
// bundle: what it shows for a masked element, a link with a secret, a password field and the page;
// that it shows exactly what a click sends; keyboard use; and that it never sends an event.
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { bundlePage } from './support/fixtures.js';
import { useBrowserSuite } from './support/browser-suite.js';

const API_KEY = 'e2e-preview-key';
const CLICKED = '[Amplitude] Element Clicked';
const TEXT = '[Amplitude] Element Text';
const HREF = '[Amplitude] Element Href';
const TOKEN = 'tok-Zq77Secret';
const TYPED_PASSWORD = 'Pw-Hunter2-Zq9!';

declare const sightline: {
  getDeviceId(): string;
  track(type: string): unknown;
  flush(): { promise: Promise<unknown> };
  preview(): { promise: Promise<{ code: number; message: string }>; close(): void };
};
type Received = { event_type: string; insert_id: string; time: number; event_properties: Record<string, unknown> };

const MARKUP = `
<main>
  <h1>Plans</h1>
  <p><button type="button" id="buy" class="btn buy" aria-label="Buy the pro plan"
    data-amp-track-plan="pro">Buy <b>pro</b></button></p>
  <aside data-amp-mask><button type="button" id="account">Ottoline Brackenbury</button></aside>
  <nav><a id="continue" href="/next.html?${'token'}=${TOKEN}&amp;ref=menu">Continue</a> <a id="report"
    href="/report.pdf">Report</a></nav>
  <form id="signup" action="/thanks.html"><label>Password <input type="password" id="password" name="password"></label>
    <button type="submit" id="submit">Sign up</button></form>
  <p><button type="button" id="open-preview"
    onclick="window.previewCall = sightline.preview()">Preview what autocapture sends</button></p>
</main>`;

/**
 * Every plugin that could capture a click is on; `everything` also makes every element (and the preview's host)
 * allowlisted.
 */
const previewPage = (autocapture: string) =>
  bundlePage(
    `sightline.init('${API_KEY}', { serverUrl: '${suite.collector.ingestUrl}', flushIntervalMillis: 50, ` +
      `autocapture: ${autocapture} });`,
  )
    .replace('<title>Sightline test</title>', '<title>Preview for zelda.quux@example.org</title>')
    .replace('<h1>Sightline test page</h1>', MARKUP);

const suite = useBrowserSuite({
  addPages: ({ pages }) => {
    pages.setPage(
      '/preview.html',
      previewPage(
        '{ elementInteractions: { dataAttributePrefix: "data-amp-track-" }, frustrationInteractions: { errorClicks: ' +
          'true, thrashedCursor: true } }',
      ),
    );
    pages.setPage(
      '/everything.html',
      previewPage(
        "{ elementInteractions: { cssSelectorAllowlist: ['*'], actionClickAllowlist: ['*'] }, frustrationInteractions: { rageClicks: { cssSelectorAllowlist: ['*'] }, deadClicks: { cssSelectorAllowlist: ['*'] }, errorClicks: { cssSelectorAllowlist: ['*'] }, thrashedCursor: true } }",
      ),
    );
  },
});

const open = async (path: string): Promise<Page> => {
  const tab = await suite.context.newPage();
  await tab.goto(`${suite.pages.url}${path}`);
  await tab.waitForFunction(() => typeof sightline !== 'undefined' && !!sightline.getDeviceId());
  return tab;
};

/** Opens the preview the way a developer does from the console; resolves with its answer. */
const openPreview = (tab: Page) => tab.evaluate(() => sightline.preview().promise);

/** The outline of the element `#id` (its accessible name starts with `tag#id`). */
const outline = (tab: Page, tagAndId: string) =>
  tab.locator(`sightline-preview [role="option"][aria-label^="${tagAndId}"]`);

/** The panel's `name → value` rows under `selector` (the event's properties or the page's). */
const rows = (tab: Page, selector: string) =>
  tab.evaluate((selector) => {
    const root = document.querySelector('sightline-preview')!.shadowRoot!;
    return Object.fromEntries(
      Array.from(root.querySelectorAll(`${selector} dd`)).map((dd) => [
        dd.getAttribute('data-property') || dd.previousElementSibling!.textContent,
        dd.textContent,
      ]),
    );
  }, selector);

const shadowText = (tab: Page) =>
  tab.evaluate(() => document.querySelector('sightline-preview')!.shadowRoot!.innerHTML);

/** A wire value as the panel shows it: strings as they are, anything else as JSON. */
const shown = (value: unknown) => (typeof value === 'string' ? value : JSON.stringify(value));

const eventsSince = (since: number): Received[] =>
  suite.collector.events().filter((event: Received) => event.time >= since);

/** No insert_id arrived twice. */
const expectNoDuplicates = () => {
  const ids = suite.collector.events().map((event: Received) => event.insert_id);
  expect(new Set(ids).size).toBe(ids.length);
  expect(suite.collector.stats().duplicates).toBe(0);
};

describe('issue 22: the capture preview in real Chromium', () => {
  it('shows masked text, the scrubbed href, that a password field captures nothing, and the page as sent', async () => {
    const tab = await open(`/preview.html?${'token'}=tok-Page77&plan=pro`);
    await tab.fill('#password', TYPED_PASSWORD);
    expect(await openPreview(tab)).toMatchObject({ code: 200 });

    // The masked element: outlined as masked, its text shown as it is sent.
    await expect.poll(() => outline(tab, 'button#account').count()).toBe(1);
    expect(await outline(tab, 'button#account').getAttribute('class')).toContain('masked');
    await outline(tab, 'button#account').hover();
    expect((await rows(tab, '.details'))[TEXT]).toBe('*****');
    expect(await tab.locator('sightline-preview .details .notes').textContent()).toContain('Text masked');

    // The link: its href scrubbed.
    await outline(tab, 'a#continue').hover();
    expect((await rows(tab, '.details'))[HREF]).toBe('/next.html?token=*****&ref=menu');

    // The password field: marked, nothing typed shown anywhere.
    expect(await outline(tab, 'input#password').getAttribute('class')).toContain('secret');
    await outline(tab, 'input#password').hover();
    expect(await tab.locator('sightline-preview .details .notes').textContent()).toContain(
      'Password or hidden field: nothing typed in it',
    );
    expect(await rows(tab, '.details')).not.toHaveProperty(TEXT);

    // The page as page views send it: the URL scrubbed, the title masked.
    const page = await rows(tab, '.page');
    expect(page['[Amplitude] Page Location']).toBe(`${suite.pages.url}/preview.html?token=*****&plan=pro`);
    expect(page['[Amplitude] Page URL']).toBe(`${suite.pages.url}/preview.html`);
    expect(page['[Amplitude] Page Title']).toBe('Preview for *****');

    // None of the page's secrets is anywhere in the preview's DOM.
    const html = await shadowText(tab);
    for (const secret of [TOKEN, 'tok-Page77', 'Ottoline', 'Brackenbury', TYPED_PASSWORD, 'zelda.quux'])
      expect(html).not.toContain(secret);
  });

  it('shows exactly the properties a real click then sends', async () => {
    const tab = await open('/preview.html');
    await openPreview(tab);
    await outline(tab, 'button#buy').hover();
    const preview = await rows(tab, '.details');
    expect(preview[TEXT]).toBe('Buy pro');
    await tab.keyboard.press('Escape');
    await expect.poll(() => tab.locator('sightline-preview').count()).toBe(0);

    const since = Date.now();
    await tab.click('#buy');
    await expect
      .poll(() => eventsSince(since).filter((event) => event.event_type === CLICKED).length, { timeout: 10_000 })
      .toBe(1);
    const sent = eventsSince(since).find((event) => event.event_type === CLICKED)!.event_properties;
    // Every element property the preview showed went out with that value (enrichment adds page properties on top).
    expect(Object.keys(preview).length).toBeGreaterThan(10);
    for (const [name, value] of Object.entries(preview)) expect(shown(sent[name]), name).toBe(value);
    expectNoDuplicates();
  });

  it(
    'keyboard: focus lands on an outline, arrows move, Tab stays inside, focus is ' +
      'visible, Escape closes and focus returns',
    async () => {
      const tab = await open('/preview.html');
      await tab.focus('#open-preview');
      await tab.keyboard.press('Enter');
      await expect
        .poll(() => tab.evaluate(() => (window as unknown as { previewCall?: object }).previewCall !== undefined))
        .toBe(true);
      await expect.poll(() => tab.locator('sightline-preview').count()).toBe(1);

      const focused = () =>
        tab.evaluate(() => {
          const host = document.querySelector('sightline-preview');
          const inner = host && host.shadowRoot!.activeElement;
          return {
            inPreview: document.activeElement === host,
            role: inner && inner.getAttribute('role'),
            label: inner && (inner.getAttribute('aria-label') || inner.textContent),
            outline: inner ? getComputedStyle(inner).outlineStyle : 'none',
          };
        });
      await expect.poll(async () => (await focused()).role).toBe('option');
      const first = (await focused()).label;
      await tab.keyboard.press('ArrowDown');
      const second = await focused();
      expect(second.label).not.toBe(first);
      expect(second.outline).not.toBe('none'); // visible focus
      // The focused outline's event is shown.
      expect(await tab.locator('sightline-preview .details .event-type').textContent()).toContain(CLICKED);

      const tabStops = await tab.evaluate(
        () => document.querySelector('sightline-preview')!.shadowRoot!.querySelectorAll('.panel button').length + 1,
      );
      for (let n = 0; n < tabStops + 2; n++) {
        await tab.keyboard.press('Tab');
        expect((await focused()).inPreview).toBe(true);
      }
      await tab.keyboard.press('Shift+Tab');
      expect((await focused()).inPreview).toBe(true);

      await tab.keyboard.press('Escape');
      await expect.poll(() => tab.locator('sightline-preview').count()).toBe(0);
      expect(await tab.evaluate(() => document.activeElement && document.activeElement.id)).toBe('open-preview');
    },
  );

  it(
    'sends no event while open or after it closes, even with every element ' +
      'allowlisted and every frustration signal on',
    async () => {
      const tab = await open('/everything.html');
      const errors: string[] = [];
      tab.on('pageerror', (error) => errors.push(error.message));
      expect(await openPreview(tab)).toMatchObject({ code: 200 });
      const since = Date.now();

      // Rage-click an outline, click the backdrop, the panel's buttons, thrash the cursor, use the keys.
      const box = (await outline(tab, 'button#buy').boundingBox())!;
      for (let n = 0; n < 6; n++) await tab.mouse.click(box.x + 5, box.y + 5);
      await tab.mouse.click(3, 3);
      await tab.locator('sightline-preview button.toggle-actions').click();
      await tab.locator('sightline-preview button.toggle-actions').click();
      await tab.locator('sightline-preview button.dock').click();
      await tab.locator('sightline-preview button.dock').click(); // back to the right, off the page's content
      await outline(tab, 'a#report').click();
      await tab.locator('sightline-preview button.copy-selector').click();
      for (let n = 0; n < 12; n++) await tab.mouse.move(n % 2 ? 600 : 100, 300, { steps: 2 });
      await tab.keyboard.press('ArrowDown');
      await tab.keyboard.press('Tab');
      await tab.locator('sightline-preview button.close').click();
      await expect.poll(() => tab.locator('sightline-preview').count()).toBe(0);

      // Past every window that could still produce an event (3 s dead click, 1 s rage settle, paint).
      await tab.waitForTimeout(3500);
      await tab.evaluate(() => sightline.flush().promise);
      expect(eventsSince(since).map((event) => event.event_type)).toEqual([]);

      // The same page still captures a real click on the page itself.
      await tab.click('#buy');
      await expect
        .poll(() => eventsSince(since).filter((event) => event.event_type === CLICKED).length, { timeout: 10_000 })
        .toBeGreaterThan(0);
      expect(errors).toEqual([]);
      expectNoDuplicates();
    },
  );
});
