import { vi } from 'vitest';
import {
  byteLength,
  createInPageLock,
  type Clock,
  type Event,
  type ExitTransport,
  type FlushLock,
  type SentNote,
  type Transport,
} from '../delivery-internals.js';
import { harness, lifecycle } from '../delivery-harness.js';
import { createLedger, EXIT_BODY_LIMIT, type Page, type Session, type Settings } from './ledger.js';
import { createRandom, makeEvent } from './scenario-random.js';
import { createScriptedServer } from './scripted-server.js';
import { createNetwork, createObservedStore, settleMicrotasks } from './world.js';

const STEPS_PER_SEED = 60;
/** Timers the engine may arm during one wait in which it cannot send (a few for answers still arriving). */
const IDLE_TIMER_ALLOWANCE = 5;

// ------------------------------------------------------------------ one seed

export const coverage = {
  tracked: 0,
  reloads: 0,
  exitRequests: 0,
  exitAnswered: 0,
  handedOff: 0,
  /** Events a page noted as sent as it went away: delivered, or lost within the documented limit. */
  noted: 0,
  notedLost: 0,
  writeFailures: 0,
  lostWithPage: 0,
  outcomes: {} as Record<string, number>,
};

export const runSeed = async (seed: number) => {
  const random = createRandom(seed);
  const engineRandom = createRandom(seed ^ 0x5eed);
  const settings: Settings = {
    flushQueueSize: random.pick([1, 5, 10, 30]),
    flushIntervalMillis: random.pick([0, 100, 1000]),
    flushMaxRetries: random.pick([1, 2, 5]),
    maxStoredEvents: random.pick([25, 60, 20_000]),
  };
  const ledger = createLedger(settings);
  const server = createScriptedServer(random);
  const network = createNetwork();
  const store = createObservedStore(ledger, createRandom(seed ^ 0x5707e));
  // Web Locks outlive a page: the next page life waits for the last one's upload. The ledger notes when
  // each upload session asked for the lock (a flush() from then on may skip retry waits once).
  const sharedLock = createInPageLock();
  let sessions = 0;
  let session: Session = { id: 0, askedAt: 0 };
  const lock: FlushLock = {
    run: (task) => {
      const asked: Session = { id: ++sessions, askedAt: Date.now() };
      return sharedLock.run(() => {
        session = asked;
        return task();
      });
    },
  };
  const pages: Page[] = [];
  const steps: string[] = [];
  let offlineSetting: boolean | null = false;
  let nextId = 0;

  /** Invariant 5: a public method never throws, and its promise never rejects. */
  const call = <T>(what: string, run: () => T): T | undefined => {
    try {
      const value = run();
      if (value instanceof Promise) value.catch((error) => ledger.violation(`5: ${what}() rejected: ${String(error)}`));
      return value;
    } catch (error) {
      ledger.violation(`5: ${what}() threw: ${String(error)}`);
      return undefined;
    }
  };

  /** Requests that outlive their page (keepalive fetch, beacon), as the browser transports tell. */
  const outliving = new WeakSet<object>();
  const wireRandom = createRandom(seed ^ 0xa11ce);
  /** The note pages leave as they go, shared by every page life (localStorage in the browser). */
  const noteEntries = new Set<string>();
  const sentNoteFor = (page: Page): SentNote => ({
    add: (ids) => {
      ledger.onNoted(page, ids, network.isOnline());
      ids.forEach((id) => noteEntries.add(id));
    },
    noted: (ids) => ids.filter((id) => noteEntries.has(id)),
    forget: (ids) => ids.forEach((id) => noteEntries.delete(id)),
  });

  const transportFor = (page: Page): Transport => ({
    send: async (request) => {
      if (wireRandom.chance(0.7)) outliving.add(request);
      const events = JSON.parse(request.body).events as Event[];
      const id = ledger.onRequest(page, events, session, 'upload');
      const verdict = server.answer(events, byteLength(request.body));
      if (verdict.latencyMs) await new Promise((resolve) => setTimeout(resolve, verdict.latencyMs));
      ledger.onAnswer(page, id, events, verdict);
      if (verdict.answer instanceof Error) throw verdict.answer;
      return verdict.answer;
    },
  });

  /** Set while a page is going away (pagehide before a reload): its page-exit requests get no answer it can read. */
  let goingAway = false;

  /**
   * Keepalive fetch or beacon on page exit. Too large for keepalive: refused. While the page lives on,
   * mostly answered (a keepalive fetch), sometimes a beacon (no answer), rarely refused; a page going
   * away never reads its answers. The server answers each request that leaves, as it would.
   */
  const exitTransportFor = (page: Page): ExitTransport => ({
    send: (request) => {
      coverage.exitRequests++;
      ledger.onExitRequest(request.body);
      if (byteLength(request.body) >= EXIT_BODY_LIMIT) return Promise.reject(new TypeError('keepalive body too large'));
      const kind = goingAway
        ? random.weighted({ unanswered: 70, beacon: 30 })
        : random.weighted({ answered: 80, beacon: 15, refused: 5 });
      if (kind === 'refused') return Promise.reject(new TypeError('no page-exit transport took it'));
      outliving.add(request);
      const events = JSON.parse(request.body).events as Event[];
      const id = ledger.onRequest(page, events, session, 'exit');
      const verdict = server.answer(events, byteLength(request.body));
      if (kind !== 'answered') {
        ledger.onAnswer(page, id, events, verdict, false);
        if (kind === 'unanswered') return new Promise<never>(() => undefined);
        coverage.handedOff++;
        ledger.onHandedOff(page, events);
        return Promise.resolve(undefined);
      }
      coverage.exitAnswered++;
      return new Promise((resolve) => setTimeout(resolve, verdict.latencyMs)).then(() => {
        ledger.onAnswer(page, id, events, verdict);
        // A keepalive fetch reports a network failure as no answer (status 0), as the browser's does.
        return verdict.answer instanceof Error ? { status: 0, body: null } : verdict.answer;
      });
    },
  });

  const openPage = (): Page => {
    const page = {
      index: pages.length,
      screen: lifecycle(),
      known: new Set<string>(),
      forcedAt: -Infinity,
      timersArmed: 0,
    } as Page;
    const clock: Clock = {
      now: () => Date.now(),
      epoch: () => Date.now(),
      setTimeout: (callback, ms) => (page.timersArmed++, setTimeout(callback, ms)),
      clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
      random: engineRandom.next,
    };
    page.h = harness({
      store: store.forPage(page),
      options: { ...settings, offline: false },
      environment: {
        createTransport: () => transportFor(page),
        exitTransport: exitTransportFor(page),
        lock,
        connectivity: network.value,
        lifecycle: page.screen.value,
        clock,
        sentNote: sentNoteFor(page),
        outlivesPage: (request) => outliving.has(request),
      },
    });
    call('onDelivery', () => page.h.plugin.onDelivery((report) => ledger.onReport(page, report)));
    pages.push(page);
    return page;
  };

  let page = openPage();
  const cannotSend = () => offlineSetting === true || (offlineSetting === false && !network.isOnline());
  const force = () => (page.forcedAt = Date.now());

  const actions = {
    track: () => {
      const count = random.chance(0.2) ? random.int(20, 60) : random.int(1, 8);
      for (let n = 0; n < count; n++) {
        const event = makeEvent(random, `s${seed}-${nextId++}`);
        ledger.onTrack(page, event);
        const id = event.insert_id as string;
        call('track', () => page.h.track(event))?.then(
          (result) => ledger.onResult(id, result),
          () => undefined,
        );
      }
      return `track ${count}`;
    },
    wait: async () => {
      const ms = random.int(0, 1500);
      await waitAndWatch(ms);
      return `wait ${ms}`;
    },
    longWait: async () => {
      const ms = random.int(3000, 40_000);
      await waitAndWatch(ms);
      return `wait ${ms}`;
    },
    flush: () => (force(), call('flush', () => page.h.plugin.flush!()), 'flush()'),
    networkDown: () => (call('offline event', () => network.set(false)), 'network down'),
    networkUp: () => {
      // A returning network restarts the engine's retry budget and waits.
      if (!network.isOnline()) {
        ledger.onOnline();
        force();
      }
      call('online event', () => network.set(true));
      return 'network up';
    },
    setOffline: () => {
      offlineSetting = random.pick([true, false, false, null]);
      force();
      call('setOffline', () => page.h.plugin.setOffline(offlineSetting));
      return `setOffline(${offlineSetting})`;
    },
    hide: () => (call('pagehide', () => page.screen.hide()), 'hide'),
    show: () => (call('pageshow', () => page.screen.show()), 'show'),
    reload: async () => {
      const pagehide = random.chance(0.5);
      goingAway = true;
      if (pagehide) call('pagehide', () => page.screen.leave());
      goingAway = false;
      void call('teardown', () => page.h.plugin.teardown!());
      // Teardown writes what waits for the write window: what that write fails to store is lost with the page.
      await settleMicrotasks();
      ledger.onTeardown(page, new Set(store.memory.records.keys()));
      offlineSetting = false; // the new page starts from its init options
      page = openPage();
      coverage.reloads++;
      return pagehide ? 'pagehide + reload' : 'reload';
    },
    failNextWrite: () => (store.failNextWrite(), coverage.writeFailures++, 'next store write fails'),
    setTransport: () => (
      call('setTransport', () => page.h.plugin.setTransport(random.pick(['fetch', 'xhr'] as const))),
      'setTransport'
    ),
  };
  const weights: Record<keyof typeof actions, number> = {
    track: 28,
    wait: 20,
    longWait: 6,
    flush: 5,
    networkDown: 3,
    networkUp: 4,
    setOffline: 5,
    hide: 3,
    show: 3,
    reload: 3,
    failNextWrite: 1,
    setTransport: 1,
  };

  /**
   * Advances fake time; while the engine cannot send, it must not keep waking up (docs/architecture.md: cheap on the
   * main thread).
   */
  const waitAndWatch = async (ms: number): Promise<void> => {
    const idle = cannotSend();
    const before = page.timersArmed;
    await vi.advanceTimersByTimeAsync(ms);
    const armed = page.timersArmed - before;
    if (idle && armed > IDLE_TIMER_ALLOWANCE)
      ledger.violation(`6: the engine armed ${armed} timers in ${ms} ms while it could not send (polling)`);
  };

  for (let step = 0; step < STEPS_PER_SEED; step++) {
    const name = random.weighted(weights);
    ledger.setStep(`step ${step} ${name}`);
    steps.push(await actions[name]());
    await settleMicrotasks();
  }

  // The end: the server takes everything it can, the page is visible, the network returns.
  ledger.setStep('drain');
  steps.push('drain');
  server.turnHealthy();
  if (ledger.handedOffOn(page.index)) {
    // What this page handed to a beacon goes once more from the next page life only.
    void call('teardown', () => page.h.plugin.teardown!());
    await settleMicrotasks();
    ledger.onTeardown(page, new Set(store.memory.records.keys()));
    offlineSetting = false;
    page = openPage();
    steps.push('reload (beacon hand-offs)');
  }
  if (page.screen.value.isHidden()) call('pageshow', () => page.screen.show());
  force();
  if (offlineSetting !== false) call('setOffline', () => page.h.plugin.setOffline((offlineSetting = false)));
  // Answers to requests already out may still fail and use up a retry budget: let them land first.
  await vi.advanceTimersByTimeAsync(1000);
  force();
  call('offline event', () => network.set(false));
  ledger.onOnline();
  call('online event', () => network.set(true));
  const drained = () =>
    page.h.plugin.getDeliveryStats().pending === 0 && !ledger.hasInFlight() && store.memory.records.size === 0;
  for (let round = 0; round < 40 && !drained(); round++) await vi.advanceTimersByTimeAsync(15_000);

  // Invariant 1: every event has exactly one final outcome, and nothing stays stored.
  for (const [id, fate] of ledger.fates) {
    if (fate.lostWithPage && !fate.reports.length) {
      coverage.lostWithPage++;
      continue;
    }
    if (fate.notedBy >= 0 && !fate.reports.length) {
      // Taken as delivered by the next page life; lost only if the server failed that very request.
      coverage.noted++;
      if (!fate.acknowledged) coverage.notedLost++;
      continue;
    }
    if (!fate.reports.length) ledger.violation(`1: ${id} has no final outcome (silently missing)`);
  }
  if (store.memory.records.size)
    ledger.violation(
      `1: ${store.memory.records.size} event(s) still stored after the drain, e.g. ` +
        `${[...store.memory.records.keys()][0]}`,
    );
  if (page.h.plugin.getDeliveryStats().pending)
    ledger.violation(`1: ${page.h.plugin.getDeliveryStats().pending} event(s) still pending after the drain`);

  // Invariant 2: the delivery report counts exactly the outcomes the events had.
  const reported: Record<string, number> = {};
  for (const fate of ledger.fates.values()) {
    for (const report of fate.reports) reported[report.reason || 'sent'] = (reported[report.reason || 'sent'] || 0) + 1;
  }
  const counted: Record<string, number> = {};
  for (const { h } of pages) {
    const stats = h.plugin.getDeliveryStats();
    counted.sent = (counted.sent || 0) + stats.sent;
    for (const [reason, count] of Object.entries(stats.dropped))
      counted[reason] = (counted[reason] || 0) + (count || 0);
  }
  for (const key of new Set([...Object.keys(reported), ...Object.keys(counted)])) {
    if ((reported[key] || 0) !== (counted[key] || 0))
      ledger.violation(`2: delivery stats count ${counted[key] || 0} ${key}, the events say ${reported[key] || 0}`);
  }

  // Invariant 5: nothing failed inside the engine either.
  for (const { h } of pages) {
    for (const [message] of h.logger.error.mock.calls)
      if (/unexpectedly|listener threw/.test(String(message))) ledger.violation(`5: ${String(message)}`);
  }

  coverage.tracked += ledger.fates.size;
  for (const [key, count] of Object.entries(reported)) coverage.outcomes[key] = (coverage.outcomes[key] || 0) + count;
  return { violations: ledger.violations, settings, steps };
};
