/**
 * Subscribes to finished fetch / XHR requests. The first subscriber installs the shared
 * wrappers; the last one to leave restores the originals — unless someone wrapped on top of
 * ours meanwhile, in which case ours stays in their chain, inert, and is reused next time.
 */
import { getGlobalScope } from '@sightline/core';
import { createFetchWrapper } from './fetch-wrapper.js';
import type { NetworkSubscriber } from './observed-request.js';
import { sharedState, type SharedNetworkState, type XhrPatch } from './shared-state.js';
import { createXhrWrappers } from './xhr-wrapper.js';

type Scope = { fetch?: typeof fetch; XMLHttpRequest?: typeof XMLHttpRequest };

type XhrMethods = XhrPatch['wrappers'];

/** The prototype methods the XHR half wraps, as found on `source`. */
const xhrMethods = (source: XhrMethods): XhrMethods => ({
  open: source.open,
  send: source.send,
  setRequestHeader: source.setRequestHeader,
});

function installFetch(state: SharedNetworkState, scope: Scope): void {
  if (state.fetch || typeof scope.fetch !== 'function') return;
  const original = scope.fetch;
  const wrapper = createFetchWrapper(state, original);
  scope.fetch = wrapper;
  state.fetch = { original, wrapper };
}

function installXhr(state: SharedNetworkState, scope: Scope): void {
  if (state.xhr || typeof scope.XMLHttpRequest !== 'function') return;
  const prototype: XhrMethods = scope.XMLHttpRequest.prototype;
  const originals = xhrMethods(prototype);
  const wrappers = createXhrWrappers(state, originals);
  Object.assign(prototype, wrappers);
  state.xhr = { ...originals, wrappers };
}

function uninstall(state: SharedNetworkState, scope: Scope): void {
  if (state.fetch && scope.fetch === state.fetch.wrapper) {
    scope.fetch = state.fetch.original;
    state.fetch = undefined;
  }
  const xhr = state.xhr;
  if (xhr && typeof scope.XMLHttpRequest === 'function') {
    const prototype = scope.XMLHttpRequest.prototype;
    const current = xhrMethods(prototype);
    const stillOurs = (Object.keys(current) as Array<keyof XhrMethods>).every(
      (name) => current[name] === xhr.wrappers[name],
    );
    if (stillOurs) {
      Object.assign(prototype, xhrMethods(xhr));
      state.xhr = undefined;
    }
  }
}

/** Starts observing; returns the function that stops (idempotent). No-op where there is no global scope. */
export function observeNetwork(subscriber: NetworkSubscriber): () => void {
  const state = sharedState();
  const scope = getGlobalScope() as Scope | undefined;
  if (!state || !scope) return () => undefined;
  state.subscribers.add(subscriber);
  installFetch(state, scope);
  installXhr(state, scope);
  let active = true;
  return () => {
    if (!active) return;
    active = false;
    state.subscribers.delete(subscriber);
    if (state.subscribers.size === 0) uninstall(state, scope);
  };
}
