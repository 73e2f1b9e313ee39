import { vi } from 'vitest';
import {
  CoreClient,
  createMemoryIdentityStorage,
  type Event,
  type IdentityStorage,
  type Logger,
  type Plugin,
} from '../src/index.js';

/** A destination that records what reaches it and acknowledges with 200. */
export const recordingDestination = () => {
  const events: Event[] = [];
  const plugin: Plugin & { events: Event[] } = {
    name: 'recording',
    type: 'destination',
    events,
    execute: async (event: Event) => {
      events.push(event);
      return { event, code: 200, message: 'ok' };
    },
    flush: vi.fn(),
  };
  return plugin;
};

export const silentLogger = (): Logger & { [K in 'log' | 'warn' | 'error' | 'debug']: ReturnType<typeof vi.fn> } => ({
  disable: vi.fn(),
  enable: vi.fn(),
  log: vi.fn(),
  warn: vi.fn(),
  error: vi.fn(),
  debug: vi.fn(),
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
