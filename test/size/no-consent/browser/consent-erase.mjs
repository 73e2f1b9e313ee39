// Without consent: nothing is ever erased.
export const eraseStorage = () => {};
