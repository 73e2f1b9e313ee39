import { vi, type Mock } from 'vitest';
import {
  CoreClient,
  createMemoryIdentityStorage,
  type DestinationPlugin,
  type Event,
  type IdentityStorage,
  type Logger,
  type Plugin,
  type Result,
} from '@sightline/core';

/** A destination that records what reaches it and acknowledges with 200. */
export interface RecordingDestination extends DestinationPlugin {
  events: Event[];
  execute: (event: Event) => Promise<Result>;
  flush: Mock<() => void>;
}

export const recordingDestination = (): RecordingDestination => {
  const events: Event[] = [];
  return {
    name: 'recording',
    type: 'destination',
    events,
    execute: (event: Event) => {
      events.push(event);
      return Promise.resolve({ event, code: 200, message: 'ok' });
    },
    flush: vi.fn<() => void>(),
  };
};

/** A logger whose every method is a mock (properties, so `expect(logger.warn)` reads them unbound). */
export type SilentLogger = { [K in keyof Logger]: Mock<Logger[K]> };

export const silentLogger = (): SilentLogger => ({
  disable: vi.fn<Logger['disable']>(),
  enable: vi.fn<Logger['enable']>(),
  log: vi.fn<Logger['log']>(),
  warn: vi.fn<Logger['warn']>(),
  error: vi.fn<Logger['error']>(),
  debug: vi.fn<Logger['debug']>(),
});

export interface TestClientOptions {
  storage?: IdentityStorage;
  now?: () => number;
  plugins?: Plugin[];
}

/** A core client on memory storage with a recording destination and a controllable clock. */
export const createTestClient = (options: TestClientOptions = {}) => {
  const destination = recordingDestination();
  const storage = options.storage || createMemoryIdentityStorage();
  const clock = { now: 1_700_000_000_000 };
  const client = new CoreClient({
    createIdentityStorage: () => storage,
    createPlugins: () => [destination, ...(options.plugins || [])],
    now: options.now || (() => clock.now),
  });
  const logger = silentLogger();
  return { client, destination, storage, clock, logger };
};

/** Lets the pipeline's microtasks and the destination's promises settle. */
export const settle = async (): Promise<void> => {
  for (let i = 0; i < 5; i++) await new Promise((resolve) => setTimeout(resolve, 0));
};

export const types = (events: Event[]): string[] => events.map((event) => event.event_type);
