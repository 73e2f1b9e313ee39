/**
 * What `read` returns, or `fallback` if it throws: for reading app values, which can be a Proxy
 * whose traps throw, a revoked Proxy or an object with a throwing getter or toString.
 */
export const tryOr = <T>(read: () => T, fallback: T): T => {
  try {
    return read();
  } catch {
    return fallback;
  }
};
