/**
 * `[Amplitude] Element Hierarchy`: the element and its ancestors up to (not
 * including) `<html>`, each as `{ tag, id?, index, indexOfType, prevSib?, classes?, attrs? }`
 * — the shape visual labeling reads. Attributes pass the privacy rules; the list is cut from
 * the far end so its JSON stays within 1024 characters.
 */
import { MAX_HIERARCHY_LENGTH } from './constants.js';
import { readElementAttributes, type AttributeReadOptions } from './element-attributes.js';
import type { ElementMemo } from './element-memo.js';
import { maskedAttributeNamesUp, tagNameOf } from './element-rules.js';
import { classNamesOf } from './element-shared.js';
import type { ElementPrivacyOptions } from './element-text.js';

export interface HierarchyNode {
  tag: string;
  id?: string;
  index?: number;
  indexOfType?: number;
  prevSib?: string;
  classes?: string[];
  attrs?: Record<string, string>;
}

export interface HierarchyOptions extends ElementPrivacyOptions {
  /** Bound on the JSON length of the whole list; defaults to 1024. */
  maxLength?: number;
  /** `maskedAttributeNamesUp(element)`, when the caller has it already. */
  maskedNamesUp?: readonly ReadonlySet<string>[];
  /** Ancestors' nodes from earlier reads while the document is unchanged (made with the same privacy options). */
  memo?: ElementMemo;
}

export function describeHierarchyNode(element: Element, options: AttributeReadOptions = {}): HierarchyNode {
  const node: HierarchyNode = { tag: tagNameOf(element) };
  const parent = element.parentElement;
  if (parent) {
    let index = 0;
    let indexOfType = 0;
    const tagName = element.tagName;
    for (let sibling = parent.firstElementChild; sibling && sibling !== element; sibling = sibling.nextElementSibling) {
      index += 1;
      if (sibling.tagName === tagName) indexOfType += 1;
    }
    node.index = index;
    node.indexOfType = indexOfType;
  }
  const previous = element.previousElementSibling;
  if (previous) node.prevSib = tagNameOf(previous);
  const id = element.getAttribute('id');
  if (id) node.id = id;
  const classes = classNamesOf(element);
  if (classes.length > 0) node.classes = classes;
  const attrs = readElementAttributes(element, options);
  if (Object.keys(attrs).length > 0) node.attrs = attrs;
  return node;
}

function copyNode(node: HierarchyNode): HierarchyNode {
  const copy = { ...node };
  if (node.classes) copy.classes = node.classes.slice();
  if (node.attrs) copy.attrs = { ...node.attrs };
  return copy;
}

/** Never throws; `[]` without an element. */
export function getElementHierarchy(
  element: Element | null | undefined,
  options: HierarchyOptions = {},
): HierarchyNode[] {
  const hierarchy: HierarchyNode[] = [];
  try {
    const maxLength = options.maxLength ?? MAX_HIERARCHY_LENGTH;
    const { maskedNamesUp = element ? maskedAttributeNamesUp(element) : [], memo, ...privacy } = options;
    let length = 2; // the brackets
    let level = 0;
    const nodeOptions: AttributeReadOptions = { ...privacy }; // one object, its maskedNames set per level
    for (let current = element; current && tagNameOf(current) !== 'html'; current = current.parentElement) {
      nodeOptions.maskedNames = maskedNamesUp[level++];
      const describe = (): [HierarchyNode, number] => {
        const node = describeHierarchyNode(current, nodeOptions);
        return [node, JSON.stringify(node).length];
      };
      // The memo's nodes are shared between events: each event gets its own copy.
      const [node, json] = memo ? memo.read(current, 'hierarchy', describe) : describe();
      const size = json + (hierarchy.length > 0 ? 1 : 0);
      if (length + size > maxLength) break;
      length += size;
      hierarchy.push(memo ? copyNode(node) : node);
    }
  } catch {
    // what was collected is still valid
  }
  return hierarchy;
}
