import { describe, expect, it } from 'vitest';
import {
  consentMode,
  initialConsent,
  refusesStorage,
  type ConsentMode,
  type ConsentState,
  type CookielessSetting,
} from '../src/consent-policy.js';

describe('consent policy: consent option × Global Privacy Control → starting state', () => {
  it.each<[ConsentState | undefined, boolean, unknown, ConsentState]>([
    // consent option, respectGlobalPrivacyControl, navigator.globalPrivacyControl → state
    [undefined, true, undefined, 'granted'],
    [undefined, true, false, 'granted'],
    [undefined, true, true, 'denied'],
    [undefined, true, 'true', 'granted'], // only the boolean the browser sets counts
    [undefined, false, true, 'granted'],
    ['granted', true, true, 'granted'], // the app's explicit choice wins
    ['pending', true, true, 'pending'],
    ['denied', false, false, 'denied'],
  ])('consent %s, respect %s, GPC %s → %s', (consent, respect, gpc, state) => {
    expect(initialConsent({ consent, respectGlobalPrivacyControl: respect }, gpc)).toBe(state);
  });
});

describe('consent policy: consent state × cookieless → what the client does', () => {
  it.each<[ConsentState, CookielessSetting, ConsentMode]>([
    ['granted', 'never', 'full'],
    ['granted', 'when_denied', 'full'],
    ['granted', 'always', 'cookieless'],
    ['pending', 'never', 'hold'],
    ['pending', 'when_denied', 'hold'],
    ['pending', 'always', 'cookieless'],
    ['denied', 'never', 'off'],
    ['denied', 'when_denied', 'cookieless'],
    ['denied', 'always', 'cookieless'],
  ])('%s with cookieless %s → %s', (state, cookieless, mode) => {
    expect(consentMode(state, cookieless)).toBe(mode);
  });
});

describe('consent policy: which modes refuse storage (held events discarded, stored data erased)', () => {
  it.each<[ConsentMode, boolean]>([
    ['full', false],
    ['hold', false],
    ['cookieless', true],
    ['off', true],
  ])('%s → %s', (mode, refuses) => {
    expect(refusesStorage(mode)).toBe(refuses);
  });
});
