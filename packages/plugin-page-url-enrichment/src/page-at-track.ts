/**
 * Which page each event was tracked on, from the tracking call (`capture`) to the pipeline
 * (`execute`). Events reach the pipeline in the order they were tracked, so a queue is enough:
 * nothing is written on the event (it would travel with it) and no per-event map entry is made
 * (a WeakMap entry costs about as much as the rest of the tracking call). An event that never
 * reaches the plugin (dropped by an earlier one) is passed over by the next one found. At most
 * `max` are held: beyond that, events go without (and are reported with the page at `execute`,
 * which is the same page unless the app navigated in between).
 */
import type { Event } from '@sightline/core';
import type { PageAtTrack } from '@sightline/dom';

/** Events between the tracking call and the pipeline are few; a longer burst loses only its snapshots. */
export const MAX_PAGES_AT_TRACK = 1000;

export interface PageAtTrackQueue {
  note(event: Event, page: PageAtTrack): void;
  /** The page `event` was noted with (forgetting it and every event noted before it), or undefined. */
  take(event: Event): PageAtTrack | undefined;
  clear(): void;
}

export const pageAtTrackQueue = (max = MAX_PAGES_AT_TRACK): PageAtTrackQueue => {
  /** event, page, event, page, … from `head` on; slots before it are cleared, so nothing is retained. */
  let entries: Array<Event | PageAtTrack | undefined> = [];
  let head = 0;
  const full = () => entries.length - head >= 2 * max;
  const clear = () => {
    entries = [];
    head = 0;
  };
  return {
    note(event, page) {
      if (!full()) entries.push(event, page);
    },
    take(event) {
      for (let index = head; index < entries.length; index += 2) {
        if (entries[index] !== event) continue;
        const page = entries[index + 1] as PageAtTrack;
        // The events passed over were dropped on the way.
        for (let at = head; at <= index + 1; at++) entries[at] = undefined;
        head = index + 2;
        if (head === entries.length) clear();
        else if (head > 2 * max) {
          entries = entries.slice(head);
          head = 0;
        }
        return page;
      }
      // Not noted: a session event, or one that came while the queue was full. A full queue that
      // does not hold it holds events that will not come (dropped on the way): let them go.
      if (full()) clear();
      return undefined;
    },
    clear,
  };
};
