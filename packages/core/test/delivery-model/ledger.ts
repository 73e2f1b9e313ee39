import {
  byteLength,
  DropReason,
  MAX_EVENT_AGE_MS,
  type DeliveryReport,
  type Event,
  type Result,
} from '../delivery-internals.js';
import type { harness, lifecycle } from '../delivery-harness.js';
import type { Verdict } from './scripted-server.js';

/** Browsers refuse beacon / keepalive bodies from 64 KB on. */
export const EXIT_BODY_LIMIT = 64 * 1024;
export const START = 1_800_000_000_000;

// ------------------------------------------------------------------ the ledger (the model)

/** What the ledger knows about one tracked event. */
export interface Fate {
  event: Event;
  order: number;
  permitted: Set<DropReason>;
  reports: DeliveryReport[];
  acknowledged: boolean;
  writeFailed: boolean;
  /** Its write failed and its page went away before delivering it: nothing could have kept it. */
  lostWithPage: boolean;
  /** The upload session that last sent it. */
  lastSession: Session;
  /**
   * A retry may not go out before this time on page `waitPage`, unless the app forced a flush since that session began.
   */
  notBefore: number;
  waitPage: number;
  /** The wait was the server's; `waitAnswer` numbers the answer that set it (a later 200 ends a backoff). */
  serverWait: boolean;
  waitAnswer: number;
  /** The stretch of connectivity the wait began in (a returning network ends every wait). */
  waitEpoch: number;
  /** The page that handed it to a beacon (no answer): it must not send it again. */
  handedOffOn: number;
  /** The page that noted it as sent as it went away (its request outlived it): no page sends it again. */
  notedBy: number;
  /** Retryable failures per page life and stretch of connectivity. */
  failures: Map<string, number>;
}

/** One upload session of an engine: from asking for the flush lock to giving it back. */
export interface Session {
  id: number;
  askedAt: number;
}

export interface Page {
  index: number;
  h: ReturnType<typeof harness>;
  screen: ReturnType<typeof lifecycle>;
  /** Events this page life tracked or found in the store. */
  known: Set<string>;
  forcedAt: number;
  timersArmed: number;
}

export interface Settings {
  flushQueueSize: number;
  flushIntervalMillis: number;
  flushMaxRetries: number;
  maxStoredEvents: number;
}

export const createLedger = (settings: Settings) => {
  const violations: string[] = [];
  const fates = new Map<string, Fate>();
  const inFlight = new Map<number, { page: number; ids: string[]; kind: 'upload' | 'exit' }>();
  /** Answers numbered in arrival order; the last 200 each page heard. */
  let answers = 0;
  const lastAck = new Map<number, number>();
  /** Whether the last answer each page heard was a failure (no answer, 5xx, 408, 429). */
  const lastHeardFailed = new Map<number, boolean>();
  /** Halves of a split batch waiting for their turn, by page: still part of the upload in progress. */
  const held = new Map<string, number>();
  let requests = 0;
  let onlineEpoch = 0;
  let currentStep = '';

  const violation = (text: string): void => {
    if (violations.length < 20) violations.push(`[+${Date.now() - START} ms, ${currentStep}] ${text}`);
  };
  const newFate = (event: Event): Fate => ({
    event,
    order: fates.size,
    permitted: new Set(),
    reports: [],
    acknowledged: false,
    writeFailed: false,
    lostWithPage: false,
    lastSession: { id: -1, askedAt: -Infinity },
    notBefore: 0,
    waitPage: -1,
    serverWait: false,
    waitAnswer: 0,
    waitEpoch: 0,
    handedOffOn: -1,
    notedBy: -1,
    failures: new Map(),
  });
  /** Never throws: the engine would swallow an exception from its transport, store or listener. */
  const fateOf = (id: string): Fate => {
    const fate = fates.get(id);
    if (fate) return fate;
    violation(`1: the engine handled ${id}, which nobody tracked`);
    const stray = newFate({ event_type: 'unknown', insert_id: id });
    fates.set(id, stray);
    return stray;
  };
  const isFinal = (fate: Fate) => fate.reports.length > 0;
  const inFlightOn = (page: number, id: string) =>
    held.get(id) === page ||
    [...inFlight.values()].some((request) => request.page === page && request.ids.includes(id));

  const onTrack = (page: Page, event: Event): void => {
    const id = event.insert_id as string;
    page.known.add(id);
    fates.set(id, newFate(event));
  };

  /** A request leaves the engine (an upload, or one on page exit): invariants 3 and 4, and the retry rules. */
  const onRequest = (page: Page, events: Event[], session: Session, kind: 'upload' | 'exit'): number => {
    const now = Date.now();
    const ids = events.map((event) => event.insert_id as string);
    if (kind === 'upload' && events.length > settings.flushQueueSize)
      violation(`4: a batch of ${events.length} events exceeds flushQueueSize ${settings.flushQueueSize}`);
    if (new Set(ids).size !== ids.length) violation(`3: one request carries an insert_id twice: ${ids.join(',')}`);
    for (const id of ids) {
      const fate = fateOf(id);
      if (isFinal(fate)) violation(`3: ${id} sent (${kind}) after its final outcome (${fate.reports[0].outcome})`);
      // A page that went away may still have it on the wire: the next page life cannot know, and resends it once.
      if ([...inFlight.values()].some((request) => request.page === page.index && request.ids.includes(id)))
        violation(`3: ${id} sent (${kind}) while already in flight`);
      if (fate.notedBy >= 0 && fate.notedBy !== page.index)
        violation(`3: ${id} sent (${kind}) by page ${page.index}, though page ${fate.notedBy} noted it as sent`);
      if (fate.handedOffOn === page.index)
        violation(`3: ${id} sent (${kind}) again after its page handed it to a beacon`);
      // Within one session it is the same upload (the rest of a 400, halves of a 413). flush(), setOffline() and a
      // returning network may skip the wait, once: in the session that follows the one they met. A 200 ends a backoff.
      const sameUpload = kind === 'upload' && session.id === fate.lastSession.id;
      const forced = kind === 'upload' && page.forcedAt >= fate.lastSession.askedAt;
      const waived =
        (!fate.serverWait && (lastAck.get(page.index) || 0) > fate.waitAnswer) || onlineEpoch > fate.waitEpoch;
      if (fate.waitPage === page.index && now < fate.notBefore && !sameUpload && !forced && !waived) {
        violation(`6: ${id} retried (${kind}) ${fate.notBefore - now} ms before its backoff / Retry-After allowed`);
      }
      if (kind === 'upload') fate.lastSession = session;
      held.delete(id);
    }
    inFlight.set(++requests, { page: page.index, ids, kind });
    return requests;
  };

  /** A page going away noted these as sent: only while its uploads were answered and the network was up. */
  const onNoted = (page: Page, ids: readonly string[], online: boolean): void => {
    // An event with a final outcome may always be noted (its record was still being removed).
    const unsettled = ids.filter((id) => !isFinal(fateOf(id)));
    if (unsettled.length && (lastHeardFailed.get(page.index) || !online))
      violation(
        `3: page ${page.index} noted ${unsettled[0]} as sent while ${online ? 'its last upload failed' : 'offline'}`,
      );
    for (const id of unsettled) fateOf(id).notedBy = page.index;
  };

  /** A beacon took these: no answer will come, and their page must not send them again. */
  const onHandedOff = (page: Page, events: Event[]): void => {
    for (const event of events) fateOf(event.insert_id as string).handedOffOn = page.index;
  };

  /** The server answered a request; `heard`: the page read that answer (it did not go away first, nor use a beacon). */
  const onAnswer = (page: Page, request: number, events: Event[], verdict: Verdict, heard = true): void => {
    const kind = inFlight.get(request)?.kind;
    inFlight.delete(request);
    if (heard) lastHeardFailed.set(page.index, verdict.failures.size > 0);
    const answer = ++answers;
    if (verdict.acknowledged) lastAck.set(page.index, answer);
    // A page-exit request's answer leaves what the server asks for again waiting for a session (not held).
    if (kind === 'upload' && verdict.splits) events.forEach((event) => held.set(event.insert_id as string, page.index));
    // A failure ends the session: halves still waiting are not sent now.
    if (kind === 'upload' && verdict.failures.size)
      held.forEach((holder, id) => holder === page.index && held.delete(id));
    const now = Date.now();
    events.forEach((event, index) => {
      const fate = fateOf(event.insert_id as string);
      if (verdict.acknowledged) fate.acknowledged = true;
      const reason = verdict.permits.get(index);
      if (reason) fate.permitted.add(reason);
      const wait = verdict.failures.get(index);
      if (wait === undefined) return;
      fate.notBefore = now + wait.ms;
      fate.serverWait = wait.server;
      fate.waitAnswer = answer;
      fate.waitEpoch = onlineEpoch;
      fate.waitPage = page.index;
      const budget = `${page.index}:${onlineEpoch}`;
      const failures = (fate.failures.get(budget) || 0) + 1;
      fate.failures.set(budget, failures);
      if (failures > settings.flushMaxRetries)
        violation(
          `6: ${event.insert_id} failed ${failures} times in one page life, flushMaxRetries ` +
            `${settings.flushMaxRetries}`,
        );
    });
  };

  /** Page-exit chunks stay under the keepalive limit (what else applies to a request, onRequest checks). */
  const onExitRequest = (body: string): void => {
    const events = JSON.parse(body).events as Event[];
    const bytes = byteLength(body);
    if (bytes >= EXIT_BODY_LIMIT && events.length > 1)
      violation(`4: an exit chunk of ${events.length} events is ${bytes} bytes (limit 64 KB)`);
  };

  /** The engine's final word on an event (invariants 1 and 3). */
  const onReport = (page: Page, report: DeliveryReport): void => {
    const id = report.event.insert_id as string;
    const fate = fateOf(id);
    fate.reports.push(report);
    if (fate.reports.length > 1)
      violation(
        `1: ${id} has ${fate.reports.length} final outcomes: ` +
          `${fate.reports.map((r) => r.reason || r.outcome).join(', ')}`,
      );
    if (report.outcome === 'sent') {
      if (!fate.acknowledged) violation(`1: ${id} reported sent, but the server never answered 200 for it`);
      return;
    }
    const reason = report.reason as DropReason;
    if (reason === DropReason.STORE_FULL) return checkStoreFull(page, id, fate);
    if (reason === DropReason.TOO_OLD) {
      const age = Date.now() - (fate.event.time as number);
      if (!(age > MAX_EVENT_AGE_MS)) violation(`1: ${id} dropped as too_old at age ${age} ms`);
      return;
    }
    if (!fate.permitted.has(reason))
      violation(
        `1: ${id} dropped as ${reason}, but no server answer allowed that (allowed: ` +
          `${[...fate.permitted].join(',') || 'none'})`,
      );
  };

  /** store_full: only past maxStoredEvents, and oldest first (events in flight excepted). */
  const checkStoreFull = (page: Page, id: string, fate: Fate): void => {
    const pending = page.h.plugin.getDeliveryStats().pending;
    if (pending < settings.maxStoredEvents)
      violation(`1: ${id} dropped as store_full with ${pending} pending (max ${settings.maxStoredEvents})`);
    const older = [...page.known].filter((other) => {
      const candidate = fateOf(other);
      return (
        candidate.order < fate.order &&
        !isFinal(candidate) &&
        !candidate.lostWithPage &&
        candidate.notedBy < 0 &&
        !inFlightOn(page.index, other)
      );
    });
    if (older.length)
      violation(`1: ${id} dropped as store_full while ${older.length} older event(s) stay, e.g. ${older[0]}`);
  };

  const onResult = (id: string, result: Result): void => {
    if (result.code === 200 && !fateOf(id).acknowledged)
      violation(`1: track() for ${id} resolved 200 (${result.message}), but the server never acknowledged it`);
  };

  /** Only a final outcome, or a page's note that it went out in a request outliving that page, removes a record. */
  const onRemove = (ids: string[]): void => {
    for (const id of ids) {
      const fate = fateOf(id);
      if (!isFinal(fate) && fate.notedBy < 0) violation(`1: ${id} removed from the store without a final outcome`);
    }
  };

  const onWriteFailed = (ids: string[]): void => ids.forEach((id) => (fateOf(id).writeFailed = true));

  const onTeardown = (page: Page, stored: Set<string>): void => {
    for (const id of page.known) {
      const fate = fateOf(id);
      if (!isFinal(fate) && fate.writeFailed && !stored.has(id)) fate.lostWithPage = true;
    }
  };

  return {
    violations,
    fates,
    violation,
    onTrack,
    onRequest,
    onAnswer,
    onExitRequest,
    onHandedOff,
    onNoted,
    onReport,
    onResult,
    onRemove,
    onWriteFailed,
    onTeardown,
    onOnline: () => onlineEpoch++,
    hasInFlight: () => inFlight.size > 0,
    handedOffOn: (page: number) => [...fates.values()].some((fate) => fate.handedOffOn === page && !isFinal(fate)),
    setStep: (step: string) => (currentStep = step),
  };
};
export type Ledger = ReturnType<typeof createLedger>;
