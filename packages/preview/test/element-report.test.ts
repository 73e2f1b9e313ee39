import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  EVENT_ELEMENT_CLICKED,
  Property,
  elementInteractionsPlugin,
  type ElementInteractionsOptions,
} from '@sightline/plugin-element-interactions';
import { afterPaint, click, setUpPlugin } from '@sightline/test-utils';
import { findCandidates } from '../src/candidates.js';
import { resolveCaptureRules } from '../src/capture-rules.js';
import {
  captureKindOf,
  captureNotes,
  clickProperties,
  summarizeElement,
  type NoteFacts,
} from '../src/element-report.js';

const PAGE = `
  <main id="app">
    <section class="plans"><h2 id="plan-title">Pro plan</h2>
      <button class="buy" aria-label="Buy pro" data-amp-track-plan="pro" id="buy"><span
        id="buy-label">Buy now</span></button>
    </section>
    <div id="card"><span id="card-label">Card ends in 4242</span></div>
    <a id="link" href="/next.html?token=tok-Zq77Secret&amp;ref=menu" data-x-step="2">Continue</a>
    <div data-amp-mask id="account"><button id="masked">Ottoline Brackenbury</button></div>
    <p><button id="pay">Pay with 4111 1111 1111 1111</button></p>
    <form><input id="password" type="password" class="field"><input id="email" type="email"></form>
  </main>`;

const byId = (id: string) => document.getElementById(id)!;
const rulesFor = (options?: ElementInteractionsOptions) => resolveCaptureRules(options, document, location.href);

beforeEach(() => {
  document.head.innerHTML = '<title>Shop</title>';
  document.body.innerHTML = PAGE;
  history.replaceState(null, '', '/shop?session=s3cr3t');
  byId('link').addEventListener('click', (event) => event.preventDefault()); // stay on this page
});

afterEach(() => {
  document.body.innerHTML = '';
});

describe('captureKindOf: what a click on the element records, as the plugin decides it', () => {
  it.each([
    ['buy', 'tracked'],
    ['buy-label', undefined], // inside the button: the click records the button
    ['card', 'action'],
    ['card-label', 'action'], // a span is an action candidate of its own
    ['plan-title', 'action'],
    ['app', undefined],
    ['link', 'tracked'],
    ['password', 'tracked'],
  ])('#%s → %s', (id, kind) => {
    expect(captureKindOf(byId(id), rulesFor())).toBe(kind);
  });

  it('follows the configured lists', () => {
    const rules = rulesFor({ cssSelectorAllowlist: ['#card'], actionClickAllowlist: [] });
    expect(captureKindOf(byId('card'), rules)).toBe('tracked');
    expect(captureKindOf(byId('card-label'), rules)).toBeUndefined();
    expect(captureKindOf(byId('buy'), rules)).toBeUndefined();
  });

  it("never Sightline's own UI", () => {
    const host = document.createElement('sightline-preview');
    host.setAttribute('data-sightline-ui', 'preview');
    document.body.appendChild(host);
    expect(captureKindOf(host, rulesFor({ cssSelectorAllowlist: ['*'] }))).toBeUndefined();
  });
});

describe('findCandidates', () => {
  it('every element a click records, in document order; none on an excluded page', () => {
    const ids = (options?: ElementInteractionsOptions) =>
      findCandidates(document, rulesFor(options)).summaries.map(({ element, kind }) => `${element.id}:${kind}`);
    expect(ids()).toEqual([
      'plan-title:action',
      'buy:tracked',
      'card:action',
      'card-label:action',
      'link:tracked',
      'account:action',
      'masked:tracked',
      'pay:tracked',
      'password:tracked',
      'email:tracked',
    ]);
    expect(ids({ pageUrlExcludelist: [/\/shop/] })).toEqual([]);
    expect(ids({ cssSelectorAllowlist: [], actionClickAllowlist: [] })).toEqual([]);
  });

  it('draws at most the limit and counts the rest', () => {
    const { summaries, notShown } = findCandidates(document, rulesFor(), 3);
    expect(summaries).toHaveLength(3);
    expect(notShown).toBe(7);
  });
});

describe('captureNotes', () => {
  const facts = (given: Partial<NoteFacts>): NoteFacts => ({
    kind: 'tracked',
    secret: false,
    sensitive: false,
    textMasked: false,
    conservative: false,
    ...given,
  });
  it.each([
    [{}, []],
    [
      { secret: true, sensitive: true },
      ['Password or hidden field: nothing typed in it, no text and no label is captured.'],
    ],
    [{ sensitive: true }, ['Form field: what is typed in it is never captured.']],
    [{ textMasked: true }, ['Text masked: sent as *****.']],
    [{ conservative: true }, ["privacyLevel 'conservative': no element text is sent."]],
    [{ conservative: true, sensitive: true }, ['Form field: what is typed in it is never captured.']],
    [{ kind: 'action' }, ['Sent only when the click changes the page or navigates within 500 ms.']],
  ] as [Partial<NoteFacts>, string[]][])('%o → %o', (given, notes) => {
    expect(captureNotes(facts(given))).toEqual(notes);
  });
});

describe('summarizeElement', () => {
  it('marks masked text, secret fields and names each outline', () => {
    const rules = rulesFor();
    const masked = summarizeElement(byId('masked'), 'tracked', rules);
    expect(masked).toMatchObject({ text: '*****', textMasked: true, secret: false });
    expect(masked.label).toBe(`button#masked "*****": ${EVENT_ELEMENT_CLICKED}, text masked`);
    expect(summarizeElement(byId('pay'), 'tracked', rules)).toMatchObject({ text: 'Pay with *****', textMasked: true });
    const password = summarizeElement(byId('password'), 'tracked', rules);
    expect(password).toMatchObject({ text: '', textMasked: false, secret: true });
    expect(password.label).toBe(`input#password: ${EVENT_ELEMENT_CLICKED}, nothing typed is captured`);
    expect(summarizeElement(byId('card'), 'action', rules).label).toContain('only if the click changes the page');
  });
});

describe('clickProperties: exactly what the plugin sends for a click', () => {
  beforeEach(() => {
    vi.useFakeTimers();
    vi.setSystemTime(new Date('2024-05-01T10:00:00.000Z'));
  });
  afterEach(() => vi.useRealTimers());

  it.each([
    ['link', undefined],
    ['buy', undefined],
    ['masked', undefined],
    ['password', undefined],
    ['link', { privacyLevel: 'conservative', dataAttributePrefix: 'data-x-' }],
    ['card', { cssSelectorAllowlist: ['#card'], maskTextRegex: ['ends in \\d{4}'] }],
    ['buy', { privacyLevel: 'medium', dataAttributePrefix: /^data-amp-track-/ }],
  ] as [string, ElementInteractionsOptions | undefined][])('#%s with %o', async (id, options) => {
    const { plugin, tracked } = setUpPlugin(elementInteractionsPlugin(options));
    click(byId(id));
    await afterPaint();
    await plugin.teardown?.();
    expect(tracked).toHaveLength(1);
    expect(clickProperties(byId(id), rulesFor(options), document)).toEqual(tracked[0].properties);
  });

  it('a link shows its href scrubbed', () => {
    expect(clickProperties(byId('link'), rulesFor(), document)[Property.ELEMENT_HREF]).toBe(
      '/next.html?token=*****&ref=menu',
    );
  });
});
