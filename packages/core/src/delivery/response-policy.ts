import { objectOrEmpty } from '../option-guards.js';
import type { Event } from '../types.js';

/** Why an event left the queue without being delivered (the delivery report's keys). */
export const DropReason = {
  INVALID: 'invalid',
  SILENCED: 'silenced',
  TOO_LARGE: 'too_large',
  QUOTA: 'quota',
  STORE_FULL: 'store_full',
  TOO_OLD: 'too_old',
  OPTED_OUT: 'opted_out',
  /** Consent was denied: events held while it was pending, and every event since (docs/consent.md). */
  CONSENT_DENIED: 'consent_denied',
  /** More events than the consent hold keeps arrived while consent was pending. */
  CONSENT_HOLD_FULL: 'consent_hold_full',
  /** A plugin left a value JSON cannot encode (BigInt, a cycle): the event can never go on the wire. */
  UNENCODABLE: 'unencodable',
} as const;
export type DropReason = (typeof DropReason)[keyof typeof DropReason];

/** How long a throttled user or device waits when the server gives no Retry-After. */
export const THROTTLE_WAIT_MS = 30_000;

/** What to do with each event of a batch after the server answered. Indices into the batch. */
export interface ResponsePlan {
  code: number;
  message: string;
  delivered: number[];
  dropped: { index: number; reason: DropReason }[];
  /** Send again at once (the rest of a 400 batch): not a failed attempt. */
  resend: number[];
  /** Resend `resend` as two halves (413, or a 400 that names no event). */
  split: boolean;
  /** Retry after backoff, or after `retryAfterMs` when the server set one. */
  retry: number[];
  retryAfterMs?: number;
  /** Throttled users/devices: retry after `throttleMs`. */
  throttled: number[];
  throttleMs: number;
}

export interface ServerAnswer {
  status: number;
  body: unknown;
  retryAfterMs?: number;
}

type Body = { [field: string]: unknown };

const range = (length: number): number[] => Array.from({ length }, (_, index) => index);

const emptyPlan = (code: number, message: string): ResponsePlan => ({
  code,
  message,
  delivered: [],
  dropped: [],
  resend: [],
  split: false,
  retry: [],
  throttled: [],
  throttleMs: THROTTLE_WAIT_MS,
});

const asBody = (body: unknown): Body => objectOrEmpty<Body>(body);

/** Collects indices from `{ field: [indices] }` maps and plain index arrays. */
const indicesIn = (value: unknown): number[] => {
  if (Array.isArray(value)) return value.filter((item): item is number => typeof item === 'number');
  if (value && typeof value === 'object') {
    return Object.keys(value).reduce<number[]>((all, key) => all.concat(indicesIn((value as Body)[key])), []);
  }
  return [];
};

const keysOf = (value: unknown): Set<string> => new Set(Object.keys(objectOrEmpty(value)));

const errorText = (body: Body): string => (typeof body.error === 'string' ? body.error : '');

/** A batch the server refused as a whole: halve it to isolate the bad event, or drop a lone one. */
const splitOrDrop = (plan: ResponsePlan, count: number, reason: DropReason): ResponsePlan => {
  if (count > 1) return { ...plan, resend: range(count), split: true };
  plan.dropped = [{ index: 0, reason }];
  return plan;
};

const onSuccess = (count: number): ResponsePlan => ({
  ...emptyPlan(200, 'Event tracked successfully'),
  delivered: range(count),
});

const onBadRequest = (body: Body, count: number): ResponsePlan => {
  const plan = emptyPlan(400, errorText(body) || 'Invalid request');
  // Nothing in this batch can ever be accepted: the request itself is wrong.
  if (body.missing_field !== undefined || /api[ _]?key/i.test(errorText(body))) {
    plan.dropped = range(count).map((index) => ({ index, reason: DropReason.INVALID }));
    return plan;
  }
  const invalid = new Set(
    indicesIn(body.events_with_invalid_fields)
      .concat(indicesIn(body.events_with_missing_fields))
      .concat(indicesIn(body.events_with_invalid_id_lengths))
      .filter((index) => index >= 0 && index < count),
  );
  const silenced = new Set(
    indicesIn(body.silenced_events).filter((index) => index >= 0 && index < count && !invalid.has(index)),
  );
  if (invalid.size === 0 && silenced.size === 0) {
    // A 400 that names no event: isolate the bad one by halving rather than dropping good events.
    return splitOrDrop(plan, count, DropReason.INVALID);
  }
  for (const index of range(count)) {
    if (invalid.has(index)) plan.dropped.push({ index, reason: DropReason.INVALID });
    else if (silenced.has(index)) plan.dropped.push({ index, reason: DropReason.SILENCED });
    else plan.resend.push(index);
  }
  return plan;
};

const onRateLimited = (body: Body, events: readonly Event[], retryAfterMs: number | undefined): ResponsePlan => {
  const plan = emptyPlan(429, errorText(body) || 'Too many requests');
  const quotaUsers = keysOf(body.exceeded_daily_quota_users);
  const quotaDevices = keysOf(body.exceeded_daily_quota_devices);
  const throttledUsers = keysOf(body.throttled_users);
  const throttledDevices = keysOf(body.throttled_devices);
  const throttledEvents = new Set(indicesIn(body.throttled_events));
  events.forEach((event, index) => {
    const user = event.user_id;
    const device = event.device_id;
    if ((user && quotaUsers.has(user)) || (device && quotaDevices.has(device))) {
      plan.dropped.push({ index, reason: DropReason.QUOTA });
    } else if (
      throttledEvents.has(index) ||
      (user && throttledUsers.has(user)) ||
      (device && throttledDevices.has(device))
    ) {
      plan.throttled.push(index);
    } else {
      plan.retry.push(index);
    }
  });
  plan.retryAfterMs = retryAfterMs;
  if (retryAfterMs !== undefined) plan.throttleMs = retryAfterMs;
  return plan;
};

/**
 * Decides the fate of every event in a batch from the server's answer. Pure: the delivery
 * engine applies the plan. Status 0 is a network error (no answer).
 */
export const decideResponse = (answer: ServerAnswer, events: readonly Event[]): ResponsePlan => {
  const count = events.length;
  const body = asBody(answer.body);
  const { status } = answer;
  if (status >= 200 && status < 300) return onSuccess(count);
  if (status === 400) return onBadRequest(body, count);
  if (status === 413) return splitOrDrop(emptyPlan(413, 'Payload too large'), count, DropReason.TOO_LARGE);
  if (status === 429) return onRateLimited(body, events, answer.retryAfterMs);
  // 408, 5xx, network errors and anything unexpected: the events are fine, the moment is not.
  const message = status === 0 ? 'Network error: no answer from the server' : errorText(body) || `HTTP ${status}`;
  return { ...emptyPlan(status, message), retry: range(count), retryAfterMs: answer.retryAfterMs };
};
