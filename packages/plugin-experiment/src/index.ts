/**
 * @sightline/plugin-experiment — `$exposure` and `[Experiment] Assignment` helpers, experiment
 * user properties, and the Optimizely DECISION bridge.
 */
export { createExperiment } from './create-experiment';
export type { Experiment } from './create-experiment';
export type { OptimizelyBridgeOptions } from './optimizely-bridge';
export type { AssignedVariant, Assignment, Built, ExperimentClient, ExperimentOptions, Exposure } from './types';
export type { OptimizelyClientLike, OptimizelyDecisionLike, OptimizelyDecisionNotification, OptimizelyNotificationCenterLike } from './optimizely-types';

// Pure builders, for apps and plugins that send through their own path.
export { buildExposureEvent } from './exposure';
export { buildExperimentIdentify, experimentUserProperty } from './user-property';
export type { ExperimentUserPropertyInput } from './user-property';
export { buildAssignmentEvent } from './assignment';
export {
  buildExperimentViewedEvent,
  buildOptimizelyIdentify,
  decisionKey,
  optimizelyUserProperty,
  readDecideResult,
  readFlagDecision,
} from './optimizely-decision';
export type { FlagDecision } from './optimizely-decision';
export { experimentKeyProblem, flagKeyProblem, variantProblem } from './validate';
export * from './constants';
