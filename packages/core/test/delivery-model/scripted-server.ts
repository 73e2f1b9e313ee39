import {
  BACKOFF_FLOOR_MS,
  DropReason,
  THROTTLE_WAIT_MS,
  type Event,
  type UploadResponse,
} from '../delivery-internals.js';
import { OK } from '../delivery-harness.js';
import type { Random } from './scenario-random.js';

/** The scripted server answers 413 to larger bodies (Amplitude's limit is higher; scaled down to keep runs fast). */
const SERVER_BODY_LIMIT = 30_000;

// ------------------------------------------------------------------ the scripted server

export interface Wait {
  ms: number;
  /** Retry-After or throttling: a later 200 does not end it (a backoff it does). */
  server: boolean;
}

/** What the server answered, and what that answer allows the engine to do with each event. */
export interface Verdict {
  answer: UploadResponse | Error;
  acknowledged: boolean;
  /** Events the rules now allow the engine to drop, by index, with the reason. */
  permits: Map<number, DropReason>;
  /** The engine halves the batch (413, or a 400 naming no event): the events stay part of this upload. */
  splits: boolean;
  /** Events that failed in a retryable way, by index: the least wait before a retry, and whether the server set it. */
  failures: Map<number, Wait>;
  latencyMs: number;
}

const indexMap = <T>(indices: number[], value: T): Map<number, T> => new Map(indices.map((index) => [index, value]));
const countsOf = (names: string[]) => Object.fromEntries(names.map((name) => [name, 1]));
export const range = (length: number) => Array.from({ length }, (_, index) => index);

export const createScriptedServer = (random: Random) => {
  let alwaysOk = false;
  const verdict = (answer: UploadResponse | Error, parts: Partial<Verdict> = {}): Verdict => ({
    answer,
    acknowledged: false,
    permits: new Map(),
    failures: new Map(),
    splits: false,
    latencyMs: random.chance(0.3) ? 0 : random.int(1, 400),
    ...parts,
  });
  const retryAll = (count: number, answer: UploadResponse | Error): Verdict => {
    const retryAfterMs = answer instanceof Error ? undefined : answer.retryAfterMs;
    const wait: Wait = { ms: retryAfterMs ?? BACKOFF_FLOOR_MS, server: retryAfterMs !== undefined };
    return verdict(answer, { failures: indexMap(range(count), wait) });
  };

  const rateLimited = (events: Event[]): Verdict => {
    const users = [...new Set(events.map((event) => event.user_id as string).filter(Boolean))];
    const devices = [...new Set(events.map((event) => event.device_id as string))];
    const throttledUsers = random.subset(users, 0.5);
    const throttledDevices = random.subset(devices, 0.3);
    const quotaUsers = random.chance(0.3) ? random.subset(users, 0.4) : [];
    const quotaDevices = random.chance(0.2) ? random.subset(devices, 0.3) : [];
    const retryAfterMs = random.chance(0.5) ? random.int(1000, 8000) : undefined;
    const body = {
      code: 429,
      error: 'Too many requests for some devices and users',
      throttled_users: countsOf(throttledUsers),
      throttled_devices: countsOf(throttledDevices),
      ...(quotaUsers.length ? { exceeded_daily_quota_users: countsOf(quotaUsers) } : {}),
      ...(quotaDevices.length ? { exceeded_daily_quota_devices: countsOf(quotaDevices) } : {}),
    };
    const result = verdict({ status: 429, body, retryAfterMs });
    events.forEach((event, index) => {
      const user = event.user_id as string;
      const device = event.device_id as string;
      if (quotaUsers.includes(user) || quotaDevices.includes(device)) result.permits.set(index, DropReason.QUOTA);
      else if (throttledUsers.includes(user) || throttledDevices.includes(device))
        result.failures.set(index, { ms: retryAfterMs ?? THROTTLE_WAIT_MS, server: true });
      else result.failures.set(index, { ms: retryAfterMs ?? BACKOFF_FLOOR_MS, server: retryAfterMs !== undefined });
    });
    return result;
  };

  const invalidEvents = (count: number): Verdict => {
    const named = random.subset(range(count), 0.25);
    if (!named.length) named.push(random.int(0, count - 1));
    const fields = {
      invalid: [] as number[],
      missing: [] as number[],
      idLength: [] as number[],
      silenced: [] as number[],
    };
    for (const index of named) fields[random.pick(['invalid', 'missing', 'idLength', 'silenced'] as const)].push(index);
    const body = {
      code: 400,
      error: 'Invalid field values on some events',
      events_with_invalid_fields: { time: fields.invalid },
      events_with_missing_fields: { event_type: fields.missing },
      events_with_invalid_id_lengths: { user_id: fields.idLength },
      silenced_events: fields.silenced,
    };
    const permits = indexMap(fields.invalid.concat(fields.missing, fields.idLength), DropReason.INVALID as DropReason);
    for (const index of fields.silenced) permits.set(index, DropReason.SILENCED);
    return verdict({ status: 400, body }, { permits });
  };

  /**
   * A 400 about the whole request. With missing_field or a bad API key every event may go; naming no
   * event, only an event sent alone may go (the engine halves bigger batches to find it).
   */
  const invalidRequest = (count: number, dropsAll: boolean): Verdict => {
    const body = !dropsAll
      ? { code: 400, error: 'Invalid request' }
      : random.chance(0.5)
        ? { code: 400, error: 'Request missing required field', missing_field: 'api_key' }
        : { code: 400, error: 'Invalid API key: test-api-key' };
    const droppable = dropsAll || count === 1 ? range(count) : [];
    return verdict(
      { status: 400, body },
      { permits: indexMap(droppable, DropReason.INVALID as DropReason), splits: !dropsAll && count > 1 },
    );
  };

  const tooLarge = (count: number): Verdict =>
    verdict(
      { status: 413, body: { code: 413, error: 'Payload too large' } },
      { permits: indexMap(count === 1 ? [0] : [], DropReason.TOO_LARGE as DropReason), splits: count > 1 },
    );

  const answer = (events: Event[], bytes: number): Verdict => {
    if (bytes > SERVER_BODY_LIMIT) return tooLarge(events.length);
    const kind = alwaysOk
      ? 'ok'
      : random.weighted({
          ok: 40,
          serverError: 10,
          timeout: 3,
          networkError: 6,
          rateLimited: 8,
          invalidEvents: 6,
          dropAll: 1,
          unnamed400: 2,
          tooLarge: 2,
        });
    switch (kind) {
      case 'ok':
        return verdict(OK, { acknowledged: true });
      case 'serverError': {
        const status = random.pick([500, 502, 503]);
        const retryAfterMs = status === 503 && random.chance(0.3) ? random.int(1000, 5000) : undefined;
        return retryAll(events.length, {
          status,
          body: random.chance(0.5) ? null : { code: status, error: 'Internal error' },
          retryAfterMs,
        });
      }
      case 'timeout':
        return retryAll(events.length, { status: 408, body: null });
      case 'networkError':
        return retryAll(
          events.length,
          random.chance(0.5) ? new TypeError('Failed to fetch') : { status: 0, body: null },
        );
      case 'rateLimited':
        return rateLimited(events);
      case 'invalidEvents':
        return invalidEvents(events.length);
      case 'dropAll':
        return invalidRequest(events.length, true);
      case 'unnamed400':
        return invalidRequest(events.length, false);
      case 'tooLarge':
        return tooLarge(events.length);
    }
  };

  return {
    answer,
    /** From now on every request the server can take gets 200. */
    turnHealthy: () => (alwaysOk = true),
  };
};
