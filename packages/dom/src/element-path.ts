/**
 * `[Amplitude] Element Path`: the selector Chromium DevTools' "Copy selector" (`cssPath`,
 * non-optimised) gives, which the documented SDK's labels were made against — so existing
 * labeled events keep matching. Rules: `tag#id` ends the path at the first id; classes only
 * when a same-tag sibling exists; `:nth-child(n)` when the classes do not tell the siblings
 * apart; `[type=…]` for a target input without id or class; steps joined by ` > `.
 */

const ELEMENT_NODE = 1;
const DOCUMENT_NODE = 9;

/** CSS.escape as the CSSOM spec defines it (not every runtime has `CSS.escape`). */
export function cssEscape(value: string): string {
  const text = String(value);
  let result = '';
  for (let index = 0; index < text.length; index += 1) {
    const code = text.charCodeAt(index);
    const char = text.charAt(index);
    if (code === 0) {
      result += '\uFFFD';
    } else if (
      (code >= 0x1 && code <= 0x1f) ||
      code === 0x7f ||
      (index === 0 && code >= 0x30 && code <= 0x39) ||
      (index === 1 && code >= 0x30 && code <= 0x39 && text.charCodeAt(0) === 0x2d)
    ) {
      result += `\\${code.toString(16)} `;
    } else if (index === 0 && text.length === 1 && code === 0x2d) {
      result += `\\${char}`;
    } else if (code >= 0x80 || code === 0x2d || code === 0x5f || /[0-9A-Za-z]/.test(char)) {
      result += char;
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

function classNames(element: Element): string[] {
  const attribute = element.getAttribute('class');
  return attribute ? attribute.split(/\s+/g).filter(Boolean) : [];
}

interface Step {
  value: string;
  /** The step already identifies the element: the path ends here. */
  final: boolean;
}

function pathStep(element: Element, isTarget: boolean): Step {
  const name = nodeName(element);
  const id = element.getAttribute('id');
  if (id) return { value: `${name}#${cssEscape(id)}`, final: true };
  const parent = element.parentNode;
  if (!parent || parent.nodeType === DOCUMENT_NODE) return { value: name, final: true };

  const ownClasses = classNames(element);
  let needsClassNames = false;
  let needsNthChild = false;
  let ownIndex = -1;
  let elementIndex = -1;
  const siblings = (parent as ParentNode).children;
  for (let index = 0; (ownIndex === -1 || !needsNthChild) && index < siblings.length; index += 1) {
    const sibling = siblings[index];
    elementIndex += 1;
    if (sibling === element) {
      ownIndex = elementIndex;
      continue;
    }
    if (needsNthChild || nodeName(sibling) !== name) continue;
    needsClassNames = true;
    const remaining = new Set(ownClasses);
    if (remaining.size === 0) {
      needsNthChild = true;
      continue;
    }
    for (const siblingClass of classNames(sibling)) {
      if (!remaining.delete(siblingClass)) continue;
      if (remaining.size === 0) {
        needsNthChild = true;
        break;
      }
    }
  }

  let value = name;
  const type = element.getAttribute('type');
  if (isTarget && name === 'input' && type && !element.getAttribute('id') && !element.getAttribute('class')) {
    value += `[type=${cssEscape(type)}]`;
  }
  if (needsNthChild) value += `:nth-child(${ownIndex + 1})`;
  else if (needsClassNames) for (const className of ownClasses) value += `.${cssEscape(className)}`;
  return { value, final: false };
}

/** The element's DevTools-style selector; `''` for anything that is not an element. */
export function getElementPath(element: Element | null | undefined): string {
  try {
    if (!element || element.nodeType !== ELEMENT_NODE) return '';
    const steps: string[] = [];
    let current: Node | null = element;
    while (current && current.nodeType === ELEMENT_NODE) {
      const step = pathStep(current as Element, current === element);
      steps.push(step.value);
      if (step.final) break;
      current = current.parentNode;
    }
    return steps.reverse().join(' > ');
  } catch {
    return '';
  }
}
