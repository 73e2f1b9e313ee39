import type { ClientPlatform } from './client-platform.js';
import {
  consentMode,
  initialConsent,
  refusesStorage,
  CONSENT_HOLD_LIMIT,
  type ConsentMode,
  type ConsentState,
} from './consent-policy.js';
import type { DeliveryListener, DeliveryStats } from './delivery/delivery-report.js';
import { DropReason } from './delivery/response-policy.js';
import { getNavigator } from './global-scope.js';
import { PendingResult } from './pending-result.js';
import { tryOr } from './try-or.js';
import type { Config, Event, Logger, Result } from './types.js';

const DENIED = 'Dropped: consent denied';
const HOLD_FULL = `Dropped: consent pending, over ${CONSENT_HOLD_LIMIT} held`;

/**
 * Where a ready client's events go under consent: on to the pipeline, held in memory (consent
 * pending, or the plugins of a new mode still being set up), or dropped (denied). Drops are
 * counted here for the delivery report, and told to `onDrop` (the client's `onDelivery`
 * listeners): while consent holds or denies there is no delivery to do either.
 */
export const createConsentGate = (logger: () => Logger, send: (event: Event) => PendingResult) => {
  let mode: ConsentMode = 'full';
  /** Mode changes whose plugins are still being set up: events wait for them. */
  let switches = 0;
  const held: PendingResult[] = [];
  const dropped: { [reason: string]: number } = {};

  const drop = (item: PendingResult, reason: DropReason, message: string): void => {
    dropped[reason] = (dropped[reason] || 0) + 1;
    const result = { event: item.event, code: 0, message };
    item.settle(result);
    if (gate.onDrop) gate.onDrop({ ...result, outcome: 'dropped', reason });
  };

  const gate = {
    /** Told of every event consent drops, as a delivery report. */
    onDrop: undefined as DeliveryListener | undefined,
    get mode(): ConsentMode {
      return mode;
    },
    /** Sets the state and returns the mode it means; held events a denial rules out are discarded. */
    decide(next: ConsentState, config: Config): ConsentMode {
      mode = consentMode(next, config.cookieless);
      // Events held so far carry what the user has now refused: none goes out without full consent.
      if (refusesStorage(mode)) for (const item of held.splice(0)) drop(item, DropReason.CONSENT_DENIED, DENIED);
      return mode;
    },
    /**
     * The mode init starts in (the `consent` option, else Global Privacy Control, else granted); a
     * denial erases what an earlier visit stored.
     */
    start(config: Config, platform: ClientPlatform): ConsentMode {
      const gpc = tryOr(() => (getNavigator() as { globalPrivacyControl?: unknown }).globalPrivacyControl, 0);
      const state = initialConsent(config, gpc);
      if (state === 'denied' && !config.consent) logger().warn('Global Privacy Control: consent "denied"');
      const started = gate.decide(state, config);
      if (refusesStorage(started) && platform.eraseStorage) platform.eraseStorage(config);
      return started;
    },
    /** The message when `call` is ignored because nothing may identify the user (cookieless), logged. */
    ignored(call: string): string | undefined {
      if (mode !== 'cookieless') return undefined;
      const message = `${call} ignored: cookieless`;
      logger().warn(message);
      return message;
    },
    /** The delivery report with what consent dropped and holds added. */
    report(stats: DeliveryStats): DeliveryStats {
      Object.assign(stats.dropped, dropped);
      stats.pending += held.length;
      return stats;
    },
    /** The event's answer when the gate keeps it (held or dropped); `undefined` lets it through. */
    admit(event: Event): PendingResult | undefined {
      if (mode !== 'off' && mode !== 'hold' && !switches) return undefined;
      const item = new PendingResult(event);
      if (mode === 'off') drop(item, DropReason.CONSENT_DENIED, DENIED);
      else if (held.push(item) > CONSENT_HOLD_LIMIT) {
        if (!dropped[DropReason.CONSENT_HOLD_FULL]) logger().warn(HOLD_FULL);
        drop(held.shift() as PendingResult, DropReason.CONSENT_HOLD_FULL, HOLD_FULL);
      }
      return item;
    },
    /** A mode change starts setting up its plugins: events wait until it ends. */
    startSwitch(): void {
      switches++;
    },
    /** A mode change is set up: held events go on in order through `send`, unless consent still holds them. */
    endSwitch(): void {
      // Denied (off), the gate has discarded what it held and holds nothing more: nothing to send.
      if (--switches || mode === 'hold') return;
      for (const item of held.splice(0)) void send(item.event).promise.then((result: Result) => item.settle(result));
    },
  };
  return gate;
};

export type ConsentGate = ReturnType<typeof createConsentGate>;
