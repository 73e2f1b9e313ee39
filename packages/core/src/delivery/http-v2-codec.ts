import { ServerUrl } from '../constants.js';
import type { Event, ServerZone } from '../types.js';
import { byteLength, encodeJson, isoTime, trustedParse } from './safe-json.js';

const isArray = Array.isArray;

export interface EndpointOptions {
  serverUrl?: string;
  serverZone: ServerZone;
  useBatch: boolean;
}

/** HTTP V2 or Batch endpoint for the zone; `serverUrl` overrides both. */
export const endpointFor = ({ serverUrl, serverZone, useBatch }: EndpointOptions): string => {
  if (serverUrl) return serverUrl;
  if (serverZone === 'EU') return useBatch ? ServerUrl.EU_BATCH : ServerUrl.EU;
  return useBatch ? ServerUrl.US_BATCH : ServerUrl.US;
};

export const isDefaultEndpoint = (url: string): boolean =>
  url === ServerUrl.US || url === ServerUrl.US_BATCH || url === ServerUrl.EU || url === ServerUrl.EU_BATCH;

export interface BatchBody {
  apiKey: string;
  events: readonly Event[];
  minIdLength?: number;
  /** ms epoch of the upload. */
  uploadTime: number;
}

/**
 * The request body: `options.min_id_length` only when set; ISO upload time (left out when the
 * clock gives no valid date). Encoded without trusting what the page may have patched.
 */
export const encodeBatch = ({ apiKey, events, minIdLength, uploadTime }: BatchBody): string => {
  const time = isoTime(uploadTime);
  return encodeJson({
    api_key: apiKey,
    events,
    ...(minIdLength ? { options: { min_id_length: minIdLength } } : {}),
    ...(time ? { client_upload_time: time } : {}),
  }) as string;
};

/**
 * The bytes about to go out read back as the request meant: JSON of an object with this api key
 * and these events, in order, by insert_id and event type. Checked before every upload: a body
 * the server cannot read is answered 400 and its events dropped for good.
 */
export const isBatchBody = (body: string, { apiKey, events }: Pick<BatchBody, 'apiKey' | 'events'>): boolean => {
  if (!trustedParse) return true;
  let parsed: { api_key?: unknown; events?: unknown };
  try {
    parsed = trustedParse(body) as typeof parsed;
  } catch {
    return false;
  }
  if (!parsed || typeof parsed !== 'object' || parsed.api_key !== apiKey) return false;
  const sent = parsed.events as Event[];
  if (!isArray(sent) || sent.length !== events.length) return false;
  for (let index = 0; index < events.length; index++) {
    const item = sent[index];
    if (!item || item.insert_id !== events[index].insert_id || item.event_type !== events[index].event_type)
      return false;
  }
  return true;
};

/** Page-exit requests (beacon / keepalive) must stay under the browsers' 64 KB in-flight limit. */
export const EXIT_CHUNK_BYTES = 60_000;

export interface ChunkOptions {
  events: readonly Event[];
  maxBytes: number;
  /** Size of the request around the events (api key, options, upload time). */
  envelopeBytes: number;
}

/**
 * Groups events into runs whose encoded request stays under `maxBytes`. An event too large
 * on its own gets a chunk of its own (the server answers for it; nothing is silently skipped).
 */
export const chunkBySize = ({ events, maxBytes, envelopeBytes }: ChunkOptions): Event[][] => {
  const chunks: Event[][] = [];
  let current: Event[] = [];
  let size = envelopeBytes;
  for (const event of events) {
    const bytes = byteLength(encodeJson(event) as string) + 1;
    if (current.length && size + bytes > maxBytes) {
      chunks.push(current);
      current = [];
      size = envelopeBytes;
    }
    current.push(event);
    size += bytes;
  }
  if (current.length) chunks.push(current);
  return chunks;
};

export { byteLength };
