/**
 * Which requests become `[Amplitude] Network Request` events. Pure:
 * options are compiled once; each finished request is then decided without allocation-heavy work.
 */
import { describeValue as describe } from '@sightline/core';
import { DEFAULT_STATUS_CODE_RANGE } from './constants.js';
import { compileBodyRule, type CompiledBodyRule } from './body-pruning.js';
import { compileHeaderRule } from './header-pruning.js';
import { compileHostPatterns, matchesAnyHost } from './host-pattern.js';
import type { NetworkCaptureRule } from './options.js';
import { isStatusInRanges, parseStatusCodeRange, type StatusRange } from './status-code-range.js';

export interface CompiledCaptureRule {
  urls?: (string | RegExp)[];
  hosts?: RegExp[];
  /** Upper-case; `undefined` = every method. */
  methods?: string[];
  statusRanges: StatusRange[];
  requestHeaders: readonly string[];
  responseHeaders: readonly string[];
  requestBody?: CompiledBodyRule;
  responseBody?: CompiledBodyRule;
}

/** What is known about a request before it is sent. */
export interface RequestTarget {
  /** Absolute URL, as sent (secrets included: matching only, never captured from here). */
  url: string;
  /** The URL without query and fragment. */
  urlWithoutQuery: string;
  hostname: string;
  method: string;
}

const DEFAULT_RULE: NetworkCaptureRule = { statusCodeRange: DEFAULT_STATUS_CODE_RANGE };

/** A RegExp without `g` / `y`, so `test` keeps no state between requests. */
const statelessRegExp = (pattern: RegExp): RegExp =>
  pattern.global || pattern.sticky ? new RegExp(pattern.source, pattern.flags.replace(/[gy]/g, '')) : pattern;

function compileUrls(urls: unknown, report: (problem: string) => void): (string | RegExp)[] | undefined {
  if (urls === undefined) return undefined;
  if (!Array.isArray(urls)) {
    report(`captureRules[].urls must be an array of strings or RegExps; ignored`);
    return undefined;
  }
  const compiled: (string | RegExp)[] = [];
  for (const url of urls) {
    if (typeof url === 'string') compiled.push(url);
    else if (url instanceof RegExp) compiled.push(statelessRegExp(url));
    else report(`captureRules[].urls: ${describe(url)} is neither a string nor a RegExp; ignored`);
  }
  return compiled;
}

function compileMethods(methods: unknown, report: (problem: string) => void): string[] | undefined {
  if (methods === undefined) return undefined;
  if (!Array.isArray(methods)) {
    report('captureRules[].methods must be an array of strings; all methods match');
    return undefined;
  }
  const upper = methods
    .filter((method): method is string => typeof method === 'string')
    .map((method) => method.trim().toUpperCase());
  return upper.indexOf('*') >= 0 ? undefined : upper;
}

function compileRule(rule: NetworkCaptureRule, report: (problem: string) => void): CompiledCaptureRule {
  const rangeSpec = rule.statusCodeRange === undefined ? DEFAULT_STATUS_CODE_RANGE : rule.statusCodeRange;
  const { ranges: parsedRanges, invalid } = parseStatusCodeRange(rangeSpec);
  let ranges = parsedRanges;
  if (invalid.length) report(`captureRules[].statusCodeRange ${describe(rangeSpec)}: ignored ${invalid.join(', ')}`);
  if (ranges.length === 0) {
    report(
      `captureRules[].statusCodeRange ${describe(rangeSpec)} has no valid code; using "${DEFAULT_STATUS_CODE_RANGE}"`,
    );
    ranges = parseStatusCodeRange(DEFAULT_STATUS_CODE_RANGE).ranges;
  }
  return {
    urls: compileUrls(rule.urls, report),
    hosts:
      rule.hosts === undefined
        ? undefined
        : compileHostPatterns(rule.hosts, (bad) => report(`captureRules[].hosts: ${describe(bad)} ignored`)),
    methods: compileMethods(rule.methods, report),
    statusRanges: ranges,
    requestHeaders: compileHeaderRule(rule.requestHeaders),
    responseHeaders: compileHeaderRule(rule.responseHeaders),
    requestBody: compileBodyRule(rule.requestBody),
    responseBody: compileBodyRule(rule.responseBody),
  };
}

/** Absent or empty `captureRules` means the default rule: status 0 and 500–599, every URL. */
export function compileCaptureRules(rules: unknown, report: (problem: string) => void): CompiledCaptureRule[] {
  if (rules !== undefined && !Array.isArray(rules)) report('captureRules must be an array; using the default rule');
  const list = Array.isArray(rules) && rules.length > 0 ? rules : [DEFAULT_RULE];
  const compiled: CompiledCaptureRule[] = [];
  for (const rule of list) {
    if (rule && typeof rule === 'object') compiled.push(compileRule(rule as NetworkCaptureRule, report));
    else report(`captureRules: ${describe(rule)} is not a rule object; ignored`);
  }
  return compiled;
}

function urlMatches(rule: CompiledCaptureRule, target: RequestTarget): boolean {
  if (rule.urls === undefined) return true;
  for (const url of rule.urls) {
    if (typeof url === 'string' ? url === target.url || url === target.urlWithoutQuery : url.test(target.url))
      return true;
  }
  return false;
}

/** Whether the rule applies to this request, leaving the status aside. */
export function ruleApplies(rule: CompiledCaptureRule, target: RequestTarget): boolean {
  if (!urlMatches(rule, target)) return false;
  if (rule.hosts !== undefined && !matchesAnyHost(target.hostname, rule.hosts)) return false;
  return rule.methods === undefined || rule.methods.indexOf(target.method.toUpperCase()) >= 0;
}

/** The deciding rule: the last one that applies (specific rules go at the bottom). */
export function findRule(
  rules: readonly CompiledCaptureRule[],
  target: RequestTarget,
): CompiledCaptureRule | undefined {
  for (let i = rules.length - 1; i >= 0; i--) if (ruleApplies(rules[i], target)) return rules[i];
  return undefined;
}

/** The rule under which a finished request is captured, or `undefined` when it is not. */
export function decideCapture(
  rules: readonly CompiledCaptureRule[],
  target: RequestTarget,
  status: number,
): CompiledCaptureRule | undefined {
  const rule = findRule(rules, target);
  return rule && isStatusInRanges(status, rule.statusRanges) ? rule : undefined;
}
