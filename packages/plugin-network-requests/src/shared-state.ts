/**
 * The one wrapper shared by every client instance (and every copy of this package on the
 * page): its state hangs off the global object under a registered symbol, so fetch and XHR
 * are wrapped once, however many times the plugin is set up.
 */
import { getGlobalScope } from '@sightline/core';
import { SDK_REQUEST_MARKER } from './constants.js';
import type { NetworkSubscriber } from './observed-request.js';

export interface FetchPatch {
  original: typeof fetch;
  wrapper: typeof fetch;
}

export interface XhrPatch {
  open: XMLHttpRequest['open'];
  send: XMLHttpRequest['send'];
  setRequestHeader: XMLHttpRequest['setRequestHeader'];
  wrappers: Pick<XMLHttpRequest, 'open' | 'send' | 'setRequestHeader'>;
}

export interface SharedNetworkState {
  subscribers: Set<NetworkSubscriber>;
  /** Present while our fetch wrapper is in the chain (even when it could not be removed). */
  fetch?: FetchPatch;
  xhr?: XhrPatch;
}

const STATE_KEY = 'sightline.network-observer';

type SymbolKeyed<T> = { [key: symbol]: T | undefined };

export function sharedState(): SharedNetworkState | undefined {
  const scope = getGlobalScope() as unknown as SymbolKeyed<SharedNetworkState> | undefined;
  if (!scope) return undefined;
  const key = Symbol.for(STATE_KEY); // looked up here, not at module level: no import-time work
  if (!scope[key]) scope[key] = { subscribers: new Set() };
  return scope[key];
}

/** True for the SDK's own uploads, marked on the fetch init, the Request or the XHR. */
export function isMarkedSdkRequest(target: unknown): boolean {
  return (
    !!target && typeof target === 'object' && (target as SymbolKeyed<unknown>)[Symbol.for(SDK_REQUEST_MARKER)] === true
  );
}

/** Marks a fetch init object or an XMLHttpRequest as the SDK's own request; returns it. */
export function markSdkRequest<T extends object>(target: T): T {
  (target as unknown as SymbolKeyed<boolean>)[Symbol.for(SDK_REQUEST_MARKER)] = true;
  return target;
}

/** Calls every subscriber; one that throws never affects the others or the page. */
export function notify(state: SharedNetworkState, call: (subscriber: NetworkSubscriber) => void): void {
  state.subscribers.forEach((subscriber) => {
    try {
      call(subscriber);
    } catch {
      // Subscribers log their own failures; the page must never see them.
    }
  });
}
