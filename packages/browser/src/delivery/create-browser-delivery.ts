import { createDeliveryPlugin, uuid, type Config, type DeliveryPlugin, type EventStore } from '@sightline/core';
import {
  FLUSH_LOCK_PREFIX,
  OUTCOME_CHANNEL_PREFIX,
  UNSENT_DATABASE_PREFIX,
  UNSENT_LOCAL_PREFIX,
  UNSENT_OBJECT_STORE,
} from '../constants.js';
import { createConnectivity } from './connectivity.js';
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

/** The lossless delivery destination on the browser's storage, transports and page signals. */
export const createBrowserDelivery = (config: Config): DeliveryPlugin => {
  const suffix = queueSuffix(config);
  return createDeliveryPlugin({
    store: config.storageProvider || defaultStore(config, suffix),
    createTransport,
    exitTransport: createExitTransport(),
    lock: createFlushLock(`${FLUSH_LOCK_PREFIX}${suffix}`, uuid()),
    connectivity: createConnectivity(),
    lifecycle: createPageLifecycle(),
    channel: createOutcomeChannel(`${OUTCOME_CHANNEL_PREFIX}${suffix}`),
  });
};
