/**
 * The panel's content: the page as it is sent, the counts and notices, and the event a click
 * on the current element sends — each property under its wire name, its value as sent.
 */
import type { Properties } from '@sightline/core';
import { readPageProperties } from '@sightline/dom';
import { EVENT_ELEMENT_CLICKED, Property } from '@sightline/plugin-element-interactions';
import type { Candidates } from './candidates.js';
import type { CaptureRules } from './capture-rules.js';
import type { ElementSummary } from './element-report.js';
import { el, type PreviewView } from './preview-view.js';

/** Headline properties first; the rest keep the order the builder gives them. */
const HEADLINE: string[] = [Property.ELEMENT_TEXT, Property.ELEMENT_HREF, Property.ELEMENT_PATH];

export function orderedEntries(properties: Properties): [string, unknown][] {
  const entries = Object.keys(properties).map((name): [string, unknown] => [name, properties[name]]);
  const rank = (name: string) => {
    const index = HEADLINE.indexOf(name);
    return index < 0 ? HEADLINE.length : index;
  };
  return entries.sort((a, b) => rank(a[0]) - rank(b[0]));
}

/** A property value as text: strings as they are sent, anything else as its JSON. */
export const valueText = (value: unknown): string => (typeof value === 'string' ? value : JSON.stringify(value));

function replaceContent(parent: Element, children: (Node | string)[]): void {
  while (parent.firstChild) parent.removeChild(parent.firstChild);
  for (const child of children) parent.append(child);
}

function rows(document: Document, entries: [string, unknown][]): Node[] {
  const nodes: Node[] = [];
  for (const [name, value] of entries) {
    nodes.push(el(document, 'dt', {}, [name]), el(document, 'dd', { 'data-property': name }, [valueText(value)]));
  }
  return nodes;
}

export function renderPage(view: PreviewView, document: Document): void {
  const page = readPageProperties() as unknown as Properties;
  replaceContent(view.page, rows(document, orderedEntries(page)));
}

/** What the panel says about the whole page: the counts, and why nothing may be sent. */
export function pageNotices(rules: CaptureRules, candidates: Candidates, enabled: boolean): string[] {
  const notices: string[] = [];
  if (!enabled)
    notices.push(
      'Element interactions are off on this instance: clicks send nothing yet. This is what turning them on sends.',
    );
  if (!rules.pageCaptured)
    notices.push('This page is excluded by pageUrlAllowlist / pageUrlExcludelist: no click on it is captured.');
  if (rules.hasResolver)
    notices.push(
      'A shouldTrackEventResolver decides at click time which clicks are sent; the outlines show the allowlists.',
    );
  if (candidates.notShown > 0) notices.push(`${candidates.notShown} more elements are captured but not outlined.`);
  return notices;
}

export function renderSummary(view: PreviewView, candidates: Candidates, notices: string[]): void {
  const document = view.host.ownerDocument;
  const tracked = candidates.summaries.filter((summary) => summary.kind === 'tracked').length;
  const action = candidates.summaries.length - tracked;
  replaceContent(view.summary, [
    el(document, 'span', { class: 'legend-tracked' }, [`${tracked} solid`]),
    ` outlines send ${EVENT_ELEMENT_CLICKED} on every click; `,
    el(document, 'span', { class: 'legend-action' }, [`${action} dashed`]),
    ' only when the click changes the page.',
  ]);
  replaceContent(
    view.notices,
    notices.map((notice) => el(document, 'p', { class: 'notice' }, [notice])),
  );
}

export interface DetailsControls {
  copyButton: HTMLButtonElement;
  copyStatus: HTMLElement;
  selector: HTMLElement;
}

/** The event a click on `summary`'s element sends; returns the copy controls. */
export function renderDetails(view: PreviewView, summary: ElementSummary, properties: Properties): DetailsControls {
  const document = view.host.ownerDocument;
  const elementPath = properties[Property.ELEMENT_PATH];
  const path = typeof elementPath === 'string' ? elementPath : '';
  const selector = el(document, 'code', { class: 'selector' }, [path]);
  const copyButton = el(document, 'button', { type: 'button', class: 'copy-selector' }, ['Copy selector']);
  const copyStatus = el(document, 'span', { class: 'copy-status', role: 'status' });
  const title = summary.kind === 'action' ? `${EVENT_ELEMENT_CLICKED} (if the page changes)` : EVENT_ELEMENT_CLICKED;
  replaceContent(view.details, [
    el(document, 'h3', { class: 'event-type' }, [title]),
    el(
      document,
      'ul',
      { class: 'notes' },
      summary.notes.map((note) => el(document, 'li', {}, [note])),
    ),
    el(document, 'dl', { class: 'properties' }, rows(document, orderedEntries(properties))),
    el(document, 'div', { class: 'copy' }, ['For cssSelectorAllowlist: ', selector, copyButton, copyStatus]),
  ]);
  return { copyButton, copyStatus, selector };
}

export function renderNothing(view: PreviewView, message: string): void {
  replaceContent(view.details, [el(view.host.ownerDocument, 'p', { class: 'nothing' }, [message])]);
}
