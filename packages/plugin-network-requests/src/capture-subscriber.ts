/**
 * Connects the shared wrapper to one client: decides each finished request with the
 * compiled rules and tracks the event. Anything that goes wrong is logged, never thrown.
 */
import type { Logger, Properties } from '@sightline/core';
import { NetworkProperty } from './constants.js';
import { decideCapture, findRule, type CompiledCaptureRule, type RequestTarget } from './capture-rules.js';
import { pruneBody } from './body-pruning.js';
import { isIgnored, type IgnorePolicy } from './ignore-policy.js';
import { buildNetworkRequestProperties, setIfDefined } from './network-event.js';
import type { NetworkSubscriber, ObservedRequest } from './observed-request.js';
import { resolveRequestUrl, stripQuery } from './url-parts.js';

export interface CaptureSubscriberOptions {
  rules: readonly CompiledCaptureRule[];
  ignore: IgnorePolicy;
  track: (properties: Properties) => void;
  logger: Logger;
}

/**
 * The request as the rules see it; `undefined` when it is never captured: ignored, or not
 * http(s) (`data:` / `blob:` URLs are not network traffic worth an event).
 */
export function toRequestTarget(url: string, method: string, ignore: IgnorePolicy): RequestTarget | undefined {
  const parsed = resolveRequestUrl(url, undefined);
  if (!parsed || (parsed.protocol !== 'http:' && parsed.protocol !== 'https:')) return undefined;
  const target = { url, urlWithoutQuery: stripQuery(url), hostname: parsed.hostname, method };
  return isIgnored(ignore, target) ? undefined : target;
}

export function createCaptureSubscriber(options: CaptureSubscriberOptions): NetworkSubscriber {
  const { rules, ignore, track, logger } = options;

  const capture = (request: ObservedRequest, rule: CompiledCaptureRule): void => {
    const properties = buildNetworkRequestProperties(request, rule);
    if (!rule.requestBody && !rule.responseBody) {
      track(properties);
      return;
    }
    // Called now, synchronously: the response clone must be taken before the page reads the body.
    const requestBody = rule.requestBody && request.requestBody();
    const responseBody = rule.responseBody && request.responseBody();
    void Promise.all([requestBody, responseBody])
      .then(([requestJson, responseJson]) => {
        setIfDefined(properties, NetworkProperty.REQUEST_BODY, pruneBody(requestJson, rule.requestBody));
        setIfDefined(properties, NetworkProperty.RESPONSE_BODY, pruneBody(responseJson, rule.responseBody));
        // Known now that the body was read, when no Content-Length said it.
        setIfDefined(properties, NetworkProperty.RESPONSE_BODY_SIZE, request.responseBodySize());
      })
      .catch((error: unknown) =>
        logger.warn('Network request body capture failed; the event is sent without it:', error),
      )
      .then(() => track(properties));
  };

  return {
    wantsRequestBody: ({ url, method }) => {
      try {
        const target = toRequestTarget(url, method, ignore);
        const rule = target && findRule(rules, target);
        return !!(rule && rule.requestBody);
      } catch {
        return false;
      }
    },
    onRequest: (request) => {
      try {
        const target = toRequestTarget(request.url, request.method, ignore);
        const rule = target && decideCapture(rules, target, request.status);
        if (rule) capture(request, rule);
      } catch (error) {
        logger.error('Network request capture failed:', error);
      }
    },
  };
}
