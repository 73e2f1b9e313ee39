import { Identify, Revenue, getGlobalScope } from '@sightline/core';

/** A call the snippet queued: method, arguments, the time it was made, its promise's resolve. */
type QueuedCall = [string, unknown[], number, ((result: unknown) => void)?];
interface Stub {
  _q?: QueuedCall[];
  _r?: unknown;
  _i?: Stub[];
}
interface Builder {
  _q: [string, unknown[]][];
  /** 'i' for Identify, 'r' for Revenue. */
  _t: string;
}
type Client = { [method: string]: (...args: unknown[]) => unknown };

/** Where each method takes its event options, so a replayed call keeps its original time. */
const OPTIONS_INDEX: { [method: string]: number } = { identify: 1, revenue: 1, setGroup: 2, groupIdentify: 3 };

const withTime = (method: string, args: unknown[], time: number): void => {
  if (method === 'track' || method === 'logEvent') {
    if (args[0] && typeof args[0] === 'object') args[0] = { time, ...args[0] };
    else args[2] = { time, ...(args[2] as object) };
    return;
  }
  const index = OPTIONS_INDEX[method];
  if (index !== undefined) args[index] = { time, ...(args[index] as object) };
};

/** Turns the snippet's recorded Identify / Revenue builders into real ones. */
const rebuild = (value: unknown): unknown => {
  const recorded = value as Builder | undefined;
  if (!recorded || typeof recorded !== 'object' || !Array.isArray(recorded._q) || value instanceof Identify)
    return value;
  const real = (recorded._t === 'r' ? new Revenue() : new Identify()) as unknown as Client;
  for (const [method, args] of recorded._q) if (typeof real[method] === 'function') real[method](...args);
  return real;
};

const replayCalls = (stub: Stub, real: Client): void => {
  const calls = stub._q || [];
  stub._q = [];
  stub._r = real;
  for (const [method, args, time, resolve] of calls) {
    if (typeof real[method] !== 'function') continue;
    const realArgs = args.map(rebuild);
    withTime(method, realArgs, time);
    const output = real[method](...realArgs) as { promise?: Promise<unknown> } | undefined;
    if (!resolve) continue;
    if (output && output.promise) void output.promise.then(resolve);
    else resolve({ event: { event_type: method }, code: 200, message: 'Done' });
  }
};

/**
 * When the bundle loads after the async snippet, replays what the stub queued — the default
 * instance's calls, then each named instance's — in order, each with the time it was made.
 */
export const replaySnippet = (sdk: Client & { createInstance(): Client }, globalName = 'sightline'): void => {
  const scope = getGlobalScope() as unknown as { [name: string]: Stub | undefined } | undefined;
  const stub = scope && scope[globalName];
  if (!stub || !Array.isArray(stub._q)) return;
  replayCalls(stub, sdk);
  for (const instance of stub._i || []) replayCalls(instance, sdk.createInstance());
};
