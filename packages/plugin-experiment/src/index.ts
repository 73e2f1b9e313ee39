/**
 * @sightline/plugin-experiment — `$exposure` and `[Experiment] Assignment` helpers, experiment
 * user properties, and the Optimizely DECISION bridge.
 */
export { createExperiment } from './create-experiment.js';
export type { Experiment } from './create-experiment.js';
export type { OptimizelyBridgeOptions } from './optimizely-bridge.js';
export type { AssignedVariant, Assignment, Built, ExperimentClient, ExperimentOptions, Exposure } from './types.js';
export type {
  OptimizelyClientLike,
  OptimizelyDecisionLike,
  OptimizelyDecisionNotification,
  OptimizelyNotificationCenterLike,
} from './optimizely-types.js';

// Pure builders, for apps and plugins that send through their own path.
export { buildExposureEvent } from './exposure.js';
export { buildExperimentIdentify, experimentUserProperty } from './user-property.js';
export type { ExperimentUserPropertyInput } from './user-property.js';
export { buildAssignmentEvent } from './assignment.js';
export {
  buildExperimentViewedEvent,
  buildOptimizelyIdentify,
  decisionKey,
  optimizelyUserProperty,
  readDecideResult,
  readFlagDecision,
} from './optimizely-decision.js';
export type { FlagDecision } from './optimizely-decision.js';
export { experimentKeyProblem, flagKeyProblem, variantProblem } from './validate.js';
export * from './constants.js';
