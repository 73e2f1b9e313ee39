/** Copies a selector: the async clipboard where the page may use it, else the text selected for Ctrl+C. */

/** Writes `text` to the clipboard; false when the browser refuses (no API, no permission, not focused). */
export async function writeClipboard(win: Window, text: string): Promise<boolean> {
  try {
    await win.navigator.clipboard.writeText(text);
    return true;
  } catch {
    return false;
  }
}

/** Selects the text of `node`, so the developer can copy it by hand. */
export function selectText(win: Window, node: Node): void {
  try {
    const selection = win.getSelection();
    if (!selection) return;
    const range = node.ownerDocument!.createRange();
    range.selectNodeContents(node);
    selection.removeAllRanges();
    selection.addRange(range);
  } catch {
    // nothing selectable: the selector is still on screen
  }
}
