/**
 * The arguments of `track` (and of the calls built on it) made into an event: property objects
 * cleaned, eventOptions and times checked. Pure but for the logger, which hears what was changed.
 */
import { describeValue } from './describe-value.js';
import { objectOrEmpty } from './option-guards.js';
import { copyIfFlat, sanitizeAny, sanitizeWalk, type SanitizeResult } from './sanitize.js';
import type { Event, EventOptions, Logger, Properties } from './types.js';

const PROPERTY_FIELDS = ['event_properties', 'user_properties', 'group_properties'];

/** The latest moment a Date can hold (ECMAScript time values). */
const MAX_DATE_MS = 8.64e15;

/**
 * The event `track(eventInput, eventProperties, eventOptions)` sends, or undefined when
 * `eventInput` is neither a non-empty event type nor an event object with one.
 */
export const trackedEvent = (
  eventInput: unknown,
  eventProperties: unknown,
  eventOptions: EventOptions | undefined,
  logger: Logger,
): Event | undefined => {
  if (typeof eventInput === 'string' && eventInput.length > 0) {
    const properties =
      eventProperties === undefined
        ? undefined
        : cleanProperties(eventProperties, 'event_properties', eventInput, logger);
    if (eventOptions === undefined) return shapedEvent(eventInput, properties);
    const event = cleanFields({ ...eventOptions, event_type: eventInput }, logger);
    if (properties !== undefined) event.event_properties = properties;
    return event;
  }
  if (isEventObject(eventInput)) return cleanFields({ ...eventInput, ...eventOptions }, logger);
  return undefined;
};

/** An event: an object with a non-empty string event_type (what `track` takes, and what a plugin must hand on). */
export const isEventObject = (value: unknown): value is Event =>
  !!value &&
  typeof value === 'object' &&
  typeof (value as Event).event_type === 'string' &&
  (value as Event).event_type !== '';

/**
 * `track(name, properties)`, the common call: every field the client fills is a slot from the
 * start, so filling them grows no property store on the tracking call (measured in test/bench).
 */
const shapedEvent = (eventType: string, properties: Properties | undefined): Event => ({
  event_type: eventType,
  event_properties: properties,
  time: undefined,
  session_id: undefined,
  user_id: undefined,
  device_id: undefined,
  event_id: undefined,
});

/**
 * The moment of a call made before init: its explicit time (eventOptions or event object) if it
 * is one, else now. It is replayed with this time once the client is ready.
 */
export const timeOfCall = (
  eventInput: unknown,
  eventOptions: EventOptions | undefined,
  logger: Logger,
  now: () => number,
): number => {
  const given = objectOrEmpty<Event>(eventInput).time;
  return explicitTime((eventOptions && eventOptions.time) || given, eventInput, logger) || now();
};

/**
 * eventOptions as given when an object; anything else (a string would spread as fields "0",
 * "1" ...) is logged and ignored.
 */
export const optionsObject = (eventOptions: unknown, logger: Logger): EventOptions | undefined => {
  if (eventOptions === undefined || eventOptions === null) return undefined;
  if (typeof eventOptions === 'object' && !Array.isArray(eventOptions)) return eventOptions;
  logger.warn(`eventOptions must be an object, got ${describeValue(eventOptions)}; ignored`);
  return undefined;
};

/**
 * An explicit event time if it is one (a ms epoch a Date can hold); a bad one is logged and the
 * call's own moment used: NaN, Infinity or a negative time would corrupt the session.
 */
const explicitTime = (time: unknown, eventType: unknown, logger: Logger): number | undefined => {
  if (time === undefined || (typeof time === 'number' && time > 0 && time <= MAX_DATE_MS)) return time;
  const event = describeValue(eventType);
  logger.warn(`Event ${event}: time must be a ms epoch number, got ${describeValue(time)}; using the time of the call`);
  return undefined;
};

const cleanProperties = (properties: unknown, label: string, eventType: string, logger: Logger): Properties => {
  // The common flat object is copied without the walk's result and problem list.
  const flat = copyIfFlat(properties);
  if (flat) return flat;
  return cleaned(sanitizeWalk(properties, label), eventType, logger);
};

/** The value a sanitize walk made; what it changed is logged for the event. */
const cleaned = <T>({ value, problems }: SanitizeResult<T>, eventType: string, logger: Logger): T => {
  if (problems.length) logger.warn(`Event "${eventType}": ${problems.join('; ')}`);
  return value;
};

/**
 * An event given as an object or with eventOptions: its property objects are cleaned, and every
 * other field (ids, `groups`, custom fields) goes on the wire too, so a value JSON cannot carry
 * (BigInt, circular, a throwing toJSON) takes the same walk. Plain values stay as given.
 */
const cleanFields = (event: Event, logger: Logger): Event => {
  if (event.time !== undefined) event.time = explicitTime(event.time, event.event_type, logger);
  for (const field in event) {
    const value = event[field];
    if (value === undefined) continue;
    if (PROPERTY_FIELDS.indexOf(field) >= 0) event[field] = cleanProperties(value, field, event.event_type, logger);
    else if (
      value !== null &&
      (typeof value === 'object' ||
        typeof value === 'bigint' ||
        typeof value === 'symbol' ||
        typeof value === 'function')
    ) {
      event[field] = cleaned(sanitizeAny(value, field), event.event_type, logger);
    }
  }
  return event;
};
