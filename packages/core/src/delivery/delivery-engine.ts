import type { Config, Event, EventStore, Logger, Plugin, Result, StoredEvent, Transport, TransportConfig, TransportType } from '../types';
import { backoffDelay } from './backoff';
import { DeliveryOutcome, type DeliveryListener, type DeliveryReport, type DeliveryStats } from './delivery-report';
import { createInPageLock, systemClock, type Clock, type DeliveryEnvironment, type FlushLock, type SharedOutcome } from './environment';
import { chunkBySize, encodeBatch, endpointFor, EXIT_CHUNK_BYTES, isDefaultEndpoint } from './http-v2-codec';
import { decideResponse, DropReason, type ResponsePlan } from './response-policy';

export const DELIVERY_PLUGIN_NAME = 'sightline-delivery';

/** Older stored events are dropped: past the server's 7-day insert_id window a resend could duplicate. */
export const MAX_EVENT_AGE_MS = 7 * 24 * 60 * 60 * 1000;

/** One event this page knows about: its stored record and what is happening to it. */
interface Entry {
  record: StoredEvent;
  /** Settles the `{ promise }` of the call that tracked it (absent for events from earlier page lives). */
  resolve?: (result: Result) => void;
  /** When this page accepted it; 0 for events found in the store. */
  acceptedAt: number;
  written: boolean;
  inFlight: boolean;
  notBefore: number;
  /** Failed attempts in this page life (bounded by flushMaxRetries). */
  failures: number;
  exitSent: boolean;
}

/** The delivery destination with the report and control API the browser client forwards. */
export interface DeliveryPlugin extends Plugin {
  name: string;
  type: 'destination';
  setTransport(transport: TransportType | TransportConfig): void;
  /** `true` holds events, `false` follows connectivity, `null` ignores it (OQ-19). */
  setOffline(offline: boolean | null): void;
  /** Sends what is unsent now with the page-exit transport (beacon / keepalive). */
  flushOnExit(): void;
  getDeliveryStats(): DeliveryStats;
  onDelivery(listener: DeliveryListener): () => void;
  /** Counts an event dropped before it reached the queue (opted out), so the report is whole. */
  countDropped(reason: DropReason): void;
}

/**
 * The lossless delivery engine (FEATURES.md E, OQ-9): every event is written to the store
 * before it is sent and removed only when the server has answered for it; failures are
 * retried with backoff; what this page life cannot send stays stored for the next one.
 */
export const createDeliveryPlugin = (environment: DeliveryEnvironment): DeliveryPlugin => {
  const engine = new DeliveryEngine(environment);
  return {
    name: DELIVERY_PLUGIN_NAME,
    type: 'destination',
    setup: (config) => engine.setup(config),
    execute: (event) => engine.accept(event),
    flush: () => engine.flush(true),
    teardown: () => engine.teardown(),
    setTransport: (transport) => engine.setTransport(transport),
    setOffline: (offline) => engine.setOffline(offline),
    flushOnExit: () => engine.flushOnExit(),
    getDeliveryStats: () => engine.stats(),
    onDelivery: (listener) => engine.onDelivery(listener),
    countDropped: (reason) => engine.countDropped(reason),
  };
};


class DeliveryEngine {
  private config!: Config;
  private logger!: Logger;
  private readonly store: EventStore;
  private readonly lock: FlushLock;
  private readonly clock: Clock;
  private transport!: Transport;
  private url = '';
  private readonly entries = new Map<string, Entry>();
  private readonly listeners: DeliveryListener[] = [];
  private readonly counts = { sent: 0, retried: 0, dropped: {} as { [reason: string]: number } };
  private readonly unsubscribers: (() => void)[] = [];

  /** Store operations run one after another, so a removal never overtakes its own write. */
  private storeChain: Promise<void> = Promise.resolve();
  private unwritten: Entry[] = [];
  private unremoved: string[] = [];
  private writesInProgress = 0;
  private storeOpsScheduled = false;

  private session: Promise<void> | undefined;
  private sessionAgain = false;
  private timer: unknown;
  private timerAt = Infinity;
  private adopted = false;
  private exitScheduled = false;
  private closed = false;

  constructor(private readonly environment: DeliveryEnvironment) {
    this.store = environment.store;
    this.lock = environment.lock || createInPageLock();
    this.clock = environment.clock || systemClock;
  }

  setup(config: Config): void {
    this.config = config;
    this.logger = config.loggerProvider;
    this.url = endpointFor(config);
    this.transport = this.createTransport(config.transport);
    const { connectivity, lifecycle, channel } = this.environment;
    if (connectivity) this.unsubscribers.push(connectivity.subscribe((online) => online && this.onOnline()));
    if (lifecycle) {
      this.unsubscribers.push(
        lifecycle.subscribe({
          onHidden: () => this.flushOnExit(),
          onVisible: () => this.entries.forEach((entry) => (entry.exitSent = false)),
        }),
      );
    }
    if (channel) this.unsubscribers.push(channel.subscribe((outcome) => this.onSharedOutcome(outcome)));
    // Events left by earlier page lives (or a crashed tab) go out without waiting for a new one.
    this.scheduleAt(this.clock.now());
  }

  teardown(): void {
    this.closed = true;
    this.clearTimer();
    this.unsubscribers.splice(0).forEach((unsubscribe) => unsubscribe());
  }

  // ------------------------------------------------------------------ accepting events

  accept(event: Event): Promise<Result> {
    return new Promise<Result>((resolve) => {
      const id = event.insert_id as string;
      const entry: Entry = {
        record: { id, event, attempts: 0 },
        resolve,
        acceptedAt: this.clock.now(),
        written: false,
        inFlight: false,
        notBefore: 0,
        failures: 0,
        exitSent: false,
      };
      this.entries.set(id, entry);
      this.unwritten.push(entry);
      this.scheduleStoreOps();
      this.enforceCapacity();
      // No scheduling here: the write's completion schedules the send (O(1) per event in a burst).
      if (this.environment.lifecycle && this.environment.lifecycle.isHidden()) this.scheduleExitSend();
    });
  }

  /** Past `maxStoredEvents`, the oldest waiting events make room (counted as store_full). */
  private enforceCapacity(): void {
    let excess = this.entries.size - this.config.maxStoredEvents;
    if (excess <= 0) return;
    const victims: Entry[] = [];
    for (const entry of this.entries.values()) {
      if (excess <= 0) break;
      if (entry.inFlight) continue;
      victims.push(entry);
      excess--;
    }
    if (victims.length) {
      this.logger.warn(`Event store full (maxStoredEvents ${this.config.maxStoredEvents}): dropped the ${victims.length} oldest event(s)`);
      this.finish(victims, { code: 0, message: 'Dropped: the event store is full', reason: DropReason.STORE_FULL });
    }
  }

  // ------------------------------------------------------------------ store operations

  private scheduleStoreOps(): void {
    if (this.storeOpsScheduled) return;
    this.storeOpsScheduled = true;
    queueMicrotask(() => this.runStoreOps());
  }

  /** Queues the coalesced writes and removals on the store chain; resolves when they are done. */
  private runStoreOps(): Promise<void> {
    this.storeOpsScheduled = false;
    const writes = this.unwritten.splice(0);
    const removals = this.unremoved.splice(0);
    if (writes.length) {
      this.writesInProgress += writes.length;
      this.storeChain = this.storeChain.then(async () => {
        const live = writes.filter((entry) => this.entries.get(entry.record.id) === entry);
        if (live.length) await this.guard('write', () => this.store.put(live.map((entry) => entry.record)));
        for (const entry of writes) entry.written = true;
        this.writesInProgress -= writes.length;
        if (live.length) this.scheduleNext();
      });
    }
    if (removals.length) this.storeChain = this.storeChain.then(() => this.guard('remove', () => this.store.remove(removals)));
    return this.storeChain;
  }

  private async guard(what: string, operation: () => Promise<void>): Promise<void> {
    try {
      await operation();
    } catch (error) {
      this.logger.error(`Event store failed to ${what}; delivery continues from memory:`, error);
    }
  }

  /** Waits until every write and removal asked for so far has reached the store. */
  private settleStore(): Promise<void> {
    return this.runStoreOps();
  }

  // ------------------------------------------------------------------ scheduling

  private canSend(): boolean {
    if (this.closed) return false;
    const offline = this.config.offline;
    if (offline === true) return false;
    if (offline === false && this.environment.connectivity) return this.environment.connectivity.isOnline();
    return true;
  }

  /** An event waits at most flushIntervalMillis; a full batch goes at once; retries wait their turn. */
  private nextWakeTime(): number {
    let ready = 0;
    let wake = Infinity;
    const { flushQueueSize, flushIntervalMillis, flushMaxRetries } = this.config;
    for (const entry of this.entries.values()) {
      // Unwritten events wake the engine when their write completes.
      if (!entry.written || entry.inFlight || entry.failures >= flushMaxRetries) continue;
      const due = Math.max(entry.notBefore, entry.acceptedAt + flushIntervalMillis);
      if (entry.notBefore <= this.clock.now() && ++ready >= flushQueueSize) return this.clock.now();
      if (due < wake) wake = due;
    }
    return wake;
  }

  private scheduleNext(): void {
    if (this.session) {
      this.sessionAgain = true;
      return;
    }
    this.scheduleAt(this.nextWakeTime());
  }

  private scheduleAt(time: number): void {
    if (this.closed || time === Infinity || time >= this.timerAt) return;
    this.clearTimer();
    this.timerAt = time;
    this.timer = this.clock.setTimeout(() => {
      this.timer = undefined;
      this.timerAt = Infinity;
      void this.flush(false);
    }, Math.max(0, time - this.clock.now()));
  }

  private clearTimer(): void {
    if (this.timer !== undefined) this.clock.clearTimeout(this.timer);
    this.timer = undefined;
    this.timerAt = Infinity;
  }

  // ------------------------------------------------------------------ sending

  /** Sends what is due (`force`: everything waiting, as `flush()` asks) under the cross-tab lock. */
  flush(force: boolean): Promise<void> {
    if (this.session) {
      this.sessionAgain = true;
      return force ? this.session.then(() => this.flush(true)) : this.session;
    }
    this.clearTimer();
    const session = this.runSession(force).then(
      () => undefined,
      (error) => this.logger.error('Delivery failed unexpectedly; events stay stored:', error),
    );
    this.session = session.then(() => {
      this.session = undefined;
      const again = this.sessionAgain;
      this.sessionAgain = false;
      if (again || this.entries.size) this.scheduleNext();
    });
    return this.session;
  }

  private async runSession(force: boolean): Promise<void> {
    if (!this.canSend() || !this.config) return;
    await this.lock.run(async () => {
      try {
        if (!this.adopted) await this.adoptStored();
        for (;;) {
          if (!this.canSend()) return;
          const batch = this.takeBatch(force);
          if (!batch.length) {
            // flush() also sends what is still being written: wait for the writes, then go on.
            if (!force || !this.writesInProgress) return;
            await this.settleStore();
            continue;
          }
          const confirmed = await this.confirmStillStored(batch);
          if (confirmed.length && !(await this.send(confirmed))) return;
        }
      } finally {
        // Removals reach the store before another tab may look at it.
        await this.settleStore();
      }
    });
  }

  /** Takes events found in the store (earlier page lives, other tabs' leftovers) into this page's queue. */
  private async adoptStored(): Promise<void> {
    this.adopted = true;
    const records = await this.store.getAll();
    const tooOld: Entry[] = [];
    const oldest = this.clock.now() - MAX_EVENT_AGE_MS;
    for (const record of records) {
      if (!record || typeof record.id !== 'string' || !record.event || this.entries.has(record.id)) continue;
      const entry: Entry = { record, acceptedAt: 0, written: true, inFlight: false, notBefore: 0, failures: 0, exitSent: false };
      this.entries.set(record.id, entry);
      if (typeof record.event.time === 'number' && record.event.time < oldest) tooOld.push(entry);
    }
    if (tooOld.length) this.finish(tooOld, { code: 0, message: 'Dropped: older than 7 days', reason: DropReason.TOO_OLD });
    this.enforceCapacity();
  }

  private takeBatch(force: boolean): Entry[] {
    const now = this.clock.now();
    const { flushQueueSize, flushIntervalMillis, flushMaxRetries } = this.config;
    const batch: Entry[] = [];
    let partialAllowed = force;
    for (const entry of this.entries.values()) {
      if (!entry.written || entry.inFlight || entry.failures >= flushMaxRetries || (!force && entry.notBefore > now)) continue;
      if (entry.acceptedAt + flushIntervalMillis <= now) partialAllowed = true;
      batch.push(entry);
      if (batch.length >= flushQueueSize) return batch;
    }
    return partialAllowed ? batch : [];
  }

  /** Another tab may have sent some of these since this page last looked: drop those here. */
  private async confirmStillStored(batch: Entry[]): Promise<Entry[]> {
    if (!this.store.existing) return batch;
    const present = new Set(await this.store.existing(batch.map((entry) => entry.record.id)));
    const gone = batch.filter((entry) => !present.has(entry.record.id));
    if (gone.length) this.settleElsewhere(gone, { ids: [], code: 200, message: 'Sent by another tab of this site' });
    return batch.filter((entry) => present.has(entry.record.id));
  }

  /** Sends one batch and applies the server's answer. Returns false when the session should pause. */
  private async send(batch: Entry[]): Promise<boolean> {
    for (const entry of batch) {
      entry.inFlight = true;
      entry.record.attempts++;
    }
    const events = batch.map((entry) => entry.record.event);
    let plan: ResponsePlan;
    try {
      const response = await this.transport.send({
        url: this.url,
        body: encodeBatch({ apiKey: this.config.apiKey, events, minIdLength: this.config.minIdLength, uploadTime: this.clock.now() }),
      });
      plan = decideResponse(response, events);
    } catch (error) {
      plan = decideResponse({ status: 0, body: null }, events);
      plan.message = `Network error: ${String(error)}`;
    }
    for (const entry of batch) entry.inFlight = false;
    return this.apply(plan, batch);
  }

  private async apply(plan: ResponsePlan, batch: Entry[]): Promise<boolean> {
    const pick = (indices: number[]) => indices.map((index) => batch[index]);
    if (plan.delivered.length) this.finish(pick(plan.delivered), { code: plan.code, message: plan.message });
    for (const { index, reason } of plan.dropped) {
      this.logger.warn(`Server rejected "${batch[index].record.event.event_type}" for good (${plan.code} ${plan.message}); dropped`);
      this.finish([batch[index]], { code: plan.code, message: `Dropped by the server: ${plan.message}`, reason });
    }
    let keepGoing = true;
    if (plan.resend.length) {
      const again = pick(plan.resend);
      for (const entry of again) entry.record.attempts--;
      if (plan.split) {
        const half = Math.ceil(again.length / 2);
        keepGoing = (await this.send(again.slice(0, half))) && (await this.send(again.slice(half)));
      } else {
        keepGoing = await this.send(again);
      }
    }
    if (plan.retry.length) {
      this.retryLater(pick(plan.retry), plan, plan.retryAfterMs);
      keepGoing = false;
    }
    if (plan.throttled.length) {
      this.retryLater(pick(plan.throttled), plan, plan.throttleMs);
      keepGoing = false;
    }
    return keepGoing;
  }

  private retryLater(entries: Entry[], plan: ResponsePlan, waitMs: number | undefined): void {
    const now = this.clock.now();
    const { flushMaxRetries } = this.config;
    const exhausted: Entry[] = [];
    // One wait for the whole batch, so it is retried together rather than scattered.
    const attempt = Math.max(...entries.map((entry) => entry.failures)) + 1;
    const wait = waitMs !== undefined ? waitMs : backoffDelay({ attempt, random: this.clock.random() });
    for (const entry of entries) {
      entry.failures++;
      entry.notBefore = now + wait;
      if (entry.failures >= flushMaxRetries) exhausted.push(entry);
      else this.counts.retried++;
    }
    if (exhausted.length) {
      this.logger.warn(
        `${exhausted.length} event(s) not delivered after ${flushMaxRetries} attempts (${plan.code} ${plan.message}); kept stored for the next page load or when the network returns`,
      );
      // The caller hears the last answer now; the event itself stays stored and is not lost.
      for (const entry of exhausted) {
        if (entry.resolve) entry.resolve({ event: entry.record.event, code: plan.code, message: `${plan.message}; kept stored for a later attempt` });
        entry.resolve = undefined;
      }
    }
  }

  private onOnline(): void {
    // The retry budget is per stretch of connectivity: a returning network earns a fresh one.
    this.entries.forEach((entry) => {
      entry.failures = 0;
      entry.notBefore = 0;
    });
    void this.flush(true);
  }

  // ------------------------------------------------------------------ outcomes

  /** Final outcome for entries: removed from memory and the store, callers and listeners told. */
  private finish(entries: Entry[], outcome: { code: number; message: string; reason?: DropReason }): void {
    const ids: string[] = [];
    for (const entry of entries) {
      if (this.entries.get(entry.record.id) !== entry) continue;
      this.entries.delete(entry.record.id);
      ids.push(entry.record.id);
      if (outcome.reason) this.counts.dropped[outcome.reason] = (this.counts.dropped[outcome.reason] || 0) + 1;
      else this.counts.sent++;
      this.settle(entry, outcome);
    }
    if (!ids.length) return;
    this.unremoved.push(...ids);
    this.scheduleStoreOps();
    if (this.environment.channel) this.environment.channel.publish({ ids, ...outcome });
  }

  private settle(entry: Entry, outcome: { code: number; message: string; reason?: DropReason }): void {
    const event = entry.record.event;
    if (entry.resolve) entry.resolve({ event, code: outcome.code, message: outcome.message });
    entry.resolve = undefined;
    if (!this.listeners.length) return;
    const report: DeliveryReport = {
      event,
      code: outcome.code,
      message: outcome.message,
      outcome: outcome.reason ? DeliveryOutcome.DROPPED : DeliveryOutcome.SENT,
      ...(outcome.reason ? { reason: outcome.reason } : {}),
    };
    for (const listener of this.listeners.slice()) {
      try {
        listener(report);
      } catch (error) {
        this.logger.error('An onDelivery listener threw:', error);
      }
    }
  }

  /** Another tab answered for these events: settle them here without counting or touching the store. */
  private settleElsewhere(entries: Entry[], outcome: SharedOutcome): void {
    for (const entry of entries) {
      if (this.entries.get(entry.record.id) !== entry || entry.inFlight) continue;
      this.entries.delete(entry.record.id);
      if (entry.resolve) entry.resolve({ event: entry.record.event, code: outcome.code, message: outcome.message });
      entry.resolve = undefined;
    }
  }

  private onSharedOutcome(outcome: SharedOutcome): void {
    const entries = outcome.ids.map((id) => this.entries.get(id)).filter((entry): entry is Entry => !!entry);
    this.settleElsewhere(entries, outcome);
  }

  countDropped(reason: DropReason): void {
    this.counts.dropped[reason] = (this.counts.dropped[reason] || 0) + 1;
  }

  stats(): DeliveryStats {
    return { sent: this.counts.sent, retried: this.counts.retried, dropped: { ...this.counts.dropped }, pending: this.entries.size };
  }

  onDelivery(listener: DeliveryListener): () => void {
    if (typeof listener !== 'function') {
      this.logger.error('onDelivery needs a function');
      return () => undefined;
    }
    this.listeners.push(listener);
    return () => {
      const index = this.listeners.indexOf(listener);
      if (index >= 0) this.listeners.splice(index, 1);
    };
  }

  // ------------------------------------------------------------------ transports and page exit

  private createTransport(transport: TransportType | TransportConfig): Transport {
    const explicit = this.config.enableRequestBodyCompression;
    const compress = explicit !== undefined ? explicit : isDefaultEndpoint(this.url);
    return this.environment.createTransport({ transport, compress });
  }

  setTransport(transport: TransportType | TransportConfig): void {
    if (!this.config) return;
    this.config.transport = transport;
    this.transport = this.createTransport(transport);
  }

  setOffline(offline: boolean | null): void {
    if (!this.config) return;
    this.config.offline = offline;
    if (this.canSend()) void this.flush(true);
  }

  private scheduleExitSend(): void {
    if (this.exitScheduled) return;
    this.exitScheduled = true;
    queueMicrotask(() => {
      this.exitScheduled = false;
      this.flushOnExit();
    });
  }

  /**
   * The page may be going away: hand everything not yet sent this way to the exit transport,
   * in chunks under the 64 KB keepalive limit. The records stay stored; the next page life
   * confirms or resends them (same insert_id, so the server dedupes).
   */
  flushOnExit(): void {
    const exit = this.environment.exitTransport;
    if (!exit || !this.config || this.closed || this.config.offline === true) return;
    const pending: Entry[] = [];
    this.entries.forEach((entry) => {
      if (!entry.exitSent) pending.push(entry);
    });
    if (!pending.length) return;
    const uploadTime = this.clock.now();
    const envelope = encodeBatch({ apiKey: this.config.apiKey, events: [], minIdLength: this.config.minIdLength, uploadTime }).length;
    const chunks = chunkBySize({ events: pending.map((entry) => entry.record.event), maxBytes: EXIT_CHUNK_BYTES, envelopeBytes: envelope });
    for (const events of chunks) {
      void exit
        .send({ url: this.url, body: encodeBatch({ apiKey: this.config.apiKey, events, minIdLength: this.config.minIdLength, uploadTime }), exiting: true })
        .catch(() => undefined);
    }
    for (const entry of pending) entry.exitSent = true;
  }
}
