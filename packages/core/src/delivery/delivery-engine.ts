import { ResultCode } from '../constants.js';
import type {
  Config,
  DestinationPlugin,
  Event,
  Logger,
  Result,
  StoredEvent,
  Transport,
  TransportConfig,
  TransportType,
} from '../types.js';
import { backoffDelay } from './backoff.js';
import { DeliveryOutcome, type DeliveryListener, type DeliveryReport, type DeliveryStats } from './delivery-report.js';
import { createInPageLock, systemClock, type DeliveryEnvironment, type SharedOutcome } from './environment.js';
import { chunkBySize, encodeBatch, endpointFor, EXIT_CHUNK_BYTES, isDefaultEndpoint } from './http-v2-codec.js';
import { decideResponse, DropReason, type ResponsePlan } from './response-policy.js';

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
  /** Its write failed: it lives in memory only, so the store cannot say whether another tab sent it. */
  memoryOnly: boolean;
  inFlight: boolean;
  notBefore: number;
  /** Failed attempts in this page life (bounded by flushMaxRetries). */
  failures: number;
  exitSent: boolean;
}

/** An event's final answer: delivered, or dropped for `reason`. */
interface Outcome {
  code: number;
  message: string;
  reason?: DropReason;
}

/** The delivery destination with the report and control API the browser client forwards. */
export interface DeliveryPlugin extends DestinationPlugin {
  name: string;
  type: 'destination';
  setTransport(transport: TransportType | TransportConfig): void;
  /** `true` holds events, `false` follows connectivity, `null` ignores it. */
  setOffline(offline: boolean | null): void;
  /** Sends what is unsent now with the page-exit transport (beacon / keepalive). */
  flushOnExit(): void;
  getDeliveryStats(): DeliveryStats;
  onDelivery(listener: DeliveryListener): () => void;
  /** Counts an event dropped before it reached the queue (opted out), so the report is whole. */
  countDropped(reason: DropReason): void;
}

/** Settles the `{ promise }` of the call that tracked the entry, once. */
const answer = (entry: Entry, code: number, message: string): void => {
  if (entry.resolve) entry.resolve({ event: entry.record.event, code, message });
  entry.resolve = undefined;
};

/** A later call with the entry's insert_id settles when the entry does, with its result (B: duplicate insert_id). */
const shareAnswer = (entry: Entry, resolve: (result: Result) => void): void => {
  const first = entry.resolve;
  entry.resolve = (result) => {
    if (first) first(result);
    resolve(result);
  };
};

/**
 * What the caller of an event this engine leaves unsent at teardown (re-init) hears. Not an
 * outcome (the event is neither sent nor dropped): code 0 as for any answer without a server's.
 */
const HANDED_OVER =
  'Not sent before the SDK was re-initialised: the event stays stored and the next engine on this store sends it';
const LOST_AT_TEARDOWN = 'Not sent before the SDK was re-initialised, and the event store could not keep it';

/**
 * The lossless delivery engine: every event is written to the store
 * before it is sent and removed only when the server has answered for it; failures are
 * retried with backoff; what this page life cannot send stays stored for the next one.
 * A closure rather than a class: its state is private to this factory.
 */
export const createDeliveryPlugin = (environment: DeliveryEnvironment): DeliveryPlugin => {
  const { store, connectivity, lifecycle, channel } = environment;
  const lock = environment.lock || createInPageLock();
  const clock = environment.clock || systemClock;
  let config!: Config;
  let logger!: Logger;
  let transport!: Transport;
  let url = '';
  const entries = new Map<string, Entry>();
  const listeners: DeliveryListener[] = [];
  const counts = { sent: 0, retried: 0, dropped: {} as { [reason: string]: number } };
  const unsubscribers: (() => void)[] = [];

  /** Store operations run one after another, so a removal never overtakes its own write. */
  let storeChain: Promise<void> = Promise.resolve();
  let unwritten: Entry[] = [];
  let unremoved: string[] = [];
  let writesInProgress = 0;
  let storeOpsScheduled = false;

  let session: Promise<void> | undefined;
  let sessionAgain = false;
  /** The one forced flush that follows the current session, however many were asked for meanwhile. */
  let forcedNext: Promise<void> | undefined;
  let timer: unknown;
  let timerAt = Infinity;
  let adopted = false;
  let exitScheduled = false;
  let closed = false;

  const setup = (given: Config): void => {
    config = given;
    logger = config.loggerProvider;
    url = endpointFor(config);
    transport = createTransport(config.transport);
    if (connectivity) unsubscribers.push(connectivity.subscribe((online) => online && onOnline()));
    if (lifecycle) {
      unsubscribers.push(
        lifecycle.subscribe({
          onHidden: () => flushOnExit(),
          onVisible: () => entries.forEach((entry) => (entry.exitSent = false)),
        }),
      );
    }
    if (channel) unsubscribers.push(channel.subscribe((outcome) => onSharedOutcome(outcome)));
    // Events left by earlier page lives (or a crashed tab) go out without waiting for a new one.
    scheduleAt(clock.now());
  };

  const teardown = (): void => {
    closed = true;
    clearTimer();
    unsubscribers.splice(0).forEach((unsubscribe) => unsubscribe());
    // Every `{ promise }` settles: the events are handed over now; an upload still out answers for
    // its own events when it lands, and whatever it leaves unsent is handed over then.
    handOver();
    if (session) void session.then(handOver);
  };

  /** Answers the callers of events this closed engine will not send (they stay stored; not counted). */
  const handOver = (): void => {
    entries.forEach((entry) => {
      if (!entry.inFlight) answer(entry, ResultCode.SKIPPED, entry.memoryOnly ? LOST_AT_TEARDOWN : HANDED_OVER);
    });
  };

  // ------------------------------------------------------------------ accepting events

  const accept = (event: Event): Promise<Result> =>
    new Promise<Result>((resolve) => {
      const id = event.insert_id as string;
      const earlier = entries.get(id);
      if (earlier) {
        // The server keeps one event per insert_id and the store one record: the first one stands.
        logger.warn(
          `An event with insert_id "${id}" is already waiting; this one is not sent and settles with its outcome`,
        );
        shareAnswer(earlier, resolve);
        return;
      }
      const entry: Entry = {
        record: { id, event, attempts: 0 },
        resolve,
        acceptedAt: clock.now(),
        written: false,
        memoryOnly: false,
        inFlight: false,
        notBefore: 0,
        failures: 0,
        exitSent: false,
      };
      entries.set(id, entry);
      unwritten.push(entry);
      scheduleStoreOps();
      enforceCapacity();
      // No scheduling here: the write's completion schedules the send (O(1) per event in a burst).
      if (lifecycle && lifecycle.isHidden()) scheduleExitSend();
      // Accepted after teardown (stored by the write above, for the next engine): it will not be sent from here.
      if (closed) answer(entry, ResultCode.SKIPPED, HANDED_OVER);
    });

  /** Past `maxStoredEvents`, the oldest waiting events make room (counted as store_full). */
  const enforceCapacity = (): void => {
    let excess = entries.size - config.maxStoredEvents;
    if (excess <= 0) return;
    const victims: Entry[] = [];
    for (const entry of entries.values()) {
      if (excess <= 0) break;
      if (entry.inFlight) continue;
      victims.push(entry);
      excess--;
    }
    if (victims.length) {
      logger.warn(
        `Event store full (maxStoredEvents ${config.maxStoredEvents}): dropped the ${victims.length} oldest event(s)`,
      );
      finish(victims, { code: 0, message: 'Dropped: the event store is full', reason: DropReason.STORE_FULL });
    }
  };

  // ------------------------------------------------------------------ store operations

  const scheduleStoreOps = (): void => {
    if (storeOpsScheduled) return;
    storeOpsScheduled = true;
    queueMicrotask(runStoreOps);
  };

  /**
   * Queues the coalesced writes and removals on the store chain; resolves when they are done,
   * so awaiting it waits until every write and removal asked for so far has reached the store.
   */
  const runStoreOps = (): Promise<void> => {
    storeOpsScheduled = false;
    const writes = unwritten.splice(0);
    const removals = unremoved.splice(0);
    if (writes.length) {
      writesInProgress += writes.length;
      storeChain = storeChain.then(async () => {
        const live = writes.filter((entry) => entries.get(entry.record.id) === entry);
        const stored = !live.length || (await guard('write', () => store.put(live.map((entry) => entry.record))));
        for (const entry of writes) {
          entry.written = true;
          entry.memoryOnly = !stored;
        }
        writesInProgress -= writes.length;
        if (live.length) scheduleNext();
      });
    }
    if (removals.length) {
      storeChain = storeChain.then(async () => {
        await guard('remove', () => store.remove(removals));
      });
    }
    return storeChain;
  };

  /** Runs a store operation; false (and logged) when it failed. */
  const guard = async (what: string, operation: () => Promise<void>): Promise<boolean> => {
    try {
      await operation();
      return true;
    } catch (error) {
      logger.error(`Event store failed to ${what}; delivery continues from memory:`, error);
      return false;
    }
  };

  // ------------------------------------------------------------------ scheduling

  const canSend = (): boolean => {
    if (closed || !config) return false;
    const offline = config.offline;
    if (offline === true) return false;
    if (offline === false && connectivity) return connectivity.isOnline();
    return true;
  };

  /** Attempts per event in one page life: flushMaxRetries, but never none (0 would mean no upload at all). */
  const maxAttempts = (): number => Math.max(1, config.flushMaxRetries);

  /** Whether the entry may go out in a batch now (`force` ignores its retry wait). */
  const isWaiting = (entry: Entry): boolean => entry.written && !entry.inFlight && entry.failures < maxAttempts();

  /** An event waits at most flushIntervalMillis; a full batch goes at once; retries wait their turn. */
  const nextWakeTime = (): number => {
    let ready = 0;
    let wake = Infinity;
    const { flushQueueSize, flushIntervalMillis } = config;
    for (const entry of entries.values()) {
      // Unwritten events wake the engine when their write completes.
      if (!isWaiting(entry)) continue;
      const due = Math.max(entry.notBefore, entry.acceptedAt + flushIntervalMillis);
      if (entry.notBefore <= clock.now() && ++ready >= flushQueueSize) return clock.now();
      if (due < wake) wake = due;
    }
    return wake;
  };

  const scheduleNext = (): void => {
    if (session) {
      sessionAgain = true;
      return;
    }
    // Unable to send, the engine sleeps rather than polls: going online or setOffline() wakes it.
    if (canSend()) scheduleAt(nextWakeTime());
  };

  const scheduleAt = (time: number): void => {
    if (closed || time === Infinity || time >= timerAt) return;
    clearTimer();
    timerAt = time;
    timer = clock.setTimeout(
      () => {
        timer = undefined;
        timerAt = Infinity;
        void flush(false);
      },
      Math.max(0, time - clock.now()),
    );
  };

  const clearTimer = (): void => {
    if (timer !== undefined) clock.clearTimeout(timer);
    timer = undefined;
    timerAt = Infinity;
  };

  // ------------------------------------------------------------------ sending

  /** Sends what is due (`force`: everything waiting, as `flush()` asks) under the cross-tab lock. */
  const flush = (force: boolean): Promise<void> => {
    if (session) {
      sessionAgain = true;
      if (!force) return session;
      // Each extra forced session would at once resend what the current one just failed to send.
      forcedNext =
        forcedNext ||
        session.then(() => {
          forcedNext = undefined;
          return flush(true);
        });
      return forcedNext;
    }
    clearTimer();
    const current = runSession(force).then(
      () => undefined,
      (error) => logger.error('Delivery failed unexpectedly; events stay stored:', error),
    );
    session = current.then(() => {
      session = undefined;
      const again = sessionAgain;
      sessionAgain = false;
      if (again || entries.size) scheduleNext();
    });
    return session;
  };

  const runSession = async (force: boolean): Promise<void> => {
    if (!canSend()) return;
    await lock.run(async () => {
      // The wait for the lock may outlast this page's engine (teardown) or the network.
      if (!canSend()) return;
      try {
        if (!adopted) await adoptStored();
        for (;;) {
          if (!canSend()) return;
          const batch = takeBatch(force);
          if (!batch.length) {
            // flush() also sends what is still being written: wait for the writes, then go on.
            if (!force || !writesInProgress) return;
            await runStoreOps();
            continue;
          }
          const confirmed = await confirmStillStored(batch);
          if (confirmed.length && !(await send(confirmed))) return;
        }
      } finally {
        // Removals reach the store before another tab may look at it.
        await runStoreOps();
      }
    });
  };

  /** Takes events found in the store (earlier page lives, other tabs' leftovers) into this page's queue. */
  const adoptStored = async (): Promise<void> => {
    adopted = true;
    const records = await store.getAll();
    const tooOld: Entry[] = [];
    const oldest = clock.now() - MAX_EVENT_AGE_MS;
    // Stored events are older than any this page accepted: they go first, so store_full drops the oldest.
    const accepted = new Map(entries);
    entries.clear();
    for (const record of records) {
      if (!record || typeof record.id !== 'string' || !record.event || accepted.has(record.id)) continue;
      const entry: Entry = {
        record,
        acceptedAt: 0,
        written: true,
        memoryOnly: false,
        inFlight: false,
        notBefore: 0,
        failures: 0,
        exitSent: false,
      };
      entries.set(record.id, entry);
      if (typeof record.event.time === 'number' && record.event.time < oldest) tooOld.push(entry);
    }
    accepted.forEach((entry, id) => entries.set(id, entry));
    if (tooOld.length) finish(tooOld, { code: 0, message: 'Dropped: older than 7 days', reason: DropReason.TOO_OLD });
    enforceCapacity();
  };

  const takeBatch = (force: boolean): Entry[] => {
    const now = clock.now();
    const { flushQueueSize, flushIntervalMillis } = config;
    const batch: Entry[] = [];
    let partialAllowed = force;
    for (const entry of entries.values()) {
      if (!isWaiting(entry) || (!force && entry.notBefore > now)) continue;
      if (entry.acceptedAt + flushIntervalMillis <= now) partialAllowed = true;
      batch.push(entry);
      if (batch.length >= flushQueueSize) return batch;
    }
    return partialAllowed ? batch : [];
  };

  /** Another tab may have sent some of these since this page last looked: drop those here. */
  const confirmStillStored = async (batch: Entry[]): Promise<Entry[]> => {
    if (!store.existing) return batch;
    const present = new Set(await store.existing(batch.map((entry) => entry.record.id)));
    // An entry whose write failed was never in the store: its absence says nothing.
    const stillStored = (entry: Entry): boolean => entry.memoryOnly || present.has(entry.record.id);
    const gone = batch.filter((entry) => !stillStored(entry));
    if (gone.length) settleElsewhere(gone, { ids: [], code: 200, message: 'Sent by another tab of this site' });
    return batch.filter(stillStored);
  };

  const encode = (events: readonly Event[], uploadTime: number): string =>
    encodeBatch({ apiKey: config.apiKey, events, minIdLength: config.minIdLength, uploadTime });

  /** Sends one batch and applies the server's answer. Returns false when the session should pause. */
  const send = async (batch: Entry[]): Promise<boolean> => {
    const events = batch.map((entry) => entry.record.event);
    let body: string;
    try {
      body = encode(events, clock.now());
    } catch (error) {
      const encodable = dropUnencodable(batch);
      if (encodable.length < batch.length) return !encodable.length || send(encodable);
      // Each event encodes alone but the batch does not: retried with backoff, like a failed upload.
      return apply(noAnswer(events, `Could not encode the batch: ${String(error)}`), batch);
    }
    for (const entry of batch) {
      entry.inFlight = true;
      entry.record.attempts++;
    }
    let plan: ResponsePlan;
    try {
      const response = await transport.send({ url, body });
      plan = decideResponse(response, events);
    } catch (error) {
      plan = noAnswer(events, `Network error: ${String(error)}`);
    }
    for (const entry of batch) entry.inFlight = false;
    return apply(plan, batch);
  };

  /** The plan for a batch that got no answer (the upload failed): retried with backoff. */
  const noAnswer = (events: readonly Event[], message: string): ResponsePlan => ({
    ...decideResponse({ status: 0, body: null }, events),
    message,
  });

  const apply = async (plan: ResponsePlan, batch: Entry[]): Promise<boolean> => {
    const pick = (indices: number[]) => indices.map((index) => batch[index]);
    if (plan.delivered.length) finish(pick(plan.delivered), { code: plan.code, message: plan.message });
    for (const { index, reason } of plan.dropped) {
      logger.warn(
        `Server rejected "${batch[index].record.event.event_type}" for good (${plan.code} ${plan.message}); dropped`,
      );
      finish([batch[index]], { code: plan.code, message: `Dropped by the server: ${plan.message}`, reason });
    }
    let keepGoing = true;
    if (plan.resend.length) {
      const again = pick(plan.resend);
      for (const entry of again) entry.record.attempts--;
      if (plan.split) {
        const half = Math.ceil(again.length / 2);
        const second = again.slice(half);
        // Still part of this upload while the first half is out: no store_full victim, no other tab's outcome.
        for (const entry of second) entry.inFlight = true;
        const firstSent = await send(again.slice(0, half));
        for (const entry of second) entry.inFlight = false;
        keepGoing = firstSent && (await send(second));
      } else {
        keepGoing = await send(again);
      }
    }
    if (plan.retry.length) {
      retryLater(pick(plan.retry), plan, plan.retryAfterMs);
      keepGoing = false;
    }
    if (plan.throttled.length) {
      retryLater(pick(plan.throttled), plan, plan.throttleMs);
      keepGoing = false;
    }
    return keepGoing;
  };

  /**
   * Only after encoding failed: a plugin put a value JSON cannot encode (BigInt, a cycle) into some
   * event. Those are dropped (counted as unencodable); the encodable rest is returned, to be sent.
   */
  const dropUnencodable = (batch: Entry[]): Entry[] =>
    batch.filter((entry) => {
      try {
        JSON.stringify(entry.record.event);
        return true;
      } catch (error) {
        const type = entry.record.event.event_type;
        logger.error(
          `Event "${typeof type === 'string' ? type : typeof type}" (insert_id ${entry.record.id}) cannot be encoded as JSON; dropped:`,
          error,
        );
        finish([entry], {
          code: ResultCode.INVALID_INPUT,
          message: `Dropped: cannot be encoded as JSON (${String(error)})`,
          reason: DropReason.UNENCODABLE,
        });
        return false;
      }
    });

  const retryLater = (waiting: Entry[], plan: ResponsePlan, waitMs: number | undefined): void => {
    const now = clock.now();
    const attempts = maxAttempts();
    const exhausted: Entry[] = [];
    // One wait for the whole batch, so it is retried together rather than scattered.
    const attempt = Math.max(...waiting.map((entry) => entry.failures)) + 1;
    const wait = waitMs !== undefined ? waitMs : backoffDelay({ attempt, random: clock.random() });
    for (const entry of waiting) {
      entry.failures++;
      entry.notBefore = now + wait;
      if (entry.failures >= attempts) exhausted.push(entry);
      else counts.retried++;
    }
    if (exhausted.length) {
      logger.warn(
        `${exhausted.length} event(s) not delivered after ${attempts} attempts (${plan.code} ${plan.message}); kept stored for the next page load or when the network returns`,
      );
      // The caller hears the last answer now; the event itself stays stored and is not lost.
      for (const entry of exhausted) answer(entry, plan.code, `${plan.message}; kept stored for a later attempt`);
    }
  };

  const onOnline = (): void => {
    // The retry budget is per stretch of connectivity: a returning network earns a fresh one.
    entries.forEach((entry) => {
      entry.failures = 0;
      entry.notBefore = 0;
    });
    void flush(true);
  };

  // ------------------------------------------------------------------ outcomes

  /** Final outcome for entries: removed from memory and the store, callers and listeners told. */
  const finish = (finished: Entry[], outcome: Outcome): void => {
    const ids: string[] = [];
    for (const entry of finished) {
      if (entries.get(entry.record.id) !== entry) continue;
      entries.delete(entry.record.id);
      ids.push(entry.record.id);
      if (outcome.reason) countDropped(outcome.reason);
      else counts.sent++;
      settle(entry, outcome);
    }
    if (!ids.length) return;
    unremoved.push(...ids);
    scheduleStoreOps();
    if (channel) channel.publish({ ids, ...outcome });
  };

  const settle = (entry: Entry, outcome: Outcome): void => {
    const event = entry.record.event;
    answer(entry, outcome.code, outcome.message);
    if (!listeners.length) return;
    const report: DeliveryReport = {
      event,
      code: outcome.code,
      message: outcome.message,
      outcome: outcome.reason ? DeliveryOutcome.DROPPED : DeliveryOutcome.SENT,
      ...(outcome.reason ? { reason: outcome.reason } : {}),
    };
    for (const listener of listeners.slice()) {
      try {
        const returned: unknown = listener(report);
        // An async listener's rejection is caught here too, not left to the page as unhandled.
        if (returned && typeof (returned as PromiseLike<unknown>).then === 'function') {
          (returned as PromiseLike<unknown>).then(undefined, (error: unknown) =>
            logger.error('An onDelivery listener rejected:', error),
          );
        }
      } catch (error) {
        logger.error('An onDelivery listener threw:', error);
      }
    }
  };

  /** Another tab answered for these events: settle them here without counting or touching the store. */
  const settleElsewhere = (settled: Entry[], outcome: SharedOutcome): void => {
    for (const entry of settled) {
      if (entries.get(entry.record.id) !== entry || entry.inFlight) continue;
      entries.delete(entry.record.id);
      answer(entry, outcome.code, outcome.message);
    }
  };

  const onSharedOutcome = (outcome: SharedOutcome): void => {
    const known = outcome.ids.map((id) => entries.get(id)).filter((entry): entry is Entry => !!entry);
    settleElsewhere(known, outcome);
  };

  const countDropped = (reason: DropReason): void => {
    counts.dropped[reason] = (counts.dropped[reason] || 0) + 1;
  };

  const onDelivery = (listener: DeliveryListener): (() => void) => {
    if (typeof listener !== 'function') {
      logger.error('onDelivery needs a function');
      return () => undefined;
    }
    listeners.push(listener);
    return () => {
      const index = listeners.indexOf(listener);
      if (index >= 0) listeners.splice(index, 1);
    };
  };

  // ------------------------------------------------------------------ transports and page exit

  const createTransport = (choice: TransportType | TransportConfig): Transport => {
    const explicit = config.enableRequestBodyCompression;
    const compress = explicit !== undefined ? explicit : isDefaultEndpoint(url);
    return environment.createTransport({ transport: choice, compress });
  };

  const scheduleExitSend = (): void => {
    if (exitScheduled) return;
    exitScheduled = true;
    queueMicrotask(() => {
      exitScheduled = false;
      flushOnExit();
    });
  };

  /**
   * The page may be going away: hand everything not yet sent this way to the exit transport,
   * in chunks under the 64 KB keepalive limit. The records stay stored; the next page life
   * confirms or resends them (same insert_id, so the server dedupes).
   */
  const flushOnExit = (): void => {
    const exit = environment.exitTransport;
    if (!exit || !config || closed || config.offline === true) return;
    let pending: Entry[] = [];
    entries.forEach((entry) => {
      if (!entry.exitSent) pending.push(entry);
    });
    if (!pending.length) return;
    const uploadTime = clock.now();
    const envelope = encode([], uploadTime).length;
    const chunk = (waiting: Entry[]) =>
      chunkBySize({
        events: waiting.map((entry) => entry.record.event),
        maxBytes: EXIT_CHUNK_BYTES,
        envelopeBytes: envelope,
      });
    let chunks: Event[][];
    try {
      chunks = chunk(pending);
    } catch {
      // Sizing encodes each event: one that cannot be encoded is dropped here, the rest still go.
      pending = dropUnencodable(pending);
      chunks = chunk(pending);
    }
    for (const events of chunks) {
      void exit.send({ url, body: encode(events, uploadTime), exiting: true }).catch(() => undefined);
    }
    for (const entry of pending) entry.exitSent = true;
  };

  return {
    name: DELIVERY_PLUGIN_NAME,
    type: 'destination',
    setup,
    execute: accept,
    flush: () => flush(true),
    teardown,
    setTransport: (choice) => {
      if (!config) return;
      config.transport = choice;
      transport = createTransport(choice);
    },
    setOffline: (offline) => {
      if (!config) return;
      config.offline = offline;
      if (canSend()) void flush(true);
    },
    flushOnExit,
    getDeliveryStats: () => ({
      sent: counts.sent,
      retried: counts.retried,
      dropped: { ...counts.dropped },
      pending: entries.size,
    }),
    onDelivery,
    countDropped,
  };
};
