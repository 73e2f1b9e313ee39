import { describeValue as describe } from '@sightline/core';
import { VARIANT_FORMAT } from './constants.js';

/** Pure input rules shared by every helper. Each answers a problem message, or undefined when valid. */

export const flagKeyProblem = (flagKey: unknown): string | undefined => {
  if (typeof flagKey !== 'string' || flagKey.trim() === '') {
    return `flag key is required and must be a non-empty string, got ${describe(flagKey)}`;
  }
  return undefined;
};

/** `null` / `undefined` are valid: they mean "no variant". */
export const variantProblem = (variant: unknown, strictFormat: boolean): string | undefined => {
  if (variant === undefined || variant === null) return undefined;
  if (typeof variant !== 'string' || variant === '') {
    return `variant must be a non-empty string, or null/undefined to unset it, got ${describe(variant)}`;
  }
  if (strictFormat && !VARIANT_FORMAT.test(variant)) {
    const examples = '"treatment", "variant-b", "variation_a"';
    return `variant ${describe(variant)} must be lowercase kebab-case or snake_case (e.g. ${examples})`;
  }
  return undefined;
};

export const experimentKeyProblem = (experimentKey: unknown): string | undefined => {
  if (experimentKey === undefined || experimentKey === null) return undefined;
  if (typeof experimentKey !== 'string' || experimentKey.trim() === '') {
    return `experiment key must be a non-empty string when given, got ${describe(experimentKey)}`;
  }
  return undefined;
};
