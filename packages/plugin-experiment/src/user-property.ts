import { Identify } from '@sightline/core';
import { EXPERIMENT_PROPERTY_PREFIX } from './constants.js';
import type { Built } from './types.js';
import { flagKeyProblem, variantProblem } from './validate.js';

/** `[Experiment] <flag_key>`. */
export const experimentUserProperty = (flagKey: string): string => `${EXPERIMENT_PROPERTY_PREFIX}${flagKey}`;

export interface ExperimentUserPropertyInput {
  flagKey: string;
  /** The variant to `$set`; `null` / `undefined` `$unset`s the property (the user left the experiment). */
  variant?: string | null;
}

/**
 * The `$identify` operations an exposure implies: `$set` `[Experiment] <flag_key>` to the
 * variant, or `$unset` it when there is none — what the ingestion API does on its own for Amplitude.
 */
export const buildExperimentIdentify = (
  input: ExperimentUserPropertyInput,
  strictVariantFormat = true,
): Built<Identify> => {
  if (!input || typeof input !== 'object')
    return { ok: false, problem: 'setExperimentUserProperty: needs an object { flagKey, variant? }; nothing sent' };
  const problem = flagKeyProblem(input.flagKey) || variantProblem(input.variant, strictVariantFormat);
  if (problem) return { ok: false, problem: `setExperimentUserProperty: ${problem}; nothing sent` };
  const name = experimentUserProperty(input.flagKey);
  const identify =
    typeof input.variant === 'string' ? new Identify().set(name, input.variant) : new Identify().unset(name);
  return { ok: true, value: identify };
};
