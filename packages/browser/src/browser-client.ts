import {
  CoreClient,
  DELIVERY_PLUGIN_NAME,
  DropReason,
  ResultCode,
  describeValue,
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
  constructor(private readonly options: BrowserClientOptions = {}) {
    super({
      createIdentityStorage,
      readLegacyIdentity,
      readUrlHandoff,
      createPlugins: (config, mode) =>
        modePlugins(config, mode, {
          context: contextPlugin,
          destination: options.createDestination || createBrowserDelivery,
          autocapture: options.autocapture,
        }),
      eraseStorage: (config) =>
        eraseStorage(config, options.pluginStorageKeys ? options.pluginStorageKeys(config) : []),
    });
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
    const stats =
      delivery && delivery.getDeliveryStats
        ? delivery.getDeliveryStats()
        : { sent: 0, retried: 0, dropped: {}, pending: 0 };
    // What consent held or dropped never reached the delivery: counted by the client.
    const { dropped } = this.consent;
    for (const reason in dropped) stats.dropped[reason as DropReason] = dropped[reason];
    stats.pending += this.consent.held();
    return stats;
  }

  /** Subscribes to each event's final outcome; returns the unsubscribe function. Works before `init`. */
  onDelivery(listener: DeliveryListener): () => void {
    let unsubscribe: (() => void) | undefined;
    let cancelled = false;
    this.whenReady(() => {
      const delivery = this.delivery();
      if (!cancelled && delivery && delivery.onDelivery) unsubscribe = delivery.onDelivery(listener);
    });
    return () => {
      cancelled = true;
      if (unsubscribe) unsubscribe();
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
