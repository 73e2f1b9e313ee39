import { afterEach, describe, expect, it } from 'vitest';
import { readPageTitle, urlWithoutQuery } from '@sightline/dom';
import { createPageMemo } from '../src/page-memo.js';

afterEach(() => {
  document.head.innerHTML = '';
});

describe('the page memo reports what a fresh read would', () => {
  it.each([
    ['the same URL twice', ['https://shop.test/a?x=1', 'https://shop.test/a?x=1']],
    ['a new path', ['https://shop.test/a', 'https://shop.test/b']],
    ['an email in the path, then none', ['https://shop.test/u/jo@example.com', 'https://shop.test/u/me']],
    ['credentials, then the same host without', ['https://user:pw@shop.test/', 'https://shop.test/']],
  ])('URL: %s', (_, hrefs) => {
    const memo = createPageMemo();
    for (const href of hrefs) expect(memo.url(href)).toBe(urlWithoutQuery(href));
  });

  it('title: a changed text, a mask added to <title> later, and other patterns are each read again', () => {
    const memo = createPageMemo();
    const patterns = [/secret-\d+/];
    const title = document.createElement('title');
    document.head.append(title);
    const steps: [string, () => void, readonly RegExp[] | undefined][] = [
      ['Cart', () => (document.title = 'Cart'), undefined],
      ['Cart again', () => undefined, undefined],
      ['an email in it', () => (document.title = 'Orders of jo@example.com'), undefined],
      ['masked by attribute', () => title.setAttribute('data-amp-mask', ''), undefined],
      ['unmasked', () => title.removeAttribute('data-amp-mask'), undefined],
      ['a custom pattern', () => (document.title = 'Order secret-42'), patterns],
      ['without the pattern', () => undefined, undefined],
    ];
    for (const [step, change, maskTextRegex] of steps) {
      change();
      expect(memo.title(document, maskTextRegex), step).toBe(readPageTitle(document, { maskTextRegex }));
    }
  });

  it('title: no document, nothing', () => {
    expect(createPageMemo().title(undefined, undefined)).toBe('');
  });
});
