import {
  SDK_REQUEST_MARKER,
  byteLength,
  type ExitTransport,
  type Transport,
  type TransportChoice,
  type UploadRequest,
  type UploadResponse,
} from '@sightline/core';
import type { DeliveryPlatform } from './delivery-platform.js';
import { prepareBody, type PreparedBody } from './gzip.js';
import { bodyBytes, releaseKeepalive, reserveKeepalive } from './keepalive-budget.js';
import { parseJsonBody, parseRetryAfter } from './retry-after.js';

const JSON_TYPE = 'application/json';
/** What a beacon sends: a safelisted type, so a page-exit request needs no CORS preflight either. */
const TEXT_TYPE = 'text/plain;charset=UTF-8';
const NO_ANSWER: UploadResponse = { status: 0, body: null };
const ownKeys = Object.keys;
const NativePromise = Promise;

/** Requests that reach the server even if their page goes away first: sent with keepalive, or by beacon. */
const outliving = new WeakSet<UploadRequest>();

/** Whether `request` went out in a way that outlives its page (keepalive fetch, beacon). */
export const outlivesPage = (request: UploadRequest): boolean => outliving.has(request);

/** An upload that has not answered by then is abandoned and retried: a hung request must not hold the flush lock. */
export const REQUEST_TIMEOUT_MS = 30_000;

/**
 * A transport that cannot work on this page: it threw (missing, patched, denied) rather than failing on the network.
 */
export class TransportBroken extends Error {}

/** Marks a request (fetch init or XHR) as the SDK's own, for network capture to skip. */
const markOwn = <T extends object>(target: T): T => {
  (target as { [key: symbol]: boolean })[Symbol.for(SDK_REQUEST_MARKER)] = true;
  return target;
};

/** JSON by default; the app's custom headers may override; the body's encoding always applies. */
const requestHeaders = (custom: { [name: string]: string }, prepared: PreparedBody): { [name: string]: string } => ({
  'Content-Type': JSON_TYPE,
  Accept: '*/*',
  ...custom,
  ...prepared.headers,
});

/** How real fetch and XHR fail on the network (no answer, a timeout): anything else means the API is broken. */
const isNetworkFailure = (error: unknown): boolean =>
  error instanceof TypeError || (!!error && (error as { name?: unknown }).name === 'AbortError');

interface FetchInit {
  headers: { [name: string]: string };
  body: string | ArrayBuffer;
}

/**
 * One fetch, started before this returns (a page-exit request must leave inside the event that
 * sends it). Resolves with the answer, or status 0 when the network gave none; throws or rejects
 * TransportBroken when fetch itself does not work here.
 */
const startFetch = (
  platform: DeliveryPlatform,
  url: string,
  init: FetchInit,
  keepalive: boolean,
): Promise<UploadResponse> => {
  const { fetch, clock } = platform;
  if (!fetch) throw new TransportBroken('fetch is not available');
  const abort = platform.AbortController ? new platform.AbortController() : undefined;
  const timer = abort && clock.setTimeout(() => abort.abort(), REQUEST_TIMEOUT_MS);
  const stop = () => timer !== undefined && clock.clearTimeout(timer);
  let pending: Promise<Response>;
  try {
    pending = fetch(url, markOwn<RequestInit>({ method: 'POST', ...init, keepalive, signal: abort && abort.signal }));
    if (pending == null || typeof pending.then !== 'function') throw new TypeError('fetch returned no promise');
  } catch (error) {
    stop();
    throw new TransportBroken(`fetch threw: ${String(error)}`);
  }
  const read = async (): Promise<UploadResponse> => {
    try {
      const response = await pending;
      return {
        status: response.status,
        body: parseJsonBody(await response.text().catch(() => '')),
        retryAfterMs: parseRetryAfter(response.headers.get('Retry-After'), clock.epoch()),
      };
    } catch (error) {
      if (isNetworkFailure(error)) return NO_ANSWER;
      throw new TransportBroken(`fetch failed unlike a network error: ${String(error)}`);
    } finally {
      stop();
    }
  };
  return read();
};

/** A fetch that keeps going after the page is gone while its body fits the page's keepalive budget. */
const fetchWithKeepalive = async (platform: DeliveryPlatform, request: UploadRequest, init: FetchInit) => {
  const bytes = bodyBytes(init.body, byteLength);
  const keepalive = reserveKeepalive(bytes);
  try {
    const answer = startFetch(platform, request.url, init, keepalive);
    if (keepalive) outliving.add(request);
    return await answer;
  } finally {
    if (keepalive) releaseKeepalive(bytes);
  }
};

const sendXhr = (
  platform: DeliveryPlatform,
  url: string,
  prepared: PreparedBody,
  headers: { [name: string]: string },
) => {
  const { Xhr, xhrOpen, xhrSend, xhrSetRequestHeader, clock } = platform;
  if (!Xhr || !xhrOpen || !xhrSend || !xhrSetRequestHeader)
    throw new TransportBroken('XMLHttpRequest is not available');
  let settle!: (response: UploadResponse) => void;
  const answered = new NativePromise<UploadResponse>((resolve) => (settle = resolve));
  try {
    const xhr = markOwn(new Xhr());
    // The methods as they were at init: a page that patches XMLHttpRequest.prototype later does not reach these.
    (xhrOpen as (...args: unknown[]) => void).call(xhr, 'POST', url, true);
    xhr.timeout = REQUEST_TIMEOUT_MS;
    const all = requestHeaders(headers, prepared);
    const names = ownKeys(all);
    for (let index = 0; index < names.length; index++)
      (xhrSetRequestHeader as (...args: unknown[]) => void).call(xhr, names[index], all[names[index]]);
    xhr.onload = () =>
      settle({
        status: xhr.status,
        body: parseJsonBody(xhr.responseText),
        retryAfterMs: parseRetryAfter(xhr.getResponseHeader('Retry-After'), clock.epoch()),
      });
    xhr.onerror = xhr.ontimeout = xhr.onabort = () => settle(NO_ANSWER);
    (xhrSend as (...args: unknown[]) => void).call(xhr, prepared.body);
  } catch (error) {
    throw new TransportBroken(`XMLHttpRequest threw: ${String(error)}`);
  }
  return answered;
};

/** Queues a beacon: true when the browser took it (it gives no answer), false when it refused it (size, quota). */
const sendBeacon = (platform: DeliveryPlatform, url: string, body: string): boolean => {
  if (!platform.sendBeacon) throw new TransportBroken('sendBeacon is not available');
  try {
    return platform.sendBeacon(url, body);
  } catch (error) {
    throw new TransportBroken(`sendBeacon threw: ${String(error)}`);
  }
};

type TransportName = 'fetch' | 'xhr' | 'beacon';
const FALLBACK_ORDER: TransportName[] = ['fetch', 'xhr', 'beacon'];
const LABEL: { [name in TransportName]: string } = { fetch: 'fetch', xhr: 'XMLHttpRequest', beacon: 'sendBeacon' };

/**
 * The upload transport `transport` asks for; custom headers apply to fetch and xhr only. When it
 * throws on this page (a patched or denied API, not a network failure) the next one takes the
 * request (fetch → XMLHttpRequest → beacon), logged once, and the broken one is skipped from then on.
 */
export const createTransport = ({ transport, compress }: TransportChoice, platform: DeliveryPlatform): Transport => {
  const first: TransportName = typeof transport === 'string' ? transport : transport.type;
  const headers = typeof transport === 'object' && transport.headers ? transport.headers : {};
  const order = [first, ...FALLBACK_ORDER.filter((name) => name !== first)];

  const attempt = async (name: TransportName, request: UploadRequest): Promise<UploadResponse> => {
    if (name === 'beacon') {
      // A queued beacon counts as sent (it gives no answer); a refused one waits for a retry.
      if (!sendBeacon(platform, request.url, request.body)) return NO_ANSWER;
      outliving.add(request);
      return { status: 200, body: null };
    }
    const prepared = await prepareBody(request.body, compress);
    if (name === 'xhr') return sendXhr(platform, request.url, prepared, headers);
    return fetchWithKeepalive(platform, request, {
      headers: requestHeaders(headers, prepared),
      body: prepared.body,
    });
  };

  return {
    async send(request) {
      for (let index = 0; index < order.length; index++) {
        const name = order[index];
        if (platform.broken[name]) continue;
        try {
          return await attempt(name, request);
        } catch (error) {
          if (!(error instanceof TransportBroken)) throw error;
          platform.broken[name] = true;
          const next = order.slice(index + 1).filter((other) => !platform.broken[other])[0];
          platform.warnOnce(
            `broken-${name}`,
            `${LABEL[name]} does not work on this page (${error.message}); ` +
              `${next ? `uploads use ${LABEL[next]} instead` : 'no other transport is left: events stay stored'}`,
          );
        }
      }
      return NO_ANSWER;
    },
  };
};

/**
 * Page-exit delivery: a keepalive fetch while the body fits the page's keepalive budget (its answer
 * is read if the page lives on), else a beacon (no answer), else a plain fetch (which the page may
 * not outlive: its events then count as on the wire, and the next page life sends them again).
 * The request leaves before `send` returns, inside the pagehide or visibilitychange event.
 */
export const createExitTransport = (platform: DeliveryPlatform): ExitTransport => ({
  send(request) {
    const init = { headers: { 'Content-Type': TEXT_TYPE }, body: request.body };
    const bytes = byteLength(request.body);
    const broken = (error: unknown) => {
      if (!(error instanceof TransportBroken)) throw error;
      platform.broken.fetch = true;
      platform.warnOnce(
        'broken-fetch',
        `fetch does not work on this page (${error.message}); page exit uses sendBeacon`,
      );
    };
    if (!platform.broken.fetch && reserveKeepalive(bytes)) {
      try {
        const answer = startFetch(platform, request.url, init, true);
        outliving.add(request);
        const release = () => releaseKeepalive(bytes);
        answer.then(release, release);
        return answer.catch((error) => (broken(error), NO_ANSWER));
      } catch (error) {
        releaseKeepalive(bytes);
        broken(error);
      }
    }
    try {
      if (!platform.broken.beacon && sendBeacon(platform, request.url, request.body)) {
        outliving.add(request);
        return NativePromise.resolve(undefined);
      }
    } catch {
      platform.broken.beacon = true;
    }
    if (platform.broken.fetch) return NativePromise.reject(new TransportBroken('no page-exit transport took it'));
    try {
      return startFetch(platform, request.url, init, false);
    } catch (error) {
      return NativePromise.reject(error);
    }
  },
});
