/**
 * Body capture policy: keep the JSON fields an
 * allowlist names, in their original structure, then remove what the excludelist names.
 * Nothing is captured without an allowlist. Pure; never mutates its input.
 */
import { maskSensitivePatterns } from '@sightline/dom';
import { MAX_BODY_DEPTH, MAX_CAPTURED_BODY_BYTES } from './constants.js';
import type { BodyCaptureRule } from './options.js';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type Container = Json[] | { [key: string]: Json };
type Path = string[];

export interface CompiledBodyRule {
  allow: Path[];
  exclude: Path[];
}

/** Bounds the walk over one body so a `**` pattern on a huge document stays cheap. */
const MAX_VISITS = 20_000;

const unescapePointer = (segment: string): string => segment.replace(/~1/g, '/').replace(/~0/g, '~');

/** `"/b/d/*"` → `['b','d','*']`; repeated `**` collapse (same meaning, less work). `undefined` for an empty path. */
export function parseBodyPath(path: unknown): Path | undefined {
  if (typeof path !== 'string') return undefined;
  const trimmed = path.trim().replace(/^\//, '');
  if (trimmed === '') return undefined;
  const segments: Path = [];
  for (const segment of trimmed.split('/').map(unescapePointer)) {
    if (segment === '**' && segments[segments.length - 1] === '**') continue;
    segments.push(segment);
  }
  return segments;
}

const compilePaths = (paths: unknown): Path[] =>
  Array.isArray(paths) ? paths.map(parseBodyPath).filter((path): path is Path => path !== undefined) : [];

/** `undefined` when the rule captures nothing (no usable allowlist path). */
export function compileBodyRule(rule: unknown): CompiledBodyRule | undefined {
  if (!rule || typeof rule !== 'object') return undefined;
  const { allowlist, excludelist, blocklist } = rule as BodyCaptureRule;
  const allow = compilePaths(allowlist);
  if (allow.length === 0) return undefined;
  return { allow, exclude: [...compilePaths(excludelist), ...compilePaths(blocklist)] };
}

const isContainer = (value: unknown): value is Container => typeof value === 'object' && value !== null;

/** Array indexes or object keys; holes (left in arrays until `compact`) hold nothing to keep or remove. */
const childKeys = (value: Container): string[] => Object.keys(value);

const childAt = (value: Container, key: string): Json | undefined =>
  Array.isArray(value)
    ? /^\d+$/.test(key)
      ? value[Number(key)]
      : undefined
    : Object.prototype.hasOwnProperty.call(value, key)
      ? value[key]
      : undefined;

interface Walk {
  visits: number;
  found: Path[];
  /**
   * Allowlists keep only values a pattern ends on (`*` → `{a, g}` in the documented example); `**` keeps subtrees.
   * Excludelists remove whatever they name.
   */
  valuesOnly: boolean;
}

function collect(value: Json, pattern: Path, index: number, path: Path, walk: Walk): void {
  if (++walk.visits > MAX_VISITS || path.length > MAX_BODY_DEPTH) return;
  if (index === pattern.length) {
    const endsWithSubtree = pattern[pattern.length - 1] === '**';
    if (!walk.valuesOnly || endsWithSubtree || !isContainer(value)) walk.found.push(path);
    return;
  }
  const segment = pattern[index];
  if (segment === '**') {
    collect(value, pattern, index + 1, path, walk); // zero levels
    if (index === pattern.length - 1) return; // a trailing `**` already took the whole subtree
    if (isContainer(value))
      for (const key of childKeys(value)) collect(childAt(value, key) as Json, pattern, index, [...path, key], walk);
    return;
  }
  if (!isContainer(value)) return;
  if (segment === '*') {
    for (const key of childKeys(value)) collect(childAt(value, key) as Json, pattern, index + 1, [...path, key], walk);
    return;
  }
  const child = childAt(value, segment);
  if (child !== undefined) collect(child, pattern, index + 1, [...path, segment], walk);
}

/** The paths of `value` that `patterns` select. */
function select(value: Json, patterns: Path[], valuesOnly: boolean): Path[] {
  const walk: Walk = { visits: 0, found: [], valuesOnly };
  for (const pattern of patterns) collect(value, pattern, 0, [], walk);
  return walk.found;
}

/** A deep copy with every string scrubbed of card numbers, SSNs and emails. */
function copyScrubbed(value: Json, depth: number): Json | undefined {
  if (typeof value === 'string') return maskSensitivePatterns(value);
  if (!isContainer(value)) return value;
  if (depth > MAX_BODY_DEPTH) return undefined;
  if (Array.isArray(value))
    return value.map((item) => copyScrubbed(item, depth + 1)).filter((item): item is Json => item !== undefined);
  const copy: { [key: string]: Json } = {};
  for (const key of Object.keys(value)) {
    const item = copyScrubbed(value[key], depth + 1);
    if (item !== undefined) copy[key] = item;
  }
  return copy;
}

const emptyLike = (value: Json | undefined): Container => (Array.isArray(value) ? [] : {});

/** Sets `path` of `target` (mirroring the containers of `source`) to a scrubbed copy. */
function place(target: Container, source: Json, path: Path): void {
  let into = target as { [key: string]: Json };
  let from = source;
  for (let i = 0; i < path.length - 1; i++) {
    from = childAt(from as Container, path[i]) as Json;
    if (!isContainer(into[path[i]])) into[path[i]] = emptyLike(from);
    into = into[path[i]] as { [key: string]: Json };
  }
  const leaf = path[path.length - 1];
  const copy = copyScrubbed(childAt(from as Container, leaf) as Json, path.length);
  if (copy !== undefined) into[leaf] = copy;
}

function remove(target: Container, path: Path): void {
  let from: Json | undefined = target;
  for (let i = 0; i < path.length - 1; i++) {
    if (!isContainer(from)) return;
    from = childAt(from, path[i]);
  }
  if (isContainer(from)) delete (from as { [key: string]: Json })[path[path.length - 1]];
}

/** Drops the holes `remove` left in arrays (selected elements keep their order). */
function compact(value: Json): Json {
  if (!isContainer(value)) return value;
  if (Array.isArray(value)) return value.filter(() => true).map(compact);
  for (const key of Object.keys(value)) value[key] = compact(value[key]);
  return value;
}

const isEmpty = (value: Json): boolean => isContainer(value) && childKeys(value).length === 0;

/** What a body rule captures from a parsed JSON body; `undefined` when nothing. */
export function pruneBody(body: unknown, rule: CompiledBodyRule | undefined): Json | undefined {
  if (!rule || body === undefined) return undefined;
  try {
    const source = body as Json;
    const paths = select(source, rule.allow, true);
    if (paths.length === 0) return undefined;
    // A pattern that selects the root (`**`) keeps the whole body.
    let result: Json;
    if (paths.some((path) => path.length === 0)) {
      result = copyScrubbed(source, 0) as Json; // never `undefined` at depth 0
    } else {
      result = emptyLike(source);
      for (const path of paths) place(result, source, path);
    }
    for (const path of select(result, rule.exclude, false)) {
      if (path.length === 0) return undefined;
      remove(result as Container, path);
    }
    result = compact(result);
    return isEmpty(result) ? undefined : result;
  } catch {
    return undefined;
  }
}

/** Parses a JSON body text within the size limit; `undefined` for anything else. */
export function parseJsonBody(text: unknown): unknown {
  if (typeof text !== 'string' || text === '' || text.length > MAX_CAPTURED_BODY_BYTES) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
