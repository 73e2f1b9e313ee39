import type {
  ConfiguredClient,
  IdentifyingClient,
  IdentityReadingClient,
  Logger,
  TrackingClient,
} from '@sightline/core';

/**
 * Anything that can track and identify: the `@sightline/browser` module (its default instance's
 * bound functions), a client from `createInstance()`, or a `CoreClient`. Typed structurally so a
 * named instance, the default instance and test doubles all fit. When present, the ids
 * (`getUserId`) let the Optimizely bridge warn once if its user id differs, and the config's
 * logger is used when no other is given.
 */
export type ExperimentClient = TrackingClient & IdentifyingClient & IdentityReadingClient & ConfiguredClient;

export interface ExperimentOptions {
  /** Where validation errors and warnings go. Default: the client's `config.loggerProvider`, else the console. */
  loggerProvider?: Logger;
  /**
   * Also set (`$set`) or unset (`$unset`) `[Experiment] <flag_key>` with an `$identify` before each
   * `$exposure` — for backends that do not apply the exposure transformation. Default `false`.
   */
  setUserProperty?: boolean;
  /** Reject variants that are not lowercase kebab-case or snake_case. Default `true`. */
  strictVariantFormat?: boolean;
}

/** One exposure. `variant` `null` or missing: the user left the experiment. */
export interface Exposure {
  flagKey: string;
  variant?: string | null;
  experimentKey?: string | null;
}

/** The variant of one evaluated flag for an assignment: a key, `'off'`/`null` for none, or with details. */
export type AssignedVariant = string | null | undefined | { variant?: string | null; details?: string };

/** One assignment event's input. */
export interface Assignment {
  /** Flag key → assigned variant. */
  flags: { [flagKey: string]: AssignedVariant };
  /** `[Experiment] Environment Name`. */
  environmentName?: string;
}

/** What a pure builder answers: the event, or the reason it cannot be built. */
export type Built<T> = { ok: true; value: T } | { ok: false; problem: string };
