import { describe, expect, it } from 'vitest';
import {
  consentMode,
  initialConsent,
  type ConsentMode,
  type ConsentState,
  type CookielessSetting,
} from '../src/consent-policy.js';

describe('consent policy: consent option × Global Privacy Control → starting state', () => {
  it.each<[ConsentState | undefined, boolean, unknown, ConsentState, boolean]>([
    // consent option, respectGlobalPrivacyControl, navigator.globalPrivacyControl → state, decided by GPC
    [undefined, true, undefined, 'granted', false],
    [undefined, true, false, 'granted', false],
    [undefined, true, true, 'denied', true],
    [undefined, true, 'true', 'granted', false], // only the boolean the browser sets counts
    [undefined, false, true, 'granted', false],
    ['granted', true, true, 'granted', false], // the app's explicit choice wins
    ['pending', true, true, 'pending', false],
    ['denied', false, false, 'denied', false],
  ])('consent %s, respect %s, GPC %s → %s (by GPC: %s)', (consent, respect, gpc, state, byGpc) => {
    expect(initialConsent({ consent, respectGlobalPrivacyControl: respect, globalPrivacyControl: gpc })).toEqual({
      state,
      byGpc,
    });
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
