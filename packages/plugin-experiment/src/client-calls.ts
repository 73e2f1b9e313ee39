import {
  ConsoleLogger,
  LogLevel,
  ResultCode,
  type Event,
  type Logger,
  type Result,
  type ResultPromise,
} from '@sightline/core';
import type { ExperimentClient } from './types.js';

/** A `{ promise }` that is already settled — how a rejected call answers without throwing (house rule). */
export const settledResult = (event: Event, code: number, message: string): ResultPromise => ({
  promise: Promise.resolve<Result>({ event, code, message }),
});

export const isClient = (client: unknown): client is ExperimentClient =>
  typeof client === 'object' &&
  client !== null &&
  typeof (client as ExperimentClient).track === 'function' &&
  typeof (client as ExperimentClient).identify === 'function';

/**
 * The logger to use right now: the one given, else the client's configured one (a `CoreClient`
 * has it only after `init`, hence asked on each use), else a console logger at Warn.
 */
export const loggerResolver = (client: unknown, given: Logger | undefined): (() => Logger) => {
  let fallback: Logger | undefined;
  return () => {
    if (given) return given;
    const config = isClient(client) ? client.config : undefined;
    if (config && config.loggerProvider) return config.loggerProvider;
    if (!fallback) {
      fallback = new ConsoleLogger();
      fallback.enable(LogLevel.Warn);
    }
    return fallback;
  };
};

/**
 * Calls the client and always answers `{ promise }`: a client that throws, or answers something
 * else (a foreign SDK, a stub), is logged and reported as a failed result instead.
 */
export const callClient = (logger: () => Logger, event: Event, call: () => unknown): ResultPromise => {
  try {
    const answer = call() as Partial<ResultPromise> | undefined;
    if (answer && answer.promise && typeof answer.promise.then === 'function') {
      return { promise: answer.promise.then(undefined, (error: unknown) => failed(logger, event, error)) };
    }
    return settledResult(event, ResultCode.SUCCESS, 'Handed to the client (it returned no promise)');
  } catch (error) {
    return { promise: Promise.resolve(failed(logger, event, error)) };
  }
};

const failed = (logger: () => Logger, event: Event, error: unknown): Result => {
  const message = `Sending "${event.event_type}" failed: ${String(error)}`;
  logger().error(message);
  return { event, code: ResultCode.PLUGIN_ERROR, message };
};
