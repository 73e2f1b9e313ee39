/**
 * Which elements are masked or sensitive. Pure predicates on a
 * DOM element; they read attributes only, never layout.
 */
import {
  MASK_ATTRIBUTE,
  MASK_ATTRIBUTES_ATTRIBUTE,
  SIGHTLINE_UI_ATTRIBUTE,
  UNMASKABLE_ATTRIBUTES,
} from './constants.js';
import { FORM_FIELD_TAGS } from './element-shared.js';

const SECRET_INPUT_TYPES = ['password', 'hidden'];

export function tagNameOf(element: Element): string {
  return String(element.tagName || '').toLowerCase();
}

/** `data-amp-mask` on the element or any ancestor: its text is `*****`. */
export function isTextMasked(element: Element): boolean {
  return element.closest(`[${MASK_ATTRIBUTE}]`) !== null;
}

/**
 * Part of Sightline's own UI (`data-sightline-ui` on it or an ancestor, across shadow roots:
 * the preview draws inside one): never captured.
 */
export function isSightlineUi(element: Element): boolean {
  for (let current: Element | null = element; current;) {
    if (current.closest(`[${SIGHTLINE_UI_ATTRIBUTE}]`)) return true;
    current = (current.getRootNode() as Partial<ShadowRoot>).host || null;
  }
  return false;
}

/** Inside editable content (`contenteditable` other than "false", inherited like the browser does). */
export function isContentEditable(element: Element): boolean {
  const editable = element.closest('[contenteditable]');
  if (!editable) return false;
  return String(editable.getAttribute('contenteditable')).toLowerCase() !== 'false';
}

/** Text inputs, selects, textareas and editable content: user text never leaves. */
export function isSensitiveElement(element: Element): boolean {
  return FORM_FIELD_TAGS.includes(tagNameOf(element)) || isContentEditable(element);
}

/** Password and hidden fields: nothing beyond tag, class and id is captured. */
export function isSecretField(element: Element): boolean {
  const tag = tagNameOf(element);
  if (!FORM_FIELD_TAGS.includes(tag)) return false;
  if (element.hasAttribute('hidden')) return true;
  return tag === 'input' && SECRET_INPUT_TYPES.includes(String(element.getAttribute('type')).toLowerCase());
}

/**
 * Attribute names listed by `data-amp-mask-attributes` on the element or any ancestor,
 * lower-cased; `id` and `class` are never in the set.
 */
export function maskedAttributeNames(element: Element): Set<string> {
  return new Set(maskedAttributeNamesUp(element)[0]);
}

/**
 * `maskedAttributeNames` of the element and of each of its ancestors, nearest first, from one
 * walk up the tree: what a hierarchy needs, without a walk to the root per level. An ancestor
 * that adds no name shares the set above it, so the sets are read-only.
 */
export function maskedAttributeNamesUp(element: Element): ReadonlySet<string>[] {
  const chain: Element[] = [];
  for (let current: Element | null = element; current; current = current.parentElement) chain.push(current);
  const sets = new Array<ReadonlySet<string>>(chain.length);
  let inherited: ReadonlySet<string> = new Set<string>();
  for (let index = chain.length - 1; index >= 0; index--) {
    const list = chain[index].getAttribute(MASK_ATTRIBUTES_ATTRIBUTE);
    if (list) {
      const names = new Set(inherited);
      for (const name of list.split(',')) {
        const trimmed = name.trim().toLowerCase();
        if (trimmed && !UNMASKABLE_ATTRIBUTES.includes(trimmed)) names.add(trimmed);
      }
      inherited = names;
    }
    sets[index] = inherited;
  }
  return sets;
}
