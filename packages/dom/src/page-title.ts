/** `[Amplitude] Page Title` (FEATURES C24, D09) for every plugin that reports it. */
import { MASK_ATTRIBUTE } from './constants';
import { MASK } from './sensitive-patterns';
import { maskText, type TextMaskingOptions } from './text-masking';

/**
 * The page title, or `*****` when the `<title>` element carries `data-amp-mask` (any value).
 * Card numbers, SSNs and emails inside the title are masked too. Never throws.
 */
export function readPageTitle(document: Document | undefined | null, options: TextMaskingOptions = {}): string {
  try {
    if (!document) return '';
    const titleElement = document.querySelector('title');
    if (titleElement && titleElement.hasAttribute(MASK_ATTRIBUTE)) return MASK;
    return maskText(document.title ?? '', { maxLength: Infinity, ...options });
  } catch {
    return '';
  }
}
