import { mulberry32 } from '@sightline/test-utils';
import { MAX_EVENT_AGE_MS, type Event } from '../delivery-internals.js';

/** Users and devices the scenarios' events come from (few, so the server's answers can name them). */
export const USERS = ['user-alice', 'user-bobby', 'user-carol'];
export const DEVICES = ['device-11111', 'device-22222', 'device-33333', 'device-44444'];

// ------------------------------------------------------------------ seeded randomness

export const createRandom = (seed: number) => {
  const next = mulberry32(seed);
  const int = (min: number, max: number): number => min + Math.floor(next() * (max - min + 1));
  const pick = <T>(items: readonly T[]): T => items[int(0, items.length - 1)];
  /** A key drawn with probability proportional to its weight. */
  const weighted = <K extends string>(weights: Record<K, number>): K => {
    const keys = Object.keys(weights) as K[];
    let roll = next() * keys.reduce((sum, key) => sum + weights[key], 0);
    for (const key of keys) {
      roll -= weights[key];
      if (roll < 0) return key;
    }
    return keys[keys.length - 1];
  };
  const subset = <T>(items: readonly T[], probability: number): T[] => items.filter(() => next() < probability);
  return { next, int, pick, weighted, subset, chance: (probability: number) => next() < probability };
};
export type Random = ReturnType<typeof createRandom>;

// ------------------------------------------------------------------ events

const PADDING = {
  normal: [20, 200],
  large: [3_000, 8_000],
  oversized: [31_000, 40_000],
  huge: [66_000, 70_000],
} as const;

/** Mostly small events; some large (batches of them get 413 and split), a few too large alone, rarely over 64 KB. */
export const makeEvent = (random: Random, id: string): Event => {
  const [min, max] = PADDING[random.weighted({ normal: 90, large: 7, oversized: 2, huge: 1 })];
  const now = Date.now();
  return {
    event_type: 'Model Event',
    insert_id: id,
    device_id: random.pick(DEVICES),
    ...(random.chance(0.6) ? { user_id: random.pick(USERS) } : {}),
    // A replayed call can carry an old time: such an event is too_old if it outlives its page.
    time: random.chance(0.03) ? now - MAX_EVENT_AGE_MS - random.int(1, 100_000_000) : now,
    event_properties: { padding: 'x'.repeat(random.int(min, max)) },
  };
};
