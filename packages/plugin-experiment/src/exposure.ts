import type { Event } from '@sightline/core';
import { EXPOSURE_EVENT, ExposureProperty } from './constants.js';
import type { Built, Exposure } from './types.js';
import { experimentKeyProblem, flagKeyProblem, variantProblem } from './validate.js';

/**
 * The `$exposure` event for one exposure. A missing or null variant is left out of the
 * properties: the ingestion API then unsets the experiment user property.
 */
export const buildExposureEvent = (exposure: Exposure, strictVariantFormat = true): Built<Event> => {
  if (!exposure || typeof exposure !== 'object')
    return { ok: false, problem: 'trackExposure: needs an object { flagKey, variant?, experimentKey? }; nothing sent' };
  const { flagKey, variant, experimentKey } = exposure;
  const problem =
    flagKeyProblem(flagKey) || variantProblem(variant, strictVariantFormat) || experimentKeyProblem(experimentKey);
  if (problem) return { ok: false, problem: `trackExposure: ${problem}; nothing sent` };
  const properties: { [name: string]: string } = { [ExposureProperty.FLAG_KEY]: flagKey };
  if (typeof variant === 'string') properties[ExposureProperty.VARIANT] = variant;
  if (typeof experimentKey === 'string') properties[ExposureProperty.EXPERIMENT_KEY] = experimentKey;
  return { ok: true, value: { event_type: EXPOSURE_EVENT, event_properties: properties } };
};
