export interface BackoffOptions {
  /** Failed attempts so far (1 for the first retry). */
  attempt: number;
  /** A number in [0, 1). */
  random: number;
  baseMs?: number;
  capMs?: number;
}

export const BACKOFF_BASE_MS = 1000;
export const BACKOFF_CAP_MS = 30_000;
/** Never hammer the server back-to-back, even when the jitter draws zero. */
export const BACKOFF_FLOOR_MS = 100;

/** Exponential backoff with full jitter: a random wait in [floor, min(cap, base·2^(attempt−1))). */
export const backoffDelay = ({
  attempt,
  random,
  baseMs = BACKOFF_BASE_MS,
  capMs = BACKOFF_CAP_MS,
}: BackoffOptions): number => {
  const ceiling = Math.min(capMs, baseMs * Math.pow(2, Math.max(0, attempt - 1)));
  return Math.max(BACKOFF_FLOOR_MS, Math.floor(random * ceiling));
};
