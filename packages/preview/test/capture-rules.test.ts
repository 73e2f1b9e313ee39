import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_DATA_ATTRIBUTE_PREFIX, compileMaskPatterns } from '@sightline/dom';
import { DEFAULT_ACTION_CLICK_ALLOWLIST, DEFAULT_CSS_SELECTOR_ALLOWLIST } from '@sightline/plugin-element-interactions';
import { resolveCaptureRules } from '../src/capture-rules.js';

const PAGE = 'https://shop.example/checkout?step=2';

afterEach(() => {
  document.body.innerHTML = '';
});

describe('resolveCaptureRules: the instance options, read the way the plugin reads them', () => {
  it('defaults: the documented allowlists, light privacy, the default data-attribute prefix, every page', () => {
    expect(resolveCaptureRules(undefined, document, PAGE)).toEqual({
      allowlist: DEFAULT_CSS_SELECTOR_ALLOWLIST.join(', '),
      actionAllowlist: DEFAULT_ACTION_CLICK_ALLOWLIST.join(', '),
      privacy: { privacyLevel: 'light', maskTextRegex: [] },
      dataAttributePrefix: DEFAULT_DATA_ATTRIBUTE_PREFIX,
      pageUrlAllowlist: undefined,
      pageUrlExcludelist: undefined,
      pageCaptured: true,
      hasResolver: false,
    });
  });

  it('the configured lists, privacy and prefix; an invalid selector is dropped; [] turns action clicks off', () => {
    const rules = resolveCaptureRules(
      {
        cssSelectorAllowlist: ['.track', '::nonsense(', 'button'],
        actionClickAllowlist: [],
        privacyLevel: 'medium',
        maskTextRegex: ['ends in \\d{4}'],
        dataAttributePrefix: 'data-x-',
      },
      document,
      PAGE,
    );
    expect(rules.allowlist).toBe('.track, button');
    expect(rules.actionAllowlist).toBeUndefined();
    expect(rules.privacy).toEqual({ privacyLevel: 'medium', maskTextRegex: compileMaskPatterns(['ends in \\d{4}']) });
    expect(rules.dataAttributePrefix).toBe('data-x-');
  });

  it.each([
    [{ pageUrlExcludelist: [/checkout/] }, false],
    [{ pageUrlAllowlist: ['https://shop.example/cart*'] }, false],
    [{ pageUrlAllowlist: ['https://shop.example/*'] }, true],
    [{}, true],
  ])('page lists %o → captured %s', (options, captured) => {
    expect(resolveCaptureRules(options, document, PAGE).pageCaptured).toBe(captured);
  });

  it('notes a shouldTrackEventResolver; a non-object is the defaults', () => {
    expect(resolveCaptureRules({ shouldTrackEventResolver: () => true }, document, PAGE).hasResolver).toBe(true);
    expect(resolveCaptureRules('nonsense' as never, document, PAGE).allowlist).toBe(
      DEFAULT_CSS_SELECTOR_ALLOWLIST.join(', '),
    );
  });
});
