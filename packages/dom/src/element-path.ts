/**
 * `[Amplitude] Element Path`: the selector Chromium DevTools' "Copy selector" (`cssPath`,
 * non-optimised) gives, which the documented SDK's labels were made against — so existing
 * labeled events keep matching. Rules: `tag#id` ends the path at the first id; classes only
 * when a same-tag sibling exists; `:nth-child(n)` when the classes do not tell the siblings
 * apart; `[type=…]` for a target input without id or class; steps joined by ` > `.
 */

import type { ElementMemo } from './element-memo.js';
import { DOCUMENT_NODE, ELEMENT_NODE, classNamesOf } from './element-shared.js';

/** An identifier CSS.escape leaves as it is: the common class name or id, spared the walk below. */
const PLAIN_IDENTIFIER = /^-?[A-Za-z_][\w-]*$/;

/** CSS.escape as the CSSOM spec defines it (not every runtime has `CSS.escape`). */
export function cssEscape(value: string): string {
  const text = String(value);
  if (PLAIN_IDENTIFIER.test(text)) return text;
  let result = '';
  for (let index = 0; index < text.length; index += 1) {
    const code = text.charCodeAt(index);
    const char = text.charAt(index);
    const isDigit = code >= 0x30 && code <= 0x39;
    if (code === 0) {
      result += '\uFFFD';
    } else if (
      code <= 0x1f ||
      code === 0x7f ||
      (isDigit && (index === 0 || (index === 1 && text.charCodeAt(0) === 0x2d)))
    ) {
      result += `\\${code.toString(16)} `;
    } else if (code >= 0x80 || code === 0x2d || code === 0x5f || /[0-9A-Za-z]/.test(char)) {
      // A lone `-` is the one identifier character that still needs its backslash.
      result += text === '-' ? '\\-' : char;
    } else {
      result += `\\${char}`;
    }
  }
  return result;
}

function nodeName(element: Element): string {
  // HTML elements are lower case; SVG keeps its camelCase (`linearGradient`) like DevTools.
  return element.localName || String(element.tagName).toLowerCase();
}

/**
 * What tells an element without id apart from its siblings: `[type=…]` for a target input
 * without id or class, then its classes when a same-tag sibling exists, or `:nth-child(n)`
 * when the classes do not tell them apart.
 */
function stepQualifier(element: Element, name: string, siblings: HTMLCollection, isTarget: boolean): string {
  const ownClassAttribute = element.getAttribute('class');
  const ownClasses = classNamesOf(element);
  let needsClassNames = false;
  let needsNthChild = false;
  let ownIndex = -1;
  for (let index = 0; (ownIndex === -1 || !needsNthChild) && index < siblings.length; index += 1) {
    const sibling = siblings[index];
    if (sibling === element) {
      ownIndex = index;
      continue;
    }
    if (needsNthChild || nodeName(sibling) !== name) continue;
    needsClassNames = true;
    // The same class attribute (rows of a table, cards of a grid) shares every class: no set needed.
    if (ownClasses.length === 0 || sibling.getAttribute('class') === ownClassAttribute) {
      needsNthChild = true;
      continue;
    }
    const remaining = new Set(ownClasses);
    for (const siblingClass of classNamesOf(sibling)) {
      if (!remaining.delete(siblingClass)) continue;
      if (remaining.size === 0) {
        needsNthChild = true;
        break;
      }
    }
  }

  let qualifier = '';
  const type = element.getAttribute('type');
  if (isTarget && name === 'input' && type && !element.getAttribute('class')) qualifier = `[type=${cssEscape(type)}]`;
  if (needsNthChild) qualifier += `:nth-child(${ownIndex + 1})`;
  else if (needsClassNames) for (const className of ownClasses) qualifier += `.${cssEscape(className)}`;
  return qualifier;
}

/**
 * The element's DevTools-style selector; `''` for anything that is not an element. `memo` keeps
 * the ancestors' steps while the document is unchanged (the clicked element's own is always read).
 */
export function getElementPath(element: Element | null | undefined, memo?: ElementMemo): string {
  try {
    if (!element || element.nodeType !== ELEMENT_NODE) return '';
    const steps: string[] = [];
    for (let current: Node | null = element; current && current.nodeType === ELEMENT_NODE;) {
      const name = nodeName(current as Element);
      const id = (current as Element).getAttribute('id');
      const parent: Node | null = current.parentNode;
      // `tag#id`, or the top element: the step already identifies the element, the path ends.
      if (id || !parent || parent.nodeType === DOCUMENT_NODE) {
        steps.push(id ? `${name}#${cssEscape(id)}` : name);
        break;
      }
      const ancestor = current as Element;
      const qualify = () => stepQualifier(ancestor, name, (parent as ParentNode).children, ancestor === element);
      steps.push(name + (memo && ancestor !== element ? memo.read(ancestor, 'step', qualify) : qualify()));
      current = parent;
    }
    return steps.reverse().join(' > ');
  } catch {
    return '';
  }
}
