import { describe, expect, it } from 'vitest';
import { clearBodyAfterEach, target } from './fixture.js';
import { MASK, MAX_HIERARCHY_LENGTH, describeHierarchyNode, getElementHierarchy } from '@sightline/dom';

clearBodyAfterEach();

describe('getElementHierarchy', () => {
  it('lists the element and its ancestors up to body, with indexes and attributes', () => {
    const element = target(
      '<div id="app" class="shell wide"><h1>T</h1><p>x</p><button class="buy" aria-label="Buy" value="v" ' +
        'data-target><span>Buy</span></button></div>',
    );
    expect(getElementHierarchy(element)).toEqual([
      { tag: 'button', index: 2, indexOfType: 0, prevSib: 'p', classes: ['buy'], attrs: { 'aria-label': 'Buy' } },
      { tag: 'div', index: 0, indexOfType: 0, id: 'app', classes: ['shell', 'wide'] },
      { tag: 'body', index: 1, indexOfType: 0, prevSib: 'head' },
    ]);
  });

  it('attributes in the hierarchy follow the privacy rules', () => {
    const element = target(
      '<form data-amp-mask-attributes="action" action="/pay?token=1"><input type="password" name="pw" ' +
        'data-target></form>',
    );
    const [input, form] = getElementHierarchy(element);
    expect(input).toEqual({ tag: 'input', index: 0, indexOfType: 0 });
    expect(form.attrs).toEqual({ 'data-amp-mask-attributes': 'action', action: MASK });
  });

  it('each level masks the attributes named on it and above it, not those named below it', () => {
    const element = target(
      '<section data-amp-mask-attributes="title" title="Top" lang="en"><div title="Mid" lang="fr" ' +
        'data-amp-mask-attributes="lang"><a title="Low" lang="de" data-target>x</a></div></section>',
    );
    const [link, div, section] = getElementHierarchy(element);
    expect(link.attrs).toEqual({ title: MASK, lang: MASK });
    expect(div.attrs).toEqual({ title: MASK, lang: MASK, 'data-amp-mask-attributes': 'lang' });
    expect(section.attrs).toEqual({ 'data-amp-mask-attributes': 'title', title: MASK, lang: 'en' });
  });

  it('counts indexOfType among same-tag siblings only', () => {
    const element = target('<ul><li></li><span></span><li></li><li data-target></li></ul>');
    expect(describeHierarchyNode(element)).toEqual({ tag: 'li', index: 3, indexOfType: 2, prevSib: 'li' });
  });

  it('stays within 1024 characters of JSON, dropping the far ancestors first', () => {
    const deep = `${'<div class="level with some classes">'.repeat(40)}<button data-target>x</button>${'</div>'.repeat(40)}`;
    const hierarchy = getElementHierarchy(target(deep));
    expect(JSON.stringify(hierarchy).length).toBeLessThanOrEqual(MAX_HIERARCHY_LENGTH);
    expect(hierarchy[0].tag).toBe('button');
    expect(hierarchy.length).toBeGreaterThan(5);
    expect(hierarchy.length).toBeLessThan(41);
  });

  it('honours a custom bound, and an element too big for it gives []', () => {
    const element = target('<div><a title="long title here" data-target>x</a></div>');
    expect(getElementHierarchy(element, { maxLength: 10 })).toEqual([]);
    const one = getElementHierarchy(element, { maxLength: 80 });
    expect(one.map((node) => node.tag)).toEqual(['a']);
  });

  it('detached elements and bad input', () => {
    expect(getElementHierarchy(document.createElement('a'))).toEqual([{ tag: 'a' }]);
    expect(getElementHierarchy(null)).toEqual([]);
    expect(getElementHierarchy(undefined)).toEqual([]);
  });
});
