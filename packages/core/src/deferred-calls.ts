import type { Logger, Result, ResultPromise } from './types.js';

/**
 * The calls made before the client is ready (before `init`, or while a re-init sets up its
 * plugins), replayed in the order they were made once it is. Calls that send events carry
 * their own time (set when they were queued), so a replayed event keeps its moment.
 */
export interface DeferredCalls<State> {
  /** Queues a call; it runs with the ready state. */
  add(call: (state: State) => void): void;
  /** Queues a call that answers `{ promise }`: the answer now settles when the call has run. */
  answerLater(call: () => ResultPromise): ResultPromise;
  /** Runs every queued call in order; one that throws is logged and the rest still run. */
  replay(state: State, logger: Logger): void;
}

export const createDeferredCalls = <State>(): DeferredCalls<State> => {
  const calls: ((state: State) => void)[] = [];
  return {
    add: (call) => {
      calls.push(call);
    },
    answerLater: (call) => {
      let resolve!: (result: Result) => void;
      const promise = new Promise<Result>((r) => (resolve = r));
      calls.push(() => void call().promise.then(resolve));
      return { promise };
    },
    replay: (state, logger) => {
      for (const call of calls.splice(0)) {
        try {
          call(state);
        } catch (error) {
          logger.error('A queued call failed on replay:', error);
        }
      }
    },
  };
};
