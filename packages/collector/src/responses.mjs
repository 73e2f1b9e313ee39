// Response bodies with the documented HTTP V2 field names. Pure builders.
import { STATUS_CODES } from 'node:http';
import { DEFAULTS, ERROR_MESSAGE, RESPONSE } from './constants.mjs';

/**
 * @param {{ eventsIngested: number, payloadSizeBytes: number, now: number }} input
 */
export const successBody = ({ eventsIngested, payloadSizeBytes, now }) => ({
  [RESPONSE.code]: 200,
  [RESPONSE.eventsIngested]: eventsIngested,
  [RESPONSE.payloadSizeBytes]: payloadSizeBytes,
  [RESPONSE.serverUploadTime]: now,
});

/** @param {'api_key' | 'events'} field */
export const missingFieldBody = (field) => ({
  [RESPONSE.code]: 400,
  [RESPONSE.error]: ERROR_MESSAGE.missingField,
  [RESPONSE.missingField]: field,
});

export const invalidJsonBody = () => ({ [RESPONSE.code]: 400, [RESPONSE.error]: ERROR_MESSAGE.invalidJson });

/** @param {string} error */
export const badRequestBody = (error) => ({ [RESPONSE.code]: 400, [RESPONSE.error]: error });

export const payloadTooLargeBody = () => ({ [RESPONSE.code]: 413, [RESPONSE.error]: ERROR_MESSAGE.payloadTooLarge });

/**
 * @param {{ code: number, error?: string }} input
 */
export const errorBody = ({ code, error }) => ({
  [RESPONSE.code]: code,
  [RESPONSE.error]: error || STATUS_CODES[code] || 'Error',
});

/**
 * The documented 429 body. Each throttled map is id → events per second observed.
 * @param {{ throttledUsers?: Record<string, number>, throttledDevices?: Record<string, number>, throttledEvents?:
 * number[],
 *   exceededDailyQuotaUsers?: Record<string, number>, exceededDailyQuotaDevices?: Record<string, number>,
 * epsThreshold?: number }} input
 */
export const tooManyRequestsBody = (input) => ({
  [RESPONSE.code]: 429,
  [RESPONSE.error]: ERROR_MESSAGE.tooManyRequests,
  [RESPONSE.epsThreshold]: input.epsThreshold ?? DEFAULTS.epsThreshold,
  [RESPONSE.throttledDevices]: input.throttledDevices || {},
  [RESPONSE.throttledUsers]: input.throttledUsers || {},
  [RESPONSE.throttledEvents]: input.throttledEvents || [],
  [RESPONSE.exceededDailyQuotaUsers]: input.exceededDailyQuotaUsers || {},
  [RESPONSE.exceededDailyQuotaDevices]: input.exceededDailyQuotaDevices || {},
});
