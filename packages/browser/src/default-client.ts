import { BrowserClient, type BrowserClientOptions } from './browser-client.js';

/**
 * The default instance's options. It starts lean: the full entry's `init` adds the autocapture
 * wiring first (the client reads it at each init), so that the lean entry never imports a plugin.
 */
export const defaultClientOptions: BrowserClientOptions = {};

/** The default instance, whose methods both entries export as plain functions. */
export const defaultClient = /*#__PURE__*/ new BrowserClient(defaultClientOptions);
