// The insert_id dedupe set: in memory for speed, appended to a file so that a restart with
// the same data folder still recognises what it already ingested. Entries older than the
// window are forgotten (and compacted away on load).
import { appendFileSync, existsSync, readFileSync, writeFileSync } from 'node:fs';

/**
 * Parses the persisted lines (`[receivedAtMs, insertId]` as JSON), skipping damaged ones and
 * anything outside the window. Pure.
 * @param {{ text: string, now: number, windowMs: number }} input
 * @returns {Map<string, number>} insert_id → received at (ms)
 */
export const parseInsertIdLines = ({ text, now, windowMs }) => {
  const seen = new Map();
  for (const line of text.split('\n')) {
    if (!line.trim()) continue;
    try {
      const entry = JSON.parse(line);
      if (!Array.isArray(entry) || typeof entry[0] !== 'number' || typeof entry[1] !== 'string') continue;
      if (now - entry[0] < windowMs) seen.set(entry[1], entry[0]);
    } catch {
      // A torn last line (crash mid-write) must not cost the rest of the set.
    }
  }
  return seen;
};

/** @param {Map<string, number>} seen */
const linesOf = (seen) => [...seen].map(([id, at]) => `${JSON.stringify([at, id])}\n`).join('');

/**
 * @param {{ file: string, windowMs: number, now?: () => number, log?: (message: string) => void }} options
 */
export const createInsertIdRegistry = ({ file, windowMs, now = Date.now, log = () => {} }) => {
  /** @type {Map<string, number>} */
  let seen = new Map();
  try {
    if (existsSync(file)) {
      seen = parseInsertIdLines({ text: readFileSync(file, 'utf8'), now: now(), windowMs });
      writeFileSync(file, linesOf(seen));
    }
  } catch (error) {
    log(`could not load the insert_id set from ${file}: ${error}`);
  }

  return {
    /** @param {string} id */
    has(id) {
      const at = seen.get(id);
      if (at === undefined) return false;
      if (now() - at < windowMs) return true;
      seen.delete(id);
      return false;
    },
    /** @param {string[]} ids */
    add(ids) {
      if (!ids.length) return;
      const at = now();
      for (const id of ids) seen.set(id, at);
      try {
        appendFileSync(file, ids.map((id) => `${JSON.stringify([at, id])}\n`).join(''));
      } catch (error) {
        log(`could not persist insert_ids to ${file}: ${error}`);
      }
    },
    clear() {
      seen = new Map();
      try {
        writeFileSync(file, '');
      } catch (error) {
        log(`could not clear ${file}: ${error}`);
      }
    },
    get size() {
      return seen.size;
    },
  };
};
