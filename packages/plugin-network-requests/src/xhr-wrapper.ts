/**
 * The XMLHttpRequest half of the shared wrapper: `open`, `setRequestHeader` and `send` are
 * patched on the prototype and always call the originals with the same arguments, returning
 * their results and letting their exceptions through. Observation uses extra event
 * listeners only, so readyState, events and handlers the page sees are unchanged.
 */
import { bodySize, contentLength, utf8ByteLength } from './body-size.js';
import { parseJsonBody } from './body-pruning.js';
import { parseRawHeaders } from './header-pruning.js';
import type { ObservedRequest } from './observed-request.js';
import { isMarkedSdkRequest, notify, type SharedNetworkState, type XhrPatch } from './shared-state.js';
import { absoluteUrl } from './url-parts.js';

interface XhrRecord {
  method: string;
  url: string;
  headers: Array<[string, string]>;
}

/** The failure events, then the one that ends every request. */
const OBSERVED_EVENTS = ['error', 'timeout', 'abort', 'loadend'];

function responseSize(xhr: XMLHttpRequest): number | undefined {
  const declared = contentLength(safe(() => xhr.getResponseHeader('content-length')));
  if (declared !== undefined) return declared;
  const type = xhr.responseType;
  if (type === '' || type === 'text') return utf8ByteLength(xhr.responseText || '');
  return bodySize(xhr.response);
}

function responseJson(xhr: XMLHttpRequest): unknown {
  const type = xhr.responseType;
  if (type === '' || type === 'text') return parseJsonBody(xhr.responseText);
  if (type === 'json') return xhr.response === null ? undefined : xhr.response;
  return undefined;
}

function safe<T>(read: () => T): T | undefined {
  try {
    return read();
  } catch {
    return undefined;
  }
}

function observe(
  xhr: XMLHttpRequest,
  record: XhrRecord,
  body: unknown,
  startTime: number,
  failure: string | undefined,
): ObservedRequest {
  const status = failure ? 0 : xhr.status;
  return {
    type: 'xhr',
    url: record.url,
    method: record.method,
    startTime,
    endTime: Date.now(),
    status,
    error:
      status === 0
        ? { code: failure || 'error', message: `XMLHttpRequest ${failure || 'failed'} without a status` }
        : undefined,
    requestBodySize: () => bodySize(body),
    responseBodySize: () => (status === 0 ? undefined : safe(() => responseSize(xhr))),
    requestHeaders: () => record.headers,
    responseHeaders: () => parseRawHeaders(safe(() => xhr.getAllResponseHeaders()) || ''),
    requestBody: () => Promise.resolve(parseJsonBody(body)), // only a string body is parsed
    responseBody: () => Promise.resolve(status === 0 ? undefined : safe(() => responseJson(xhr))),
  };
}

/** Builds the three prototype wrappers around the originals; inert while nobody subscribes. */
export function createXhrWrappers(
  state: SharedNetworkState,
  originals: Omit<XhrPatch, 'wrappers'>,
): XhrPatch['wrappers'] {
  const records = new WeakMap<XMLHttpRequest, XhrRecord>();

  function open(this: XMLHttpRequest, ...args: unknown[]): void {
    (originals.open as (...a: unknown[]) => void).apply(this, args);
    try {
      records.set(this, { method: String(args[0]).toUpperCase(), url: absoluteUrl(String(args[1])), headers: [] });
    } catch {
      // never into the page
    }
  }

  function setRequestHeader(this: XMLHttpRequest, ...args: [string, string]): void {
    originals.setRequestHeader.apply(this, args);
    try {
      const record = records.get(this);
      if (record) record.headers.push([String(args[0]), String(args[1])]);
    } catch {
      // never into the page
    }
  }

  function send(this: XMLHttpRequest, ...args: [(Document | XMLHttpRequestBodyInit | null)?]): void {
    const record = records.get(this);
    if (state.subscribers.size === 0 || !record || isMarkedSdkRequest(this)) {
      originals.send.apply(this, args);
      return;
    }
    // eslint-disable-next-line @typescript-eslint/no-this-alias -- the request the listeners below report on
    const xhr = this;
    const startTime = Date.now();
    let failure: string | undefined;
    // `loadend` always comes last, after the failure event (if any) that names the outcome.
    const onEvent = (event: Event) => {
      if (event.type !== 'loadend') {
        failure = event.type;
        return;
      }
      detach();
      try {
        const observed = observe(xhr, record, args[0], startTime, failure);
        notify(state, (subscriber) => subscriber.onRequest(observed));
      } catch {
        // never into the page
      }
    };
    const detach = () => {
      for (const type of OBSERVED_EVENTS) xhr.removeEventListener(type, onEvent);
    };
    for (const type of OBSERVED_EVENTS) xhr.addEventListener(type, onEvent);
    try {
      originals.send.apply(this, args);
    } catch (error) {
      detach();
      throw error;
    }
  }

  return { open, setRequestHeader, send };
}
