import { getCrypto } from './global-scope';

const HEX: string[] = [];
for (let i = 0; i < 256; i++) HEX.push((i + 0x100).toString(16).slice(1));

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

/** RFC 4122 version 4 UUID from `crypto.getRandomValues` (Math.random only where crypto is absent). */
export const uuid = (): string => {
  if (offset >= pool.length) refill();
  const b = pool;
  const o = offset;
  offset += 16;
  return (
    HEX[b[o]] + HEX[b[o + 1]] + HEX[b[o + 2]] + HEX[b[o + 3]] + '-' +
    HEX[b[o + 4]] + HEX[b[o + 5]] + '-' +
    HEX[(b[o + 6] & 0x0f) | 0x40] + HEX[b[o + 7]] + '-' +
    HEX[(b[o + 8] & 0x3f) | 0x80] + HEX[b[o + 9]] + '-' +
    HEX[b[o + 10]] + HEX[b[o + 11]] + HEX[b[o + 12]] + HEX[b[o + 13]] + HEX[b[o + 14]] + HEX[b[o + 15]]
  );
};
