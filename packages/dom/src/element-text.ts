/**
 * Visible text of an element for `[Amplitude] Element Text` and `[Amplitude] Element Parent
 * Label`. A bounded walk of the
 * subtree, so a click on a huge container costs no more than a small one: masked descendants
 * become `*****`, form fields and editable content give nothing, then maskText masks the
 * patterns and cuts to 255.
 */
import { MASK_ATTRIBUTE, MAX_ELEMENT_TEXT_LENGTH, MEDIUM_MASKED_TEXT_SELECTOR } from './constants.js';
import { isSensitiveElement, isTextMasked, tagNameOf } from './element-rules.js';
import { ELEMENT_NODE, FORM_FIELD_TAGS, TEXT_NODE } from './element-shared.js';
import { MASK } from './sensitive-patterns.js';
import { DEFAULT_PRIVACY_LEVEL, maskText, type MaskPattern, type PrivacyLevel } from './text-masking.js';

export interface ElementPrivacyOptions {
  privacyLevel?: PrivacyLevel;
  maskTextRegex?: readonly MaskPattern[];
}

/**
 * Collected text stops growing past this many characters: well beyond the 255 cut plus the
 * longest email, so a secret straddling the cut is still whole when the patterns run.
 */
const MAX_COLLECTED_LENGTH = 1024;
const SKIPPED_TAGS = ['script', 'style', 'template', 'noscript', 'svg', 'canvas', 'iframe', 'object'];
const BLOCK_TAGS = [
  'address',
  'article',
  'aside',
  'blockquote',
  'br',
  'dd',
  'details',
  'dialog',
  'div',
  'dl',
  'dt',
  'fieldset',
  'figcaption',
  'figure',
  'footer',
  'form',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'header',
  'hr',
  'legend',
  'li',
  'main',
  'nav',
  'ol',
  'option',
  'p',
  'pre',
  'section',
  'summary',
  'table',
  'td',
  'th',
  'tr',
  'ul',
];

function hasText(element: Element): boolean {
  return (element.textContent || '').trim() !== '';
}

/** How CSS renders an element's own text: not at all, invisibly, or visibly (visible text only). */
function renderingOf(element: Element): 'none' | 'hidden' | 'visible' {
  const view = element.ownerDocument && element.ownerDocument.defaultView;
  if (!view || typeof view.getComputedStyle !== 'function') return 'visible';
  const style = view.getComputedStyle(element);
  if (style.display === 'none') return 'none';
  return style.visibility === 'hidden' || style.visibility === 'collapse' ? 'hidden' : 'visible';
}

/**
 * The visible text of the children of `root`, with masked parts as `*****`, block
 * elements set apart by spaces; stops adding once past MAX_COLLECTED_LENGTH.
 */
function collectText(root: Element, medium: boolean): string {
  let text = '';
  const collect = (node: Node, textVisible: boolean): void => {
    if (text.length > MAX_COLLECTED_LENGTH) return;
    if (node.nodeType === TEXT_NODE) {
      if (textVisible) text += (node as Text).data;
      return;
    }
    if (node.nodeType !== ELEMENT_NODE) return;
    const element = node as Element;
    const tag = tagNameOf(element);
    // Nothing inside, nothing to read: no style to compute (icons, spacers). A <br> still spaces words.
    if (!element.firstChild && !BLOCK_TAGS.includes(tag)) return;
    if (SKIPPED_TAGS.includes(tag) || FORM_FIELD_TAGS.includes(tag) || element.hasAttribute('hidden')) return;
    const rendering = renderingOf(element);
    if (rendering === 'none') return;
    // Visibility is inherited but a child may set it back to visible: its children are still read.
    const childTextVisible = rendering === 'visible';
    const editable = element.getAttribute('contenteditable');
    if (editable !== null && editable.toLowerCase() !== 'false') return;
    const block = BLOCK_TAGS.includes(tag);
    if (block) text += ' ';
    const masked = element.hasAttribute(MASK_ATTRIBUTE) || (medium && element.matches(MEDIUM_MASKED_TEXT_SELECTOR));
    if (masked) {
      if (hasText(element) && childTextVisible) text += ` ${MASK} `;
    } else {
      for (let child = element.firstChild; child; child = child.nextSibling) collect(child, childTextVisible);
    }
    if (block) text += ' ';
  };
  for (let child = root.firstChild; child; child = child.nextSibling) collect(child, true);
  return text;
}

/**
 * `[Amplitude] Element Text`: `''` under `conservative` and for form fields and editable
 * content; `*****` inside `data-amp-mask` (and, under `medium`, inside labels and headings);
 * otherwise the text with masked parts replaced, patterns masked, cut to 255. Never throws.
 */
export function readElementText(element: Element, options: ElementPrivacyOptions = {}): string {
  try {
    const { privacyLevel = DEFAULT_PRIVACY_LEVEL, maskTextRegex } = options;
    if (privacyLevel === 'conservative' || isSensitiveElement(element)) return '';
    const medium = privacyLevel === 'medium';
    if (isTextMasked(element) || (medium && element.closest(MEDIUM_MASKED_TEXT_SELECTOR))) {
      return hasText(element) ? MASK : '';
    }
    return maskText(collectText(element, medium), { maskTextRegex, maxLength: MAX_ELEMENT_TEXT_LENGTH });
  } catch {
    return '';
  }
}

const PARENT_LABEL_MAX_DEPTH = 10;
const HEADING_TAGS = ['h1', 'h2', 'h3', 'h4', 'h5', 'h6'];

const HEADINGS = 'h1, h2, h3, h4, h5, h6';

/**
 * A parent's label: its first direct `<span>` child or any heading inside it, in document
 * order. `searched` is a child of `parent` whose whole subtree is known to hold no heading
 * (the level below was searched): skipping it makes the walk up the ancestors visit each
 * element once, where querying every ancestor's whole subtree made a click near a large
 * heading-less container cost a hundred times more.
 */
function labelIn(parent: Element, searched: Element | undefined): Element | undefined {
  for (let child = parent.firstElementChild; child; child = child.nextElementSibling) {
    const tag = tagNameOf(child);
    if (tag === 'span' || HEADING_TAGS.includes(tag)) return child;
    if (child === searched) continue;
    const heading = child.querySelector(HEADINGS);
    if (heading) return heading;
  }
  return undefined;
}

/**
 * `[Amplitude] Element Parent Label`: the text of the nearest label found in the
 * parent or an upper ancestor (a direct `<span>` child or a heading), with the same masking
 * as element text. `''` under `conservative` or when none is found within 10 levels.
 */
export function readParentLabel(element: Element, options: ElementPrivacyOptions = {}): string {
  try {
    const { privacyLevel = DEFAULT_PRIVACY_LEVEL } = options;
    if (privacyLevel === 'conservative') return '';
    // The clicked element's own subtree is searched too, at the first level.
    let searched: Element | undefined;
    let parent = element.parentElement;
    for (let depth = 0; parent && depth < PARENT_LABEL_MAX_DEPTH; depth += 1) {
      const label = labelIn(parent, searched);
      if (label) return readElementText(label, options);
      searched = parent;
      parent = parent.parentElement;
    }
    return '';
  } catch {
    return '';
  }
}
