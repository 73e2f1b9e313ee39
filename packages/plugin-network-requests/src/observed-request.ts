/** What the shared fetch / XHR wrapper reports to its subscribers about one finished request. */
import type { RequestType } from './constants.js';
import type { HeaderEntries } from './header-pruning.js';

export interface ObservedRequest {
  type: RequestType;
  /** Absolute URL as sent (may hold secrets: subscribers scrub before capturing). */
  url: string;
  /** Upper-case HTTP method. */
  method: string;
  /** ms since epoch when the request was handed to the browser. */
  startTime: number;
  /** ms since epoch when the response headers arrived (fetch) or the request ended (XHR), or it failed. */
  endTime: number;
  /** HTTP status; 0 when the request never got an answer. */
  status: number;
  /** Set when the request failed without a status (network error, abort, timeout). */
  error?: { code: string; message: string };
  /** The following are computed on demand and must be called synchronously in `onRequest`. */
  requestBodySize(): number | undefined;
  responseBodySize(): number | undefined;
  requestHeaders(): HeaderEntries;
  responseHeaders(): HeaderEntries;
  /** The parsed JSON request body, when it is readable without disturbing the request. */
  requestBody(): Promise<unknown>;
  /** The parsed JSON response body, read from a clone so the page's own read is untouched. */
  responseBody(): Promise<unknown>;
}

export interface NetworkSubscriber {
  /** Asked before a fetch goes out: true when a rule may need its body (a Request is cloned only then). */
  wantsRequestBody(request: { url: string; method: string }): boolean;
  /** Called synchronously when a request finishes; must not throw (it is isolated anyway). */
  onRequest(request: ObservedRequest): void;
}
