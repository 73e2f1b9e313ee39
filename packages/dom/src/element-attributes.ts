/**
 * Attribute capture rules:
 * blocklist, sensitive elements keep only `type`, password and hidden fields keep nothing,
 * `data-amp-mask-attributes` masks by name, URLs go through the scrubber and every other
 * value through the text patterns, all cut to 128 characters.
 */
import {
  BLOCKED_ATTRIBUTES,
  BLOCKED_ATTRIBUTE_PATTERN,
  DEFAULT_DATA_ATTRIBUTE_PREFIX,
  MAX_ATTRIBUTE_VALUE_LENGTH,
  SENSITIVE_ELEMENT_ATTRIBUTE_ALLOWLIST,
  TEXT_ATTRIBUTES,
  URL_ATTRIBUTES,
} from './constants.js';
import { isSecretField, isSensitiveElement, maskedAttributeNames, tagNameOf } from './element-rules.js';
import type { ElementPrivacyOptions } from './element-text.js';
import { MASK } from './sensitive-patterns.js';
import { DEFAULT_PRIVACY_LEVEL, maskText, truncateText } from './text-masking.js';
import { scrubUrl } from './url-scrubber.js';

const SVG_NAMESPACE = 'http://www.w3.org/2000/svg';

export interface AttributeReadOptions extends ElementPrivacyOptions {
  /** From {@link maskedAttributeNames}; computed when absent. Pass it to read many at once. */
  maskedNames?: ReadonlySet<string>;
}

/** Shapes one attribute value by the rules above; `''` for an absent attribute. */
export function readAttributeValue(element: Element, name: string, options: AttributeReadOptions = {}): string {
  try {
    const raw = element.getAttribute(name);
    if (raw === null) return '';
    const lowerName = name.toLowerCase();
    const { privacyLevel = DEFAULT_PRIVACY_LEVEL, maskTextRegex } = options;
    if ((options.maskedNames || maskedAttributeNames(element)).has(lowerName)) return MASK;
    if (privacyLevel === 'conservative' && TEXT_ATTRIBUTES.includes(lowerName)) {
      return raw === '' ? '' : MASK;
    }
    if (URL_ATTRIBUTES.includes(lowerName)) return truncateText(scrubUrl(raw), MAX_ATTRIBUTE_VALUE_LENGTH);
    return maskText(raw, { maskTextRegex, maxLength: MAX_ATTRIBUTE_VALUE_LENGTH });
  } catch {
    return '';
  }
}

export function isBlockedAttribute(name: string): boolean {
  const lowerName = name.toLowerCase();
  return BLOCKED_ATTRIBUTES.includes(lowerName) || BLOCKED_ATTRIBUTE_PATTERN.test(lowerName);
}

function isSvgElement(element: Element): boolean {
  return element.namespaceURI === SVG_NAMESPACE && tagNameOf(element) !== 'svg';
}

/**
 * The attributes an element contributes to `[Amplitude] Element Hierarchy`, without `id`
 * and `class` (reported apart). Never throws.
 */
export function readElementAttributes(element: Element, options: AttributeReadOptions = {}): Record<string, string> {
  const result: Record<string, string> = {};
  try {
    if (isSecretField(element) || isSvgElement(element)) return result;
    // Most ancestors carry only id and class: what the other attributes need is found on the first one.
    let sensitive: boolean | undefined;
    let shared: AttributeReadOptions | undefined;
    // Read by the real name: SVG attribute names are case-sensitive (`viewBox`).
    for (const name of element.getAttributeNames()) {
      const lowerName = name.toLowerCase();
      if (lowerName === 'id' || lowerName === 'class' || isBlockedAttribute(lowerName)) continue;
      if (sensitive === undefined) sensitive = isSensitiveElement(element);
      if (sensitive && !SENSITIVE_ELEMENT_ATTRIBUTE_ALLOWLIST.includes(lowerName)) continue;
      if (!shared) shared = { ...options, maskedNames: options.maskedNames || maskedAttributeNames(element) };
      result[name] = readAttributeValue(element, name, shared);
    }
  } catch {
    // a partial result is still correct: every value in it passed the rules
  }
  return result;
}

export type DataAttributePrefix = string | RegExp;

function keyFor(name: string, prefix: DataAttributePrefix): string | undefined {
  if (typeof prefix === 'string') {
    if (prefix === '' || !name.startsWith(prefix.toLowerCase())) return undefined;
    return name.slice(prefix.length);
  }
  if (!(prefix instanceof RegExp)) return undefined;
  const pattern = new RegExp(prefix.source, prefix.flags.replace(/[gy]/g, ''));
  const match = pattern.exec(name);
  if (!match) return undefined;
  return name.slice(0, match.index) + name.slice(match.index + match[0].length);
}

/**
 * `[Amplitude] Element Attributes`: attributes whose name starts with a prefix
 * (default `data-amp-track-`), keyed by the rest of the name. They pass the attribute
 * blocklist on purpose, but `data-amp-mask-attributes` and the text patterns still apply.
 */
export function readDataAttributes(
  element: Element,
  prefixes: DataAttributePrefix | readonly DataAttributePrefix[] = DEFAULT_DATA_ATTRIBUTE_PREFIX,
  options: AttributeReadOptions = {},
): Record<string, string> {
  const result: Record<string, string> = {};
  try {
    const list: readonly DataAttributePrefix[] = Array.isArray(prefixes) ? prefixes : [prefixes as DataAttributePrefix];
    let shared: AttributeReadOptions | undefined; // made for the first match: most elements have none
    for (const name of element.getAttributeNames()) {
      for (const prefix of list) {
        const key = keyFor(name.toLowerCase(), prefix);
        if (key) {
          if (!shared) shared = { ...options, maskedNames: options.maskedNames || maskedAttributeNames(element) };
          result[key] = readAttributeValue(element, name, shared);
          break;
        }
      }
    }
  } catch {
    // keep what passed
  }
  return result;
}
