/** Shared set-up for the plugin tests: a core test client with the plugin, and a controllable fetch. */
import { vi } from 'vitest';
import type { Event } from '@sightline/core';
import { createTestClient, settle } from '@sightline/test-utils';
import {
  EVENT_NETWORK_REQUEST,
  NETWORK_REQUESTS_PLUGIN_NAME,
  networkRequestsPlugin,
  type NetworkTrackingOptions,
} from '../src/index.js';

export const KEY = 'api-key-0123456789';

export const startClient = async (options?: NetworkTrackingOptions, init: Record<string, unknown> = {}) => {
  const setup = createTestClient();
  await setup.client.init(KEY, null, { loggerProvider: setup.logger, ...init }).promise;
  await setup.client.add(networkRequestsPlugin(options)).promise;
  const requests = (): Event[] =>
    setup.destination.events.filter((event) => event.event_type === EVENT_NETWORK_REQUEST);
  const properties = () => requests().map((event) => event.event_properties as Record<string, unknown>);
  const stop = () => setup.client.remove(NETWORK_REQUESTS_PLUGIN_NAME).promise;
  return { ...setup, requests, properties, stop };
};

export interface Deferred<T> {
  promise: Promise<T>;
  resolve(value: T): void;
  reject(error: unknown): void;
}

export const deferred = <T>(): Deferred<T> => {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
};

/** Installs a scripted fetch as the page's fetch (before the plugin wraps it). */
export const installFakeFetch = (answer: (input: unknown, init?: RequestInit) => Promise<Response>) => {
  const fake = vi.fn(answer);
  globalThis.fetch = fake;
  return fake;
};

export { settle };
