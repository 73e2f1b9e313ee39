import { isBoolean, isOneOf, type Check } from './option-guards.js';

/**
 * What consent allows, as pure functions: the state a client starts in (the `consent` option,
 * else Global Privacy Control, else granted) and what each state does under `cookieless`.
 */
export type ConsentState = 'granted' | 'pending' | 'denied';
export type CookielessSetting = 'never' | 'when_denied' | 'always';

/**
 * What the client does with events and storage:
 * - `full`: the configured storage, every plugin, events stored and sent;
 * - `hold`: nothing stored or sent, events held in memory until consent is decided;
 * - `cookieless`: events sent with a device id for this page life only, nothing stored;
 * - `off`: nothing stored or sent, events dropped (counted as `consent_denied`).
 */
export type ConsentMode = 'full' | 'hold' | 'cookieless' | 'off';

export const CONSENT_STATES: readonly ConsentState[] = ['granted', 'pending', 'denied'];

/** Events held while consent is pending, at most; past it the oldest are dropped (counted). */
export const CONSENT_HOLD_LIMIT = 1000;

/** The consent states, checked and named as logs name them. */
export const CONSENT_STATE_RULE: [Check, string] = [isOneOf(...CONSENT_STATES), '"granted", "pending" or "denied"'];

/** The consent options `init` checks: [valid, expected (for the log), default]. */
export const CONSENT_OPTION_RULES: { [name: string]: [Check, string, unknown?] } = {
  consent: CONSENT_STATE_RULE,
  cookieless: [isOneOf('never', 'when_denied', 'always'), '"never", "when_denied" or "always"', 'never'],
  respectGlobalPrivacyControl: [isBoolean, 'a boolean', true],
};

/**
 * The state init starts in: the `consent` option, else `'denied'` when the browser sends Global
 * Privacy Control (`navigator.globalPrivacyControl`) and the app respects it, else `'granted'`.
 */
export const initialConsent = (
  options: { consent?: ConsentState; respectGlobalPrivacyControl: boolean },
  globalPrivacyControl: unknown,
): ConsentState =>
  options.consent || (options.respectGlobalPrivacyControl && globalPrivacyControl === true ? 'denied' : 'granted');

/** What a consent state does under the `cookieless` setting. */
export const consentMode = (state: ConsentState, cookieless: CookielessSetting): ConsentMode =>
  cookieless === 'always'
    ? 'cookieless'
    : ({ granted: 'full', pending: 'hold', denied: cookieless === 'when_denied' ? 'cookieless' : 'off' } as const)[
        state
      ];

/** Whether a mode refuses storage (denied, or cookieless): held events are discarded and what was stored erased. */
export const refusesStorage = (mode: ConsentMode): boolean => mode === 'off' || mode === 'cookieless';
