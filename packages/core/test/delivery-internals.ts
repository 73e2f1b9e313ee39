// What the delivery tests reach: the public API and the engine's own parts, which core does not export.
export * from '../src/index.js';
export * from '../src/delivery/index.js';
