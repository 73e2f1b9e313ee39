import {
  createDeliveryPlugin,
  createMemoryEventStore,
  getWindow,
  uuid,
  type Config,
  type DeliveryPlugin,
  type EventStore,
  type SentNote,
} from '@sightline/core';
import {
  FLUSH_LOCK_PREFIX,
  OUTCOME_CHANNEL_PREFIX,
  SENT_NOTE_PREFIX,
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
import { createSentNote } from './sent-note.js';
import { createExitTransport, createTransport, outlivesPage } from './transports.js';

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
 * process but an upload or a retry that is due. Not `persistent` (cookieless measurement), it
 * stores nothing: events wait in memory.
 */
export const createBrowserDelivery = (config: Config, persistent = true): DeliveryPlugin => {
  const suffix = queueSuffix(config);
  const platform = captureDeliveryPlatform(config.loggerProvider);
  const inPage = !!getWindow();
  if (!inPage) config.loggerProvider.warn(NO_PAGE);
  // Cookieless: events wait in memory only, and no other tab shares this page's queue.
  const shared = inPage && persistent;
  return createDeliveryPlugin({
    store: (persistent && config.storageProvider) || (shared ? defaultStore(config, suffix) : createMemoryEventStore()),
    createTransport: (choice) => createTransport(choice, platform),
    exitTransport: inPage ? createExitTransport(platform) : undefined,
    lock: shared ? createFlushLock(`${FLUSH_LOCK_PREFIX}${suffix}`, uuid(), platform) : undefined,
    connectivity: inPage ? createConnectivity() : undefined,
    lifecycle: inPage ? createPageLifecycle() : undefined,
    channel: shared ? createOutcomeChannel(`${OUTCOME_CHANNEL_PREFIX}${suffix}`) : undefined,
    clock: platform.clock,
    sentNote: inPage ? sentNote(`${SENT_NOTE_PREFIX}${suffix}`, platform.clock.epoch) : undefined,
    outlivesPage,
  });
};

/** The note of what outlived its page, where localStorage works (a sandboxed frame has none). */
const sentNote = (key: string, now: () => number): SentNote | undefined => {
  try {
    return typeof localStorage !== 'undefined' && localStorage ? createSentNote(localStorage, key, now) : undefined;
  } catch {
    return undefined;
  }
};
