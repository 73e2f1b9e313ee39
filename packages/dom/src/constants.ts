/** Attribute names and limits of the documented privacy and tracking rules, defined once. */

/** Text of the element and its descendants is captured as `*****`. */
export const MASK_ATTRIBUTE = 'data-amp-mask';
/** Comma-separated attribute names masked on the element and its descendants. */
export const MASK_ATTRIBUTES_ATTRIBUTE = 'data-amp-mask-attributes';
/**
 * Marks Sightline's own on-page UI (the capture preview): autocapture never records an
 * interaction with it, so looking at what would be captured captures nothing.
 */
export const SIGHTLINE_UI_ATTRIBUTE = 'data-sightline-ui';
/** Default prefix of attributes captured as `[Amplitude] Element Attributes.<name>`. */
export const DEFAULT_DATA_ATTRIBUTE_PREFIX = 'data-amp-track-';

/** `[Amplitude] Element Text` and other free text: cut after masking. */
export const MAX_ELEMENT_TEXT_LENGTH = 255;
/** Attribute values in the hierarchy and `[Amplitude] Element Href`. */
export const MAX_ATTRIBUTE_VALUE_LENGTH = 128;
/** `[Amplitude] Element Hierarchy` size bound, in characters of its JSON. */
export const MAX_HIERARCHY_LENGTH = 1024;

/** Never captured: values, inline styles, handlers (any `on*`) and React internals. */
export const BLOCKED_ATTRIBUTES: readonly string[] = [
  'value',
  'style',
  'data-reactid',
  'data-react-checksum',
  'data-reactroot',
];
export const BLOCKED_ATTRIBUTE_PATTERN = /^(on|data-react|__react)/i;

/** The one attribute a text input, select, textarea or contenteditable keeps. */
export const SENSITIVE_ELEMENT_ATTRIBUTE_ALLOWLIST: readonly string[] = ['type'];

/** `id` and `class` cannot be masked by `data-amp-mask-attributes`. */
export const UNMASKABLE_ATTRIBUTES: readonly string[] = ['id', 'class'];

/** Attributes holding URLs: captured through the URL scrubber. */
export const URL_ATTRIBUTES: readonly string[] = [
  'href',
  'src',
  'action',
  'formaction',
  'cite',
  'poster',
  'data',
  'srcset',
];

/** Attributes holding human-readable text: withheld under `privacyLevel: 'conservative'`. */
export const TEXT_ATTRIBUTES: readonly string[] = [
  'title',
  'alt',
  'placeholder',
  'aria-label',
  'aria-description',
  'aria-placeholder',
  'aria-valuetext',
  'label',
];

/** Text of these is masked as a whole under `privacyLevel: 'medium'`. */
export const MEDIUM_MASKED_TEXT_SELECTOR = 'label, legend, h1, h2, h3, h4, h5, h6';
