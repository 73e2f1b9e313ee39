import { describe, expect, it } from 'vitest';
import { clearBodyAfterEach, target } from './fixture.js';
import { cssEscape, getElementPath } from '@sightline/dom';

clearBodyAfterEach();

describe('getElementPath — DevTools cssPath rules ([Amplitude] Element Path)', () => {
  it.each([
    [
      'stops at the first id, tag#id form',
      '<div id="app"><button><span data-target>x</span></button></div>',
      'div#app > button > span',
    ],
    ['target with id is the whole path', '<div id="app"><button id="go" data-target>x</button></div>', 'button#go'],
    ['no id: climbs to html', '<div><button data-target>x</button></div>', 'html > body > div > button'],
    [
      'no classes without a same-tag sibling',
      '<div id="r"><span></span><button class="btn primary" data-target></button></div>',
      'div#r > button',
    ],
    [
      'classes when a same-tag sibling exists',
      '<div id="r"><button class="a"></button><button class="b" data-target></button></div>',
      'div#r > button.b',
    ],
    [
      'all own classes when one is unique',
      '<div id="r"><button class="btn a"></button><button class="btn b" data-target></button></div>',
      'div#r > button.btn.b',
    ],
    [
      'nth-child when classes do not disambiguate',
      '<div id="r"><button class="btn"></button><button class="btn" data-target></button></div>',
      'div#r > button:nth-child(2)',
    ],
    [
      'nth-child when the target has no class',
      '<div id="r"><button class="x"></button><button data-target></button></div>',
      'div#r > button:nth-child(2)',
    ],
    [
      'nth-child counts every element sibling',
      '<div id="r"><span></span><p></p><a class="x"></a><a class="x" data-target></a></div>',
      'div#r > a:nth-child(4)',
    ],
    [
      'nth-child wins over classes once any sibling covers them',
      '<div id="r"><a class="x y"></a><a class="z"></a><a class="x" data-target></a></div>',
      'div#r > a:nth-child(3)',
    ],
    [
      '[type] for a bare target input',
      '<form id="f"><input type="email" data-target></form>',
      'form#f > input[type=email]',
    ],
    [
      '[type] then nth-child',
      '<form id="f"><input type="text"><input type="email" data-target></form>',
      'form#f > input[type=email]:nth-child(2)',
    ],
    [
      'no [type] when the input has a class',
      '<form id="f"><input class="field" type="email" data-target></form>',
      'form#f > input',
    ],
    ['no [type] without a type attribute', '<form id="f"><input data-target></form>', 'form#f > input'],
    [
      'ancestors also get classes / nth-child',
      '<main id="m"><ul><li class="i"></li><li class="i sel"><a data-target>x</a></li></ul></main>',
      'main#m > ul > li.i.sel > a',
    ],
    ['escapes ids', '<div id="1a b"><a data-target></a></div>', 'div#\\31 a\\ b > a'],
    [
      'escapes classes',
      '<div id="r"><a class="w-1/2"></a><a class="w-1/2 md:x" data-target></a></div>',
      'div#r > a.w-1\\/2.md\\:x',
    ],
    ['empty id is no id', '<div id="r"><p id=""><a data-target></a></p></div>', 'div#r > p > a'],
  ])('%s', (_name, html, expected) => {
    const element = target(html);
    expect(getElementPath(element)).toBe(expected);
    // The path must select exactly the element (happy-dom cannot parse hex escapes like `\31 `).
    if (!/\\[0-9a-f]+ /.test(expected)) expect(document.querySelector(expected)).toBe(element);
  });

  it('a detached element is its own tag', () => {
    expect(getElementPath(document.createElement('button'))).toBe('button');
  });

  it.each([null, undefined, {} as Element, document.createTextNode('x') as unknown as Element])(
    'never throws on %s',
    (input) => {
      expect(getElementPath(input)).toBe('');
    },
  );
});

describe('cssEscape (CSSOM spec)', () => {
  it.each([
    ['abc', 'abc'],
    ['a b', 'a\\ b'],
    ['1a', '\\31 a'],
    ['-1a', '-\\31 a'],
    ['-', '\\-'],
    ['--x', '--x'],
    ['a\u0000b', 'a\uFFFDb'],
    ['a\u0001b', 'a\\1 b'],
    ['a\u007fb', 'a\\7f b'],
    ['ü日本', 'ü日本'],
    ['a.b:c[d]', 'a\\.b\\:c\\[d\\]'],
    ['_x', '_x'],
  ])('%s', (input, expected) => {
    expect(cssEscape(input)).toBe(expected);
  });
});
