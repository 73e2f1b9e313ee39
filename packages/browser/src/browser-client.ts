import { CoreClient, type Config, type Plugin } from '@sightline/core';
import { contextPlugin } from './context-plugin';
import { createIdentityStorage, readLegacyIdentity } from './identity-storage';
import { readUrlHandoff } from './url-handoff';

/** Builds the plugins an entry adds from the resolved `autocapture` option. */
export type AutocaptureWiring = (config: Config) => Plugin[];

export interface BrowserClientOptions {
  /** The delivery destination for a resolved config (the lossless engine). */
  createDestination: (config: Config) => Plugin;
  /** The full entry wires the default plugins here; the lean entry passes none. */
  autocapture?: AutocaptureWiring;
}

/** A browser client: the core client on cookie / web-storage identity and the browser delivery. */
export class BrowserClient extends CoreClient {
  constructor(options: BrowserClientOptions) {
    super({
      createIdentityStorage: (config) => createIdentityStorage(config, config.loggerProvider),
      readLegacyIdentity,
      readUrlHandoff,
      createPlugins: (config) => [
        contextPlugin(),
        options.createDestination(config),
        ...(options.autocapture ? options.autocapture(config) : []),
      ],
    });
  }
}
