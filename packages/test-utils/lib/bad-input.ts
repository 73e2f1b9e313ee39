/**
 * A value of the wrong type, handed to a typed API on purpose: the tests that prove bad input is
 * logged and dropped (never thrown into the page) call the API as untyped JavaScript would.
 */
export const badInput = <T>(value: unknown): T => value as T;
