/** Internal (not re-exported by index.ts): `new URL(url)` for modules that read URL parts. */

/** The parsed URL, or `undefined` for a relative or malformed one. Never throws. */
export const parseUrl = (url: string): URL | undefined => {
  try {
    return new URL(url);
  } catch {
    return undefined;
  }
};
