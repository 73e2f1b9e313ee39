import { createClock, getGlobalScope, getNavigator, type Clock, type Logger } from '@sightline/core';

type Fetch = (url: string, init: RequestInit) => Promise<Response>;
type XhrMethod = (this: XMLHttpRequest, ...args: never[]) => unknown;

/**
 * What browser delivery uses from the page, taken when the delivery is created (at `init`, before
 * the page's later scripts run): a page that patches `window.fetch`, `XMLHttpRequest.prototype.send`,
 * `Date` or the timers afterwards does not reach the SDK's uploads. Each piece is absent where the
 * platform has none.
 */
export interface DeliveryPlatform {
  fetch?: Fetch;
  Xhr?: { new (): XMLHttpRequest };
  xhrOpen?: XhrMethod;
  xhrSend?: XhrMethod;
  xhrSetRequestHeader?: XhrMethod;
  sendBeacon?: (url: string, body: string) => boolean;
  AbortController?: typeof AbortController;
  clock: Clock;
  logger: Logger;
  /** Transports that threw on this page (not a network failure: the API itself is broken or denied). */
  broken: { [transport: string]: boolean };
  /** Logs `message` once per `key` for this delivery (one line per fallback). */
  warnOnce(key: string, message: string): void;
}

const method = (prototype: object | undefined, name: string): XhrMethod | undefined => {
  const value = prototype && (prototype as { [name: string]: unknown })[name];
  return typeof value === 'function' ? (value as XhrMethod) : undefined;
};

export const captureDeliveryPlatform = (logger: Logger): DeliveryPlatform => {
  const scope = getGlobalScope();
  const navigator = getNavigator();
  const read = <T>(name: string): T | undefined => {
    try {
      return scope ? ((scope as unknown as { [name: string]: unknown })[name] as T | undefined) : undefined;
    } catch {
      return undefined;
    }
  };
  const fetch = read<typeof globalThis.fetch>('fetch');
  const Xhr = read<{ new (): XMLHttpRequest; prototype: object }>('XMLHttpRequest');
  const performance = read<Performance>('performance');
  const perfNow = performance && typeof performance.now === 'function' ? performance.now : undefined;
  const NativeDate = read<DateConstructor>('Date') || Date;
  const dateNow = NativeDate.now;
  const nativeRandom = Math.random;
  const beacon = navigator && typeof navigator.sendBeacon === 'function' ? navigator.sendBeacon : undefined;
  const set = read<typeof setTimeout>('setTimeout') || setTimeout;
  const clear = read<typeof clearTimeout>('clearTimeout') || clearTimeout;
  const AbortControllerClass = read<typeof AbortController>('AbortController');
  const warned: { [key: string]: boolean } = {};
  return {
    fetch: typeof fetch === 'function' ? (url, init) => fetch.call(scope, url, init) : undefined,
    Xhr: typeof Xhr === 'function' ? Xhr : undefined,
    xhrOpen: method(Xhr && Xhr.prototype, 'open'),
    xhrSend: method(Xhr && Xhr.prototype, 'send'),
    xhrSetRequestHeader: method(Xhr && Xhr.prototype, 'setRequestHeader'),
    sendBeacon: beacon ? (url, body) => beacon.call(navigator, url, body) : undefined,
    AbortController: typeof AbortControllerClass === 'function' ? AbortControllerClass : undefined,
    clock: createClock({
      monotonic: perfNow ? () => perfNow.call(performance) : undefined,
      wall: () => dateNow.call(NativeDate),
      setTimeout: (callback, ms) => set.call(scope, callback, ms),
      clearTimeout: (handle) => clear.call(scope, handle as ReturnType<typeof setTimeout>),
      random: () => nativeRandom(),
    }),
    logger,
    broken: {},
    warnOnce(key, message) {
      if (warned[key]) return;
      warned[key] = true;
      logger.warn(message);
    },
  };
};
