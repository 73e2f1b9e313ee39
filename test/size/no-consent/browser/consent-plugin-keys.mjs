// Without consent: no plugin storage key is ever erased.
export const pluginStorageKeys = () => [];
