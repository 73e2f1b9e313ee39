import { vi } from 'vitest';
import {
  createClock,
  createDeliveryPlugin,
  createMemoryEventStore,
  type Event,
  type EventStore,
  type PageLifecycle,
  type PageLifecycleListener,
  type Result,
  type UploadRequest,
  type UploadResponse,
} from './delivery-internals.js';
import { resolveConfig } from '../src/config.js';
import type { DeliveryEnvironment } from './delivery-internals.js';
import { silentLogger } from '@sightline/test-utils';

export const OK: UploadResponse = { status: 200, body: { code: 200 } };

/**
 * How the page-exit transport answers a request: the server's answer (the page lived to read it),
 * 'beacon' (taken, no answer to read), 'gone' (the page went away first: no answer, ever), or an
 * Error (nothing could take it).
 */
export type ExitAnswer = UploadResponse | 'beacon' | 'gone' | Error;

interface HarnessOptions {
  options?: Record<string, unknown>;
  environment?: Partial<DeliveryEnvironment>;
  store?: EventStore & { records?: Map<string, unknown> };
}

/** The engine on a memory store, a scripted transport and fake timers. */
export const harness = ({ options = {}, environment = {}, store = createMemoryEventStore() }: HarnessOptions = {}) => {
  const sent: Event[][] = [];
  const answers: (UploadResponse | Error)[] = [];
  const transport = {
    send: vi.fn(async (request: UploadRequest): Promise<UploadResponse> => {
      sent.push(JSON.parse(request.body).events);
      const answer = answers.shift() || OK;
      if (answer instanceof Error) throw answer;
      return answer;
    }),
  };
  const exitRequests: UploadRequest[] = [];
  /** In turn for each page-exit request; 'gone' when none is left. */
  const exitAnswers: ExitAnswer[] = [];
  const exitTransport = {
    send: vi.fn((request: UploadRequest): Promise<UploadResponse | undefined> => {
      exitRequests.push(request);
      const answer = exitAnswers.shift() || 'gone';
      if (answer === 'gone') return new Promise(() => undefined);
      if (answer === 'beacon') return Promise.resolve(undefined);
      if (answer instanceof Error) return Promise.reject(answer);
      return Promise.resolve(answer);
    }),
  };
  const logger = silentLogger();
  const plugin = createDeliveryPlugin({ store, createTransport: () => transport, exitTransport, ...environment });
  const { config } = resolveConfig({
    apiKey: 'test-api-key',
    options: { loggerProvider: logger, flushIntervalMillis: 100, ...options },
  });
  void plugin.setup!(config, undefined);
  let counter = 0;
  const track = (fields: Partial<Event> = {}): Promise<Result> =>
    plugin.execute({
      event_type: 'Numbered',
      insert_id: `id-${counter++}`,
      device_id: 'device-12345',
      time: Date.now(),
      ...fields,
    }) as Promise<Result>;
  const trackMany = (count: number) => Array.from({ length: count }, () => track());
  const sentIds = () => ([] as Event[]).concat(...sent).map((event) => event.insert_id);
  return {
    plugin,
    store,
    transport,
    exitTransport,
    exitRequests,
    exitAnswers,
    exitIds: () =>
      ([] as Event[])
        .concat(...exitRequests.map((request) => JSON.parse(request.body).events))
        .map((event) => event.insert_id),
    sent,
    sentIds,
    answers,
    logger,
    config,
    track,
    trackMany,
  };
};

/**
 * The test's timers and clocks (faked by vitest), with the jitter fixed: `random` 0.99 waits nearly the full backoff.
 */
export const testClock = (random = 0.99, wall: () => number = () => Date.now()) =>
  createClock({
    monotonic: () => performance.now(),
    wall,
    setTimeout: (callback, ms) => setTimeout(callback, ms),
    clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
    random: () => random,
  });

export const storedIds = async (store: EventStore) => (await store.getAll()).map((record) => record.id).sort();

/** A page whose visibility the test flips: `hide` is visibilitychange→hidden, `leave` pagehide. */
export const lifecycle = () => {
  let hidden = false;
  let listener!: PageLifecycleListener;
  const value: PageLifecycle = { isHidden: () => hidden, subscribe: (l) => ((listener = l), () => undefined) };
  return {
    value,
    hide: () => ((hidden = true), listener.onHidden()),
    leave: () => {
      hidden = true;
      listener.onHidden();
      if (listener.onLeave) listener.onLeave();
    },
    show: () => ((hidden = false), listener.onVisible()),
  };
};
