import { afterEach, describe, expect, it } from 'vitest';
import {
  MASK,
  isContentEditable,
  isSecretField,
  isSensitiveElement,
  isSightlineUi,
  isTextMasked,
  maskedAttributeNames,
  maskedAttributeNamesUp,
  readElementText,
  readParentLabel,
  type ElementPrivacyOptions,
} from '@sightline/dom';

function mount(html: string): HTMLElement {
  document.body.innerHTML = html;
  return document.body;
}

function target(): Element {
  const element = document.querySelector('[data-target]');
  if (!element) throw new Error('fixture needs [data-target]');
  return element;
}

afterEach(() => {
  document.body.innerHTML = '';
});

describe('element rules', () => {
  it.each([
    ['<input data-target>', true, false],
    ['<input type="text" data-target>', true, false],
    ['<input type="password" data-target>', true, true],
    ['<input type="PASSWORD" data-target>', true, true],
    ['<input type="hidden" data-target>', true, true],
    ['<input type="email" hidden data-target>', true, true],
    ['<textarea data-target></textarea>', true, false],
    ['<select data-target></select>', true, false],
    ['<div contenteditable data-target></div>', true, false],
    ['<div contenteditable="true" data-target></div>', true, false],
    ['<div contenteditable="false" data-target></div>', false, false],
    ['<div contenteditable><b data-target>x</b></div>', true, false],
    ['<div contenteditable><b contenteditable="false" data-target>x</b></div>', false, false],
    ['<button data-target>x</button>', false, false],
    ['<div hidden data-target>x</div>', false, false],
  ])('%s sensitive=%s secret=%s', (html, sensitive, secret) => {
    mount(html);
    expect(isSensitiveElement(target())).toBe(sensitive);
    expect(isSecretField(target())).toBe(secret);
  });

  it.each([
    ['<button data-amp-mask data-target>x</button>', true],
    ['<div data-amp-mask="false"><button data-target>x</button></div>', true],
    ['<div data-amp-mask><p><span><b data-target>x</b></span></p></div>', true],
    ['<button data-target>x</button>', false],
  ])('isTextMasked %s', (html, expected) => {
    mount(html);
    expect(isTextMasked(target())).toBe(expected);
  });

  it.each([
    ['<sightline-preview data-sightline-ui data-target></sightline-preview>', true],
    ['<div data-sightline-ui="preview"><p><button data-target>x</button></p></div>', true],
    ['<div data-sightline="preview"><button data-target>x</button></div>', false],
    ['<button data-target>x</button>', false],
  ])('isSightlineUi %s', (html, expected) => {
    mount(html);
    expect(isSightlineUi(target())).toBe(expected);
  });

  it('isSightlineUi looks through shadow roots to their host', () => {
    const host = mount('<sightline-preview data-sightline-ui></sightline-preview><div id="plain"></div>');
    const inner = host.querySelector('sightline-preview')!.attachShadow({ mode: 'open' });
    inner.innerHTML = '<p><button>Close</button></p>';
    expect(isSightlineUi(inner.querySelector('button')!)).toBe(true);
    const other = host.querySelector('#plain')!.attachShadow({ mode: 'open' });
    other.innerHTML = '<button>Page</button>';
    expect(isSightlineUi(other.querySelector('button')!)).toBe(false);
  });

  it.each([
    ['<a data-amp-mask-attributes="name, SSN" data-target></a>', ['name', 'ssn']],
    [
      '<div data-amp-mask-attributes="title"><a data-amp-mask-attributes="href" data-target></a></div>',
      ['href', 'title'],
    ],
    ['<a data-amp-mask-attributes="id,class,aria-label" data-target></a>', ['aria-label']],
    ['<a data-amp-mask-attributes="" data-target></a>', []],
    ['<a data-target></a>', []],
  ])('maskedAttributeNames %s', (html, expected) => {
    mount(html);
    expect([...maskedAttributeNames(target())].sort()).toEqual(expected);
  });

  it('maskedAttributeNamesUp gives each ancestor its own names, nearest first, in one walk', () => {
    mount(
      '<section data-amp-mask-attributes="title"><div data-amp-mask-attributes="href"><p><a ' +
        'data-amp-mask-attributes="id,name" data-target></a></p></div></section>',
    );
    const sets = maskedAttributeNamesUp(target()).map((names) => [...names].sort());
    // a, p, div, section, body, html
    expect(sets).toEqual([['href', 'name', 'title'], ['href', 'title'], ['href', 'title'], ['title'], [], []]);
    expect([...maskedAttributeNames(target())].sort()).toEqual(sets[0]);
  });

  it('isContentEditable is false outside editable content', () => {
    mount('<p data-target>x</p>');
    expect(isContentEditable(target())).toBe(false);
  });
});

describe('readElementText', () => {
  it.each<[string, ElementPrivacyOptions, string]>([
    ['<button data-target>  Buy   now </button>', {}, 'Buy now'],
    ['<button data-target><span>Buy</span> <b>now</b></button>', {}, 'Buy now'],
    ['<button data-target><div>A</div><div>B</div></button>', {}, 'A B'],
    ['<button data-target>A<br>B</button>', {}, 'A B'],
    ['<a data-target>Hi <i>there</i>!</a>', {}, 'Hi there!'],
    // Masked element, masked ancestor, masked descendants, nested masks
    ['<button data-amp-mask data-target>John Smith</button>', {}, MASK],
    ['<div data-amp-mask><button data-target>John <b>Smith</b></button></div>', {}, MASK],
    ['<button data-target>Pay <span data-amp-mask>John</span> now</button>', {}, `Pay ${MASK} now`],
    ['<button data-target><span data-amp-mask>A<span data-amp-mask>B</span></span> C</button>', {}, `${MASK} C`],
    ['<button data-target><span data-amp-mask>  </span>Go</button>', {}, 'Go'],
    ['<button data-amp-mask data-target></button>', {}, ''],
    // Fields and editable content never give text
    ['<input data-target value="secret">', {}, ''],
    ['<input type="submit" data-target value="Send">', {}, ''],
    ['<textarea data-target>typed secret</textarea>', {}, ''],
    ['<select data-target><option>Visa</option></select>', {}, ''],
    ['<div contenteditable data-target>typed</div>', {}, ''],
    ['<div contenteditable><span data-target>typed</span></div>', {}, ''],
    ['<label data-target>Name <input value="Bob"></label>', {}, 'Name'],
    ['<label data-target>Bio <textarea>typed</textarea></label>', {}, 'Bio'],
    ['<div data-target>Note <div contenteditable>typed</div></div>', {}, 'Note'],
    ['<div data-target>Choose <select><option>Secret choice</option></select></div>', {}, 'Choose'],
    // never script, style, hidden
    ['<button data-target>Go<script>var x = 1</script><style>.a{}</style></button>', {}, 'Go'],
    ['<button data-target>Go<span hidden>tooltip</span></button>', {}, 'Go'],
    // Visible text only — CSS-hidden text is never captured
    ['<button data-target>Go<span style="display:none">secret tip</span></button>', {}, 'Go'],
    ['<button data-target>Go<span style="visibility:hidden">secret tip</span></button>', {}, 'Go'],
    [
      '<button data-target>Go<span style="visibility:hidden">x<b style="visibility:visible">shown</b></span></button>',
      {},
      'Goshown',
    ],
    // Patterns, every occurrence, split numbers
    ['<button data-target>Card 4111 1111 1111 1111</button>', {}, `Card ${MASK}`],
    ['<p data-target>4111<b>-1111-</b>1111-1111 and 5500 0000 0000 0004</p>', {}, `${MASK} and ${MASK}`],
    ['<p data-target>SSN <b>123-45-6789</b></p>', {}, `SSN ${MASK}`],
    ['<p data-target>Mail <a>bob@example.com</a></p>', {}, `Mail ${MASK}`],
    ['<p data-target>Card ends in 4242</p>', { maskTextRegex: [/ends\s*in\s*\d{4}/i] }, `Card ${MASK}`],
    ['<p data-target>日本語 <b>テキスト</b> 😀</p>', {}, '日本語 テキスト 😀'],
    // privacy levels
    ['<button data-target>Buy</button>', { privacyLevel: 'light' }, 'Buy'],
    ['<button data-target>Buy</button>', { privacyLevel: 'conservative' }, ''],
    ['<button data-target>Buy</button>', { privacyLevel: 'medium' }, 'Buy'],
    ['<label data-target>Full name</label>', { privacyLevel: 'medium' }, MASK],
    ['<label data-target>Full name</label>', { privacyLevel: 'light' }, 'Full name'],
    ['<h2><a data-target>Title link</a></h2>', { privacyLevel: 'medium' }, MASK],
    ['<a data-target><h3>Heading</h3> more</a>', { privacyLevel: 'medium' }, `${MASK} more`],
    ['<fieldset data-target><legend>Payment</legend>Pay</fieldset>', { privacyLevel: 'medium' }, `${MASK} Pay`],
  ])('%s %o', (html, options, expected) => {
    mount(html);
    expect(readElementText(target(), options)).toBe(expected);
  });

  it('masks before cutting: a card at the 255 boundary never leaks', () => {
    mount(`<p data-target>${'a'.repeat(245)} <b>4111 1111 1111 1111</b> end</p>`);
    const text = readElementText(target());
    expect(text.length).toBe(255);
    expect(text).not.toMatch(/\d/);
  });

  it('whitespace collapses before the cut, so a late card is still whole when masked', () => {
    mount(`<p data-target>${' '.repeat(5000)}4111 1111 1111 1111</p>`);
    expect(readElementText(target())).toBe(MASK);
  });

  it('bounds the work on huge elements and still cuts at 255', () => {
    mount(`<div data-target>${'<p>word word word</p>'.repeat(5000)}</div>`);
    const text = readElementText(target());
    expect(text.length).toBe(255);
    expect(text.startsWith('word word')).toBe(true);
  });

  it('never throws on odd input', () => {
    expect(readElementText(null as unknown as Element)).toBe('');
    expect(readElementText({} as Element)).toBe('');
  });
});

describe('readParentLabel', () => {
  it.each<[string, ElementPrivacyOptions, string]>([
    ['<div><span>Plan</span><button data-target>Buy</button></div>', {}, 'Plan'],
    ['<section><h2>Pricing</h2><div><div><button data-target>Buy</button></div></div></section>', {}, 'Pricing'],
    ['<div><p><span>deep span, not direct</span></p><button data-target>Buy</button></div>', {}, ''],
    ['<div><span data-amp-mask>John</span><button data-target>Buy</button></div>', {}, MASK],
    ['<div data-amp-mask><span>John</span><button data-target>Buy</button></div>', {}, MASK],
    ['<div><span>bob@example.com</span><button data-target>x</button></div>', {}, MASK],
    ['<section><h2>Pricing</h2><button data-target>Buy</button></section>', { privacyLevel: 'medium' }, MASK],
    ['<section><h2>Pricing</h2><button data-target>Buy</button></section>', { privacyLevel: 'conservative' }, ''],
    ['<button data-target>Buy</button>', {}, ''],
    // Document order across a level's children: a heading inside an earlier child beats a later direct span.
    ['<div><b><i><h4>Earlier</h4></i></b><span>Later</span><button data-target>x</button></div>', {}, 'Earlier'],
    ['<div><span><h4>Inside</h4></span><button data-target>x</button></div>', {}, 'Inside'],
    // Far up, past heading-less levels, and a heading inside the clicked element's own subtree.
    [
      '<section><h2>Orders</h2><table><tbody><tr><td>1</td><td><button ' +
        'data-target>Details</button></td></tr><tr><td>2</td></tr></tbody></table></section>',
      {},
      'Orders',
    ],
    ['<div><button data-target><h5>Own</h5></button><span>Sibling</span></div>', {}, 'Own'],
    ['<div><span data-target>Self</span></div>', {}, 'Self'],
  ])('%s %o', (html, options, expected) => {
    mount(html);
    expect(readParentLabel(target(), options)).toBe(expected);
  });

  it('stops after 10 levels', () => {
    mount(`<section><h1>Far</h1>${'<div>'.repeat(12)}<button data-target>x</button>${'</div>'.repeat(12)}</section>`);
    expect(readParentLabel(target())).toBe('');
  });
});
