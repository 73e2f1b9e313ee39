// Without consent: no consent option, every client granted.
export const CONSENT_OPTION_RULES = {};
