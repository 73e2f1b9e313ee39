/**
 * Small facts the element modules share. Internal: index.ts does not re-export this module,
 * so the package's public exports stay as documented.
 */

export const ELEMENT_NODE = 1;
export const TEXT_NODE = 3;
export const DOCUMENT_NODE = 9;

/** Form fields: their text and value never leave. */
export const FORM_FIELD_TAGS: readonly string[] = ['input', 'select', 'textarea'];

/** The element's class names, without empty entries. */
export function classNamesOf(element: Element): string[] {
  return (element.getAttribute('class') || '').split(/\s+/).filter(Boolean);
}
