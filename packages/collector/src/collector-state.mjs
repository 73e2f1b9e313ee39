// What the collector remembers: accepted events, ingestion requests, counters, the dedupe
// set, scripted faults, the down switch, and who is waiting for events.
import { join } from 'node:path';
import { DEDUPE_WINDOW_MS, FIELD, INSERT_IDS_FILE, STREAM_EVENT } from './constants.mjs';
import { createEventLog } from './event-log.mjs';
import { createFaultScript } from './fault-script.mjs';
import { createInsertIdRegistry } from './insert-id-registry.mjs';

/**
 * @typedef {{ method: string, path: string, headers: import('node:http').IncomingHttpHeaders, body: Buffer,
 *   rawBody: Buffer, bodyText: string, status: number, time: number }} RecordedRequest
 * @typedef {{ requests: number, accepted: number, duplicates: number, rejected: number }} Stats
 */

/** "200×3, 500×2" — what the requests were answered, for timeout messages. Pure. @param {RecordedRequest[]} requests */
export const describeStatuses = (requests) => {
  const counts = new Map();
  for (const request of requests) counts.set(request.status, (counts.get(request.status) || 0) + 1);
  return [...counts].map(([status, count]) => `${status === 0 ? 'no answer' : status}×${count}`).join(', ') || 'none';
};

/**
 * @param {{ dataDir: string, stream: ReturnType<typeof import('./event-stream.mjs').createEventStream>, log: (message:
 * string) => void }} options
 */
export const createCollectorState = ({ dataDir, stream, log }) => {
  const seen = createInsertIdRegistry({ file: join(dataDir, INSERT_IDS_FILE), windowMs: DEDUPE_WINDOW_MS, log });
  const eventLog = createEventLog({ dataDir, log });
  const faults = createFaultScript();
  /** @type {Record<string, unknown>[]} */
  let events = [];
  /** @type {RecordedRequest[]} */
  let requests = [];
  /** @type {Stats} */
  let stats = { requests: 0, accepted: 0, duplicates: 0, rejected: 0 };
  let down = false;
  /**
   * @type {{ count: number, resolve: (events: Record<string, unknown>[]) => void, reject: (error: Error) => void,
   * timer: NodeJS.Timeout }[]}
   */
  let waiters = [];

  const settleWaiters = () => {
    waiters = waiters.filter((waiter) => {
      if (events.length < waiter.count) return true;
      clearTimeout(waiter.timer);
      waiter.resolve(events.slice());
      return false;
    });
  };

  return {
    faults,
    get down() {
      return down;
    },
    /** @param {boolean} value */
    setDown(value) {
      down = Boolean(value);
    },
    events: () => events.slice(),
    requests: () => requests.slice(),
    stats: () => ({ ...stats }),

    /** @param {RecordedRequest} request */
    recordRequest(request) {
      requests.push(request);
      stats.requests += 1;
    },

    /** Events refused by a non-200 answer. @param {number} count */
    reject(count) {
      stats.rejected += count;
      stream.broadcast(STREAM_EVENT.stats, { stats: { ...stats } });
    },

    /**
     * Stores the new events (write-ahead: before the 200 goes out) and silently drops the
     * insert_ids already seen in the window, including repeats inside this request.
     * @param {{ events: Record<string, unknown>[], now: number }} input
     * @returns {{ stored: number, duplicates: number }}
     */
    accept({ events: incoming, now }) {
      const fresh = [];
      const freshIds = new Set();
      let duplicates = 0;
      for (const event of incoming) {
        const id = event[FIELD.insertId];
        if (typeof id === 'string' && id !== '') {
          if (freshIds.has(id) || seen.has(id)) {
            duplicates += 1;
            continue;
          }
          freshIds.add(id);
        }
        fresh.push(event);
      }
      seen.add([...freshIds]);
      eventLog.append({ events: fresh, now });
      events.push(...fresh);
      stats.accepted += fresh.length;
      stats.duplicates += duplicates;
      stream.broadcast(STREAM_EVENT.events, { events: fresh, stats: { ...stats } });
      settleWaiters();
      return { stored: fresh.length, duplicates };
    },

    /** Forget everything (including the persisted dedupe set); the NDJSON log is kept. */
    reset() {
      events = [];
      requests = [];
      stats = { requests: 0, accepted: 0, duplicates: 0, rejected: 0 };
      seen.clear();
      faults.clear();
      down = false;
      stream.broadcast(STREAM_EVENT.reset, { stats: { ...stats } });
    },

    /**
     * @param {number} count
     * @param {{ timeoutMs?: number }} [options]
     * @returns {Promise<Record<string, unknown>[]>}
     */
    waitForEvents(count, { timeoutMs = 10_000 } = {}) {
      if (events.length >= count) return Promise.resolve(events.slice());
      return new Promise((resolve, reject) => {
        const waiter = {
          count,
          resolve,
          reject,
          timer: setTimeout(() => {
            waiters = waiters.filter((other) => other !== waiter);
            reject(
              new Error(
                `waitForEvents: expected at least ${count} events within ${timeoutMs} ms, but ${events.length} ` +
                  `arrived ` +
                  `(${stats.requests} ingestion requests answered ${describeStatuses(requests)}; ` +
                  `${stats.duplicates} duplicates, ${stats.rejected} rejected)`,
              ),
            );
          }, timeoutMs),
        };
        waiters.push(waiter);
      });
    },

    /** Rejects whoever still waits: the collector is closing. */
    close() {
      for (const waiter of waiters) {
        clearTimeout(waiter.timer);
        waiter.reject(new Error(`waitForEvents: the collector closed with ${events.length} of ${waiter.count} events`));
      }
      waiters = [];
    },
  };
};
