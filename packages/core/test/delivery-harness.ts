import { vi } from 'vitest';
import {
  createDeliveryPlugin,
  createMemoryEventStore,
  type Event,
  type EventStore,
  type PageLifecycle,
  type Result,
  type UploadRequest,
  type UploadResponse,
} from '../src/index.js';
import { resolveConfig } from '../src/config.js';
import type { DeliveryEnvironment } from '../src/delivery/index.js';
import { silentLogger } from './helpers.js';

export const OK: UploadResponse = { status: 200, body: { code: 200 } };

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
  const exitTransport = { send: vi.fn(async (request: UploadRequest) => (exitRequests.push(request), OK)) };
  const logger = silentLogger();
  const plugin = createDeliveryPlugin({ store, createTransport: () => transport, exitTransport, ...environment });
  const { config } = resolveConfig({
    apiKey: 'test-api-key',
    options: { loggerProvider: logger, flushIntervalMillis: 100, ...options },
  });
  plugin.setup!(config, undefined);
  let counter = 0;
  const track = (fields: Partial<Event> = {}): Promise<Result> =>
    plugin.execute!({
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
    sent,
    sentIds,
    answers,
    logger,
    config,
    track,
    trackMany,
  };
};

export const storedIds = async (store: EventStore) => (await store.getAll()).map((record) => record.id).sort();

/** A page whose visibility the test flips: `hide` is visibilitychange→hidden / pagehide. */
export const lifecycle = () => {
  let hidden = false;
  let listener!: { onHidden(): void; onVisible(): void };
  const value: PageLifecycle = { isHidden: () => hidden, subscribe: (l) => ((listener = l), () => undefined) };
  return {
    value,
    hide: () => ((hidden = true), listener.onHidden()),
    show: () => ((hidden = false), listener.onVisible()),
  };
};
