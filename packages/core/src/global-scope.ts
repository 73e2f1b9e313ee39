/**
 * The one place that touches host globals. Every package reads `window`, `document`,
 * `navigator`, `location` and friends through here, so importing any Sightline module in
 * Node, SSR or a worker never throws: a missing global is simply `undefined`.
 */
type Scope = typeof globalThis & Partial<Window>;

export const getGlobalScope = (): Scope | undefined =>
  typeof globalThis !== 'undefined' ? (globalThis as Scope) : undefined;

export const getWindow = (): Window | undefined => (typeof window !== 'undefined' ? window : undefined);

export const getDocument = (): Document | undefined => (typeof document !== 'undefined' ? document : undefined);

export const getNavigator = (): Navigator | undefined => (typeof navigator !== 'undefined' ? navigator : undefined);

export const getLocation = (): Location | undefined => (typeof location !== 'undefined' ? location : undefined);

export const getCrypto = (): Crypto | undefined => (typeof crypto !== 'undefined' ? crypto : undefined);
