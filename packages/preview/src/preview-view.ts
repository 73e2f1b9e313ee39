/**
 * The preview's DOM: a `<sightline-preview data-sightline-ui>` host (which autocapture ignores)
 * with an open shadow root holding a modal dialog — a backdrop that takes the page's clicks,
 * the layer of outlines (a listbox) and the panel.
 */
import { SIGHTLINE_UI_ATTRIBUTE } from '@sightline/dom';
import { applyStyles } from './preview-styles.js';

export const HOST_TAG = 'sightline-preview';
const TITLE_ID = 'sightline-preview-title';
const HINT_ID = 'sightline-preview-hint';

export interface PreviewView {
  host: HTMLElement;
  shadow: ShadowRoot;
  backdrop: HTMLElement;
  layer: HTMLElement;
  panel: HTMLElement;
  closeButton: HTMLButtonElement;
  actionsToggle: HTMLButtonElement;
  dockToggle: HTMLButtonElement;
  summary: HTMLElement;
  notices: HTMLElement;
  page: HTMLElement;
  details: HTMLElement;
}

type Attributes = { [name: string]: string };

/** `tag` with attributes and children (strings become text: never parsed as HTML). */
export function el<K extends keyof HTMLElementTagNameMap>(
  document: Document,
  tag: K,
  attributes: Attributes = {},
  children: (Node | string)[] = [],
): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  for (const name of Object.keys(attributes)) element.setAttribute(name, attributes[name]);
  for (const child of children) element.appendChild(typeof child === 'string' ? document.createTextNode(child) : child);
  return element;
}

export function createView(document: Document, nonce: string | undefined): PreviewView {
  const host = document.createElement(HOST_TAG);
  host.setAttribute(SIGHTLINE_UI_ATTRIBUTE, 'preview');
  const shadow = host.attachShadow({ mode: 'open' });
  applyStyles(shadow, nonce);

  const closeButton = el(document, 'button', { type: 'button', class: 'close', 'aria-label': 'Close the preview' }, [
    'Close',
  ]);
  const actionsToggle = el(document, 'button', { type: 'button', class: 'toggle-actions', 'aria-pressed': 'true' }, [
    'Action-click candidates',
  ]);
  const dockToggle = el(document, 'button', { type: 'button', class: 'dock' }, ['Move panel left']);
  const summary = el(document, 'p', { class: 'summary' });
  const notices = el(document, 'div', { class: 'notices' });
  const page = el(document, 'dl', { class: 'page' });
  const details = el(document, 'section', { class: 'details', 'aria-live': 'polite' });
  const panel = el(document, 'section', { class: 'panel', 'aria-label': 'What a click sends' }, [
    el(document, 'div', { class: 'head' }, [
      el(document, 'h2', { id: TITLE_ID }, ['Sightline capture preview']),
      closeButton,
    ]),
    el(document, 'p', { id: HINT_ID }, [
      'Nothing is sent while this preview is open. Hover, focus (arrow keys) or tap an outlined element to see the ' +
        'event a click on it sends. Escape closes.',
    ]),
    summary,
    notices,
    details,
    el(document, 'h3', {}, ['This page, as it is sent']),
    page,
    el(document, 'div', { class: 'tools' }, [actionsToggle, dockToggle]),
  ]);
  const backdrop = el(document, 'div', { class: 'backdrop' });
  const layer = el(document, 'div', {
    class: 'layer',
    role: 'listbox',
    'aria-label': 'Elements autocapture records',
    'aria-describedby': HINT_ID,
  });
  shadow.appendChild(
    el(document, 'div', { class: 'root', role: 'dialog', 'aria-modal': 'true', 'aria-labelledby': TITLE_ID }, [
      backdrop,
      layer,
      panel,
    ]),
  );
  return {
    host,
    shadow,
    backdrop,
    layer,
    panel,
    closeButton,
    actionsToggle,
    dockToggle,
    summary,
    notices,
    page,
    details,
  };
}
