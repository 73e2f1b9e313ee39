import { describe, expect, it } from 'vitest';
import { clearBodyAfterEach, target } from './fixture.js';
import {
  MASK,
  isBlockedAttribute,
  readAttributeValue,
  readDataAttributes,
  readElementAttributes,
  type DataAttributePrefix,
  type ElementPrivacyOptions,
} from '@sightline/dom';

clearBodyAfterEach();

describe('readElementAttributes', () => {
  it.each<[string, ElementPrivacyOptions, Record<string, string>]>([
    ['<a href="/x" title="Home" data-target>x</a>', {}, { href: '/x', title: 'Home' }],
    // Blocklist: value, style, handlers, React internals; id/class are reported apart
    [
      '<button id="b" class="c" value="v" style="color:red" onclick="go()" onmouseover="x()" data-reactid="1" ' +
        'data-reactroot="" type="button" data-target>x</button>',
      {},
      { type: 'button' },
    ],
    // Sensitive elements keep only type
    ['<input type="email" name="email" placeholder="you@x" autocomplete="email" data-target>', {}, { type: 'email' }],
    ['<textarea name="bio" rows="3" data-target></textarea>', {}, {}],
    ['<select name="card" data-target></select>', {}, {}],
    ['<div contenteditable="true" role="textbox" data-target></div>', {}, {}],
    // Password and hidden fields: nothing
    ['<input type="password" name="pw" data-target>', {}, {}],
    ['<input type="hidden" name="csrf" value="t" data-target>', {}, {}],
    ['<input type="text" hidden name="x" data-target>', {}, {}],
    // data-amp-mask-attributes on the element and ancestors
    [
      '<a data-amp-mask-attributes="title" title="John" data-target>x</a>',
      {},
      { 'data-amp-mask-attributes': 'title', title: MASK },
    ],
    [
      '<div data-amp-mask-attributes="href,name"><a href="/u/1" name="n" rel="x" data-target>x</a></div>',
      {},
      { href: MASK, name: MASK, rel: 'x' },
    ],
    ['<div data-amp-mask-attributes="id,class"><a id="i" class="c" data-target>x</a></div>', {}, {}],
    // Patterns in values, URLs through the scrubber, 128 cut
    ['<a title="Mail bob@example.com" data-target>x</a>', {}, { title: `Mail ${MASK}` }],
    ['<a href="https://u:p@e.com/r?token=abc&q=1" data-target>x</a>', {}, { href: 'https://e.com/r?token=*****&q=1' }],
    ['<img src="/p.png?email=bob%40x.com" alt="photo" data-target>', {}, { src: '/p.png?email=*****', alt: 'photo' }],
    ['<a title="Acct 1234" data-target>x</a>', { maskTextRegex: ['Acct \\d+'] }, { title: MASK }],
    [`<a title="${'t'.repeat(300)}" data-target>x</a>`, {}, { title: 't'.repeat(128) }],
    // conservative withholds human-readable attributes
    [
      '<a title="Home" aria-label="Go home" rel="nofollow" data-target>x</a>',
      { privacyLevel: 'conservative' },
      { title: MASK, 'aria-label': MASK, rel: 'nofollow' },
    ],
  ])('%s %o', (html, options, expected) => {
    expect(readElementAttributes(target(html), options)).toEqual(expected);
  });

  it('skips SVG shapes but keeps the svg root', () => {
    document.body.innerHTML = '<svg viewBox="0 0 1 1"><path d="M0 0"></path></svg>';
    const svg = document.querySelector('svg') as Element;
    const path = document.querySelector('path') as Element;
    expect(readElementAttributes(path)).toEqual({});
    expect(readElementAttributes(svg)).toEqual({ viewBox: '0 0 1 1' });
  });

  it.each([
    ['value', true],
    ['onclick', true],
    ['ONCLICK', true],
    ['data-reactid', true],
    ['style', true],
    ['href', false],
    ['one', true], // any on* name is treated as a handler: over-blocking is the safe side
  ])('isBlockedAttribute %s', (name, expected) => {
    expect(isBlockedAttribute(name)).toBe(expected);
  });

  it('never throws', () => {
    expect(readElementAttributes({} as Element)).toEqual({});
    expect(readAttributeValue({} as Element, 'x')).toBe('');
  });
});

describe('readAttributeValue', () => {
  it.each<[string, string, ElementPrivacyOptions, string]>([
    ['<a aria-label="Close" data-target></a>', 'aria-label', {}, 'Close'],
    ['<a data-target></a>', 'aria-label', {}, ''],
    ['<a aria-label="Close" data-amp-mask-attributes="aria-label" data-target></a>', 'aria-label', {}, MASK],
    ['<a aria-label="Close" data-target></a>', 'aria-label', { privacyLevel: 'conservative' }, MASK],
    ['<a aria-label="" data-target></a>', 'aria-label', { privacyLevel: 'conservative' }, ''],
    [`<a href="https://e.com/${'p'.repeat(200)}" data-target></a>`, 'href', {}, `https://e.com/${'p'.repeat(114)}`],
  ])('%s %s %o', (html, name, options, expected) => {
    expect(readAttributeValue(target(html), name, options)).toBe(expected);
  });
});

describe('readDataAttributes', () => {
  it.each<
    [string, DataAttributePrefix | DataAttributePrefix[] | undefined, ElementPrivacyOptions, Record<string, string>]
  >([
    [
      '<button data-amp-track-id="feature-start" data-amp-track-plan="pro" data-other="x" data-target></button>',
      undefined,
      {},
      { id: 'feature-start', plan: 'pro' },
    ],
    ['<button data-amp-track-id="a" data-track-b="b" data-target></button>', 'data-track-', {}, { b: 'b' }],
    [
      '<button data-amp-track-id="a" data-track-b="b" data-target></button>',
      ['data-track-', 'data-amp-track-'],
      {},
      { id: 'a', b: 'b' },
    ],
    ['<button data-x-one="1" data-y-two="2" data-target></button>', /^data-[xy]-/, {}, { one: '1', two: '2' }],
    ['<button data-x-one="1" data-target></button>', /^data-x-/g, {}, { one: '1' }],
    ['<button data-amp-track-id="a" data-target></button>', '', {}, {}],
    // Passes through even on a sensitive field, but masking rules still apply
    ['<input type="text" data-amp-track-step="2" data-target>', undefined, {}, { step: '2' }],
    ['<button data-amp-track-user="bob@example.com" data-target></button>', undefined, {}, { user: MASK }],
    [
      '<div data-amp-mask-attributes="data-amp-track-user"><button data-amp-track-user="Bob" ' +
        'data-target></button></div>',
      undefined,
      {},
      { user: MASK },
    ],
    ['<button data-amp-track-="empty key" data-target></button>', undefined, {}, {}],
  ])('%s %s', (html, prefix, options, expected) => {
    expect(readDataAttributes(target(html), prefix, options)).toEqual(expected);
  });
});
