/** The `[Amplitude] Network Request` event properties of one captured request (FEATURES C.6, OQ-30). Pure. */
import type { Properties } from '@sightline/core';
import { maskSensitivePatterns } from '@sightline/dom';
import { NetworkProperty } from './constants';
import type { CompiledCaptureRule } from './capture-rules';
import { pruneHeaders } from './header-pruning';
import type { ObservedRequest } from './observed-request';
import { splitRequestUrl } from './url-parts';

/** Everything known synchronously; bodies are added by the caller once read. */
export function buildNetworkRequestProperties(request: ObservedRequest, rule: CompiledCaptureRule): Properties {
  const url = splitRequestUrl(request.url);
  const properties: Properties = {
    [NetworkProperty.URL]: url.url,
    [NetworkProperty.REQUEST_METHOD]: request.method,
    [NetworkProperty.STATUS_CODE]: request.status,
    [NetworkProperty.START_TIME]: request.startTime,
    [NetworkProperty.COMPLETION_TIME]: request.endTime,
    [NetworkProperty.DURATION]: Math.max(0, request.endTime - request.startTime),
    [NetworkProperty.REQUEST_TYPE]: request.type,
  };
  if (url.query !== undefined) properties[NetworkProperty.URL_QUERY] = url.query;
  if (url.fragment !== undefined) properties[NetworkProperty.URL_FRAGMENT] = url.fragment;
  if (request.error) {
    properties[NetworkProperty.ERROR_CODE] = request.error.code;
    // Some browsers put the URL in the message: scrub it like any captured string.
    properties[NetworkProperty.ERROR_MESSAGE] = maskSensitivePatterns(request.error.message);
  }
  const requestSize = request.requestBodySize();
  if (requestSize !== undefined) properties[NetworkProperty.REQUEST_BODY_SIZE] = requestSize;
  const responseSize = request.responseBodySize();
  if (responseSize !== undefined) properties[NetworkProperty.RESPONSE_BODY_SIZE] = responseSize;
  const requestHeaders = pruneHeaders(request.requestHeaders(), rule.requestHeaders);
  if (requestHeaders) properties[NetworkProperty.REQUEST_HEADERS] = requestHeaders;
  const responseHeaders = pruneHeaders(request.responseHeaders(), rule.responseHeaders);
  if (responseHeaders) properties[NetworkProperty.RESPONSE_HEADERS] = responseHeaders;
  return properties;
}
