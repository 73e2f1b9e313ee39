/**
 * @sightline/browser — the full client: the default instance and named exports as the
 * documented SDK has them, with the default plugins wired from the `autocapture` option.
 */
import type { ResultPromise } from '@sightline/core';
import { wireAutocapture } from './autocapture.js';
import { BrowserClient, type BrowserClientOptions } from './browser-client.js';
import { pluginStorageKeys } from './consent-plugin-keys.js';
import { defaultClient, defaultClientOptions } from './default-client.js';
import { openPreviewFor, type PreviewCall } from './preview-call.js';

// The lean entry's API; `init` and `createInstance` below take the place of its own.
export * from './public-api.js';

/** What the full entry adds to an instance: the default plugins (and their storage keys) and the capture preview. */
const fullBuild: BrowserClientOptions = { autocapture: wireAutocapture, preview: openPreviewFor, pluginStorageKeys };

/** Initialises the default instance; the `autocapture` option picks the default plugins. */
export const init = ((...args: unknown[]): ResultPromise => {
  Object.assign(defaultClientOptions, fullBuild);
  return (defaultClient.init as (...a: unknown[]) => ResultPromise)(...args);
}) as BrowserClient['init'];

/** Opens the capture preview on the default instance (see `BrowserClient.preview`). */
export const preview = (): PreviewCall => {
  Object.assign(defaultClientOptions, fullBuild);
  return defaultClient.preview();
};

/** A named instance: its own identity, queue and settings. */
export const createInstance = (): BrowserClient => new BrowserClient({ ...fullBuild });
