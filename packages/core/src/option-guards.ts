/**
 * Guards for values that come from untyped callers (script-tag apps, parsed JSON): one place
 * decides what counts as "an object" so every options bag and body is read the same way.
 */

/**
 * `value` when it is an object (arrays included), else a fresh `{}`: a missing or wrong-typed
 * options bag reads as "all defaults".
 */
export const objectOrEmpty = <T extends object>(value: unknown): Partial<T> =>
  value && typeof value === 'object' ? value : {};

/**
 * A documented boolean-or-options setting (`autocapture.pageViews`, `…fileDownloads` …) as plugin
 * options: `false` is off (`undefined`), an object is the options themselves, anything else
 * (`true`, absent) the defaults (`{}`).
 */
export const optionsUnlessOff = <T extends object>(value: unknown): T | undefined =>
  value === false ? undefined : (objectOrEmpty<T>(value) as T);

/** An option's check: whether a value is one the option takes. */
export type Check = (value: unknown) => boolean;

export const isBoolean: Check = (v) => typeof v === 'boolean';

/** Pure (annotated for bundlers): an entry that never checks options drops the option tables built with it. */
export const isOneOf =
  /*#__NO_SIDE_EFFECTS__*/
  (...allowed: unknown[]): Check =>
    (v) =>
      allowed.indexOf(v) >= 0;
