// Accepted events as NDJSON, one file per UTC day, one line per event exactly as sent.
import { appendFileSync } from 'node:fs';
import { join } from 'node:path';
import { EVENTS_FILE_PREFIX, EVENTS_FILE_SUFFIX } from './constants.mjs';

/** @param {number} time ms epoch */
export const eventsFileName = (time) =>
  `${EVENTS_FILE_PREFIX}${new Date(time).toISOString().slice(0, 10)}${EVENTS_FILE_SUFFIX}`;

/**
 * @param {{ dataDir: string, log?: (message: string) => void }} options
 */
export const createEventLog = ({ dataDir, log = () => {} }) => ({
  /** @param {{ events: unknown[], now: number }} input */
  append({ events, now }) {
    if (!events.length) return;
    const file = join(dataDir, eventsFileName(now));
    try {
      // One write per request: a request's events land together, in arrival order.
      appendFileSync(file, events.map((event) => `${JSON.stringify(event)}\n`).join(''));
    } catch (error) {
      log(`could not append to ${file}: ${error}`);
    }
  },
});
