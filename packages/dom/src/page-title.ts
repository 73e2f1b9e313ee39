/** `[Amplitude] Page Title` for every plugin that reports it. */
import { MASK_ATTRIBUTE } from './constants.js';
import { MASK } from './sensitive-patterns.js';
import { maskText, type TextMaskingOptions } from './text-masking.js';

/**
 * The page title, or `*****` when the `<title>` element carries `data-amp-mask` (any value).
 * Card numbers, SSNs and emails inside the title are masked too. Never throws.
 */
export function readPageTitle(document: Document | undefined | null, options: TextMaskingOptions = {}): string {
  try {
    return document ? maskPageTitle(document, document.title || '', options) : '';
  } catch {
    return '';
  }
}

/**
 * `title` (read earlier, e.g. inside a tracking call where only the cheap `document.title`
 * getter may run) as it may be reported: the masking rules of `readPageTitle`. Never throws.
 */
export function maskPageTitle(
  document: Document | undefined | null,
  title: string,
  options: TextMaskingOptions = {},
): string {
  try {
    if (isTitleMasked(document)) return MASK;
    return maskText(title, { maxLength: Infinity, ...options });
  } catch {
    return '';
  }
}

/** Whether the page's `<title>` carries `data-amp-mask`. Throws what the DOM throws. */
export function isTitleMasked(document: Document | undefined | null): boolean {
  const titleElement = document ? document.querySelector('title') : null;
  return !!titleElement && titleElement.hasAttribute(MASK_ATTRIBUTE);
}
