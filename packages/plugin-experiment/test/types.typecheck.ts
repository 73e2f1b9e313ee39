/** Compile-time checks (run by `tsc -p test/tsconfig.json`): the structural types accept the real things. */
import type { Client } from '@optimizely/optimizely-sdk';
import type { CoreClient } from '@sightline/core';
import { createExperiment, type ExperimentClient, type OptimizelyClientLike } from '@sightline/plugin-experiment';

export const coreClientFits = (client: CoreClient): ExperimentClient => client;
export const boundFunctionsFit = (client: CoreClient): ExperimentClient => ({
  track: client.track.bind(client),
  identify: client.identify.bind(client),
});
export const optimizelyFits = (client: Client): OptimizelyClientLike => client;
export const attachesRealClient = (client: CoreClient, optimizely: Client): (() => void) =>
  createExperiment(client).attachOptimizely(optimizely, { dedupe: true });
