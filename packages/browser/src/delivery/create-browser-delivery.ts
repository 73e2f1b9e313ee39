import {
  createDeliveryPlugin,
  createMemoryEventStore,
  getWindow,
  uuid,
  type Config,
  type DeliveryPlugin,
  type EventStore,
} from '@sightline/core';
import {
  FLUSH_LOCK_PREFIX,
  OUTCOME_CHANNEL_PREFIX,
  UNSENT_DATABASE_PREFIX,
  UNSENT_LOCAL_PREFIX,
  UNSENT_OBJECT_STORE,
} from '../constants.js';
import { createConnectivity } from './connectivity.js';
import { captureDeliveryPlatform } from './delivery-platform.js';
import { createFlushLock } from './flush-lock.js';
import { createIdbEventStore } from './idb-event-store.js';
import { createLocalEventStore } from './local-event-store.js';
import { createOutcomeChannel } from './outcome-channel.js';
import { createPageLifecycle } from './page-lifecycle.js';
import { createResilientEventStore } from './resilient-event-store.js';
import { queueSuffix } from './store-names.js';
import { createExitTransport, createTransport } from './transports.js';

const defaultStore = (config: Config, suffix: string): EventStore =>
  createResilientEventStore(
    [
      {
        name: 'IndexedDB',
        open: () => {
          if (typeof indexedDB === 'undefined' || !indexedDB) throw new Error('no indexedDB in this browser or mode');
          return createIdbEventStore(`${UNSENT_DATABASE_PREFIX}_${suffix}`, UNSENT_OBJECT_STORE);
        },
      },
      {
        name: 'localStorage',
        open: () => {
          if (typeof localStorage === 'undefined' || !localStorage) throw new Error('no localStorage');
          return createLocalEventStore(localStorage, `${UNSENT_LOCAL_PREFIX}${suffix}`);
        },
      },
    ],
    config.loggerProvider,
  );

/** Said once per init where there is no page: what stays off, and what still works. */
const NO_PAGE =
  'No window here (Node, a worker or server rendering): page-exit delivery, cross-tab coordination and persistent ' +
  'event storage are off; events are sent from memory';

/**
 * The lossless delivery destination on the browser's storage, transports and page signals. Where
 * there is no window, the browser-only parts stay off (one line says so) and nothing waits on the
 * process but an upload or a retry that is due.
 */
export const createBrowserDelivery = (config: Config): DeliveryPlugin => {
  const suffix = queueSuffix(config);
  const platform = captureDeliveryPlatform(config.loggerProvider);
  const inPage = !!getWindow();
  if (!inPage) config.loggerProvider.warn(NO_PAGE);
  return createDeliveryPlugin({
    store: config.storageProvider || (inPage ? defaultStore(config, suffix) : createMemoryEventStore()),
    createTransport: (choice) => createTransport(choice, platform),
    exitTransport: inPage ? createExitTransport(platform) : undefined,
    lock: inPage ? createFlushLock(`${FLUSH_LOCK_PREFIX}${suffix}`, uuid(), platform) : undefined,
    connectivity: inPage ? createConnectivity() : undefined,
    lifecycle: inPage ? createPageLifecycle() : undefined,
    channel: inPage ? createOutcomeChannel(`${OUTCOME_CHANNEL_PREFIX}${suffix}`) : undefined,
    clock: platform.clock,
  });
};
