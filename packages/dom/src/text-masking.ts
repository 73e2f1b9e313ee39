/**
 * Text masking policy: collapse whitespace,
 * mask card numbers, SSNs, emails and the app's own patterns, and only then cut to length —
 * a cut must never split a secret into a part the patterns no longer recognise.
 */
import { MASK, maskSensitivePatterns } from './sensitive-patterns.js';

/**
 * `light` = the documented defaults; `medium` also masks all text of form-element labels and
 * headings; `conservative` captures no element text at all.
 */
export type PrivacyLevel = 'light' | 'medium' | 'conservative';
export const PRIVACY_LEVELS: readonly PrivacyLevel[] = ['light', 'medium', 'conservative'];
export const DEFAULT_PRIVACY_LEVEL: PrivacyLevel = 'light';

/** `[Amplitude] Element Text` limit. */
export const MAX_TEXT_LENGTH = 255;

/** A RegExp, or a string such as `ends\s*in\s*[0-9]{4}` or `/(?i)ends\s*in\s*[0-9]{4}/`. */
export type MaskPattern = RegExp | string;

export interface TextMaskingOptions {
  /** Extra patterns whose matches become `*****` (`maskTextRegex`). */
  maskTextRegex?: readonly MaskPattern[];
  /** Cut after masking; defaults to 255. Pass `Infinity` to keep the whole text. */
  maxLength?: number;
}

export function isPrivacyLevel(value: unknown): value is PrivacyLevel {
  return typeof value === 'string' && (PRIVACY_LEVELS as readonly string[]).includes(value);
}

const SLASH_DELIMITED = /^\/([\s\S]*)\/([a-z]*)$/;
/** PCRE-style inline flag from the remote-config UI examples, which JavaScript lacks. */
const INLINE_CASE_INSENSITIVE = /^\(\?i\)/;

/** Compiles one pattern with the global flag; `undefined` when it is not a valid RegExp. */
export function compileMaskPattern(pattern: MaskPattern): RegExp | undefined {
  try {
    if (pattern instanceof RegExp) {
      return pattern.global ? pattern : new RegExp(pattern.source, `${pattern.flags}g`);
    }
    if (typeof pattern !== 'string' || pattern === '') return undefined;
    let source = pattern;
    let flags = '';
    const delimited = SLASH_DELIMITED.exec(pattern);
    if (delimited) {
      source = delimited[1];
      flags = delimited[2].replace(/g/g, '');
    }
    if (INLINE_CASE_INSENSITIVE.test(source)) {
      source = source.replace(INLINE_CASE_INSENSITIVE, '');
      if (!flags.includes('i')) flags += 'i';
    }
    return new RegExp(source, `${flags}g`);
  } catch {
    return undefined;
  }
}

/** Compiles every pattern; invalid ones are reported through `onInvalid` and skipped. */
export function compileMaskPatterns(
  patterns: readonly MaskPattern[] | undefined,
  onInvalid?: (pattern: unknown) => void,
): RegExp[] {
  if (!Array.isArray(patterns)) return [];
  const compiled: RegExp[] = [];
  for (const pattern of patterns) {
    const regex = compileMaskPattern(pattern as MaskPattern);
    if (regex) compiled.push(regex);
    else onInvalid?.(pattern);
  }
  return compiled;
}

export function collapseWhitespace(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/** Cuts to `maxLength` UTF-16 units without leaving half of a surrogate pair. */
export function truncateText(text: string, maxLength: number): string {
  if (!(maxLength >= 0) || text.length <= maxLength) return text;
  let end = Math.floor(maxLength);
  const last = text.charCodeAt(end - 1);
  if (last >= 0xd800 && last <= 0xdbff) end -= 1;
  return text.slice(0, end);
}

function applyPatterns(text: string, patterns: readonly MaskPattern[] | undefined): string {
  let result = text;
  for (const pattern of patterns || []) {
    const regex = compileMaskPattern(pattern);
    // An empty match would otherwise put a mask between every character.
    if (regex) result = result.replace(regex, (match) => (match === '' ? '' : MASK));
  }
  return result;
}

/** Collapse whitespace, mask, then cut. Anything but a string gives `''`. */
export function maskText(text: string, options: TextMaskingOptions = {}): string {
  if (typeof text !== 'string' || text === '') return '';
  const masked = applyPatterns(maskSensitivePatterns(collapseWhitespace(text)), options.maskTextRegex);
  return truncateText(masked, options.maxLength ?? MAX_TEXT_LENGTH);
}
