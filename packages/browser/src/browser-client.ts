import {
  CoreClient,
  DELIVERY_PLUGIN_NAME,
  DropReason,
  ResultCode,
  describeValue,
  tellListeners,
  type Config,
  type DeliveryListener,
  type DeliveryPlugin,
  type DeliveryStats,
  type Plugin,
} from '@sightline/core';
import type { BrowserOptions } from './browser-options.js';
import { eraseStorage } from './consent-erase.js';
import { modePlugins } from './consent-plugins.js';
import { contextPlugin } from './context-plugin.js';
import { createBrowserDelivery } from './delivery/create-browser-delivery.js';
import { createIdentityStorage, readLegacyIdentity } from './identity-storage.js';
import type { PreviewCall, PreviewContext } from './preview-call.js';
import { readUrlHandoff } from './url-handoff.js';

/** Builds the plugins an entry adds from the resolved `autocapture` option. */
export type AutocaptureWiring = (config: Config) => Plugin[];

export interface BrowserClientOptions {
  /**
   * The delivery destination for a resolved config; by default the lossless engine on IndexedDB
   * (`persistent: false`: in memory).
   */
  createDestination?: (config: Config, persistent: boolean) => Plugin;
  /** The full entry wires the default plugins here (read at each init); the lean entry passes none. */
  autocapture?: AutocaptureWiring;
  /** The web-storage keys the wired plugins write, erased when consent is denied (the full entry's). */
  pluginStorageKeys?: (config: Config) => string[];
  /** The full entry opens the capture preview (loaded on demand, read at each call); the lean entry has none. */
  preview?: (context: PreviewContext) => PreviewCall;
}

/** A browser client: the core client on cookie / web-storage identity and the browser delivery. */
export class BrowserClient extends CoreClient<BrowserOptions> {
  /** `onDelivery` listeners, told by each delivery this client creates (each init, consent mode) and by consent. */
  private readonly listeners: DeliveryListener[];

  constructor(private readonly options: BrowserClientOptions = {}) {
    const listeners: DeliveryListener[] = [];
    const destination = options.createDestination || createBrowserDelivery;
    super({
      createIdentityStorage,
      readLegacyIdentity,
      readUrlHandoff,
      createPlugins: (config, mode) =>
        modePlugins(config, mode, {
          context: contextPlugin,
          destination: (config, persistent) => {
            const delivery: DeliveryApi = destination(config, persistent);
            if (delivery.onDelivery)
              delivery.onDelivery((report) => tellListeners(listeners, config.loggerProvider, report));
            return delivery;
          },
          autocapture: options.autocapture,
        }),
      eraseStorage: (config) =>
        eraseStorage(config, options.pluginStorageKeys ? options.pluginStorageKeys(config) : []),
    });
    this.listeners = listeners;
    // Events consent drops never reach a delivery: the listeners hear of them from the gate.
    this.consent.onDrop = (report) => tellListeners(listeners, this.log, report);
  }

  /**
   * Outlines what autocapture records on this page and shows the event a click on each element
   * sends, sending nothing (see @sightline/preview). `close()` closes it; so does Escape.
   */
  preview(): PreviewCall {
    const open = this.options.preview;
    if (open) return open({ config: this.config, logger: this.log, plugins: this.plugins() });
    const message = 'preview() needs the full build (or openPreview from @sightline/preview)';
    this.log.warn(message);
    return {
      promise: Promise.resolve({ event: { event_type: 'preview' }, code: ResultCode.SKIPPED, message }),
      close() {},
    };
  }

  /** What happened to every event so far: sent, retried, and dropped by reason (issue: delivery report). */
  getDeliveryStats(): DeliveryStats {
    const delivery = this.delivery();
    // What consent held or dropped never reached the delivery: counted by the client.
    return this.consent.report(
      delivery && delivery.getDeliveryStats
        ? delivery.getDeliveryStats()
        : { sent: 0, retried: 0, dropped: {}, pending: 0 },
    );
  }

  /**
   * Subscribes to each event's final outcome (sent, or dropped with its reason, consent's drops
   * included); returns the unsubscribe function. Works before `init` and across re-inits.
   */
  onDelivery(listener: DeliveryListener): () => void {
    const { listeners } = this;
    if (typeof listener !== 'function') {
      this.log.error('onDelivery needs a function');
      return () => undefined;
    }
    listeners.push(listener);
    return () => {
      const index = listeners.indexOf(listener);
      if (index >= 0) listeners.splice(index, 1);
    };
  }

  protected override droppedWhileOptedOut(): void {
    const delivery = this.delivery();
    if (delivery && delivery.countDropped) delivery.countDropped(DropReason.OPTED_OUT);
  }

  /** `true` holds events (stored, unsent), `false` follows connectivity, `null` ignores it. */
  setOffline(offline: boolean | null): void {
    if (offline !== true && offline !== false && offline !== null) {
      this.log.error(`setOffline needs true, false or OfflineDisabled (null), got ${describeValue(offline)}`);
      return;
    }
    this.whenReady(() => {
      const delivery = this.delivery();
      if (delivery && delivery.setOffline) delivery.setOffline(offline);
    });
  }

  private delivery(): DeliveryApi | undefined {
    return this.plugins().find(
      (plugin): plugin is DeliveryApi => plugin.type === 'destination' && plugin.name === DELIVERY_PLUGIN_NAME,
    );
  }
}

type DeliveryApi = Plugin &
  Partial<Pick<DeliveryPlugin, 'getDeliveryStats' | 'onDelivery' | 'setOffline' | 'countDropped'>>;
