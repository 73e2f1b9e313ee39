import { ResultCode } from '../constants.js';
import type { Config, DestinationPlugin, Event, Result, Transport, TransportConfig, TransportType } from '../types.js';
import type { DeliveryContext } from './delivery-context.js';
import type { DeliveryListener, DeliveryStats } from './delivery-report.js';
import { createDeliveryReporter, type Outcome } from './delivery-reporter.js';
import { createInPageLock, createSystemClock, type DeliveryEnvironment } from './environment.js';
import { addEvent, adoptRecords, createEventQueue, finishEvent, restartRetries } from './event-queue.js';
import { isUploading, type QueuedEvent } from './event-state.js';
import { createExitSender } from './exit-sender.js';
import { createFlushScheduler } from './flush-scheduler.js';
import { endpointFor, isDefaultEndpoint } from './http-v2-codec.js';
import { overflow, pickBatch, wakeTime } from './queue-policy.js';
import { DropReason } from './response-policy.js';
import { createStoreWriter } from './store-writer.js';
import { createTabLink } from './tab-link.js';
import { createUploader } from './uploader.js';

export const DELIVERY_PLUGIN_NAME = 'sightline-delivery';

/** The delivery destination with the report and control API the browser client forwards. */
export interface DeliveryPlugin extends DestinationPlugin {
  name: string;
  type: 'destination';
  setTransport(transport: TransportType | TransportConfig): void;
  /** `true` holds events, `false` follows connectivity, `null` ignores it. */
  setOffline(offline: boolean | null): void;
  /** Sends what is neither answered for nor on the wire now with the page-exit transport (keepalive / beacon). */
  flushOnExit(): void;
  getDeliveryStats(): DeliveryStats;
  onDelivery(listener: DeliveryListener): () => void;
  /** Counts an event dropped before it reached the queue (opted out), so the report is whole. */
  countDropped(reason: DropReason): void;
}

/**
 * What the caller of an event this engine leaves unsent at teardown (re-init) hears. Not an
 * outcome (the event is neither sent nor dropped): code 0 as for any answer without a server's.
 */
const HANDED_OVER =
  'Not sent before the SDK was re-initialised: the event stays stored and the next engine on this store sends it';
const LOST_AT_TEARDOWN = 'Not sent before the SDK was re-initialised, and the event store could not keep it';

/**
 * The lossless delivery engine: every event is written to the store before it is sent and
 * removed only when the server has answered for it; failures are retried with backoff; what
 * this page life cannot send stays stored for the next one. This orchestrates the event queue
 * (each event's state), the store writer, the flush scheduler, the uploader, the reporter and
 * the page-exit path; one upload session runs at a time, under the cross-tab lock.
 */
export const createDeliveryPlugin = (environment: DeliveryEnvironment): DeliveryPlugin => {
  const { store, connectivity, lifecycle, channel } = environment;
  const lock = environment.lock || createInPageLock();
  // The rest of the context comes with setup().
  const context = {
    clock: environment.clock || createSystemClock(),
    closed: false,
    requests: new Map(),
    serverAnswering: true,
  } as unknown as DeliveryContext;
  const { clock } = context;
  const queue = createEventQueue();
  const reporter = createDeliveryReporter(context, channel);
  const unsubscribers: (() => void)[] = [];
  /** Whether this page has looked into the store since it last had reason to (start, a page that left). */
  let adopted = false;
  let exitScheduled = false;

  const canSend = (): boolean => {
    const { config } = context;
    if (context.closed || !config) return false;
    if (config.offline === true) return false;
    if (config.offline === false && connectivity) return connectivity.isOnline();
    return true;
  };

  /** Final outcome for entries: removed from the queue and the store, callers, listeners and other tabs told. */
  const finish = (finished: QueuedEvent[], outcome: Outcome): void => {
    const ids: string[] = [];
    for (const entry of finished) {
      if (!finishEvent(queue, entry)) continue;
      ids.push(entry.record.id);
      reporter.finished(entry, outcome);
    }
    if (!ids.length) return;
    writer.remove(ids);
    reporter.publish(ids, outcome);
  };

  /** Past `maxStoredEvents`, the oldest waiting events make room (counted as store_full). */
  const makeRoom = (): void => {
    const { maxStoredEvents } = context.config;
    const victims = overflow(queue.values(), queue.size, maxStoredEvents);
    if (!victims.length) return;
    context.logger.warn(
      `Event store full (maxStoredEvents ${maxStoredEvents}): dropped the ${victims.length} oldest event(s)`,
    );
    finish(victims, { code: 0, message: 'Dropped: the event store is full', reason: DropReason.STORE_FULL });
  };

  const writer = createStoreWriter(context, store, {
    onWritten: () => scheduler.scheduleNext(),
    // A hidden page may be frozen or killed without pagehide; a closed engine hands its events over.
    atOnce: () => context.closed || (!!lifecycle && lifecycle.isHidden()),
  });

  const uploader = createUploader(context, queue, reporter, finish);
  const tabs = createTabLink(context, {
    queue,
    store,
    writer,
    reporter,
    channel,
    sentNote: environment.sentNote,
    outlivesPage: environment.outlivesPage,
    isOnline: () => !connectivity || connectivity.isOnline(),
    readopt: () => {
      adopted = false;
      scheduler.scheduleAt(clock.now());
    },
  });

  /** The transport `choice` names, gzipping where the endpoint takes it unless the config says. */
  const transportFor = (choice: TransportType | TransportConfig): Transport => {
    const explicit = context.config.enableRequestBodyCompression;
    const compress = explicit !== undefined ? explicit : isDefaultEndpoint(context.url);
    return environment.createTransport({ transport: choice, compress });
  };

  /** Takes events found in the store (earlier page lives, other tabs' leftovers) into this page's queue. */
  const adoptStored = async (): Promise<void> => {
    adopted = true;
    const records = await store.getAll();
    const tooOld = adoptRecords(queue, records, clock.epoch(), tabs.leftOutOfAdoption(records));
    if (tooOld.length) finish(tooOld, { code: 0, message: 'Dropped: older than 7 days', reason: DropReason.TOO_OLD });
    makeRoom();
  };

  /** One upload session under the cross-tab lock: batches go until none is due or one fails. */
  const runSession = async (force: boolean): Promise<void> => {
    if (!canSend()) return;
    await lock.run(async () => {
      // The wait for the lock may outlast this page's engine (teardown) or the network.
      if (!canSend()) return;
      try {
        if (!adopted) await adoptStored();
        for (;;) {
          if (!canSend()) return;
          const batch = pickBatch(queue.values(), context.config, clock.now(), force);
          if (!batch.length) {
            // flush() also sends what is still being written: wait for the writes, then go on.
            if (!force || !writer.writing()) return;
            await writer.settle();
            continue;
          }
          const confirmed = await tabs.confirmStillStored(batch);
          if (confirmed.length && !(await uploader.upload(confirmed))) return;
        }
      } finally {
        // Removals reach the store before another tab may look at it.
        await writer.settle();
      }
    });
  };

  const scheduler = createFlushScheduler(context, runSession, () =>
    canSend() ? wakeTime(queue.values(), context.config, clock.now()) : Infinity,
  );

  const flushOnExit = createExitSender(context, {
    queue,
    exitTransport: environment.exitTransport,
    reporter,
    finish,
    uploader,
    answered: () => scheduler.scheduleNext(),
  });

  /** The page may be going away: unwritten events go by the exit transport, and to the store now. */
  const onHidden = (): void => {
    flushOnExit();
    void writer.settle();
  };

  /** Sends on exit once this task's events are in (an event tracked while hidden: web vitals on hide). */
  const sendOnExitSoon = (): void => {
    if (exitScheduled) return;
    exitScheduled = true;
    queueMicrotask(() => {
      exitScheduled = false;
      flushOnExit();
    });
  };

  const accept = (event: Event): Promise<Result> =>
    new Promise<Result>((resolve) => {
      const id = event.insert_id as string;
      const earlier = queue.get(id);
      if (earlier) {
        // The server keeps one event per insert_id and the store one record: the first one stands.
        context.logger.warn(
          `An event with insert_id "${id}" is already waiting; this one is not sent and settles with its outcome`,
        );
        reporter.awaitAnswer(earlier, resolve);
        return;
      }
      const entry = addEvent(queue, { id, event, attempts: 0 }, clock.now());
      reporter.awaitAnswer(entry, resolve);
      writer.write(entry);
      makeRoom();
      // No scheduling here: the write's completion schedules the send (O(1) per event in a burst).
      if (lifecycle && lifecycle.isHidden()) sendOnExitSoon();
      // Accepted after teardown (stored by the write above, for the next engine): it will not be sent from here.
      if (context.closed) reporter.answer(entry, ResultCode.SKIPPED, HANDED_OVER);
    });

  const onOnline = (): void => {
    // The retry budget is per stretch of connectivity: a returning network earns a fresh one.
    restartRetries(queue);
    void scheduler.flush(true);
  };

  const setup = (config: Config): void => {
    context.config = config;
    context.logger = config.loggerProvider;
    context.url = endpointFor(config);
    context.transport = transportFor(config.transport);
    if (connectivity) unsubscribers.push(connectivity.subscribe((online) => online && onOnline()));
    if (lifecycle)
      unsubscribers.push(lifecycle.subscribe({ onHidden, onVisible: () => undefined, onLeave: tabs.leave }));
    if (channel) unsubscribers.push(channel.subscribe({ outcome: tabs.onSharedOutcome, left: tabs.onPageGone }));
    // Events left by earlier page lives (or a crashed tab) go out without waiting for a new one.
    scheduler.scheduleAt(clock.now());
  };

  /**
   * Answers the callers of events this closed engine will not send (they stay stored; not counted):
   * all but those of the upload still out, which answers for its own (`all`: that upload landed).
   */
  const handOver = (all: boolean): void => {
    for (const entry of queue.values()) {
      if (all || !isUploading(entry)) {
        reporter.answer(entry, ResultCode.SKIPPED, entry.memoryOnly ? LOST_AT_TEARDOWN : HANDED_OVER);
      }
    }
  };

  /** Releases what this engine holds of its platform: the lock's wait, the channel. */
  const release = (): void => {
    if (lock.close) lock.close();
    if (channel && channel.close) channel.close();
  };

  const teardown = (): void => {
    context.closed = true;
    // Events waiting for the write window are stored now, for the next engine on this store.
    void writer.settle();
    const session = scheduler.stop();
    unsubscribers.splice(0).forEach((unsubscribe) => unsubscribe());
    // Every `{ promise }` settles: the events are handed over now; an upload still out answers for
    // its own events when it lands (and tells the other tabs), and whatever it leaves unsent is
    // handed over then. A page-exit request's answer is not read any more (the next engine may have
    // taken its events from the store meanwhile): its events are handed over too.
    handOver(!session);
    if (!session) return release();
    void session.then(() => {
      handOver(true);
      release();
    });
  };

  return {
    name: DELIVERY_PLUGIN_NAME,
    type: 'destination',
    setup,
    execute: accept,
    flush: () => scheduler.flush(true),
    teardown,
    setTransport: (choice) => {
      if (!context.config) return;
      context.config.transport = choice;
      context.transport = transportFor(choice);
    },
    setOffline: (offline) => {
      if (!context.config) return;
      context.config.offline = offline;
      if (canSend()) void scheduler.flush(true);
    },
    flushOnExit,
    getDeliveryStats: () => reporter.stats(queue.size),
    onDelivery: reporter.onDelivery,
    countDropped: reporter.countDropped,
  };
};
