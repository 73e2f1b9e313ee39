import { MAX_PROPERTY_DEPTH, MAX_PROPERTY_KEYS, MAX_STRING_LENGTH } from './constants.js';
import { tryOr } from './try-or.js';

export interface SanitizeResult<T> {
  value: T;
  /** Human-readable descriptions of what was changed or dropped, for the log. */
  problems: string[];
}

/**
 * Turns arbitrary app input into JSON-safe property values without throwing: circular
 * references, functions, symbols, `undefined`, `NaN`/`Infinity` are dropped; `BigInt` and
 * `Date` become strings; strings are cut to MAX_STRING_LENGTH; nesting and width are bounded.
 * Every change is reported so the client can log it once per event.
 */
export const sanitizeProperties = (input: unknown, label: string): SanitizeResult<{ [key: string]: unknown }> => {
  const flat = copyIfFlat(input);
  return flat ? { value: flat, problems: NO_PROBLEMS } : sanitizeWalk(input, label);
};

/** The full walk, for input `copyIfFlat` declined (the client tries that first itself). */
export const sanitizeWalk = (input: unknown, label: string): SanitizeResult<{ [key: string]: unknown }> => {
  const problems: string[] = [];
  if (input === undefined || input === null) return { value: {}, problems };
  // `Array.isArray` throws for a revoked Proxy: such a value is no array (and the walk drops it).
  const array = tryOr(() => Array.isArray(input), false);
  if (typeof input !== 'object' || array) {
    problems.push(`${label} must be an object, got ${array ? 'an array' : typeof input}; ignored`);
    return { value: {}, problems };
  }
  const value = sanitizeValue(input, label, [], 0, problems) as { [key: string]: unknown };
  return { value: value || {}, problems };
};

/** Any single value made JSON-safe, with the same rules (event fields other than the property objects). */
export const sanitizeAny = (input: unknown, label: string): SanitizeResult<unknown> => {
  const problems: string[] = [];
  return { value: sanitizeValue(input, label, [], 0, problems), problems };
};

/** Shared by every clean input; frozen so no caller can add to it. */
const NO_PROBLEMS = Object.freeze([]) as unknown as string[];

/**
 * The common case, on every `track()`: a flat object of plain values is copied in one pass,
 * with no path strings, ancestor list or problem list. Anything else (or a getter that throws)
 * returns undefined and takes the full walk.
 */
export const copyIfFlat = (input: unknown): { [key: string]: unknown } | undefined => {
  if (!input || typeof input !== 'object') return undefined;
  const copy: { [key: string]: unknown } = {};
  let kept = 0;
  try {
    // Inside the try: both throw for a Proxy whose traps throw.
    if (Array.isArray(input) || input instanceof Date) return undefined;
    for (const key in input) {
      if (!Object.prototype.hasOwnProperty.call(input, key)) continue;
      const value = (input as { [key: string]: unknown })[key];
      if (!isPlainValue(value) || ++kept > MAX_PROPERTY_KEYS) return undefined;
      copy[key] = value;
    }
  } catch {
    return undefined;
  }
  return copy;
};

/** Values JSON carries as they are: no copy, no report. */
const isPlainValue = (value: unknown): boolean =>
  value === null ||
  typeof value === 'boolean' ||
  (typeof value === 'number' && Number.isFinite(value)) ||
  (typeof value === 'string' && value.length <= MAX_STRING_LENGTH);

const sanitizeValue = (
  value: unknown,
  path: string,
  ancestors: object[],
  depth: number,
  problems: string[],
): unknown => {
  switch (typeof value) {
    case 'string':
      if (value.length <= MAX_STRING_LENGTH) return value;
      problems.push(`${path} is ${value.length} characters; cut to ${MAX_STRING_LENGTH}`);
      return value.slice(0, MAX_STRING_LENGTH);
    case 'boolean':
      return value;
    case 'number':
      if (Number.isFinite(value)) return value;
      problems.push(`${path} is ${String(value)}, which JSON cannot carry; dropped`);
      return undefined;
    case 'bigint':
      problems.push(`${path} is a BigInt; sent as a string`);
      return value.toString();
    case 'undefined':
      return undefined;
    case 'function':
    case 'symbol':
      problems.push(`${path} is a ${typeof value}; dropped`);
      return undefined;
  }
  if (value === null) return null;
  const depthAtStart = ancestors.length;
  try {
    return sanitizeObject(value as object, path, ancestors, depth, problems);
  } catch {
    // A Proxy whose traps throw, a Date whose methods do: nothing of it can be read safely.
    ancestors.length = depthAtStart;
    problems.push(`${path} threw when read; dropped`);
    return undefined;
  }
};

const sanitizeObject = (
  object: object,
  path: string,
  ancestors: object[],
  depth: number,
  problems: string[],
): unknown => {
  if (object instanceof Date) {
    return Number.isNaN(object.getTime()) ? undefined : object.toISOString();
  }
  if (ancestors.indexOf(object) >= 0) {
    problems.push(`${path} refers back to itself (circular); dropped`);
    return undefined;
  }
  if (depth >= MAX_PROPERTY_DEPTH) {
    problems.push(`${path} is nested deeper than ${MAX_PROPERTY_DEPTH} levels; dropped`);
    return undefined;
  }
  ancestors.push(object);
  let result: unknown;
  if (Array.isArray(object)) {
    const list: unknown[] = [];
    const length = Math.min(object.length, MAX_PROPERTY_KEYS);
    if (object.length > length) problems.push(`${path} has ${object.length} items; kept ${length}`);
    for (let i = 0; i < length; i++) {
      const item = sanitizeValue(object[i], `${path}[${i}]`, ancestors, depth + 1, problems);
      list.push(item === undefined ? null : item);
    }
    result = list;
  } else {
    const record: { [key: string]: unknown } = {};
    let kept = 0;
    for (const key in object) {
      if (!Object.prototype.hasOwnProperty.call(object, key)) continue;
      if (kept >= MAX_PROPERTY_KEYS) {
        problems.push(`${path} has more than ${MAX_PROPERTY_KEYS} keys; the rest dropped`);
        break;
      }
      let item: unknown;
      try {
        item = (object as { [key: string]: unknown })[key];
      } catch {
        problems.push(`${path}.${key} threw when read; dropped`);
        continue;
      }
      // Fast path for the common case, without building the path string nobody will read.
      const clean = isPlainValue(item) ? item : sanitizeValue(item, `${path}.${key}`, ancestors, depth + 1, problems);
      if (clean !== undefined) {
        record[key] = clean;
        kept++;
      }
    }
    result = record;
  }
  ancestors.pop();
  return result;
};
