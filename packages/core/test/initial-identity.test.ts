// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { initArguments } from '../src/init-arguments.js';
import { resolveInitialIdentity, type InitialIdentityInput } from '../src/initial-identity.js';
import { sessionEventsEnabled } from '../src/session-controller.js';

const NEW = 'new-device-id';
const resolve = (input: Partial<InitialIdentityInput>) =>
  resolveInitialIdentity({
    stored: undefined,
    handoff: {},
    config: { optOut: false },
    userId: undefined,
    optOutGiven: false,
    newDeviceId: () => NEW,
    ...input,
  });

describe('the identity init starts with', () => {
  const stored = { deviceId: 'stored-device', userId: 'stored-user', sessionId: 111, optOut: true, lastEventId: 9 };
  it.each<[string, Partial<InitialIdentityInput>, { deviceId?: string; userId?: string; optOut?: boolean }]>([
    ['first visit: a new device id', {}, { deviceId: NEW }],
    [
      'a return visit keeps what storage holds',
      { stored },
      { deviceId: 'stored-device', userId: 'stored-user', optOut: true },
    ],
    ['the URL hand-off beats storage', { stored, handoff: { deviceId: 'url-device' } }, { deviceId: 'url-device' }],
    [
      'the deviceId option beats the URL hand-off',
      { stored, handoff: { deviceId: 'url-device' }, config: { optOut: false, deviceId: 'option-device' } },
      { deviceId: 'option-device' },
    ],
    [
      'the userId option beats storage',
      { stored, config: { optOut: false, userId: 'option-user' } },
      { userId: 'option-user' },
    ],
    [
      "init's userId argument beats the userId option",
      { stored, userId: 'argument-user', config: { optOut: false, userId: 'option-user' } },
      { userId: 'argument-user' },
    ],
    ['an optOut option that was not given keeps the stored choice', { stored, optOutGiven: false }, { optOut: true }],
    [
      'an optOut option that was given wins',
      { stored, optOutGiven: true, config: { optOut: false } },
      { optOut: false },
    ],
  ])('%s', (_name, input, expected) => {
    expect(resolve(input).snapshot).toMatchObject(expected);
  });

  it('a first visit has nothing but the new device id', () => {
    expect(resolve({}).snapshot).toEqual({ deviceId: NEW });
  });

  it('keeps the stored fields it does not decide (session, event ids) and does not change what storage gave', () => {
    const given = { ...stored };
    const { snapshot } = resolve({ stored: given, userId: 'argument-user' });
    expect(snapshot).toMatchObject({ sessionId: 111, lastEventId: 9 });
    expect(given).toEqual(stored);
  });

  it.each<[string, Partial<InitialIdentityInput>, number | undefined]>([
    ['no session chosen', {}, undefined],
    ['the URL hand-off chooses one', { handoff: { sessionId: 222 } }, 222],
    [
      'the sessionId option beats the URL',
      { handoff: { sessionId: 222 }, config: { optOut: false, sessionId: 333 } },
      333,
    ],
  ])('session id: %s', (_name, input, expected) => {
    expect(resolve(input).sessionId).toBe(expected);
  });
});

describe('the four documented init forms', () => {
  const options = { appVersion: '1.0.0' };
  it.each<[string, unknown, unknown, { userId: string | undefined; options: object }]>([
    ['init(key)', undefined, undefined, { userId: undefined, options: {} }],
    ['init(key, options)', options, undefined, { userId: undefined, options }],
    ['init(key, userId)', 'user-1', undefined, { userId: 'user-1', options: {} }],
    ['init(key, userId, options)', 'user-1', options, { userId: 'user-1', options }],
    ['init(key, null, options)', null, options, { userId: undefined, options }],
    ['init(key, undefined, options)', undefined, options, { userId: undefined, options }],
    ['init(key, 42): neither, ignored', 42, undefined, { userId: undefined, options: {} }],
  ])('%s', (_name, userIdOrOptions, maybeOptions, expected) => {
    expect(initArguments(userIdOrOptions, maybeOptions)).toEqual(expected);
  });
});

describe('session events', () => {
  it.each<[unknown, boolean]>([
    [true, true],
    [undefined, true],
    [false, false],
    [{}, true],
    [{ sessions: true }, true],
    [{ sessions: false }, false],
    [{ pageViews: false }, true],
  ])('autocapture %j sends session events: %s', (autocapture, expected) => {
    expect(sessionEventsEnabled(autocapture as boolean)).toBe(expected);
  });
});
