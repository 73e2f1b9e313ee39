// The HTTP V2 / Batch request contract as a pure function: a parsed body in, either the
// events to ingest or the documented 400 / 413 answer out. When any event is invalid the
// whole request is refused (nothing ingested); the client drops the named events and
// resends the rest.
import { BODY, DEFAULTS, ERROR_MESSAGE, FIELD, RESPONSE } from './constants.mjs';
import { invalidJsonBody, missingFieldBody, payloadTooLargeBody } from './responses.mjs';

/**
 * @typedef {{ ok: true, events: Record<string, unknown>[] }
 *   | { ok: false, status: number, body: Record<string, unknown> }} UploadVerdict
 */

/** @param {unknown} value @returns {value is Record<string, any>} */
const isObject = (value) => typeof value === 'object' && value !== null && !Array.isArray(value);
const isPresent = (value) => value !== undefined && value !== null;

/** @param {unknown} options */
export const minIdLengthOf = (options) => {
  const value = isObject(options) ? options[BODY.minIdLength] : undefined;
  return Number.isInteger(value) && value >= 0 ? value : DEFAULTS.minIdLength;
};

/** Adds `index` under `field` in a map of field → indices. */
const note = (map, field, index) => {
  (map[field] ||= []).push(index);
};

/**
 * Finds what is wrong with one event, writing its index into the three documented maps.
 * @param {{ event: unknown, index: number, minIdLength: number, invalid: object, missing: object, idLengths: object }}
 * input
 */
const inspectEvent = ({ event, index, minIdLength, invalid, missing, idLengths }) => {
  if (!isObject(event)) return note(invalid, FIELD.event, index);
  const type = event[FIELD.eventType];
  if (!isPresent(type) || type === '') note(missing, FIELD.eventType, index);
  else if (typeof type !== 'string') note(invalid, FIELD.eventType, index);

  const time = event[FIELD.time];
  if (isPresent(time) && !(Number.isInteger(time) && time >= 0)) note(invalid, FIELD.time, index);

  const insertId = event[FIELD.insertId];
  if (isPresent(insertId) && typeof insertId !== 'string') note(invalid, FIELD.insertId, index);

  let hasId = false;
  for (const field of [FIELD.userId, FIELD.deviceId]) {
    const id = event[field];
    if (!isPresent(id) || id === '') continue;
    hasId = true;
    if (typeof id !== 'string') note(invalid, field, index);
    else if (id.length < minIdLength) note(idLengths, field, index);
  }
  // The documented rule: every event needs a user_id or a device_id.
  if (!hasId) note(missing, FIELD.deviceId, index);
};

/**
 * @param {unknown} payload the parsed JSON body
 * @param {{ maxEventsPerRequest?: number }} [limits]
 * @returns {UploadVerdict}
 */
export const validateUpload = (payload, { maxEventsPerRequest = DEFAULTS.maxEventsPerRequest } = {}) => {
  if (!isObject(payload)) return { ok: false, status: 400, body: invalidJsonBody() };
  const apiKey = payload[BODY.apiKey];
  if (typeof apiKey !== 'string' || apiKey.trim() === '')
    return { ok: false, status: 400, body: missingFieldBody(BODY.apiKey) };
  const events = payload[BODY.events];
  if (!Array.isArray(events) || events.length === 0)
    return { ok: false, status: 400, body: missingFieldBody(BODY.events) };
  if (events.length > maxEventsPerRequest) return { ok: false, status: 413, body: payloadTooLargeBody() };

  const minIdLength = minIdLengthOf(payload[BODY.options]);
  const invalid = {};
  const missing = {};
  const idLengths = {};
  events.forEach((event, index) => inspectEvent({ event, index, minIdLength, invalid, missing, idLengths }));

  const count = (map) => Object.keys(map).length;
  if (!count(invalid) && !count(missing) && !count(idLengths)) return { ok: true, events };
  const error = count(missing)
    ? ERROR_MESSAGE.missingField
    : count(invalid)
      ? ERROR_MESSAGE.invalidFields
      : ERROR_MESSAGE.invalidIdLength;
  return {
    ok: false,
    status: 400,
    body: {
      [RESPONSE.code]: 400,
      [RESPONSE.error]: error,
      [RESPONSE.eventsWithInvalidFields]: invalid,
      [RESPONSE.eventsWithMissingFields]: missing,
      [RESPONSE.eventsWithInvalidIdLengths]: idLengths,
    },
  };
};

/**
 * @param {string} text
 * @returns {{ ok: true, value: unknown } | { ok: false }}
 */
export const parseJson = (text) => {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch {
    return { ok: false };
  }
};
