import { afterEach } from 'vitest';

/** Mounts `html` in the body and returns the element marked `data-target` (the mark removed). */
export function target(html: string): Element {
  document.body.innerHTML = html;
  const element = document.querySelector('[data-target]');
  if (!element) throw new Error('fixture needs [data-target]');
  element.removeAttribute('data-target');
  return element;
}

/** Empties the body after each test of the calling file. */
export const clearBodyAfterEach = (): void =>
  afterEach(() => {
    document.body.innerHTML = '';
  });
