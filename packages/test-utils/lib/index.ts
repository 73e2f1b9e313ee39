export { badInput } from './bad-input.js';
export { createTestClient, recordingDestination, settle, silentLogger, types } from './mock-client.js';
export type { RecordingDestination, SilentLogger, TestClientOptions } from './mock-client.js';
export { afterPaint, byId, change, click, flushMicrotasks, setUpPlugin } from './plugin-harness.js';
export type { Tracked } from './plugin-harness.js';
export { resolvedConfig } from './resolved-config.js';
export { mulberry32 } from './seeded-random.js';
