import { ResultCode } from './constants.js';
import { consentMode, CONSENT_HOLD_LIMIT, type ConsentMode, type ConsentState } from './consent-policy.js';
import { DropReason } from './delivery/response-policy.js';
import { PendingResult } from './pending-result.js';
import type { CookielessSetting } from './consent-policy.js';
import type { Event, Logger, Result } from './types.js';

const DENIED = 'Dropped: consent denied';
const HOLD_FULL = `Dropped: over ${CONSENT_HOLD_LIMIT} events held while consent is pending`;

/**
 * Where a ready client's events go under consent: on to the pipeline, held in memory (consent
 * pending, or the plugins of a new mode still being set up), or dropped (denied). Drops are
 * counted here for the delivery report: while consent holds or denies there is no delivery.
 */
export const createConsentGate = (logger: () => Logger) => {
  let mode: ConsentMode = 'full';
  /** Mode changes whose plugins are still being set up: events wait for them. */
  let switches = 0;
  let held: PendingResult[] = [];
  const dropped: { [reason: string]: number } = {};

  const drop = (item: PendingResult, reason: DropReason, message: string): void => {
    dropped[reason] = (dropped[reason] || 0) + 1;
    item.settle({ event: item.event, code: ResultCode.SKIPPED, message });
  };

  const discard = (): void => {
    for (const item of held.splice(0)) drop(item, DropReason.CONSENT_DENIED, DENIED);
  };

  return {
    get mode(): ConsentMode {
      return mode;
    },
    dropped,
    held: (): number => held.length,
    /** Sets the state and returns the mode it means; held events a denial rules out are discarded. */
    decide(next: ConsentState, cookieless: CookielessSetting): ConsentMode {
      mode = consentMode(next, cookieless);
      // Events held so far carry what the user has now refused: none goes out without full consent.
      if (mode === 'off' || mode === 'cookieless') discard();
      return mode;
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
    endSwitch(send: (event: Event) => PendingResult): void {
      if (--switches || mode === 'hold') return;
      if (mode === 'off') return discard();
      const items = held;
      held = [];
      for (const item of items) void send(item.event).promise.then((result: Result) => item.settle(result));
    },
  };
};

export type ConsentGate = ReturnType<typeof createConsentGate>;
