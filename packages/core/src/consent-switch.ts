import type { ClientPlatform } from './client-platform.js';
import type { ConsentGate } from './consent-gate.js';
import type { ConsentState } from './consent-policy.js';
import type { EventDrain } from './event-drain.js';
import type { Pipeline } from './pipeline.js';
import type { ReadyState } from './ready-state.js';
import type { Config, Plugin } from './types.js';
import { uuid } from './uuid.js';

/** What a consent change works on: the ready client's parts. */
export interface ConsentSwitchContext {
  ready: ReadyState;
  gate: ConsentGate;
  platform: ClientPlatform;
  pipeline: Pipeline;
  events: EventDrain;
  /** The plugins the platform set up for the current mode (replaced by the next mode's). */
  modePlugins: { current: Plugin[] };
  setUp(plugins: Plugin[], config: Config): Promise<void>;
  now(): number;
  /** The change (or init) before this one: changes are set up one after another. */
  after: Promise<unknown>;
}

/** A fresh identity for this page life: no user, a new device id, a new session. */
export const startAnonymous = ({ ready, now }: Pick<ConsentSwitchContext, 'ready' | 'now'>): void => {
  ready.identity.updateNow({ deviceId: uuid(), userId: undefined, sessionId: undefined, pageCounter: undefined });
  ready.sessions.start(now(), now());
};

/**
 * Moves a ready client to consent `next`. At once: the identity's storage (the configured one
 * only with full consent; a new page-life identity when cookieless measurement starts), and
 * held events the new state rules out are discarded. Then, once the events on their way have
 * reached the current plugins: those plugins go, the storage is erased when consent is denied,
 * and the next mode's plugins are set up; events tracked meanwhile wait and go on in order.
 */
export const switchConsent = (context: ConsentSwitchContext, next: ConsentState): Promise<void> | undefined => {
  const { ready, gate, platform, pipeline, events } = context;
  const from = gate.mode;
  const to = gate.decide(next, ready.config.cookieless);
  if (to === from) return undefined;
  ready.storage.persist(to === 'full');
  // The identity moves to the configured storage (what other tabs wrote meanwhile merged in).
  if (to === 'full') ready.identity.writeNow();
  else if (to === 'cookieless') startAnonymous(context);
  gate.startSwitch();
  return context.after
    .then(() => events.whenDrained())
    .then(async () => {
      for (const plugin of context.modePlugins.current.splice(0)) await pipeline.remove(plugin.name as string);
      if (to === 'off' || to === 'cookieless') platform.eraseStorage?.(ready.config);
      const plugins = platform.createPlugins(ready.config, to);
      context.modePlugins.current = plugins;
      await context.setUp(plugins, ready.config);
    })
    .catch((error) => ready.config.loggerProvider.error('setConsent could not set up the plugins:', error))
    .finally(() => gate.endSwitch((event) => events.enqueue(event)));
};
