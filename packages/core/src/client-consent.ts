import { ClientLifecycle } from './client-lifecycle.js';
import { ResultCode } from './constants.js';
import { CONSENT_STATE_RULE, refusesStorage, type ConsentState } from './consent-policy.js';
import type { ClientOptions } from './options.js';
import { settled } from './results.js';
import type { Plugin, ResultPromise } from './types.js';

/**
 * `setConsent` on top of the lifecycle: moves a ready client from one consent mode to the next
 * (docs/consent.md). `CoreClient` adds the events and the plugin API on top.
 */
export abstract class ConsentClient<Options extends ClientOptions = ClientOptions> extends ClientLifecycle<Options> {
  /**
   * The plugins the app added that are not `consentSafe`: set up only while consent is granted, as
   * the SDK's own capture is (they may store, patch or listen). Emptied by init, as all added plugins are.
   */
  protected appPlugins: Plugin[] = [];

  /** `add()` on a ready client: an app plugin waits for granted consent; `undefined`: set it up now. */
  protected holdPlugin(plugin: Plugin): ResultPromise | undefined {
    if (plugin.consentSafe) return undefined;
    this.appPlugins.push(plugin);
    if (this.consent.mode === 'full') return undefined;
    return settled({ event_type: 'plugin' }, ResultCode.SUCCESS, 'Plugin held until consent is granted');
  }

  /** The init's added plugins that may be set up in the mode it starts in; the others wait for consent. */
  protected startPlugins(added: Plugin[]): Plugin[] {
    this.appPlugins = [];
    return added.filter((plugin) => !this.holdPlugin(plugin));
  }

  /**
   * The user's consent decision, as the banner reports it: `'granted'` moves identity and held
   * events to storage and sends them, `'denied'` drops them and removes what the SDK stored,
   * `'pending'` holds events in memory again.
   *
   * At once: the identity's storage (the configured one only with full consent; a new page-life
   * identity when cookieless measurement starts), and held events the new state rules out are
   * discarded. Then, once the events on their way have reached the current plugins (and after
   * any change still being set up): those plugins go, the storage is erased when consent is
   * denied, and the next mode's plugins are set up; events tracked meanwhile wait, then go in order.
   */
  setConsent(consent: ConsentState): void {
    if (!CONSENT_STATE_RULE[0](consent)) {
      this.rejectArgument(`setConsent needs ${CONSENT_STATE_RULE[1]}`, consent);
      return;
    }
    this.whenReady((ready) => {
      const { consent: gate, platform } = this;
      const { config } = ready;
      const from = gate.mode;
      const to = gate.decide(consent, config);
      if (to === from) return;
      ready.storage.persist(to === 'full');
      // The identity moves to the configured storage (what other tabs wrote meanwhile merged in).
      if (to === 'full') ready.identity.writeNow();
      else if (to === 'cookieless') this.startAnonymous(ready);
      gate.startSwitch();
      this.initialization = this.initialization
        .then(async () => {
          await this.events.whenDrained();
          // What consent allowed goes: the SDK's plugins and the app's set up under granted consent
          // (one refused for its name never reached the pipeline); `consentSafe` ones stay.
          for (const plugin of this.pipeline.list().filter((plugin) => !plugin.consentSafe))
            await this.pipeline.remove(plugin.name);
          if (refusesStorage(to) && platform.eraseStorage) platform.eraseStorage(config);
          await this.setUp([...platform.createPlugins(config, to), ...(to === 'full' ? this.appPlugins : [])], config);
        })
        .catch((error) => this.logger.error('setConsent failed:', error))
        // After the catch, as a finally: the configured logger never throws (config wraps each method).
        .then(() => gate.endSwitch());
    });
  }
}
