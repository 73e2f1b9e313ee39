/**
 * Options of both plugins and their resolution:
 * bad values are logged and replaced by the default, never thrown.
 */
import { objectOrEmpty, optionsUnlessOff, type Logger } from '@sightline/core';
import {
  DEFAULT_DATA_ATTRIBUTE_PREFIX,
  DEFAULT_PRIVACY_LEVEL,
  compileMaskPatterns,
  isPrivacyLevel,
  type DataAttributePrefix,
  type ElementPrivacyOptions,
  type MaskPattern,
  type PrivacyLevel,
} from '@sightline/dom';
import type { UrlPattern } from './page-url-filter.js';
import { DEFAULT_THRASHED_CURSOR_THRESHOLDS, type ThrashedCursorThresholds } from './thrashed-cursor-detector.js';

export type ActionType = 'click' | 'change';

/** Shared by both plugins: where they run and how they mask. */
export interface PrivacyAndPageOptions {
  /** Pages where interactions are captured (string = exact URL or `*` glob, or RegExp). Default: all. */
  pageUrlAllowlist?: UrlPattern[];
  /** Pages never captured; wins over the allowlist. */
  pageUrlExcludelist?: UrlPattern[];
  /** Extra text patterns masked as `*****` in text and attribute values. */
  maskTextRegex?: MaskPattern[];
  /** `light` (default) | `medium` | `conservative`. */
  privacyLevel?: PrivacyLevel;
  /** Prefix(es) of attributes captured as `[Amplitude] Element Attributes` (default `data-amp-track-`). */
  dataAttributePrefix?: DataAttributePrefix | DataAttributePrefix[];
}

export interface ElementInteractionsOptions extends PrivacyAndPageOptions {
  /** Elements always tracked; replaces the default. */
  cssSelectorAllowlist?: string[];
  /** Elements tracked when the click changes the page or navigates within 500 ms. */
  actionClickAllowlist?: string[];
  /** Decides instead of the allowlists whether an interaction is tracked. */
  shouldTrackEventResolver?: (actionType: ActionType, element: Element) => boolean;
  /** Accepted for compatibility; visual labeling is not part of Sightline. */
  visualTaggingOptions?: { enabled?: boolean; messenger?: unknown };
}

export interface SelectorOption {
  cssSelectorAllowlist?: string[];
}

export interface FrustrationInteractionsOptions extends PrivacyAndPageOptions {
  /** Default on. `{ cssSelectorAllowlist }` limits which elements count (default: any). */
  rageClicks?: boolean | SelectorOption;
  /** Default on. `{ cssSelectorAllowlist }` replaces the dead-click allowlist. */
  deadClicks?: boolean | SelectorOption;
  /** Default off. `{ cssSelectorAllowlist }` limits which clicks count (default: the elements always tracked). */
  errorClicks?: boolean | SelectorOption;
  /** Default off. `true`, or `{ directionChanges (10), threshold (2000 ms) }`. */
  thrashedCursor?: boolean | { directionChanges?: number; threshold?: number };
}

export interface ResolvedPrivacyAndPage {
  pageUrlAllowlist?: UrlPattern[];
  pageUrlExcludelist?: UrlPattern[];
  privacy: ElementPrivacyOptions;
  dataAttributePrefix: DataAttributePrefix | DataAttributePrefix[];
}

const isStringOrRegExp = (item: unknown): item is string | RegExp => typeof item === 'string' || item instanceof RegExp;

function urlList(value: unknown, name: string, logger?: Logger): UrlPattern[] | undefined {
  if (value === undefined) return undefined;
  if (!Array.isArray(value)) {
    logger?.warn(`${name} must be an array of strings or RegExps; ignoring it`);
    return undefined;
  }
  return value.filter((item): item is UrlPattern => {
    const ok = isStringOrRegExp(item);
    if (!ok) logger?.warn(`${name}: ignoring`, item);
    return ok;
  });
}

function dataAttributePrefixOf(value: unknown, logger?: Logger): DataAttributePrefix | DataAttributePrefix[] {
  if (value === undefined) return DEFAULT_DATA_ATTRIBUTE_PREFIX;
  if (isStringOrRegExp(value)) return value;
  if (Array.isArray(value) && value.every(isStringOrRegExp)) return value;
  logger?.warn('dataAttributePrefix must be a string, a RegExp or an array of them; using the default');
  return DEFAULT_DATA_ATTRIBUTE_PREFIX;
}

export function resolvePrivacyAndPage(options: PrivacyAndPageOptions, logger?: Logger): ResolvedPrivacyAndPage {
  let privacyLevel: PrivacyLevel = DEFAULT_PRIVACY_LEVEL;
  if (options.privacyLevel !== undefined) {
    if (isPrivacyLevel(options.privacyLevel)) privacyLevel = options.privacyLevel;
    else logger?.warn(`privacyLevel must be 'light', 'medium' or 'conservative'; using '${DEFAULT_PRIVACY_LEVEL}'`);
  }
  const maskTextRegex = compileMaskPatterns(options.maskTextRegex, (pattern) =>
    logger?.warn('maskTextRegex: ignoring invalid pattern', pattern),
  );
  return {
    pageUrlAllowlist: urlList(options.pageUrlAllowlist, 'pageUrlAllowlist', logger),
    pageUrlExcludelist: urlList(options.pageUrlExcludelist, 'pageUrlExcludelist', logger),
    privacy: { privacyLevel, maskTextRegex },
    dataAttributePrefix: dataAttributePrefixOf(options.dataAttributePrefix, logger),
  };
}

/** `true`/omitted → on with the default list, `false` → off, `{ cssSelectorAllowlist }` → on with it. */
export function featureSwitch(value: boolean | SelectorOption | undefined): { enabled: boolean; allowlist?: unknown } {
  const options = optionsUnlessOff<SelectorOption>(value);
  return options ? { enabled: true, allowlist: options.cssSelectorAllowlist } : { enabled: false };
}

/**
 * `thrashedCursor` as thresholds, or undefined when off. An invalid number is logged and
 * its default used.
 */
export function thrashedCursorThresholds(value: unknown, logger?: Logger): ThrashedCursorThresholds | undefined {
  if (!value) return undefined;
  const given = objectOrEmpty<{ [name: string]: unknown }>(value);
  const pick = (name: keyof ThrashedCursorThresholds, valid: (n: number) => boolean): number => {
    const candidate = given[name];
    if (candidate === undefined) return DEFAULT_THRASHED_CURSOR_THRESHOLDS[name];
    if (typeof candidate === 'number' && valid(candidate)) return candidate;
    logger?.warn(
      `thrashedCursor.${name} must be a positive ${name === 'directionChanges' ? 'integer' : 'number of ms'}; using ` +
        `the default`,
      candidate,
    );
    return DEFAULT_THRASHED_CURSOR_THRESHOLDS[name];
  };
  return {
    directionChanges: pick('directionChanges', (n) => Number.isInteger(n) && n >= 1),
    threshold: pick('threshold', (n) => Number.isFinite(n) && n > 0),
  };
}
