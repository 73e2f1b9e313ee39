/**
 * @sightline/browser/lite — the lean client: the same API as the full entry, but no plugin is
 * imported, so a custom build carries only the plugins it adds with `add()`. `autocapture`
 * still controls sessions (session_start / session_end), which live in the core client.
 */
import { BrowserClient } from './browser-client.js';

export * from './public-api.js';

/** A named instance: its own identity, queue and settings. */
export const createInstance = (): BrowserClient => new BrowserClient();
