import type { Config, Logger, Transport, UploadRequest } from '../types.js';
import type { Clock } from './environment.js';
import type { QueuedEvent } from './event-state.js';

/**
 * What the engine's parts share: the clock from the start; the config, logger, endpoint and
 * transport from `setup()` (absent before it: the engine accepts and sends nothing until set up,
 * and what may be called earlier, flush() or the exit path, checks `config` first); and whether
 * the engine is torn down.
 */
export interface DeliveryContext {
  readonly clock: Clock;
  config: Config;
  logger: Logger;
  /** The ingestion endpoint for the config. */
  url: string;
  /** How uploads go (`setTransport()` may change it). */
  transport: Transport;
  /** Torn down (re-init): nothing more is sent from here; an upload still out lands. */
  closed: boolean;
  /** The requests on the wire (uploads and page-exit ones) and the events each carries. */
  readonly requests: Map<UploadRequest, readonly QueuedEvent[]>;
  /** The last upload answered was not a failure (nor was any before it): the server takes what it is sent. */
  serverAnswering: boolean;
}
