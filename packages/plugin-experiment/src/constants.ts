/** Wire names for experiment events and properties — defined once. */

/** The strictly defined exposure event the ingestion API transforms to `[Experiment] Exposure`. */
export const EXPOSURE_EVENT = '$exposure';

/** `$exposure` event properties. */
export const ExposureProperty = {
  FLAG_KEY: 'flag_key',
  VARIANT: 'variant',
  EXPERIMENT_KEY: 'experiment_key',
} as const;

/** The experiment user property is `[Experiment] <flag_key>`. */
export const EXPERIMENT_PROPERTY_PREFIX = '[Experiment] ';

/** The assignment event and its properties. */
export const ASSIGNMENT_EVENT = '[Experiment] Assignment';
export const ASSIGNMENT_VARIANT_SUFFIX = '.variant';
export const ASSIGNMENT_DETAILS_SUFFIX = '.details';
export const ASSIGNMENT_ENVIRONMENT_PROPERTY = '[Experiment] Environment Name';

/** The variant value meaning "no variant assigned". */
export const VARIANT_OFF = 'off';

/** The Optimizely user property is `[Optimizely] <flagKey>`. */
export const OPTIMIZELY_PROPERTY_PREFIX = '[Optimizely] ';

/** The event the Optimizely integration tracks, and its properties. */
export const EXPERIMENT_VIEWED_EVENT = 'Experiment Viewed';
export const ExperimentViewedProperty = {
  FLAG_KEY: 'flag_key',
  VARIATION_KEY: 'variation_key',
  RULE_KEY: 'rule_key',
  ENABLED: 'enabled',
  USER_ID: 'user_id',
} as const;

/**
 * `enums.NOTIFICATION_TYPES.DECISION` of `@optimizely/optimizely-sdk` v6 is the plain string
 * `'DECISION'`. Copied, not imported: this package must not load the Optimizely SDK at runtime.
 */
export const OPTIMIZELY_DECISION_NOTIFICATION = 'DECISION';

/** Only decisions of this type (from `decide()`) are bridged. */
export const OPTIMIZELY_FLAG_DECISION_TYPE = 'flag';

/** Variant values are lowercase kebab-case or snake_case. */
export const VARIANT_FORMAT = /^[a-z0-9]+(?:[-_][a-z0-9]+)*$/;
