import { EVENT_SESSION_END, EVENT_SESSION_START } from './constants.js';
import type { IdentityStore } from './identity.js';
import { decideSession, endOf, isSessionActive } from './session.js';
import type { Config, Event } from './types.js';

export interface SessionControllerOptions {
  identity: IdentityStore;
  config: Pick<Config, 'sessionTimeout' | 'autocapture'>;
  /** Queues a session event for the pipeline (ids and time already set). */
  enqueue(event: Event): void;
  /** Runs when a new session starts, after its session_end and before its session_start (the init identify). */
  onStart(sessionId: number): void;
}

/**
 * Session start and end: whether an event continues the session, and the session_end /
 * session_start events when one ends and the next begins. State lives in the identity, which
 * other tabs share.
 */
export interface SessionController {
  /**
   * The session of an event at `time`: continued (the answer for almost every event, decided
   * inline and without allocating), or ended and a new one started.
   */
  sessionFor(time: number): number | undefined;
  /** Continues the session at `time`, or ends it and starts a new one. */
  touch(time: number): void;
  /** Starts session `sessionId` at `time` (sending session_end and session_start unless it is the current one). */
  start(sessionId: number, time: number): void;
}

/** `autocapture: false` or `{ sessions: false }` keeps session ids but sends no session events. */
export const sessionEventsEnabled = (autocapture: Config['autocapture']): boolean => {
  if (typeof autocapture === 'object' && autocapture) return autocapture.sessions !== false;
  return autocapture !== false;
};

export const createSessionController = ({
  identity,
  config,
  enqueue,
  onStart,
}: SessionControllerOptions): SessionController => {
  const sessionEvent = (eventType: string, sessionId: number, time: number): Event => {
    const state = identity.state;
    const event: Event = { event_type: eventType, session_id: sessionId, time };
    if (state.userId !== undefined) event.user_id = state.userId;
    event.device_id = state.deviceId;
    return event;
  };

  const start = (sessionId: number, time: number): void => {
    const end = endOf(identity.state);
    const sameSession = end && end.sessionId === sessionId;
    identity.updateNow({
      sessionId,
      lastEventTime: Math.max(time, sessionId),
      pageCounter: sameSession ? identity.state.pageCounter : 0,
    });
    if (sameSession || !sessionEventsEnabled(config.autocapture) || identity.state.optOut) return;
    if (end) enqueue(sessionEvent(EVENT_SESSION_END, end.sessionId, end.time));
    onStart(sessionId);
    enqueue(sessionEvent(EVENT_SESSION_START, sessionId, sessionId));
  };

  const touch = (time: number): void => {
    let decision = decideSession(identity.state, time, config.sessionTimeout);
    if (decision.kind === 'start') {
      identity.sync(); // another tab may have kept the session alive or started a new one
      decision = decideSession(identity.state, time, config.sessionTimeout);
    }
    if (decision.kind === 'start') start(decision.sessionId, time);
    else identity.touch(time);
  };

  return {
    sessionFor: (time) => {
      if (isSessionActive(identity.state, time, config.sessionTimeout)) identity.touch(time);
      else touch(time);
      return identity.state.sessionId;
    },
    touch,
    start,
  };
};
