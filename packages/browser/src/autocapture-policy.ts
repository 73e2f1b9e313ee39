import { objectOrEmpty } from '@sightline/core';

/** One autocapture feature: its option key and documented default. */
export interface AutocaptureFeature {
  key: string;
  /** Other spellings seen in the documentation (`fileDownload`). */
  aliases?: string[];
  defaultOn: boolean;
}

type FeatureChoices = { [key: string]: unknown };

/**
 * Which features are on, each with its options object: `false` turns everything off, `true`
 * or an absent feature uses the defaults, a feature set to `true` or an object turns it on
 * (the object being its options), `false` turns it off. Pure: the wiring builds the plugins.
 */
export const resolveAutocapture = (
  setting: unknown,
  features: readonly AutocaptureFeature[],
): { [key: string]: object } => {
  const enabled: { [key: string]: object } = {};
  if (setting === false) return enabled;
  const choices = objectOrEmpty<FeatureChoices>(setting);
  for (const feature of features) {
    const spelled = [feature.key, ...(feature.aliases || [])].find((name) => choices[name] !== undefined);
    const value = spelled === undefined ? undefined : choices[spelled];
    const on = value === undefined ? feature.defaultOn : value !== false;
    if (on) enabled[feature.key] = objectOrEmpty(value);
  }
  return enabled;
};
