import { EVENT_IDENTIFY, ResultCode, objectOrEmpty, type EventOptions, type ResultPromise } from '@sightline/core';
import { buildAssignmentEvent } from './assignment.js';
import { callClient, isClient, loggerResolver, settledResult } from './client-calls.js';
import { ASSIGNMENT_EVENT, EXPOSURE_EVENT } from './constants.js';
import { buildExposureEvent } from './exposure.js';
import { attachOptimizelyBridge, type OptimizelyBridgeOptions } from './optimizely-bridge.js';
import type { OptimizelyClientLike } from './optimizely-types.js';
import { buildExperimentIdentify, type ExperimentUserPropertyInput } from './user-property.js';
import type { Assignment, ExperimentClient, ExperimentOptions, Exposure } from './types.js';

export interface Experiment {
  /** Sends `$exposure`. Missing flag key or a bad variant: logged, nothing sent, non-200 result. */
  trackExposure(exposure: Exposure, eventOptions?: EventOptions): ResultPromise;
  /** `$identify` that sets `[Experiment] <flag_key>` to the variant, or unsets it when there is none. */
  setExperimentUserProperty(input: ExperimentUserPropertyInput, eventOptions?: EventOptions): ResultPromise;
  /** Sends `[Experiment] Assignment` for flags the app evaluated itself. */
  trackAssignment(assignment: Assignment, eventOptions?: EventOptions): ResultPromise;
  /** Bridges Optimizely DECISION notifications; returns the detach function. */
  attachOptimizely(optimizelyClient: OptimizelyClientLike, options?: OptimizelyBridgeOptions): () => void;
}

/**
 * Experiment helpers bound to one client: the `@sightline/browser` module itself (default
 * instance), a `createInstance()` client, or any object with `track` and `identify`. Calls made
 * before `init` are queued by the client like any other call. Nothing here ever throws.
 */
export const createExperiment = (client: ExperimentClient, options: ExperimentOptions = {}): Experiment => {
  const settings = objectOrEmpty<ExperimentOptions>(options);
  const logger = loggerResolver(client, settings.loggerProvider);
  const strict = settings.strictVariantFormat !== false;
  const usable = isClient(client);
  if (!usable)
    logger().error(
      'createExperiment needs a client with track() and identify() (the sightline module or a createInstance() client)',
    );
  const attached = new WeakMap<object, () => void>();

  const reject = (eventType: string, message: string): ResultPromise => {
    logger().error(message);
    return settledResult({ event_type: eventType }, ResultCode.INVALID_INPUT, message);
  };
  const noClient = (eventType: string): ResultPromise =>
    reject(eventType, `${eventType} not sent: createExperiment was given no usable client`);

  const setExperimentUserProperty = (
    input: ExperimentUserPropertyInput,
    eventOptions?: EventOptions,
  ): ResultPromise => {
    if (!usable) return noClient(EVENT_IDENTIFY);
    const built = buildExperimentIdentify(input, strict);
    if (!built.ok) return reject(EVENT_IDENTIFY, built.problem);
    return callClient(logger, { event_type: EVENT_IDENTIFY }, () => client.identify(built.value, eventOptions));
  };

  const trackExposure = (exposure: Exposure, eventOptions?: EventOptions): ResultPromise => {
    if (!usable) return noClient(EXPOSURE_EVENT);
    const built = buildExposureEvent(exposure, strict);
    if (!built.ok) return reject(EXPOSURE_EVENT, built.problem);
    // The identify goes first so that, on backends without the exposure transformation, the
    // user property is already in place for the exposure and everything after it.
    // Its own insert_id: sharing the exposure's would make the server drop one of the two as a duplicate.
    if (settings.setUserProperty)
      setExperimentUserProperty(
        { flagKey: exposure.flagKey, variant: exposure.variant },
        withoutInsertId(eventOptions),
      );
    const event = { ...eventOptions, ...built.value };
    return callClient(logger, event, () => client.track(event));
  };

  const trackAssignment = (assignment: Assignment, eventOptions?: EventOptions): ResultPromise => {
    if (!usable) return noClient(ASSIGNMENT_EVENT);
    const built = buildAssignmentEvent(assignment, strict);
    if (!built.ok) return reject(ASSIGNMENT_EVENT, built.problem);
    const event = { ...eventOptions, ...built.value };
    return callClient(logger, event, () => client.track(event));
  };

  const attachOptimizely = (
    optimizelyClient: OptimizelyClientLike,
    bridgeOptions?: OptimizelyBridgeOptions,
  ): (() => void) => {
    if (!usable) {
      logger().error('attachOptimizely: createExperiment was given no usable client; nothing attached');
      return noop;
    }
    const key = typeof optimizelyClient === 'object' && optimizelyClient !== null ? optimizelyClient : undefined;
    const existing = key && attached.get(key);
    if (existing) {
      logger().warn(
        'attachOptimizely: this Optimizely client is already attached; not attaching twice (each decision would be ' +
          'sent twice)',
      );
      return existing;
    }
    const detach = attachOptimizelyBridge({ client, logger }, optimizelyClient, bridgeOptions);
    if (!detach || !key) return detach || noop;
    const detachAndForget = (): void => {
      attached.delete(key);
      detach();
    };
    attached.set(key, detachAndForget);
    return detachAndForget;
  };

  return { trackExposure, setExperimentUserProperty, trackAssignment, attachOptimizely };
};

const noop = (): void => undefined;

const withoutInsertId = (eventOptions: EventOptions | undefined): EventOptions | undefined => {
  if (!eventOptions || typeof eventOptions !== 'object') return undefined;
  const copy = { ...eventOptions };
  delete copy.insert_id;
  return copy;
};
