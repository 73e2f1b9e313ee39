/**
 * Connects the shared wrapper to one client: decides each finished request with the
 * compiled rules and tracks the event. Anything that goes wrong is logged, never thrown.
 */
import type { Logger, Properties } from '@sightline/core';
import { NetworkProperty } from './constants';
import { decideCapture, findRule, type CompiledCaptureRule, type RequestTarget } from './capture-rules';
import { pruneBody } from './body-pruning';
import { isIgnored, type IgnorePolicy } from './ignore-policy';
import { buildNetworkRequestProperties } from './network-event';
import type { NetworkSubscriber, ObservedRequest } from './observed-request';
import { resolveRequestUrl } from './url-parts';

export interface CaptureSubscriberOptions {
  rules: readonly CompiledCaptureRule[];
  ignore: IgnorePolicy;
  track: (properties: Properties) => void;
  logger: Logger;
}

/** Only http(s) requests are candidates: `data:` / `blob:` URLs are not network traffic worth an event. */
export function toRequestTarget(url: string, method: string): RequestTarget | undefined {
  const parsed = resolveRequestUrl(url, undefined);
  if (!parsed || (parsed.protocol !== 'http:' && parsed.protocol !== 'https:')) return undefined;
  return { url, urlWithoutQuery: url.split(/[?#]/)[0], hostname: parsed.hostname, method };
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
    const requestBody = rule.requestBody ? request.requestBody() : Promise.resolve(undefined);
    const responseBody = rule.responseBody ? request.responseBody() : Promise.resolve(undefined);
    Promise.all([requestBody, responseBody])
      .then(([requestJson, responseJson]) => {
        const capturedRequest = pruneBody(requestJson, rule.requestBody);
        const capturedResponse = pruneBody(responseJson, rule.responseBody);
        if (capturedRequest !== undefined) properties[NetworkProperty.REQUEST_BODY] = capturedRequest;
        if (capturedResponse !== undefined) properties[NetworkProperty.RESPONSE_BODY] = capturedResponse;
        const responseSize = request.responseBodySize();
        if (responseSize !== undefined) properties[NetworkProperty.RESPONSE_BODY_SIZE] = responseSize;
      })
      .catch((error: unknown) => logger.warn('Network request body capture failed; the event is sent without it:', error))
      .then(() => track(properties));
  };

  return {
    wantsRequestBody: ({ url, method }) => {
      try {
        const target = toRequestTarget(url, method);
        if (!target || isIgnored(ignore, target)) return false;
        const rule = findRule(rules, target);
        return !!(rule && rule.requestBody);
      } catch {
        return false;
      }
    },
    onRequest: (request) => {
      try {
        const target = toRequestTarget(request.url, request.method);
        if (!target || isIgnored(ignore, target)) return;
        const rule = decideCapture(rules, target, request.status);
        if (rule) capture(request, rule);
      } catch (error) {
        logger.error('Network request capture failed:', error);
      }
    },
  };
}
