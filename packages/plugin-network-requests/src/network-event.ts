/** The `[Amplitude] Network Request` event properties of one captured request. Pure. */
import type { Properties } from '@sightline/core';
import { maskSensitivePatterns } from '@sightline/dom';
import { NetworkProperty } from './constants.js';
import type { CompiledCaptureRule } from './capture-rules.js';
import { pruneHeaders } from './header-pruning.js';
import type { ObservedRequest } from './observed-request.js';
import { splitRequestUrl } from './url-parts.js';

/** Sets `name` only when there is a value: absent properties are left out, not sent as `undefined`. */
export function setIfDefined(properties: Properties, name: string, value: unknown): void {
  if (value !== undefined) properties[name] = value;
}

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
  setIfDefined(properties, NetworkProperty.URL_QUERY, url.query);
  setIfDefined(properties, NetworkProperty.URL_FRAGMENT, url.fragment);
  if (request.error) {
    properties[NetworkProperty.ERROR_CODE] = request.error.code;
    // Some browsers put the URL in the message: scrub it like any captured string.
    properties[NetworkProperty.ERROR_MESSAGE] = maskSensitivePatterns(request.error.message);
  }
  setIfDefined(properties, NetworkProperty.REQUEST_BODY_SIZE, request.requestBodySize());
  setIfDefined(properties, NetworkProperty.RESPONSE_BODY_SIZE, request.responseBodySize());
  setIfDefined(
    properties,
    NetworkProperty.REQUEST_HEADERS,
    pruneHeaders(request.requestHeaders(), rule.requestHeaders),
  );
  setIfDefined(
    properties,
    NetworkProperty.RESPONSE_HEADERS,
    pruneHeaders(request.responseHeaders(), rule.responseHeaders),
  );
  return properties;
}
