// Scripted faults for the next ingestion requests: a queue of normalised faults, and the
// pure mapping from a fault to the answer it produces.
import { FIELD } from './constants.mjs';
import { errorBody, payloadTooLargeBody, tooManyRequestsBody } from './responses.mjs';

/**
 * @typedef {Record<string, number> | string[]} IdSet ids, or id → events per second
 * @typedef {{
 *   status?: number,
 *   times?: number,
 *   retryAfterSeconds?: number,
 *   throttled?: { users?: IdSet, devices?: IdSet },
 *   body?: Record<string, unknown>,
 *   delayMs?: number,
 *   drop?: boolean,
 * }} Fault
 */

/** @param {unknown} value @returns {value is Record<string, any>} */
const isObject = (value) => typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * Checks one fault and fills in `times`. Throws a TypeError naming the problem (the caller
 * is a test or the control API, which answers 400 with the message).
 * @param {unknown} fault
 * @returns {Fault & { times: number }}
 */
export const normaliseFault = (fault) => {
  if (!isObject(fault)) throw new TypeError('a fault must be an object');
  const { status, times = 1, retryAfterSeconds, delayMs, drop, body, throttled } = /** @type {Fault} */ (fault);
  if (status !== undefined && !(Number.isInteger(status) && status >= 200 && status <= 599))
    throw new TypeError(`fault.status must be an HTTP status, got ${JSON.stringify(status)}`);
  if (!(Number.isInteger(times) && times >= 1))
    throw new TypeError(`fault.times must be a positive integer, got ${JSON.stringify(times)}`);
  if (retryAfterSeconds !== undefined && !(typeof retryAfterSeconds === 'number' && retryAfterSeconds >= 0))
    throw new TypeError('fault.retryAfterSeconds must be a number ≥ 0');
  if (delayMs !== undefined && !(typeof delayMs === 'number' && delayMs >= 0))
    throw new TypeError('fault.delayMs must be a number ≥ 0');
  if (drop !== undefined && typeof drop !== 'boolean') throw new TypeError('fault.drop must be a boolean');
  if (body !== undefined && !isObject(body)) throw new TypeError('fault.body must be an object');
  if (throttled !== undefined && !isObject(throttled)) throw new TypeError('fault.throttled must be an object');
  if (status === undefined && !drop && delayMs === undefined)
    throw new TypeError('a fault needs a status, drop or delayMs');
  return { .../** @type {Fault} */ (fault), times };
};

export const createFaultScript = () => {
  /** @type {(Fault & { times: number })[]} */
  let queue = [];
  return {
    /** Validates all before queueing any, so a bad list changes nothing. @param {unknown} faults */
    push(faults) {
      const list = (Array.isArray(faults) ? faults : [faults]).map(normaliseFault);
      queue.push(...list.map((fault) => ({ ...fault })));
      return list.length;
    },
    /** The fault for the next ingestion request, if any. */
    next() {
      const head = queue[0];
      if (!head) return undefined;
      head.times -= 1;
      if (head.times === 0) queue.shift();
      const { times: _times, ...fault } = head;
      return fault;
    },
    clear() {
      queue = [];
    },
    /** Requests still to be affected. */
    pending() {
      return queue.reduce((sum, fault) => sum + fault.times, 0);
    },
  };
};

/** @param {IdSet | undefined} ids @returns {Record<string, number>} */
const asRateMap = (ids, rate) => {
  if (!ids) return {};
  if (Array.isArray(ids)) return Object.fromEntries(ids.map((id) => [String(id), rate]));
  return { ...ids };
};

/**
 * Builds the documented 429 body for these events. Without `throttled`, every user and
 * device in the request is throttled (each counted by its events in the request).
 * @param {{ throttled?: Fault['throttled'], events: unknown[], epsThreshold: number }} input
 */
export const throttleBody = ({ throttled, events, epsThreshold }) => {
  const list = events.map((event) => (isObject(event) ? event : {}));
  let users;
  let devices;
  if (throttled) {
    users = asRateMap(throttled.users, epsThreshold + 1);
    devices = asRateMap(throttled.devices, epsThreshold + 1);
  } else {
    users = {};
    devices = {};
    for (const event of list) {
      if (typeof event[FIELD.userId] === 'string') users[event[FIELD.userId]] = (users[event[FIELD.userId]] || 0) + 1;
      if (typeof event[FIELD.deviceId] === 'string')
        devices[event[FIELD.deviceId]] = (devices[event[FIELD.deviceId]] || 0) + 1;
    }
  }
  const throttledEvents = [];
  list.forEach((event, index) => {
    if (
      !throttled ||
      Object.hasOwn(users, String(event[FIELD.userId])) ||
      Object.hasOwn(devices, String(event[FIELD.deviceId]))
    )
      throttledEvents.push(index);
  });
  return tooManyRequestsBody({ throttledUsers: users, throttledDevices: devices, throttledEvents, epsThreshold });
};

/**
 * The answer a status fault produces. `body` in the fault replaces the default body.
 * @param {{ fault: Fault, events: unknown[], epsThreshold: number }} input
 * @returns {{ status: number, headers: Record<string, string>, body: Record<string, unknown> }}
 */
export const faultAnswer = ({ fault, events, epsThreshold }) => {
  const status = /** @type {number} */ (fault.status);
  /** @type {Record<string, string>} */
  const headers =
    fault.retryAfterSeconds !== undefined ? { 'Retry-After': String(Math.ceil(fault.retryAfterSeconds)) } : {};
  if (fault.body) return { status, headers, body: fault.body };
  if (status === 429)
    return { status, headers, body: throttleBody({ throttled: fault.throttled, events, epsThreshold }) };
  if (status === 413) return { status, headers, body: payloadTooLargeBody() };
  return {
    status,
    headers,
    body: errorBody({ code: status, error: status === 400 ? 'Scripted fault: bad request' : undefined }),
  };
};
