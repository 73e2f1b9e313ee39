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
export const COOKIELESS_SETTINGS: readonly CookielessSetting[] = ['never', 'when_denied', 'always'];

/** Events held while consent is pending, at most; past it the oldest are dropped (counted). */
export const CONSENT_HOLD_LIMIT = 1000;

/** The consent states, as logs name them. */
export const CONSENT_STATES_TEXT = '"granted", "pending" or "denied"';

export const COOKIELESS_IGNORED = (call: string): string => `${call} ignored: cookieless`;

export const GPC_DENIED = 'Global Privacy Control: consent "denied"';

/** The consent options `init` checks: [valid, expected (for the log), default]. */
export const CONSENT_OPTION_RULES: { [name: string]: [(value: unknown) => boolean, string, unknown?] } = {
  consent: [(value) => CONSENT_STATES.indexOf(value as never) >= 0, CONSENT_STATES_TEXT],
  cookieless: [
    (value) => COOKIELESS_SETTINGS.indexOf(value as never) >= 0,
    '"never", "when_denied" or "always"',
    'never',
  ],
  respectGlobalPrivacyControl: [(value) => typeof value === 'boolean', 'a boolean', true],
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
export const consentMode = (state: ConsentState, cookieless: CookielessSetting): ConsentMode => {
  if (cookieless === 'always') return 'cookieless';
  if (state === 'granted') return 'full';
  if (state === 'pending') return 'hold';
  return cookieless === 'when_denied' ? 'cookieless' : 'off';
};
