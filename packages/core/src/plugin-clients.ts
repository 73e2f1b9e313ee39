/**
 * What a plugin may ask of the client it is set up with, one interface per capability. A plugin
 * types its client as the intersection of what it uses (`Plugin<TrackingClient & SessionClient>`),
 * so a test double implements only that; `CoreClient` and the browser clients have all of them.
 */
import type { Identify } from './identify.js';
import type { Event, EventOptions, Logger, Properties, ResultPromise } from './types.js';

/** Sends events: `track(eventType, properties?, options?)` or `track(event)`. */
export interface TrackingClient {
  track(eventInput: string | Event, eventProperties?: Properties, eventOptions?: EventOptions): ResultPromise;
}

/** Sends `$identify` user-property operations. */
export interface IdentifyingClient {
  identify(identify: Identify, eventOptions?: EventOptions): ResultPromise;
}

/** Sends what is queued now (e.g. before the page goes away). */
export interface FlushingClient {
  flush(): ResultPromise;
}

/** Reads and starts sessions. */
export interface SessionClient {
  setSessionId(sessionId: number): void;
  getSessionId(): number | undefined;
  /** Optional: when the session's last event was, for an exact "is this load mid-session?". */
  getLastEventTime?(): number | undefined;
}

/** The per-session page counter, kept with the identity so tabs share it (optional: `1` without it). */
export interface PageCounterClient {
  nextPageCounter?(): number;
}

/** Reads the ids events are sent with (optional: a bare `{ track, identify }` has none). */
export interface IdentityReadingClient {
  getUserId?(): string | undefined;
  getDeviceId?(): string | undefined;
}

/** Carries its resolved configuration (a `CoreClient` after `init`): its logger is the fallback. */
export interface ConfiguredClient {
  config?: { loggerProvider?: Logger };
}
