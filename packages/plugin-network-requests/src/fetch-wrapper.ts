/**
 * The fetch half of the shared wrapper. Transparent: the page gets the very promise the
 * original fetch returned (same Response, same rejection, same timing); observation hangs
 * off a side branch. Bodies are read only from clones, and only when a rule needs them.
 */
import { objectOrEmpty } from '@sightline/core';
import { bodySize, contentLength } from './body-size.js';
import { parseJsonBody } from './body-pruning.js';
import type { HeaderEntries } from './header-pruning.js';
import type { ObservedRequest } from './observed-request.js';
import { isMarkedSdkRequest, notify, type SharedNetworkState } from './shared-state.js';
import { absoluteUrl } from './url-parts.js';

const isRequest = (input: unknown): input is Request => typeof Request !== 'undefined' && input instanceof Request;

/** A string or URL input (a URL stringifies to its `href`), or a Request's URL. */
const requestUrl = (input: unknown): string => (isRequest(input) ? input.url : String(input));

function headerEntries(init: HeadersInit | undefined): Array<[string, string]> {
  if (!init) return [];
  if (typeof Headers !== 'undefined' && init instanceof Headers) {
    const entries: Array<[string, string]> = [];
    init.forEach((value, name) => entries.push([name, value]));
    return entries;
  }
  if (Array.isArray(init))
    return init
      .filter((pair) => Array.isArray(pair) && pair.length === 2)
      .map(([name, value]) => [String(name), String(value)]);
  return Object.keys(init).map((name) => [name, String((init as Record<string, string>)[name])]);
}

/** Whether the init carries a body, which replaces a Request input's own (`''` counts). */
const initHasBody = (init: RequestInit | undefined): init is RequestInit & { body: BodyInit } =>
  !!init && init.body !== undefined && init.body !== null;

interface PendingFetch {
  url: string;
  method: string;
  startTime: number;
  input: unknown;
  init: RequestInit | undefined;
  /** A clone of a Request input, made before sending, only when a rule wants its body. */
  requestClone?: Request;
}

interface FetchOutcome {
  response?: Response;
  error?: unknown;
}

const readJson = (source: { text(): Promise<string> } | undefined): Promise<unknown> =>
  source ? source.text().then(parseJsonBody, () => undefined) : Promise.resolve(undefined);

function requestBodyText(pending: PendingFetch): Promise<unknown> {
  const init = pending.init;
  if (!initHasBody(init)) return readJson(pending.requestClone);
  return Promise.resolve(parseJsonBody(init.body)); // only a string: streams, FormData, Blobs are never read
}

function observe(pending: PendingFetch, outcome: FetchOutcome): ObservedRequest {
  const { response, error } = outcome;
  let responseText: Promise<string | undefined> | undefined;
  /** The body as read from the clone, for its size when no `Content-Length` gives it. */
  let readText: string | undefined;
  const init = pending.init;
  return {
    type: 'fetch',
    url: pending.url,
    method: pending.method,
    startTime: pending.startTime,
    endTime: Date.now(),
    status: response ? response.status : 0,
    error: response ? undefined : describeError(error),
    requestBodySize: () => {
      if (initHasBody(init)) return bodySize(init.body);
      return isRequest(pending.input) ? contentLength(pending.input.headers.get('content-length')) : undefined;
    },
    responseBodySize: () => {
      const declared = response ? contentLength(response.headers.get('content-length')) : undefined;
      return declared !== undefined ? declared : bodySize(readText);
    },
    requestHeaders: (): HeaderEntries => {
      const fromRequest = isRequest(pending.input) ? headerEntries(pending.input.headers) : [];
      return fromRequest.concat(headerEntries(init && init.headers));
    },
    responseHeaders: (): HeaderEntries => (response ? headerEntries(response.headers) : []),
    requestBody: () => requestBodyText(pending),
    responseBody: () => {
      if (!response) return Promise.resolve(undefined);
      if (!responseText) {
        // Cloned now, synchronously, before the page's own reaction can consume the body.
        let clone: Response | undefined;
        try {
          clone = response.bodyUsed ? undefined : response.clone();
        } catch {
          // not clonable: captured without the body
        }
        responseText = clone
          ? clone.text().then(
              (text) => {
                readText = text;
                return text;
              },
              () => undefined,
            )
          : Promise.resolve(undefined);
      }
      return responseText.then(parseJsonBody);
    },
  };
}

function describeError(error: unknown): { code: string; message: string } {
  const { name, message } = objectOrEmpty<{ name: unknown; message: unknown }>(error);
  return {
    code: typeof name === 'string' ? name : 'Error',
    message: typeof message === 'string' ? message : String(error),
  };
}

function start(state: SharedNetworkState, input: unknown, init: RequestInit | undefined): PendingFetch | undefined {
  if (isMarkedSdkRequest(init) || isMarkedSdkRequest(input)) return undefined;
  const url = absoluteUrl(requestUrl(input));
  const method = String((init && init.method) || (isRequest(input) ? input.method : 'GET')).toUpperCase();
  const pending: PendingFetch = { url, method, startTime: Date.now(), input, init };
  if (isRequest(input) && !initHasBody(init) && input.body) {
    let wanted = false;
    notify(state, (subscriber) => (wanted = wanted || subscriber.wantsRequestBody({ url, method })));
    if (wanted && !input.bodyUsed) {
      try {
        pending.requestClone = input.clone();
      } catch {
        // body not clonable: captured without it
      }
    }
  }
  return pending;
}

function finish(state: SharedNetworkState, pending: PendingFetch, outcome: FetchOutcome): void {
  // Opaque (no-cors) responses say nothing about success: status 0 would be a false failure.
  if (outcome.response && (outcome.response.type === 'opaque' || outcome.response.type === 'opaqueredirect')) return;
  const observed = observe(pending, outcome);
  notify(state, (subscriber) => subscriber.onRequest(observed));
}

/** Builds the wrapper around `original`; inert (a plain call) while nobody subscribes. */
export function createFetchWrapper(state: SharedNetworkState, original: typeof fetch): typeof fetch {
  return function fetch(this: unknown, ...args: Parameters<typeof globalThis.fetch>): Promise<Response> {
    if (state.subscribers.size === 0) return original.apply(this, args);
    let pending: PendingFetch | undefined;
    try {
      pending = start(state, args[0], args[1]);
    } catch {
      pending = undefined;
    }
    const promise = original.apply(this, args);
    if (pending && promise != null && typeof promise.then === 'function') {
      const observing = pending;
      const settled = (outcome: FetchOutcome) => {
        try {
          finish(state, observing, outcome);
        } catch {
          // never into the page
        }
      };
      // A side branch: registered before the caller's reactions, so a clone can still be taken.
      promise.then(
        (response) => settled({ response }),
        (error: unknown) => settled({ error }),
      );
    }
    return promise;
  };
}
