export { createDeliveryPlugin, DELIVERY_PLUGIN_NAME } from './delivery-engine.js';
export { MAX_EVENT_AGE_MS } from './queue-policy.js';
export type { DeliveryPlugin } from './delivery-engine.js';
export { decideResponse, DropReason, THROTTLE_WAIT_MS } from './response-policy.js';
export type { ResponsePlan, ServerAnswer } from './response-policy.js';
export { backoffDelay, BACKOFF_BASE_MS, BACKOFF_CAP_MS, BACKOFF_FLOOR_MS } from './backoff.js';
export {
  endpointFor,
  isDefaultEndpoint,
  encodeBatch,
  chunkBySize,
  byteLength,
  EXIT_CHUNK_BYTES,
  isBatchBody,
} from './http-v2-codec.js';
export { encodeJson } from './safe-json.js';
export { DeliveryOutcome } from './delivery-report.js';
export { tellListeners } from './delivery-reporter.js';
export type { DeliveryListener, DeliveryReport, DeliveryStats } from './delivery-report.js';
export { createClock, createInPageLock, createSystemClock } from './environment.js';
export type {
  Clock,
  ClockSources,
  Connectivity,
  DeliveryEnvironment,
  ExitTransport,
  FlushLock,
  OutcomeChannel,
  OutcomeChannelListener,
  PageLifecycle,
  PageLifecycleListener,
  SentNote,
  SharedOutcome,
  TransportChoice,
} from './environment.js';
export { createMemoryEventStore } from './memory-event-store.js';
