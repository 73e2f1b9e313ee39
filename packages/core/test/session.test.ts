// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { isSessionActive } from '../src/index.js';
import { decideSession, endOf } from '../src/session.js';
import { createTestClient, settle, types } from '@sightline/test-utils';

const TIMEOUT = 30 * 60 * 1000;
const T = 1_700_000_000_000;

describe('session policy', () => {
  it.each([
    ['no session yet', {}, T, { kind: 'start', sessionId: T, end: undefined }],
    [
      'out-of-session marker (-1)',
      { sessionId: -1, lastEventTime: T },
      T + 1,
      { kind: 'start', sessionId: T + 1, end: undefined },
    ],
    ['within the timeout', { sessionId: T, lastEventTime: T + 1000 }, T + 1000 + TIMEOUT - 1, { kind: 'continue' }],
    [
      'exactly at the timeout',
      { sessionId: T, lastEventTime: T + 1000 },
      T + 1000 + TIMEOUT,
      { kind: 'start', sessionId: T + 1000 + TIMEOUT, end: { sessionId: T, time: T + 1001 } },
    ],
    [
      'long after',
      { sessionId: T, lastEventTime: T + 5 },
      T + 10 * TIMEOUT,
      { kind: 'start', sessionId: T + 10 * TIMEOUT, end: { sessionId: T, time: T + 6 } },
    ],
    [
      'session without last event time',
      { sessionId: T },
      T + 1,
      { kind: 'start', sessionId: T + 1, end: { sessionId: T, time: T + 1 } },
    ],
    ['an event older than the last one', { sessionId: T, lastEventTime: T + 5000 }, T + 10, { kind: 'continue' }],
  ])('%s', (_name, clock, time, expected) => {
    expect(decideSession(clock, time, TIMEOUT)).toEqual(expected);
  });

  it.each([
    [{ sessionId: T, lastEventTime: T }, T + TIMEOUT - 1, true],
    [{ sessionId: T, lastEventTime: T }, T + TIMEOUT, false],
    [{ sessionId: undefined, lastEventTime: T }, T, false],
  ])('isSessionActive(%j, %d) = %s', (clock, time, active) => {
    expect(isSessionActive(clock, time, TIMEOUT)).toBe(active);
  });

  it('endOf gives last event time + 1', () => {
    expect(endOf({ sessionId: T, lastEventTime: T + 99 })).toEqual({ sessionId: T, time: T + 100 });
    expect(endOf({})).toBeUndefined();
  });
});

describe('session events in the client', () => {
  it('starts a session at init with session_start first', async () => {
    const { client, destination, clock, logger } = createTestClient();
    await client.init('key-1234567890', { loggerProvider: logger }).promise;
    await client.track('first').promise;
    expect(types(destination.events)).toEqual(['session_start', 'first']);
    expect(destination.events[0]).toMatchObject({ session_id: clock.now, time: clock.now });
    expect(client.getSessionId()).toBe(clock.now);
  });

  it('after the timeout: session_end (previous ids, last event + 1) before session_start, then the event', async () => {
    const { client, destination, clock, logger } = createTestClient();
    await client.init('key-1234567890', { loggerProvider: logger, sessionTimeout: 1000 }).promise;
    const firstSession = client.getSessionId() as number;
    clock.now += 500;
    await client.track('in first').promise;
    const lastTime = clock.now;
    clock.now += 1000;
    await client.track('in second').promise;
    await settle();
    expect(types(destination.events)).toEqual([
      'session_start',
      'in first',
      'session_end',
      'session_start',
      'in second',
    ]);
    const [, , end, start, event] = destination.events;
    expect(end).toMatchObject({ session_id: firstSession, time: lastTime + 1, device_id: client.getDeviceId() });
    expect(start).toMatchObject({ session_id: clock.now, time: clock.now });
    expect(event.session_id).toBe(clock.now);
    expect(end.event_id as number).toBeLessThan(start.event_id as number);
  });

  it('autocapture.sessions: false keeps session ids but sends no session events', async () => {
    const { client, destination, clock, logger } = createTestClient();
    await client.init('key-1234567890', {
      loggerProvider: logger,
      sessionTimeout: 1000,
      autocapture: { sessions: false },
    }).promise;
    clock.now += 2000;
    await client.track('x').promise;
    expect(types(destination.events)).toEqual(['x']);
    expect(destination.events[0].session_id).toBe(clock.now);
  });

  it('autocapture: false sends no session events', async () => {
    const { client, destination, logger } = createTestClient();
    await client.init('key-1234567890', { loggerProvider: logger, autocapture: false }).promise;
    await client.track('x').promise;
    expect(types(destination.events)).toEqual(['x']);
  });

  it('an event with session_id -1 is out of session and does not extend it', async () => {
    const { client, destination, clock, logger } = createTestClient();
    await client.init('key-1234567890', { loggerProvider: logger, sessionTimeout: 1000 }).promise;
    const session = client.getSessionId();
    clock.now += 900;
    await client.track('outside', {}, { session_id: -1 }).promise;
    clock.now += 200;
    await client.track('after').promise;
    expect(destination.events.find((e) => e.event_type === 'outside')?.session_id).toBe(-1);
    expect(client.getSessionId()).not.toBe(session); // 1100 ms since the last in-session event
  });

  it('sessionId option and setSessionId set the session; a new id ends the old one', async () => {
    const { client, destination, logger } = createTestClient();
    await client.init('key-1234567890', { loggerProvider: logger, sessionId: 1_600_000_000_000 }).promise;
    expect(client.getSessionId()).toBe(1_600_000_000_000);
    client.setSessionId(1_650_000_000_000);
    await settle();
    expect(types(destination.events)).toEqual(['session_start', 'session_end', 'session_start']);
    expect(destination.events[1].session_id).toBe(1_600_000_000_000);
    expect(destination.events[2].session_id).toBe(1_650_000_000_000);
    client.setSessionId('nope' as never);
    expect(client.getSessionId()).toBe(1_650_000_000_000);
  });

  it('the init identify option goes out before session_start', async () => {
    const { Identify } = await import('../src/index.js');
    const { client, destination, logger } = createTestClient();
    await client.init('key-1234567890', { loggerProvider: logger, identify: new Identify().set('a', 1) }).promise;
    await settle();
    expect(types(destination.events)).toEqual(['$identify', 'session_start']);
  });

  it('a stored session within the timeout continues on the next page life', async () => {
    const first = createTestClient();
    await first.client.init('key-1234567890', { loggerProvider: first.logger }).promise;
    await first.client.track('page 1').promise;
    await settle();
    const second = createTestClient({ storage: first.storage, now: () => first.clock.now + 60_000 });
    await second.client.init('key-1234567890', { loggerProvider: second.logger }).promise;
    await second.client.track('page 2').promise;
    expect(second.client.getSessionId()).toBe(first.client.getSessionId());
    expect(second.client.getDeviceId()).toBe(first.client.getDeviceId());
    expect(types(second.destination.events)).toEqual(['page 2']);
  });
});
