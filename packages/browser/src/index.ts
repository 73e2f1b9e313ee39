/**
 * @sightline/browser — the full client: the default instance and named exports as the
 * documented SDK has them, with the default plugins wired from the `autocapture` option.
 */
import type { ResultPromise } from '@sightline/core';
import { wireAutocapture } from './autocapture.js';
import { BrowserClient } from './browser-client.js';
import { defaultClient, defaultClientOptions } from './default-client.js';

// The lean entry's API; `init` and `createInstance` below take the place of its own.
export * from './public-api.js';

/** Initialises the default instance; the `autocapture` option picks the default plugins. */
export const init = ((...args: unknown[]): ResultPromise => {
  defaultClientOptions.autocapture = wireAutocapture;
  return (defaultClient.init as (...a: unknown[]) => ResultPromise)(...args);
}) as BrowserClient['init'];

/** A named instance: its own identity, queue and settings. */
export const createInstance = (): BrowserClient => new BrowserClient({ autocapture: wireAutocapture });
