/** Cheap, synchronous reads shared by both plugins' listeners. */
import { getWindow } from '@sightline/core';
import { currentHref } from '@sightline/dom';
import type { InteractionRecord } from './element-properties.js';

export function currentPageUrl(): string {
  try {
    return currentHref();
  } catch {
    return '';
  }
}

/** Everything the listener records before returning: no layout, no DOM walk. */
export function recordInteraction(element: Element, time: number, pageUrl = currentPageUrl()): InteractionRecord {
  const win = getWindow();
  return {
    element,
    time,
    pageUrl,
    viewportWidth: (win && win.innerWidth) || 0,
    viewportHeight: (win && win.innerHeight) || 0,
  };
}

/** A text selection on the element (a highlight drag or a double/triple click on its text). */
export function hasTextSelectionOn(element: Element): boolean {
  try {
    // No window or no getSelection throws here, which means no selection.
    const selection = getWindow()!.getSelection();
    if (!selection || selection.isCollapsed) return false;
    for (let index = 0; index < selection.rangeCount; index += 1) {
      const range = selection.getRangeAt(index);
      if (!range.collapsed && range.intersectsNode(element)) return true;
    }
    return false;
  } catch {
    return false;
  }
}
