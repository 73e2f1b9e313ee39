import { describe, expect, it } from 'vitest';
import { silentLogger } from '@sightline/test-utils';
import { featureSwitch, resolvePrivacyAndPage } from '../src/options.js';
import { closestMatching, compileSelectorList, eventTargetElement } from '../src/selector-list.js';

describe('featureSwitch', () => {
  it.each([
    [undefined, { enabled: true }],
    [true, { enabled: true }],
    [false, { enabled: false }],
    [{}, { enabled: true, allowlist: undefined }],
    [{ cssSelectorAllowlist: ['a'] }, { enabled: true, allowlist: ['a'] }],
  ])('%j -> %j', (value, expected) => {
    expect(featureSwitch(value)).toEqual(expected);
  });
});

describe('resolvePrivacyAndPage', () => {
  it('defaults', () => {
    expect(resolvePrivacyAndPage({})).toEqual({
      pageUrlAllowlist: undefined,
      pageUrlExcludelist: undefined,
      privacy: { privacyLevel: 'light', maskTextRegex: [] },
      dataAttributePrefix: 'data-amp-track-',
    });
  });

  it.each([
    [{ privacyLevel: 'medium' }, 0],
    [{ privacyLevel: 'loud' }, 1],
    [{ maskTextRegex: ['ok', '(bad', /fine/] }, 1],
    [{ pageUrlAllowlist: 'x' }, 1],
    [{ pageUrlExcludelist: ['ok', 3] }, 1],
    [{ dataAttributePrefix: 7 }, 1],
    [{ dataAttributePrefix: ['data-a-', /data-b-/] }, 0],
  ])('%o logs %i warning(s) and never throws', (options, warnings) => {
    const logger = silentLogger();
    expect(() => resolvePrivacyAndPage(options as never, logger)).not.toThrow();
    expect(logger.warn).toHaveBeenCalledTimes(warnings);
  });

  it('keeps valid entries of mixed lists', () => {
    const resolved = resolvePrivacyAndPage({ pageUrlExcludelist: ['a', 3 as never, /b/], maskTextRegex: ['x', '('] });
    expect(resolved.pageUrlExcludelist).toEqual(['a', /b/]);
    expect(resolved.privacy.maskTextRegex?.map((pattern) => (pattern as RegExp).source)).toEqual(['x']);
  });
});

describe('selector lists', () => {
  it.each([
    [undefined, 'a, b'],
    [['button', '.x'], 'button, .x'],
    [['button', '[[bad', '', 5], 'button'],
    [[], undefined],
    ['button', 'a, b'],
  ])('%j -> %s', (value, expected) => {
    expect(compileSelectorList({ value, fallback: ['a', 'b'], optionName: 'list', document })).toBe(expected);
  });

  it('closestMatching never throws and handles no selector', () => {
    document.body.innerHTML = '<div class="x"><b id="t">x</b></div>';
    const target = document.getElementById('t') as Element;
    expect(closestMatching(target, '.x')?.className).toBe('x');
    expect(closestMatching(target, undefined)).toBeNull();
    expect(closestMatching(target, '[[bad')).toBeNull();
  });

  it('eventTargetElement maps text nodes to their parent', () => {
    document.body.innerHTML = '<p id="p">text</p>';
    const paragraph = document.getElementById('p') as Element;
    expect(eventTargetElement({ target: paragraph.firstChild } as unknown as Event)).toBe(paragraph);
    expect(eventTargetElement({ target: paragraph } as unknown as Event)).toBe(paragraph);
    expect(eventTargetElement({ target: null } as unknown as Event)).toBeNull();
  });
});
