import { ResultCode } from './constants.js';
import { describeValue } from './describe-value.js';
import { tryOr } from './try-or.js';
import type { Event, Result, ResultPromise } from './types.js';

/** The success answer of a call that sends no event of its own (init, add, remove, flush). */
export const answer = (eventType: string, message: string): Result => ({
  event: { event_type: eventType },
  code: ResultCode.SUCCESS,
  message,
});

/** A call answered at once: refused, failed, or with nothing to wait for. */
export const settled = (event: Event, code: number, message: string): ResultPromise => ({
  promise: Promise.resolve({ event, code, message }),
});

/** A thrown value as text: it can be anything, even an object that cannot be printed. */
export const errorText = (error: unknown): string => tryOr(() => String(error), describeValue(error));

/** The event type a refused call is answered with: the input itself when it is a string. */
export const eventTypeOf = (input: unknown): string => (typeof input === 'string' ? input : describeValue(input));

/** Whether a plugin answered with a Result (`{ event, code, message }`) rather than an event. */
export const isResult = (value: unknown): value is Result =>
  !!value &&
  typeof value === 'object' &&
  typeof (value as Result).code === 'number' &&
  typeof (value as Result).message === 'string' &&
  'event' in value;
