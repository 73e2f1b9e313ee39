import type { EventStore, UploadRequest } from '../types.js';
import type { DeliveryContext } from './delivery-context.js';
import type { DeliveryReporter } from './delivery-reporter.js';
import type { OutcomeChannel, SentNote, SharedOutcome } from './environment.js';
import { onTheWireElsewhere, settleEventElsewhere, type EventQueue } from './event-queue.js';
import { isOnTheWire, type QueuedEvent } from './event-state.js';
import { isAdoptable } from './queue-policy.js';
import type { StoreWriter } from './store-writer.js';

const SENT_BY_ANOTHER_TAB = 'Sent by another tab of this site';
const SENT_BY_A_PAGE_GONE = 'Sent by a page of this site that went away before reading the answer';

export interface TabLinkParts {
  queue: EventQueue;
  store: EventStore;
  writer: StoreWriter;
  reporter: DeliveryReporter;
  channel?: OutcomeChannel;
  sentNote?: SentNote;
  outlivesPage?(request: UploadRequest): boolean;
  isOnline(): boolean;
  /** Another page went away: look into the store again, soon. */
  readopt(): void;
}

/**
 * What the pages of a site tell each other, and what this page makes of it: outcomes another tab
 * had (those events settle here unsent), the store check before each batch, and a page going away.
 * That page notes what it sent in requests that outlive it, so no later page life sends those
 * again, and tells the tabs that stay, which take its stored events over at once.
 */
export const createTabLink = (context: DeliveryContext, parts: TabLinkParts) => {
  const { queue, store, writer, reporter, channel, sentNote } = parts;
  /** Events pages that left had on the wire with no note: not sent again in this page life. */
  const onTheWireOfPagesGone = new Set<string>();

  /** Another tab answered for these events: settled here without counting or touching the store. */
  const settleElsewhere = (settled: QueuedEvent[], outcome: SharedOutcome): void => {
    for (const entry of settled)
      if (settleEventElsewhere(queue, entry)) reporter.answer(entry, outcome.code, outcome.message);
  };

  const onSharedOutcome = (outcome: SharedOutcome): void => {
    const known = outcome.ids.map((id) => queue.get(id)).filter((entry): entry is QueuedEvent => !!entry);
    settleElsewhere(known, outcome);
  };

  /** Of `ids`, those a page that went away noted as sent: their records leave the store (unsent), then the note. */
  const takeNoted = (ids: string[]): string[] => {
    if (!sentNote || !ids.length) return [];
    const noted = sentNote.noted(ids);
    if (!noted.length) return noted;
    writer.remove(noted);
    void writer.settle().then(() => sentNote.forget(noted));
    return noted;
  };

  /** Stored records this page does not take in: on the wire of a page gone, or noted as sent by one. */
  const leftOutOfAdoption = (records: readonly unknown[]): Set<string> => {
    const ids = records.filter(isAdoptable).map((record) => record.id);
    const left = new Set(takeNoted(ids));
    onTheWireOfPagesGone.forEach((id) => left.add(id));
    return left;
  };

  /** Another tab may have sent some of these since this page last looked: drop those here. */
  const confirmStillStored = async (batch: QueuedEvent[]): Promise<QueuedEvent[]> => {
    let stillStored = batch;
    if (store.existing) {
      const present = new Set(await store.existing(batch.map((entry) => entry.record.id)));
      // An entry whose write failed was never in the store: its absence says nothing.
      stillStored = batch.filter((entry) => entry.memoryOnly || present.has(entry.record.id));
      const gone = batch.filter((entry) => stillStored.indexOf(entry) < 0);
      if (gone.length) settleElsewhere(gone, { ids: [], code: 200, message: SENT_BY_ANOTHER_TAB });
    }
    const noted = new Set(takeNoted(stillStored.map((entry) => entry.record.id)));
    if (!noted.size) return stillStored;
    const sent = stillStored.filter((entry) => noted.has(entry.record.id));
    settleElsewhere(sent, { ids: [], code: 200, message: SENT_BY_A_PAGE_GONE });
    return stillStored.filter((entry) => !noted.has(entry.record.id));
  };

  /**
   * While the server answers uploads, what left in a request that outlives the page (keepalive,
   * beacon) is taken as delivered: noted, so the next page life does not send it again. While
   * uploads fail (or the browser is offline) nothing is noted: the next page life sends it once more.
   */
  const noteSent = (): void => {
    if (!sentNote) return;
    // Finished (answered) events whose records are still being removed: no doubt about those.
    const ids = writer.removalsPending();
    if (context.serverAnswering && parts.isOnline()) noteOutliving(ids);
    if (ids.length) sentNote.add(ids);
  };

  const noteOutliving = (ids: string[]): void => {
    context.requests.forEach((entries, request) => {
      if (!parts.outlivesPage || !parts.outlivesPage(request)) return;
      for (const entry of entries) if (entry.state === 'in-flight') ids.push(entry.record.id);
    });
    queue.forEach((entry) => entry.state === 'handed-off' && ids.push(entry.record.id));
  };

  /** This page is going away (pagehide): the note, then the other tabs take its stored events over. */
  const leave = (): void => {
    noteSent();
    if (!channel || !channel.leave) return;
    const onTheWire: string[] = [];
    queue.forEach((entry) => isOnTheWire(entry) && onTheWire.push(entry.record.id));
    channel.leave(onTheWire);
  };

  /**
   * Another page of the site went away: its stored events are this page's to send now (a closed tab
   * must not leave them waiting for a new page load), except those it had on the wire and did not
   * note, whose outcome nobody here can know (they go once more on the next page load).
   */
  const onPageGone = (onTheWire: string[]): void => {
    const noted = new Set(takeNoted(onTheWire));
    const sent: QueuedEvent[] = [];
    const unknown: QueuedEvent[] = [];
    for (const id of onTheWire) {
      if (!noted.has(id)) onTheWireOfPagesGone.add(id);
      const entry = queue.get(id);
      if (entry) (noted.has(id) ? sent : unknown).push(entry);
    }
    settleElsewhere(sent, { ids: [], code: 200, message: SENT_BY_A_PAGE_GONE });
    onTheWireElsewhere(unknown);
    parts.readopt();
  };

  return { settleElsewhere, onSharedOutcome, confirmStillStored, leftOutOfAdoption, leave, onPageGone };
};
