// Without consent: the configured identity storage, always.
export const createConsentStorage = (configured) => ({ ...configured, persist() {} });
