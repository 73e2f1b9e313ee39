/**
 * The outlines: one box per element, positioned over it, in a listbox with a roving tab stop
 * (Tab reaches the list once; arrow keys, Home and End move within it). Hover shows an
 * element's event for as long as the pointer is on it; focus (a click or tap focuses) selects it.
 */
import type { ElementSummary } from './element-report.js';
import { nextOutlineIndex } from './keyboard.js';
import { el, type PreviewView } from './preview-view.js';

/** Small elements still get an outline one can point at. */
const MIN_BOX_PX = 6;

export interface OutlineCallbacks {
  /** The pointer is on an element's outline (undefined: on none). */
  onHover(summary: ElementSummary | undefined): void;
  /** An outline got the focus. */
  onSelect(summary: ElementSummary): void;
}

export interface OutlineLayer {
  /** Draws `summaries` (a later scan); the selection and tab stop stay on the same element. */
  update(summaries: ElementSummary[]): void;
  /** Moves every outline over its element (after a scroll, a resize or a layout change). */
  reposition(): void;
  /** The outline that takes the focus when Tab reaches the list, if any. */
  tabStop(): HTMLElement | undefined;
  selected(): ElementSummary | undefined;
  /** Shows or hides the outlines of action-click candidates. */
  showActions(show: boolean): void;
}

interface Outline {
  summary: ElementSummary;
  box: HTMLElement;
}

export function createOutlineLayer(view: PreviewView, callbacks: OutlineCallbacks): OutlineLayer {
  const document = view.host.ownerDocument;
  let outlines: Outline[] = [];
  let selectedElement: Element | undefined;
  let actionsShown = true;

  const navigable = () => outlines.filter((outline) => actionsShown || outline.summary.kind !== 'action');
  const outlineOf = (node: EventTarget | null) => outlines.find((outline) => outline.box === node);

  const markSelected = () => {
    const stops = navigable();
    const stop = stops.find((outline) => outline.summary.element === selectedElement) || stops[0];
    for (const outline of outlines) {
      outline.box.setAttribute('aria-selected', String(outline.summary.element === selectedElement));
      outline.box.tabIndex = outline === stop ? 0 : -1;
    }
  };

  const classesOf = (summary: ElementSummary): string =>
    ['box', summary.kind, summary.textMasked ? 'masked' : '', summary.secret ? 'secret' : ''].filter(Boolean).join(' ');

  const place = ({ summary, box }: Outline) => {
    const rect = summary.element.getBoundingClientRect();
    const hidden = rect.width === 0 && rect.height === 0;
    box.style.display = hidden ? 'none' : '';
    const width = Math.max(rect.width, MIN_BOX_PX);
    const height = Math.max(rect.height, MIN_BOX_PX);
    box.style.left = `${rect.left - (width - rect.width) / 2}px`;
    box.style.top = `${rect.top - (height - rect.height) / 2}px`;
    box.style.width = `${width}px`;
    box.style.height = `${height}px`;
  };

  view.layer.addEventListener('pointerover', (event) => {
    const outline = outlineOf(event.target);
    if (outline) callbacks.onHover(outline.summary);
  });
  view.layer.addEventListener('pointerout', (event) => {
    const next = event.relatedTarget as Node | null;
    if (!next || !outlineOf(next)) callbacks.onHover(undefined);
  });
  view.layer.addEventListener('focusin', (event) => {
    const outline = outlineOf(event.target);
    if (!outline) return;
    selectedElement = outline.summary.element;
    markSelected();
    callbacks.onSelect(outline.summary);
  });
  view.layer.addEventListener('keydown', (event) => {
    const stops = navigable();
    const current = stops.findIndex((outline) => outline.box === event.target);
    const next = nextOutlineIndex(event.key, current, stops.length);
    if (next === undefined) return;
    event.preventDefault();
    const target = stops[next];
    // Off-screen elements scroll into view; the outline follows on the scroll.
    target.summary.element.scrollIntoView({ block: 'nearest', inline: 'nearest' });
    place(target);
    target.box.focus({ preventScroll: true });
  });

  return {
    update(summaries) {
      const boxes = new Map(outlines.map((outline) => [outline.summary.element, outline.box]));
      const focused = outlines.find((outline) => outline.box === view.shadow.activeElement)?.summary.element;
      const sameOrder =
        summaries.length === outlines.length &&
        summaries.every((summary, index) => outlines[index].summary.element === summary.element);
      outlines = summaries.map((summary) => {
        const box = boxes.get(summary.element) || el(document, 'div', { role: 'option' });
        box.className = classesOf(summary);
        box.setAttribute('aria-label', summary.label);
        return { summary, box };
      });
      if (selectedElement && !outlines.some((outline) => outline.summary.element === selectedElement))
        selectedElement = undefined;
      markSelected();
      if (!sameOrder) {
        // Re-appending a focused node drops its focus: give it back (or to the list's tab stop).
        for (const box of boxes.values()) box.remove();
        for (const outline of outlines) view.layer.appendChild(outline.box);
        const refocus = outlines.find((outline) => outline.summary.element === focused)?.box || this.tabStop();
        if (focused && refocus) refocus.focus({ preventScroll: true });
      }
      this.reposition();
    },
    reposition() {
      for (const outline of outlines) place(outline);
    },
    tabStop() {
      return outlines.find((outline) => outline.box.tabIndex === 0)?.box;
    },
    selected() {
      return outlines.find((outline) => outline.summary.element === selectedElement)?.summary;
    },
    showActions(show) {
      actionsShown = show;
      view.layer.classList.toggle('hide-actions', !show);
      if (!show && this.selected()?.kind === 'action') selectedElement = undefined;
      markSelected();
    },
  };
}
