// Default autocapture (issue 5) in real
// Chromium: the full script bundle with its default `autocapture`, against the local collector.
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { useBrowserSuite } from './support/browser-suite.js';

const API_KEY = 'e2e-autocapture-key';

// The wire names are the contract: spelled out here, not imported, so a
// renamed constant in a package fails this test instead of silently changing the wire.
const PAGE_VIEWED = '[Amplitude] Page Viewed';
const FORM_STARTED = '[Amplitude] Form Started';
const FORM_SUBMITTED = '[Amplitude] Form Submitted';
const FILE_DOWNLOADED = '[Amplitude] File Downloaded';
const IDENTIFY = '$identify';
const SESSION_START = 'session_start';
const PAGE_DOMAIN = '[Amplitude] Page Domain';
const PAGE_LOCATION = '[Amplitude] Page Location';
const PAGE_PATH = '[Amplitude] Page Path';
const PAGE_TITLE = '[Amplitude] Page Title';
const PAGE_URL = '[Amplitude] Page URL';
const PAGE_COUNTER = '[Amplitude] Page Counter';
const PREVIOUS_PAGE_LOCATION = '[Amplitude] Previous Page Location';
const PREVIOUS_PAGE_TYPE = '[Amplitude] Previous Page Type';
const MASK = '*****';
/** The campaign keys, in no particular order. */
const UTM_KEYS = ['utm_source', 'utm_medium', 'utm_campaign', 'utm_term', 'utm_content', 'utm_id'];
const CLICK_ID_KEYS = [
  'dclid',
  'fbclid',
  'gbraid',
  'wbraid',
  'gclid',
  'ko_click_id',
  'li_fat_id',
  'msclkid',
  'rdt_cid',
  'ttclid',
  'twclid',
];
const CAMPAIGN_KEYS = [...UTM_KEYS, 'referrer', 'referring_domain', ...CLICK_ID_KEYS];

declare const sightline: { track(type: string, props?: object): unknown };
type Props = Record<string, unknown>;
type Received = {
  event_type: string;
  event_id: number;
  session_id: number;
  event_properties?: Props;
  user_properties?: Record<string, Props>;
};

interface PageSpec {
  title?: string;
  /** Attributes of the `<title>` element, e.g. ` data-amp-mask`. */
  titleAttributes?: string;
  /** Markup before the SDK loads. */
  markup?: string;
  /** JS expression for extra init options (merged over the defaults below). */
  options?: string;
  /** Runs after init. */
  script?: string;
}

/**
 * A page of the app: the script bundle, init with the default autocapture, then `script`.
 * `?autocapture=off` on its URL turns autocapture off, so one page serves as its own control.
 */
const appPage = ({
  title = 'Autocapture app',
  titleAttributes = '',
  markup = '',
  options = '{}',
  script = '',
}: PageSpec): string =>
  `<!doctype html><html><head><meta charset="utf-8"><title${titleAttributes}>${title}</title></head><body>
${markup}
<script src="/dist/sightline.min.js"></script>
<script>
  const extra = ${options};
  if (new URLSearchParams(location.search).get('autocapture') === 'off') extra.autocapture = false;
  sightline.init('${API_KEY}', Object.assign({ serverUrl: '${suite.collector.ingestUrl}', flushIntervalMillis: 50 }, extra));
  ${script}
</script>
</body></html>`;

/** Form markup: values typed into these must never leave the page. */
const SIGNUP_FORM = `<form id="signup" name="signup-form" action="/subscribe?plan=pro">
  <input id="signup-email" name="email"><input id="signup-password" type="password" name="password">
  <button id="signup-submit" type="submit">Sign up</button>
</form>`;
/** SPA-style submit handling: the page stays, as most apps' forms do. */
const KEEP_FORMS_ON_PAGE = `document.addEventListener('submit', (event) => event.preventDefault());`;
const LATE_FORM_SCRIPT = `
  window.addLateForm = () => document.body.insertAdjacentHTML('beforeend',
    '<form id="late" name="late-form" action="/late"><input id="late-note" name="note"><button ' +
      'id="late-submit">Send</button></form>');`;
const DOWNLOAD_LINKS = `<a id="dl" href="/files/report.PDF?x=1#p" download>Annual report</a> <a id="anchor" href="#section">Section</a>`;

/**
 * Download links inside shadow roots: open (nested, and around a slot whose light-DOM child is
 * what gets clicked) and closed, which a page-level listener cannot see into.
 */
const SHADOW_DOWNLOADS = `<div id="open-host"></div><div id="slot-host"><b id="slotted">Song</b></div><div id="closed-host"></div>
<script>
  const open = document.getElementById('open-host').attachShadow({ mode: 'open' });
  open.innerHTML = '<a id="manual" href="/files/manual.pdf"><span>Manual</span></a><div id="nested-host"></div>';
  open.getElementById('nested-host').attachShadow({ mode: 'open' }).innerHTML = '<a href="/files/data.csv">Data</a>';
  document.getElementById('slot-host').attachShadow({ mode: 'open' }).innerHTML = '<a href="/files/song.mp3"><slot></slot></a>';
  window.closedRoot = document.getElementById('closed-host').attachShadow({ mode: 'closed' });
  window.closedRoot.innerHTML = '<a href="/files/hidden.zip">Hidden</a>';
  // The links only count their clicks here; nothing navigates away.
  for (const root of [open, open.getElementById('nested-host').shadowRoot, document.getElementById('slot-host').shadowRoot, window.closedRoot])
    root.addEventListener('click', (event) => event.preventDefault());
</script>`;

const suite = useBrowserSuite({
  contextOptions: { acceptDownloads: true },
  addPages: ({ pages }) => {
    const plain = appPage({});
    pages.setPage('/shop/item.html', appPage({ title: 'Blue Widget | Shop' }));
    pages.setPage('/spa/index.html', plain);
    pages.setPage(
      '/spa/path-only.html',
      appPage({ options: `{ autocapture: { pageViews: { trackHistoryChanges: 'pathOnly' } } }` }),
    );
    pages.setPage('/landing.html', plain);
    pages.setPage('/forms.html', appPage({ markup: SIGNUP_FORM, script: KEEP_FORMS_ON_PAGE + LATE_FORM_SCRIPT }));
    pages.setPage('/downloads.html', appPage({ markup: DOWNLOAD_LINKS }));
    pages.setPage('/shadow-downloads.html', appPage({ markup: SHADOW_DOWNLOADS }));
    pages.setPage('/files/report.PDF', '%PDF-1.4 not really a pdf');
    const profileForm =
      '<form id="profile"><input id="profile-name" name="name"><button id="profile-save">Save</button></form>';
    pages.setPage(
      '/account.html',
      appPage({
        markup: `${profileForm}${DOWNLOAD_LINKS}<a id="next" href="/site/b.html">next</a>`,
        script: KEEP_FORMS_ON_PAGE,
      }),
    );
    pages.setPage(
      '/private.html',
      appPage({
        title: 'Zt8PrivateTitle Jane Roe diagnosis',
        titleAttributes: ' data-amp-mask',
        markup: SIGNUP_FORM + DOWNLOAD_LINKS,
        script: KEEP_FORMS_ON_PAGE,
      }),
    );
    pages.setPage('/site/a.html', appPage({ title: 'Page A', markup: '<a id="to-b" href="/site/b.html">to b</a>' }));
    pages.setPage('/site/b.html', appPage({ title: 'Page B' }));
    pages.setPage('/everything.html', appPage({ markup: SIGNUP_FORM + DOWNLOAD_LINKS, script: KEEP_FORMS_ON_PAGE }));
  },
});

const received = (): Received[] =>
  (suite.collector.events() as Received[]).slice().sort((a, b) => a.event_id - b.event_id);
const named = (type: string): Received[] => received().filter((event) => event.event_type === type);
const propsOf = (type: string): Props[] => named(type).map((event) => event.event_properties || {});

/**
 * Tracks a sentinel and waits for it: every event the page queued before it has a lower
 * event_id and went out in the same or an earlier request, so "exactly N" checks are final.
 */
const settle = async (page: Page, label: string): Promise<void> => {
  await page.evaluate((name) => sightline.track(name), `sentinel ${label}`);
  await expect.poll(() => named(`sentinel ${label}`).length, { timeout: 10_000 }).toBe(1);
};

/** Sets `location.hash` and resolves after `hashchange` has fired (after popstate), so the SDK saw both. */
const changeHash = (page: Page, hash: string): Promise<void> =>
  page.evaluate(
    (value) =>
      new Promise<void>((resolve) => {
        addEventListener('hashchange', () => resolve(), { once: true });
        location.hash = value;
      }),
    hash,
  );

/** Everything the SDK sent, as the server saw it: path, headers, raw (possibly gzip) and decoded bodies. */
const everythingSent = (): string =>
  suite.collector
    .requests()
    .map((request) =>
      [request.path, JSON.stringify(request.headers), request.rawBody.toString('latin1'), request.bodyText].join('\n'),
    )
    .join('\n');

/** A secret leaks if it appears as-is, percent-encoded or JSON-escaped. */
const expectNeverSent = (secret: string): void => {
  const sent = everythingSent();
  for (const form of new Set([secret, encodeURIComponent(secret), JSON.stringify(secret).slice(1, -1)]))
    expect(sent).not.toContain(form);
};

describe('page views', () => {
  it('one page view on load with exactly the page properties, the counter and the page URL enrichment', async () => {
    const page = await suite.context.newPage();
    await page.goto(`${suite.pages.url}/shop/item.html?color=blue#top`);
    await settle(page, 'load');
    const views = named(PAGE_VIEWED);
    expect(views).toHaveLength(1);
    // No referrer and no campaign on this URL: nothing else may be on the event.
    expect(views[0].event_properties).toEqual({
      [PAGE_DOMAIN]: '127.0.0.1',
      [PAGE_LOCATION]: `${suite.pages.url}/shop/item.html?color=blue#top`,
      [PAGE_PATH]: '/shop/item.html',
      [PAGE_TITLE]: 'Blue Widget | Shop',
      [PAGE_URL]: `${suite.pages.url}/shop/item.html`,
      [PAGE_COUNTER]: 1,
      [PREVIOUS_PAGE_LOCATION]: '',
      [PREVIOUS_PAGE_TYPE]: 'direct',
    });
    // session_start comes first, the page view is in that session.
    expect(received()[0]).toMatchObject({ event_type: SESSION_START, session_id: views[0].session_id });
  });

  it('a page view from an external referrer with a campaign carries exactly those fields too', async () => {
    const page = await suite.context.newPage();
    await page.goto(`${suite.pages.url}/landing.html?utm_source=newsletter&gclid=Gc1-Xq9`, {
      referer: 'https://news.example.org/story?id=7',
    });
    await settle(page, 'referred');
    expect(propsOf(PAGE_VIEWED)).toEqual([
      {
        utm_source: 'newsletter',
        gclid: 'Gc1-Xq9',
        referrer: 'https://news.example.org/story?id=7',
        referring_domain: 'news.example.org',
        [PAGE_DOMAIN]: '127.0.0.1',
        [PAGE_LOCATION]: `${suite.pages.url}/landing.html?utm_source=newsletter&gclid=Gc1-Xq9`,
        [PAGE_PATH]: '/landing.html',
        [PAGE_TITLE]: 'Autocapture app',
        [PAGE_URL]: `${suite.pages.url}/landing.html`,
        [PAGE_COUNTER]: 1,
        [PREVIOUS_PAGE_LOCATION]: 'https://news.example.org/story?id=7',
        [PREVIOUS_PAGE_TYPE]: 'external',
      },
    ]);
  });

  it(
    'all: pushState, popstate (back) and a hash change give exactly one page view ' +
      'each; replaceState to the same URL none',
    async () => {
      const page = await suite.context.newPage();
      await page.goto(`${suite.pages.url}/spa/index.html`);
      await expect.poll(() => named(PAGE_VIEWED).length, { timeout: 10_000 }).toBe(1);

      await page.evaluate(() => history.pushState({ step: 1 }, '', '/spa/products?sort=new'));
      await expect.poll(() => named(PAGE_VIEWED).length, { timeout: 10_000 }).toBe(2);
      await page.evaluate(() => history.back()); // popstate, back to /spa/index.html
      await page.waitForURL(`${suite.pages.url}/spa/index.html`);
      await expect.poll(() => named(PAGE_VIEWED).length, { timeout: 10_000 }).toBe(3);
      // Chromium fires popstate AND hashchange for this one navigation: still one page view.
      await changeHash(page, '#reviews');
      await page.evaluate(() => history.replaceState(history.state, '', location.href));
      await settle(page, 'spa');
      expect(propsOf(PAGE_VIEWED).map((props) => [props[PAGE_LOCATION], props[PAGE_COUNTER]])).toEqual([
        [`${suite.pages.url}/spa/index.html`, 1],
        [`${suite.pages.url}/spa/products?sort=new`, 2],
        [`${suite.pages.url}/spa/index.html`, 3],
        [`${suite.pages.url}/spa/index.html#reviews`, 4],
      ]);

      // The same-URL replaceState was seen and ignored: a replaceState to a new URL is a page view.
      await page.evaluate(() => history.replaceState(null, '', '/spa/replaced'));
      await settle(page, 'replaced');
      expect(propsOf(PAGE_VIEWED).map((props) => props[PAGE_PATH])).toEqual([
        '/spa/index.html',
        '/spa/products',
        '/spa/index.html',
        '/spa/index.html',
        '/spa/replaced',
      ]);
    },
  );

  it('pathOnly: hash changes (by location.hash or pushState) give no page view, a path change gives one', async () => {
    const page = await suite.context.newPage();
    await page.goto(`${suite.pages.url}/spa/path-only.html`);
    await expect.poll(() => named(PAGE_VIEWED).length, { timeout: 10_000 }).toBe(1);
    await changeHash(page, '#step-2');
    await page.evaluate(() => history.pushState(null, '', '#step-3'));
    await page.evaluate(() => history.pushState(null, '', '/spa/checkout'));
    await settle(page, 'path-only');
    expect(propsOf(PAGE_VIEWED).map((props) => props[PAGE_PATH])).toEqual(['/spa/path-only.html', '/spa/checkout']);
  });
});

describe('marketing attribution', () => {
  it(
    'a first visit with utm_* and gclid sends the $identify with $setOnce ' +
      'initial_*, $set and $unset, before the page view',
    async () => {
      const page = await suite.context.newPage();
      const query = 'utm_source=newsletter&utm_medium=mail&utm_campaign=spring_sale&utm_id=sp-24&gclid=Gc1-Xq9';
      await page.goto(`${suite.pages.url}/landing.html?${query}`, { referer: 'https://news.example.org/' });
      await settle(page, 'campaign');

      const identifies = named(IDENTIFY);
      expect(identifies).toHaveLength(1);
      const present: Props = {
        utm_source: 'newsletter',
        utm_medium: 'mail',
        utm_campaign: 'spring_sale',
        utm_id: 'sp-24',
        gclid: 'Gc1-Xq9',
        referrer: 'https://news.example.org/',
        referring_domain: 'news.example.org',
      };
      const absent = CAMPAIGN_KEYS.filter((key) => !(key in present));
      expect(absent).toHaveLength(12);
      expect(identifies[0].user_properties).toEqual({
        // Every first-touch key, absent ones as initialEmptyValue (default "EMPTY").
        $setOnce: Object.fromEntries(
          CAMPAIGN_KEYS.map((key) => [`initial_${key}`, key in present ? present[key] : 'EMPTY']),
        ),
        // Multi-touch: present values set, absent ones unset.
        $set: present,
        $unset: Object.fromEntries(absent.map((key) => [key, '-'])),
      });
      // $identify is not enriched with page properties.
      expect(identifies[0].event_properties ?? {}).toEqual({});

      const [view] = named(PAGE_VIEWED);
      expect(identifies[0].event_id).toBeLessThan(view.event_id);
      expect(view.event_properties).toMatchObject(present);
      // Sent before the page view on the wire too: in an earlier request, or earlier in the same one.
      const position = (type: string) =>
        suite.collector
          .requests()
          .flatMap((request, index) =>
            (JSON.parse(request.bodyText).events as Received[]).map((event, at) => ({
              type: event.event_type,
              order: index * 10_000 + at,
            })),
          )
          .find((entry) => entry.type === type)?.order ?? -1;
      expect(position(IDENTIFY)).toBeGreaterThanOrEqual(0);
      expect(position(IDENTIFY)).toBeLessThan(position(PAGE_VIEWED));

      // Coming back directly within the same session is not a new campaign.
      await page.goto(`${suite.pages.url}/landing.html`);
      await settle(page, 'direct-again');
      expect(named(PAGE_VIEWED)).toHaveLength(2);
      expect(named(IDENTIFY)).toHaveLength(1);
    },
  );
});

describe('form interactions', () => {
  it(
    'a change then submit gives Form Started then Form Submitted, also for a form ' +
      'inserted after load, and no field value is ever sent',
    async () => {
      const page = await suite.context.newPage();
      await page.goto(`${suite.pages.url}/forms.html`);
      await expect.poll(() => named(PAGE_VIEWED).length, { timeout: 10_000 }).toBe(1);

      await page.fill('#signup-email', 'Fv7field@mailbox.test');
      await page.press('#signup-email', 'Tab'); // blur: the change event
      await page.fill('#signup-password', 'Pw9HunterSecret');
      await page.press('#signup-password', 'Tab');
      await page.click('#signup-submit');
      await settle(page, 'signup');
      const signup = {
        '[Amplitude] Form ID': 'signup',
        '[Amplitude] Form Name': 'signup-form',
        '[Amplitude] Form Destination': `${suite.pages.url}/subscribe?plan=pro`,
      };
      // One Started for two changed fields, then one Submitted.
      expect(
        received()
          .filter((event) => event.event_type.startsWith('[Amplitude] Form'))
          .map((event) => event.event_type),
      ).toEqual([FORM_STARTED, FORM_SUBMITTED]);
      expect(propsOf(FORM_STARTED)[0]).toMatchObject({ ...signup, [PAGE_PATH]: '/forms.html' });
      expect(propsOf(FORM_SUBMITTED)[0]).toMatchObject(signup);

      // A form added after load, submitted without a change: Started, then Submitted.
      await page.evaluate(() => (window as unknown as { addLateForm(): void }).addLateForm());
      await page.click('#late-submit');
      await page.fill('#late-note', 'Nt4LateNoteValue');
      await page.press('#late-note', 'Tab'); // a change after Started sends no second Started
      await page.click('#late-submit');
      await settle(page, 'late');
      const late = received()
        .filter((event) => event.event_properties?.['[Amplitude] Form ID'] === 'late')
        .map((event) => event.event_type);
      expect(late).toEqual([FORM_STARTED, FORM_SUBMITTED, FORM_SUBMITTED]);
      expect(propsOf(FORM_SUBMITTED)[1]).toMatchObject({
        '[Amplitude] Form Name': 'late-form',
        '[Amplitude] Form Destination': `${suite.pages.url}/late`,
      });

      for (const value of ['Fv7field@mailbox.test', 'Pw9HunterSecret', 'Nt4LateNoteValue']) expectNeverSent(value);
    },
  );
});

describe('file downloads', () => {
  it(
    'a click on report.PDF?x=1#p gives one File Downloaded with its documented ' +
      'properties; a link to #section none',
    async () => {
      const page = await suite.context.newPage();
      await page.goto(`${suite.pages.url}/downloads.html`);
      await expect.poll(() => named(PAGE_VIEWED).length, { timeout: 10_000 }).toBe(1);
      const download = page.waitForEvent('download');
      await page.click('#dl');
      await download;
      await page.click('#anchor');
      await settle(page, 'download');
      expect(named(FILE_DOWNLOADED)).toHaveLength(1);
      expect(propsOf(FILE_DOWNLOADED)[0]).toMatchObject({
        '[Amplitude] File Extension': 'pdf',
        '[Amplitude] File Name': '/files/report.PDF',
        '[Amplitude] Link ID': 'dl',
        '[Amplitude] Link Text': 'Annual report',
        '[Amplitude] Link URL': `${suite.pages.url}/files/report.PDF?x=1#p`,
        [PAGE_PATH]: '/downloads.html',
      });
    },
  );

  it(
    'download links inside open shadow roots are seen (nested, and around a ' + 'slot); a closed root stays closed',
    async () => {
      const page = await suite.context.newPage();
      await page.goto(`${suite.pages.url}/shadow-downloads.html`);
      await expect.poll(() => named(PAGE_VIEWED).length, { timeout: 10_000 }).toBe(1);
      await page.click('#open-host >> #manual span');
      await page.click('#nested-host >> a');
      await page.click('#slotted');
      await page.evaluate(() =>
        (window as unknown as { closedRoot: ShadowRoot }).closedRoot.querySelector('a')!.click(),
      );
      await settle(page, 'shadow-downloads');
      expect(
        propsOf(FILE_DOWNLOADED).map((props) => [props['[Amplitude] File Name'], props['[Amplitude] Link Text']]),
      ).toEqual([
        ['/files/manual.pdf', 'Manual'],
        ['/files/data.csv', 'Data'],
        ['/files/song.mp3', ''],
      ]);
      expect(propsOf(FILE_DOWNLOADED)[0]).toMatchObject({
        '[Amplitude] Link ID': 'manual',
        '[Amplitude] Link URL': `${suite.pages.url}/files/manual.pdf`,
      });
      expect(suite.collector.stats().duplicates).toBe(0);
    },
  );
});

describe('privacy (D)', () => {
  it(
    'a page URL with ?token=abc123secret&email=a@b.co never sends either value, on ' +
      'that page or as the next page’s referrer',
    async () => {
      const page = await suite.context.newPage();
      // The referrer carries them too (a mail client's link with a permissive referrer policy).
      await page.goto(`${suite.pages.url}/account.html?token=abc123secret&email=a@b.co`, {
        referer: 'https://mail.example.org/inbox?token=abc123secret&email=a@b.co',
      });
      await expect.poll(() => named(PAGE_VIEWED).length, { timeout: 10_000 }).toBe(1);
      // Every autocapture that reports a URL: page view, form (its destination is this URL), download.
      await page.fill('#profile-name', 'Jo');
      await page.press('#profile-name', 'Tab');
      await page.click('#profile-save');
      const download = page.waitForEvent('download');
      await page.click('#dl');
      await download;
      await settle(page, 'secret-page');
      // Same origin: the next page gets the full URL as document.referrer and as the previous page.
      await page.click('#next');
      await page.waitForURL(`${suite.pages.url}/site/b.html`);
      await settle(page, 'after-secret');

      const scrubbed = `${suite.pages.url}/account.html?token=${MASK}&email=${MASK}`;
      const scrubbedReferrer = `https://mail.example.org/inbox?token=${MASK}&email=${MASK}`;
      expect(propsOf(PAGE_VIEWED)[0]).toMatchObject({
        [PAGE_LOCATION]: scrubbed,
        referrer: scrubbedReferrer,
        [PREVIOUS_PAGE_LOCATION]: scrubbedReferrer,
      });
      expect(named(IDENTIFY)[0].user_properties?.$setOnce).toMatchObject({
        initial_referrer: scrubbedReferrer,
        initial_referring_domain: 'mail.example.org',
      });
      expect(propsOf(FORM_SUBMITTED)[0]['[Amplitude] Form Destination']).toBe(scrubbed);
      expect(propsOf(PAGE_VIEWED)[1]).toMatchObject({
        referrer: scrubbed,
        [PREVIOUS_PAGE_LOCATION]: scrubbed,
        [PREVIOUS_PAGE_TYPE]: 'internal',
      });
      // The scan is only meaningful if those events were really sent.
      expect(named(FORM_STARTED)).toHaveLength(1);
      expect(named(FILE_DOWNLOADED)).toHaveLength(1);
      expectNeverSent('abc123secret');
      expectNeverSent('a@b.co');
    },
  );

  it(
    'a <title data-amp-mask> title never leaves the page; page views and ' + 'every enriched event show *****',
    async () => {
      const page = await suite.context.newPage();
      await page.goto(`${suite.pages.url}/private.html`);
      await expect.poll(() => named(PAGE_VIEWED).length, { timeout: 10_000 }).toBe(1);
      await page.click('#signup-submit');
      const download = page.waitForEvent('download');
      await page.click('#dl');
      await download;
      // The app renames the page in an SPA navigation: the <title> keeps its attribute, so still masked.
      await page.evaluate(() => {
        document.title = 'Zt8PrivateTitle second step';
        history.pushState(null, '', '/private/step-2');
      });
      await settle(page, 'masked-title');
      const pageEvents = received().filter((event) => event.event_type !== IDENTIFY);
      expect(pageEvents.map((event) => event.event_type)).toEqual(
        expect.arrayContaining([PAGE_VIEWED, FORM_STARTED, FORM_SUBMITTED, FILE_DOWNLOADED, 'sentinel masked-title']),
      );
      for (const event of pageEvents) expect(event.event_properties?.[PAGE_TITLE]).toBe(MASK);
      expect(named(PAGE_VIEWED)).toHaveLength(2);
      expectNeverSent('Zt8PrivateTitle');
      expectNeverSent('Jane Roe');
    },
  );
});

describe('page URL enrichment', () => {
  it('a redirect (pushState then replaceState in one task) gives each page view its own previous page', async () => {
    const page = await suite.context.newPage();
    await page.goto(`${suite.pages.url}/site/a.html`);
    await expect.poll(() => named(PAGE_VIEWED).length, { timeout: 10_000 }).toBe(1);
    await page.evaluate(() => {
      history.pushState(null, '', '/site/old');
      history.replaceState(null, '', '/site/new');
    });
    await settle(page, 'redirect');
    expect(propsOf(PAGE_VIEWED).map((props) => [props[PAGE_PATH], props[PREVIOUS_PAGE_LOCATION]])).toEqual([
      ['/site/a.html', ''],
      ['/site/old', `${suite.pages.url}/site/a.html`],
      ['/site/new', `${suite.pages.url}/site/old`],
    ]);
  });

  it(
    'Previous Page Location / Type: direct on the first page, internal after a link ' +
      'to the second page, then the SPA page before',
    async () => {
      const page = await suite.context.newPage();
      await page.goto(`${suite.pages.url}/site/a.html`);
      await settle(page, 'on-a');
      await page.click('#to-b');
      await page.waitForURL(`${suite.pages.url}/site/b.html`);
      await page.evaluate(() => sightline.track('Checkout Viewed', { [`[Amplitude] Page Title`]: 'set by the app' }));
      await page.evaluate(() => history.pushState(null, '', '/site/c'));
      await settle(page, 'on-c');

      const previous = (event: Received) => [
        event.event_properties?.[PAGE_PATH],
        event.event_properties?.[PREVIOUS_PAGE_LOCATION],
        event.event_properties?.[PREVIOUS_PAGE_TYPE],
      ];
      expect(named(PAGE_VIEWED).map(previous)).toEqual([
        ['/site/a.html', '', 'direct'],
        ['/site/b.html', `${suite.pages.url}/site/a.html`, 'internal'],
        ['/site/c', `${suite.pages.url}/site/b.html`, 'internal'],
      ]);
      const [checkout] = named('Checkout Viewed');
      expect(previous(checkout)).toEqual(['/site/b.html', `${suite.pages.url}/site/a.html`, 'internal']);
      // A property the app set is kept.
      expect(checkout.event_properties?.[PAGE_TITLE]).toBe('set by the app');
      expect(named('sentinel on-c')[0].event_properties).toMatchObject({
        [PAGE_TITLE]: 'Page B',
        [PREVIOUS_PAGE_LOCATION]: `${suite.pages.url}/site/b.html`,
      });
      // The first visit's $identify is not enriched.
      expect(named(IDENTIFY)).toHaveLength(1);
      expect(named(IDENTIFY)[0].event_properties ?? {}).toEqual({});
    },
  );
});

describe('autocapture: false', () => {
  /** Loads the page with a campaign and an external referrer, then navigates, fills, submits, downloads. */
  const exercise = async (query: string): Promise<void> => {
    const page = await suite.context.newPage();
    await page.goto(`${suite.pages.url}/everything.html?${query}&utm_source=ad&gclid=Gc1-Xq9`, {
      referer: 'https://news.example.org/',
    });
    await page.fill('#signup-email', 'x');
    await page.press('#signup-email', 'Tab');
    await page.click('#signup-submit');
    const download = page.waitForEvent('download');
    await page.click('#dl');
    await download;
    await page.evaluate(() => history.pushState(null, '', '/everything/next'));
    await page.evaluate(() => sightline.track('Manual Event', { n: 1 }));
    await settle(page, 'exercised');
    await page.close();
  };

  it(
    'control: the same interactions with the default autocapture produce ' + 'every default autocaptured event',
    async () => {
      await exercise('autocapture=default');
      const types = new Set(received().map((event) => event.event_type));
      for (const type of [SESSION_START, IDENTIFY, PAGE_VIEWED, FORM_STARTED, FORM_SUBMITTED, FILE_DOWNLOADED])
        expect(types).toContain(type);
    },
  );

  it('with autocapture: false only the manual events arrive, without page enrichment, still in a session', async () => {
    await exercise('autocapture=off');
    const events = received();
    expect(events.map((event) => event.event_type)).toEqual(['Manual Event', 'sentinel exercised']);
    expect(events[0].event_properties).toEqual({ n: 1 });
    expect(events[0].session_id).toBeGreaterThan(0); // Sessions off still means session ids
  });
});
