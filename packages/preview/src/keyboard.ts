/** Keyboard policy of the preview: pure, so a table test pins it down. */

/** Moves among the outlines (a listbox): the index to focus for `key`, or undefined when `key` does not move. */
export function nextOutlineIndex(key: string, current: number, count: number): number | undefined {
  if (count === 0) return undefined;
  const last = count - 1;
  switch (key) {
    case 'ArrowDown':
    case 'ArrowRight':
      return current < 0 ? 0 : Math.min(current + 1, last);
    case 'ArrowUp':
    case 'ArrowLeft':
      return current < 0 ? last : Math.max(current - 1, 0);
    case 'Home':
      return 0;
    case 'End':
      return last;
    default:
      return undefined;
  }
}

/**
 * The focus trap of the modal preview: on Tab, the index among its `count` tab stops to
 * focus, or undefined to let the browser move within them. `active` is -1 when focus is
 * outside the preview (the page's Tab order must not take over).
 */
export function trappedTabIndex(active: number, count: number, backwards: boolean): number | undefined {
  if (count === 0) return undefined;
  if (active < 0) return backwards ? count - 1 : 0;
  if (!backwards && active === count - 1) return 0;
  if (backwards && active === 0) return count - 1;
  return undefined;
}
