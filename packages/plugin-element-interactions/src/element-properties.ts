/**
 * The element properties of an interacted element. Called after paint (never inside the
 * listener): it reads layout, walks the DOM and masks text.
 */
import type { Properties } from '@sightline/core';
import {
  getElementHierarchy,
  getElementPath,
  isSecretField,
  maskedAttributeNamesUp,
  readAttributeValue,
  readDataAttributes,
  readElementText,
  readParentLabel,
  tagNameOf,
  type DataAttributePrefix,
  type ElementMemo,
  type ElementPrivacyOptions,
} from '@sightline/dom';
import { Property } from './constants.js';
import { createPageMemo, type PageMemo } from './page-memo.js';

/** What the listener records synchronously: cheap reads only. */
export interface InteractionRecord {
  element: Element;
  /** ms epoch of the interaction; becomes the event `time`. */
  time: number;
  /** `location.href` at the interaction (the click may navigate before the work runs). */
  pageUrl: string;
  viewportWidth: number;
  viewportHeight: number;
}

export type InteractionKind = 'click' | 'change';

export interface ElementPropertiesContext {
  kind: InteractionKind;
  document: Document | undefined;
  privacy: ElementPrivacyOptions;
  dataAttributePrefix: DataAttributePrefix | readonly DataAttributePrefix[];
  /** The page URL and title of the previous interactions, when the caller keeps them. */
  pageMemo?: PageMemo;
  /** Ancestors read for earlier interactions while the document is unchanged (refreshed by the caller). */
  elementMemo?: ElementMemo;
}

function setIfPresent(properties: Properties, name: string, value: string | null | undefined): void {
  if (value) properties[name] = value;
}

/** `Element Changed` carries no Text and no Href, and never a value. */
export function buildElementProperties(record: InteractionRecord, context: ElementPropertiesContext): Properties {
  const { element } = record;
  const { privacy } = context;
  const properties: Properties = {};
  const tag = tagNameOf(element);
  // One walk up the tree for every masked-attribute check of this element and its ancestors.
  const maskedNamesUp = maskedAttributeNamesUp(element);
  const attributeOptions = { ...privacy, maskedNames: maskedNamesUp[0] };
  setIfPresent(properties, Property.ELEMENT_ID, element.getAttribute('id'));
  setIfPresent(properties, Property.ELEMENT_CLASS, element.getAttribute('class'));
  properties[Property.ELEMENT_TAG] = tag;
  if (context.kind === 'click') {
    setIfPresent(properties, Property.ELEMENT_TEXT, readElementText(element, privacy));
    if (tag === 'a')
      setIfPresent(properties, Property.ELEMENT_HREF, readAttributeValue(element, 'href', attributeOptions));
  }
  let left = 0;
  let top = 0;
  try {
    const rect = element.getBoundingClientRect();
    left = Math.round(rect.left);
    top = Math.round(rect.top);
  } catch {
    // no layout for this element: 0, 0
  }
  properties[Property.ELEMENT_POSITION_LEFT] = left;
  properties[Property.ELEMENT_POSITION_TOP] = top;
  properties[Property.VIEWPORT_HEIGHT] = record.viewportHeight;
  properties[Property.VIEWPORT_WIDTH] = record.viewportWidth;
  // One path for both: a caller that keeps no memo (the preview) gets a fresh one, which computes.
  const pageMemo = context.pageMemo || createPageMemo();
  properties[Property.PAGE_URL] = pageMemo.url(record.pageUrl);
  properties[Property.PAGE_TITLE] = pageMemo.title(context.document, privacy.maskTextRegex);
  const { elementMemo } = context;
  const path = getElementPath(element, elementMemo);
  properties[Property.ELEMENT_SELECTOR] = path;
  properties[Property.ELEMENT_PATH] = path;
  properties[Property.ELEMENT_HIERARCHY] = getElementHierarchy(element, {
    ...privacy,
    maskedNamesUp,
    memo: elementMemo,
  });
  const attributes = readDataAttributes(element, context.dataAttributePrefix, attributeOptions);
  if (Object.keys(attributes).length > 0) properties[Property.ELEMENT_ATTRIBUTES] = attributes;
  if (!isSecretField(element)) {
    setIfPresent(properties, Property.ELEMENT_ARIA_LABEL, readAttributeValue(element, 'aria-label', attributeOptions));
  }
  setIfPresent(properties, Property.ELEMENT_PARENT_LABEL, readParentLabel(element, privacy));
  return properties;
}
