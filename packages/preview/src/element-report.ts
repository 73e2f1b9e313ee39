/**
 * What a click on one element would send, and what the preview says about it. The event's
 * properties come from the element-interactions plugin's own builder; the notes are a pure
 * policy over a few facts about the element.
 */
import type { Properties } from '@sightline/core';
import { MASK, isSecretField, isSensitiveElement, isSightlineUi, readElementText, tagNameOf } from '@sightline/dom';
import {
  ACTION_CLICK_WINDOW_MS,
  EVENT_ELEMENT_CLICKED,
  buildElementProperties,
  closestMatching,
  recordInteraction,
} from '@sightline/plugin-element-interactions';
import type { CaptureRules } from './capture-rules.js';

/** `tracked`: every click sends the event; `action`: only a click that changes the page. */
export type CaptureKind = 'tracked' | 'action';

/** Which kind of capture a click on `element` gets, or undefined when a click on it records nothing of its own. */
export function captureKindOf(element: Element, rules: CaptureRules): CaptureKind | undefined {
  if (isSightlineUi(element)) return undefined;
  if (closestMatching(element, rules.allowlist) === element) return 'tracked';
  // A click inside an allowlisted element records that element instead.
  if (closestMatching(element, rules.allowlist)) return undefined;
  return closestMatching(element, rules.actionAllowlist) === element ? 'action' : undefined;
}

export interface NoteFacts {
  kind: CaptureKind;
  /** Password or hidden field. */
  secret: boolean;
  /** A form field or editable content: what is typed never leaves. */
  sensitive: boolean;
  /** The Element Text that would be sent is (partly) `*****`. */
  textMasked: boolean;
  /** `privacyLevel: 'conservative'`: no element text at all. */
  conservative: boolean;
}

/** What the preview tells a developer about an element, most important first. */
export function captureNotes(facts: NoteFacts): string[] {
  const notes: string[] = [];
  if (facts.secret) notes.push('Password or hidden field: nothing typed in it, no text and no label is captured.');
  else if (facts.sensitive) notes.push('Form field: what is typed in it is never captured.');
  if (facts.textMasked) notes.push(`Text masked: sent as ${MASK}.`);
  else if (facts.conservative && !facts.sensitive) notes.push("privacyLevel 'conservative': no element text is sent.");
  if (facts.kind === 'action')
    notes.push(`Sent only when the click changes the page or navigates within ${ACTION_CLICK_WINDOW_MS} ms.`);
  return notes;
}

/** The outline of one element: cheap facts read once per scan. */
export interface ElementSummary {
  element: Element;
  kind: CaptureKind;
  /** `[Amplitude] Element Text` as it would be sent ('' when none). */
  text: string;
  textMasked: boolean;
  secret: boolean;
  notes: string[];
  /** Accessible name of the outline. */
  label: string;
}

export function summarizeElement(element: Element, kind: CaptureKind, rules: CaptureRules): ElementSummary {
  const text = readElementText(element, rules.privacy);
  const secret = isSecretField(element);
  const textMasked = text.includes(MASK);
  const notes = captureNotes({
    kind,
    secret,
    sensitive: isSensitiveElement(element),
    textMasked,
    conservative: rules.privacy.privacyLevel === 'conservative',
  });
  const id = element.getAttribute('id');
  const name = `${tagNameOf(element)}${id ? `#${id}` : ''}${text ? ` "${text}"` : ''}`;
  const when = kind === 'action' ? ', only if the click changes the page' : '';
  const flags = `${textMasked ? ', text masked' : ''}${secret ? ', nothing typed is captured' : ''}`;
  return { element, kind, text, textMasked, secret, notes, label: `${name}: ${EVENT_ELEMENT_CLICKED}${when}${flags}` };
}

/** The event properties a click on `element` now would send, built by the plugin's own code. */
export function clickProperties(element: Element, rules: CaptureRules, document: Document): Properties {
  return buildElementProperties(recordInteraction(element, Date.now()), {
    kind: 'click',
    document,
    privacy: rules.privacy,
    dataAttributePrefix: rules.dataAttributePrefix,
  });
}
