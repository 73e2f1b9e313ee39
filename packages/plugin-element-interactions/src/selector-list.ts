/**
 * Selector lists from options: validated once at setup (an invalid selector is logged and
 * dropped, never thrown at click time), joined into one selector for `closest`.
 */
import type { Logger } from '@sightline/core';

export interface SelectorListInput {
  value: unknown;
  fallback: readonly string[];
  optionName: string;
  document: Document;
  logger?: Logger;
}

function isValidSelector(selector: string, document: Document): boolean {
  try {
    document.createDocumentFragment().querySelector(selector);
    return true;
  } catch {
    return false;
  }
}

/** The joined selector, or `undefined` when the list is empty (nothing matches). */
export function compileSelectorList({
  value,
  fallback,
  optionName,
  document,
  logger,
}: SelectorListInput): string | undefined {
  let list: readonly unknown[] = fallback;
  if (value !== undefined) {
    if (Array.isArray(value)) list = value;
    else logger?.warn(`${optionName} must be an array of CSS selectors; using the default`);
  }
  const valid: string[] = [];
  for (const selector of list) {
    if (typeof selector === 'string' && selector.trim() !== '' && isValidSelector(selector, document)) {
      valid.push(selector);
    } else {
      logger?.warn(`${optionName}: ignoring invalid selector`, selector);
    }
  }
  return valid.length > 0 ? valid.join(', ') : undefined;
}

/** `element.closest(selector)` that never throws. */
export function closestMatching(element: Element, selector: string | undefined): Element | null {
  if (!selector) return null;
  try {
    return element.closest(selector);
  } catch {
    return null;
  }
}

/** The element an event happened on: text nodes give their parent element. */
export function eventTargetElement(event: Event): Element | null {
  const target = event.target as Node | null;
  if (!target || target.nodeType === 1) return target as Element | null;
  return target.parentElement;
}
