/**
 * What element interactions would capture on this page, resolved from the instance's options
 * by the plugin's own code (selector lists, privacy, data attributes, page lists), so the
 * preview and the plugin cannot disagree.
 */
import { objectOrEmpty } from '@sightline/core';
import {
  DEFAULT_ACTION_CLICK_ALLOWLIST,
  DEFAULT_CSS_SELECTOR_ALLOWLIST,
  compileSelectorList,
  isPageUrlAllowed,
  resolvePrivacyAndPage,
  type ElementInteractionsOptions,
  type ResolvedPrivacyAndPage,
} from '@sightline/plugin-element-interactions';

export interface CaptureRules extends ResolvedPrivacyAndPage {
  /** `cssSelectorAllowlist` checked and joined; undefined when empty. */
  allowlist: string | undefined;
  /** `actionClickAllowlist` checked and joined; undefined when empty. */
  actionAllowlist: string | undefined;
  /** Whether clicks on this page are captured at all (`pageUrlAllowlist` / `pageUrlExcludelist`). */
  pageCaptured: boolean;
  /** A `shouldTrackEventResolver` decides at click time instead of the allowlists. */
  hasResolver: boolean;
}

/**
 * The rules for `options` on `document` at `pageUrl`. Invalid options get their defaults
 * silently: the plugin logs them when it starts, the preview must not log them twice.
 */
export function resolveCaptureRules(
  options: ElementInteractionsOptions | undefined,
  document: Document,
  pageUrl: string,
): CaptureRules {
  const given = objectOrEmpty<ElementInteractionsOptions>(options);
  const resolved = resolvePrivacyAndPage(given);
  return {
    ...resolved,
    allowlist: compileSelectorList({
      value: given.cssSelectorAllowlist,
      fallback: DEFAULT_CSS_SELECTOR_ALLOWLIST,
      optionName: 'cssSelectorAllowlist',
      document,
    }),
    actionAllowlist: compileSelectorList({
      value: given.actionClickAllowlist,
      fallback: DEFAULT_ACTION_CLICK_ALLOWLIST,
      optionName: 'actionClickAllowlist',
      document,
    }),
    pageCaptured: isPageUrlAllowed(pageUrl, resolved.pageUrlAllowlist, resolved.pageUrlExcludelist),
    hasResolver: typeof given.shouldTrackEventResolver === 'function',
  };
}
