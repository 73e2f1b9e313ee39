/**
 * Identity and session state, persisted through a platform-supplied synchronous storage
 * (cookie / web storage / memory). Writes are coalesced into one per task, and merged with
 * what other tabs wrote since we last looked (three-way: a field another tab changed and we
 * did not is adopted), so tabs share one identity and one session.
 */
export interface IdentitySnapshot {
  deviceId?: string;
  userId?: string;
  sessionId?: number;
  optOut?: boolean;
  lastEventTime?: number;
  lastEventId?: number;
  pageCounter?: number;
}

export interface IdentityStorage {
  read(): IdentitySnapshot | undefined;
  write(snapshot: IdentitySnapshot): void;
}

const FIELDS: (keyof IdentitySnapshot)[] = [
  'deviceId',
  'userId',
  'sessionId',
  'optOut',
  'lastEventTime',
  'lastEventId',
  'pageCounter',
];

/** Longest delay before activity (lastEventTime) reaches storage. */
export const TOUCH_WRITE_DELAY_MS = 250;

/**
 * Event ids a tab reserves at a time (disjoint across tabs). Larger blocks mean fewer storage
 * round trips; the cost is that ids jump by up to a block between page lives.
 */
export const EVENT_ID_BLOCK = 4096;

export class IdentityStore {
  readonly state: IdentitySnapshot;
  /** What storage held when we last read or wrote it: the base of the three-way merge. */
  private base: IdentitySnapshot;
  private nextEventId = 0;
  private reservedUntil = -1;
  private nextBlock: { first: number; last: number } | undefined;
  private reserving = false;
  private writeScheduled = false;
  private touchTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly storage: IdentityStorage,
    initial: IdentitySnapshot,
  ) {
    this.base = { ...initial };
    this.state = { ...initial };
  }

  /** Adopts what other tabs changed since our last read/write. */
  sync(): void {
    const persisted = this.safeRead();
    if (!persisted) return;
    for (const field of FIELDS) {
      const theirs = persisted[field];
      if (theirs !== this.base[field] && this.state[field] === this.base[field]) {
        (this.state as { [key: string]: unknown })[field] = theirs;
      }
    }
    // Times and counters only move forward, whoever wrote them.
    this.state.lastEventTime = max(this.state.lastEventTime, persisted.lastEventTime);
    this.state.lastEventId = max(this.state.lastEventId, persisted.lastEventId);
    this.base = persisted;
  }

  /**
   * Next event id: increasing within a tab, disjoint across tabs, persisted. Ids come from
   * blocks reserved in storage; the next block is reserved in the background when half of
   * the current one is used, because storage I/O (a cookie read is a synchronous round trip
   * to the browser process) must not land on the tracking call.
   */
  takeEventId(): number {
    if (this.nextEventId > this.reservedUntil) {
      const block = this.nextBlock || this.reserveBlock();
      this.nextBlock = undefined;
      this.nextEventId = block.first;
      this.reservedUntil = block.last;
    } else if (this.reservedUntil - this.nextEventId < EVENT_ID_BLOCK / 2) {
      this.reserveAhead();
    }
    return this.nextEventId++;
  }

  /** Reserves the next block in a later task (init calls it, so the first `track()` does no storage I/O). */
  reserveAhead(): void {
    if (this.nextBlock || this.reserving) return;
    this.reserving = true;
    setTimeout(() => {
      this.reserving = false;
      if (!this.nextBlock) this.nextBlock = this.reserveBlock();
    }, 0);
  }

  private reserveBlock(): { first: number; last: number } {
    this.sync();
    const first = (this.state.lastEventId ?? 0) + 1;
    const last = first + EVENT_ID_BLOCK - 1;
    this.state.lastEventId = last;
    this.writeNow();
    return { first, last };
  }

  /** Marks activity at `time` (the hot path of every event: no allocation). */
  touch(time: number): void {
    const state = this.state;
    if (state.lastEventTime === undefined || time > state.lastEventTime) state.lastEventTime = time;
    // Activity alone is written at most every TOUCH_WRITE_DELAY_MS: one cookie write per click
    // would cost more than the click's capture. Sessions time out in minutes, so it is never stale.
    if (this.writeScheduled || this.touchTimer !== undefined) return;
    this.touchTimer = setTimeout(() => {
      this.touchTimer = undefined;
      this.writeNow();
    }, TOUCH_WRITE_DELAY_MS);
  }

  update(change: IdentitySnapshot): void {
    Object.assign(this.state, change);
    this.scheduleWrite();
  }

  /** Identity changes (user, device, opt-out) are written at once. */
  updateNow(change: IdentitySnapshot): void {
    Object.assign(this.state, change);
    this.writeNow();
  }

  scheduleWrite(): void {
    if (this.writeScheduled) return;
    this.writeScheduled = true;
    queueMicrotask(() => this.writeNow());
  }

  writeNow(): void {
    this.writeScheduled = false;
    if (this.touchTimer !== undefined) clearTimeout(this.touchTimer);
    this.touchTimer = undefined;
    const snapshot = { ...this.state };
    try {
      // Merge first so that a write never undoes another tab's newer change.
      const persisted = this.storage.read();
      if (persisted) {
        snapshot.lastEventTime = max(snapshot.lastEventTime, persisted.lastEventTime);
        snapshot.lastEventId = max(snapshot.lastEventId, persisted.lastEventId);
      }
      this.storage.write(snapshot);
      this.base = snapshot;
    } catch {
      /* storage full or blocked: identity stays in memory for this page life */
    }
  }

  private safeRead(): IdentitySnapshot | undefined {
    try {
      return this.storage.read();
    } catch {
      return undefined;
    }
  }
}

const max = (a: number | undefined, b: number | undefined): number | undefined =>
  a === undefined ? b : b === undefined ? a : Math.max(a, b);

/** Storage that keeps nothing: `identityStorage: 'none'` and non-browser platforms. */
export const createMemoryIdentityStorage = (): IdentityStorage => {
  let saved: IdentitySnapshot | undefined;
  return {
    read: () => (saved ? { ...saved } : undefined),
    write: (snapshot) => {
      saved = { ...snapshot };
    },
  };
};
