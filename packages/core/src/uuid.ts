import { getCrypto } from './global-scope.js';

/** Random bytes are drawn in pools of 256 ids: one getRandomValues call per 256 events. */
const POOL_IDS = 256;
let pool: Uint8Array | undefined;
let offset = 0;

const refill = (): Uint8Array => {
  const fresh = new Uint8Array(16 * POOL_IDS);
  const cryptoApi = getCrypto();
  if (cryptoApi && typeof cryptoApi.getRandomValues === 'function') cryptoApi.getRandomValues(fresh);
  else for (let i = 0; i < fresh.length; i++) fresh[i] = (Math.random() * 256) | 0;
  offset = 0;
  return (pool = fresh);
};

// Character codes of one id, filled in place and turned into a string in one step (a chain
// of concatenations would allocate a string per piece).
const CODES: number[] = [];
const DASH = 45;

/** RFC 4122 version 4 UUID from `crypto.getRandomValues` (Math.random only where crypto is absent). */
export const uuid = (): string => {
  const b = pool && offset < pool.length ? pool : refill();
  let byte = offset;
  offset += 16;
  let at = 0;
  for (let i = 0; i < 16; i++, byte++) {
    if (at === 8 || at === 13 || at === 18 || at === 23) CODES[at++] = DASH;
    // Version 4 in byte 6, RFC 4122 variant in byte 8.
    const value = i === 6 ? (b[byte] & 0x0f) | 0x40 : i === 8 ? (b[byte] & 0x3f) | 0x80 : b[byte];
    // Hex digit codes: '0'–'9' are 48–57, 'a'–'f' are 97–102.
    const high = value >> 4;
    const low = value & 15;
    CODES[at++] = high < 10 ? 48 + high : 87 + high;
    CODES[at++] = low < 10 ? 48 + low : 87 + low;
  }
  return String.fromCharCode.apply(null, CODES);
};
