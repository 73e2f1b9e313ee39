import { getCrypto } from './global-scope';

/** Random bytes are drawn in pools of 256 ids: one getRandomValues call per 256 events. */
const POOL_IDS = 256;
let pool = new Uint8Array(0);
let offset = 0;

const refill = (): void => {
  pool = new Uint8Array(16 * POOL_IDS);
  const cryptoApi = getCrypto();
  if (cryptoApi && typeof cryptoApi.getRandomValues === 'function') cryptoApi.getRandomValues(pool);
  else for (let i = 0; i < pool.length; i++) pool[i] = (Math.random() * 256) | 0;
  offset = 0;
};

// Character codes of one id, filled in place and turned into a string in one step (a chain
// of concatenations would allocate a string per piece).
const CODES = new Array<number>(36);
const HEX_CODES = '0123456789abcdef'.split('').map((c) => c.charCodeAt(0));
const DASH = 45;
const DASH_AT = [8, 13, 18, 23];

/** RFC 4122 version 4 UUID from `crypto.getRandomValues` (Math.random only where crypto is absent). */
export const uuid = (): string => {
  if (offset >= pool.length) refill();
  const b = pool;
  let byte = offset;
  offset += 16;
  let at = 0;
  for (let i = 0; i < 16; i++, byte++) {
    if (at === DASH_AT[0] || at === DASH_AT[1] || at === DASH_AT[2] || at === DASH_AT[3]) CODES[at++] = DASH;
    // Version 4 in byte 6, RFC 4122 variant in byte 8.
    const value = i === 6 ? (b[byte] & 0x0f) | 0x40 : i === 8 ? (b[byte] & 0x3f) | 0x80 : b[byte];
    CODES[at++] = HEX_CODES[value >> 4];
    CODES[at++] = HEX_CODES[value & 15];
  }
  return String.fromCharCode.apply(null, CODES);
};
