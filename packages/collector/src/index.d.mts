// Types for TypeScript callers (tests, scripts). The implementation is index.mjs (plain
// JavaScript, no build step); keep the two in step.
import type { IncomingHttpHeaders } from 'node:http';

export interface CollectorOptions {
  /** Default 8787; 0 picks a free port. */
  port?: number;
  /** Default '127.0.0.1' (this machine only). */
  host?: string;
  /** Default '.collector-data': NDJSON event files (one per UTC day) and the insert_id set. */
  dataDir?: string;
  /** Default 1,000,000: larger decoded bodies get 413. */
  maxBodyBytes?: number;
  /** Default 2000: more events in one request get 413. */
  maxEventsPerRequest?: number;
  /** Default false: log each ingestion request to stdout. */
  quiet?: boolean;
}

/** An id list, or id → events per second (as the 429 body reports it). */
export type IdSet = string[] | Record<string, number>;

export interface Fault {
  /** Answer this status (e.g. 500, 503, 429, 413, 400, 408) instead of ingesting. */
  status?: number;
  /** How many consecutive ingestion requests this fault applies to. Default 1. */
  times?: number;
  /** Adds a Retry-After header (seconds, rounded up). */
  retryAfterSeconds?: number;
  /** For 429: who is throttled. Default: every user and device in the request. */
  throttled?: { users?: IdSet; devices?: IdSet };
  /** Replaces the default response body. */
  body?: Record<string, unknown>;
  /** Wait this long before answering (or before ingesting, when there is no status). */
  delayMs?: number;
  /** Destroy the connection without answering. */
  drop?: boolean;
}

export interface RecordedRequest {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  /** Decoded (after gunzip). */
  body: Buffer;
  /** As received. */
  rawBody: Buffer;
  bodyText: string;
  /** The status answered; 0 when the connection was dropped or the answer is still pending. */
  status: number;
  /** When it arrived (ms epoch). */
  time: number;
}

export interface CollectorStats {
  /** Ingestion requests read. */
  requests: number;
  /** Events stored. */
  accepted: number;
  /** Events acknowledged but not stored again (insert_id seen in the past 7 days). */
  duplicates: number;
  /** Events in requests answered with anything but 200 (or dropped). */
  rejected: number;
}

/** An accepted event: the JSON object exactly as the client sent it. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type CollectedEvent = any;

export interface Collector {
  /** http://host:port */
  url: string;
  /** `${url}/2/httpapi` (every POST path ending /2/httpapi or /batch ingests). */
  ingestUrl: string;
  events(): CollectedEvent[];
  requests(): RecordedRequest[];
  stats(): CollectorStats;
  /** Queue faults for the next ingestion requests. Throws a TypeError on a malformed fault. */
  script(faults: Fault | Fault[]): void;
  /** Forget events, requests, stats, the dedupe set and scripted faults; come back up. */
  reset(): void;
  /** While down, ingestion connections are destroyed unanswered (as if unreachable). */
  setDown(down: boolean): void;
  /** Resolves with all events once at least `count` were accepted; rejects on timeout (default 10 s). */
  waitForEvents(count: number, options?: { timeoutMs?: number }): Promise<CollectedEvent[]>;
  close(): Promise<void>;
}

export declare const DEFAULTS: Readonly<{
  port: number;
  host: string;
  dataDir: string;
  maxBodyBytes: number;
  maxEventsPerRequest: number;
  minIdLength: number;
  epsThreshold: number;
}>;

export declare function startCollector(options?: CollectorOptions): Promise<Collector>;
