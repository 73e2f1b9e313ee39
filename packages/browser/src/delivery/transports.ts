import {
  SDK_REQUEST_MARKER,
  getNavigator,
  type Transport,
  type TransportChoice,
  type UploadRequest,
  type UploadResponse,
} from '@sightline/core';
import { prepareBody, type PreparedBody } from './gzip.js';
import { parseJsonBody, parseRetryAfter } from './retry-after.js';

const JSON_TYPE = 'application/json';
const NO_ANSWER: UploadResponse = { status: 0, body: null };

/** An upload that has not answered by then is abandoned and retried: a hung request must not hold the flush lock. */
export const REQUEST_TIMEOUT_MS = 30_000;

/** Marks a request (fetch init or XHR) as the SDK's own, for network capture to skip. */
const markOwn = <T extends object>(target: T): T => {
  (target as { [key: symbol]: boolean })[Symbol.for(SDK_REQUEST_MARKER)] = true;
  return target;
};

// Captured when the delivery is created, before any plugin wraps fetch or XHR: the SDK's own
// uploads never pass through the network-capture wrapper.
const platformFetch = (): typeof fetch | undefined =>
  typeof fetch === 'function' ? fetch.bind(globalThis) : undefined;

interface TransportOptions {
  headers: { [name: string]: string };
  compress: boolean;
}

/** JSON by default; the app's custom headers may override; the body's encoding always applies. */
const requestHeaders = (custom: { [name: string]: string }, prepared: PreparedBody): { [name: string]: string } => ({
  'Content-Type': JSON_TYPE,
  Accept: '*/*',
  ...custom,
  ...prepared.headers,
});

const fetchTransport = ({ headers, compress }: TransportOptions, send = platformFetch()): Transport => ({
  async send(request: UploadRequest): Promise<UploadResponse> {
    if (!send) return NO_ANSWER;
    const prepared = await prepareBody(request.body, compress && !request.exiting);
    const abort = typeof AbortController === 'function' && !request.exiting ? new AbortController() : undefined;
    const timer = abort && setTimeout(() => abort.abort(), REQUEST_TIMEOUT_MS);
    try {
      const response = await send(
        request.url,
        markOwn<RequestInit>({
          method: 'POST',
          headers: requestHeaders(headers, prepared),
          body: prepared.body,
          keepalive: !!request.exiting,
          signal: abort && abort.signal, // undefined: no signal
        }),
      );
      return {
        status: response.status,
        body: parseJsonBody(await response.text().catch(() => '')),
        retryAfterMs: parseRetryAfter(response.headers.get('Retry-After'), Date.now()),
      };
    } catch {
      return NO_ANSWER;
    } finally {
      clearTimeout(timer); // a no-op when there is none
    }
  },
});

const xhrTransport = (
  { headers, compress }: TransportOptions,
  Xhr = typeof XMLHttpRequest === 'function' ? XMLHttpRequest : undefined,
): Transport => ({
  async send(request: UploadRequest): Promise<UploadResponse> {
    if (!Xhr) return NO_ANSWER;
    const prepared = await prepareBody(request.body, compress);
    return new Promise<UploadResponse>((resolve) => {
      const xhr = markOwn(new Xhr());
      xhr.open('POST', request.url, true);
      xhr.timeout = REQUEST_TIMEOUT_MS;
      const all = requestHeaders(headers, prepared);
      for (const name in all) xhr.setRequestHeader(name, all[name]);
      xhr.onload = () =>
        resolve({
          status: xhr.status,
          body: parseJsonBody(xhr.responseText),
          retryAfterMs: parseRetryAfter(xhr.getResponseHeader('Retry-After'), Date.now()),
        });
      xhr.onerror = xhr.ontimeout = xhr.onabort = () => resolve(NO_ANSWER);
      xhr.send(prepared.body);
    });
  },
});

/**
 * sendBeacon: no answer to read, no custom headers, no compression. A queued beacon
 * counts as delivered; a refused one (too large, quota) falls back to keepalive fetch.
 */
const beaconTransport = (send = platformFetch()): Transport => {
  const keepalive = fetchTransport({ headers: {}, compress: false }, send);
  return {
    async send(request: UploadRequest): Promise<UploadResponse> {
      const navigator = getNavigator();
      let queued = false;
      try {
        queued =
          !!navigator && typeof navigator.sendBeacon === 'function' && navigator.sendBeacon(request.url, request.body);
      } catch {
        // refused by throwing (some browsers, oversized bodies): not queued
      }
      if (queued) return { status: 200, body: null };
      return keepalive.send({ ...request, exiting: true });
    },
  };
};

/** The transport `transport` asks for; custom headers apply to fetch and xhr only. */
export const createTransport = ({ transport, compress }: TransportChoice): Transport => {
  const type = typeof transport === 'string' ? transport : transport.type;
  const headers = typeof transport === 'object' && transport.headers ? transport.headers : {};
  if (type === 'beacon') return beaconTransport();
  if (type === 'xhr') return xhrTransport({ headers, compress });
  return fetchTransport({ headers, compress });
};

/** Page-exit delivery: a beacon, or a keepalive fetch where beacons are refused. */
export const createExitTransport = (): Transport => beaconTransport();
