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

export const COOKIELESS_IGNORED = (call: string): string =>
  `${call} is ignored in cookieless mode: nothing may identify the user`;

export const GPC_DENIED =
  'Global Privacy Control is on and init set no consent: starting as "denied" (respectGlobalPrivacyControl: false turns this off)';

export interface InitialConsentInput {
  /** The `consent` option, if the app set it. */
  consent: ConsentState | undefined;
  respectGlobalPrivacyControl: boolean;
  /** `navigator.globalPrivacyControl`. */
  globalPrivacyControl: unknown;
}

/** The state init starts in, and whether Global Privacy Control decided it. */
export const initialConsent = (input: InitialConsentInput): { state: ConsentState; byGpc: boolean } => {
  if (input.consent) return { state: input.consent, byGpc: false };
  const byGpc = input.respectGlobalPrivacyControl && input.globalPrivacyControl === true;
  return { state: byGpc ? 'denied' : 'granted', byGpc };
};

/** What a consent state does under the `cookieless` setting. */
export const consentMode = (state: ConsentState, cookieless: CookielessSetting): ConsentMode => {
  if (cookieless === 'always') return 'cookieless';
  if (state === 'granted') return 'full';
  if (state === 'pending') return 'hold';
  return cookieless === 'when_denied' ? 'cookieless' : 'off';
};
