/** Session policy — pure functions, table-tested. */

export interface SessionClock {
  sessionId?: number;
  lastEventTime?: number;
}

/** An event at `time` belongs to the current session when it is within `timeout` of the last one. */
export const isSessionActive = (clock: SessionClock, time: number, timeout: number): boolean =>
  clock.sessionId !== undefined &&
  clock.sessionId >= 0 &&
  clock.lastEventTime !== undefined &&
  time - clock.lastEventTime < timeout;

export interface SessionEnd {
  sessionId: number;
  /** `time` of session_end = last event time + 1. */
  time: number;
}

export type SessionDecision = { kind: 'continue' } | { kind: 'start'; sessionId: number; end?: SessionEnd };

/** Shared: continuing is the answer for almost every event, so it allocates nothing. */
const CONTINUE: SessionDecision = Object.freeze({ kind: 'continue' });

/** What tracking an event at `time` does to the session: continue it, or end it and start anew. */
export const decideSession = (clock: SessionClock, time: number, timeout: number): SessionDecision => {
  if (isSessionActive(clock, time, timeout)) return CONTINUE;
  return { kind: 'start', sessionId: time, end: endOf(clock) };
};

/** The session_end for the current session, if there is one to end. */
export const endOf = (clock: SessionClock): SessionEnd | undefined =>
  clock.sessionId !== undefined && clock.sessionId >= 0
    ? { sessionId: clock.sessionId, time: (clock.lastEventTime ?? clock.sessionId) + 1 }
    : undefined;
