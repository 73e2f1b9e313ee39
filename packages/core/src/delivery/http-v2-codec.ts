import { ServerUrl } from '../constants.js';
import type { Event, ServerZone } from '../types.js';

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

/** The request body: `options.min_id_length` only when set; ISO upload time. */
export const encodeBatch = ({ apiKey, events, minIdLength, uploadTime }: BatchBody): string =>
  JSON.stringify({
    api_key: apiKey,
    events,
    ...(minIdLength ? { options: { min_id_length: minIdLength } } : {}),
    client_upload_time: new Date(uploadTime).toISOString(),
  });

/** Page-exit requests (beacon / keepalive) must stay under the browsers' 64 KB in-flight limit. */
export const EXIT_CHUNK_BYTES = 60_000;

const byteLength = (text: string): number => {
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    bytes +=
      code < 0x80
        ? 1
        : code < 0x800
          ? 2
          : code >= 0xd800 && code < 0xdc00
            ? 4
            : code >= 0xdc00 && code < 0xe000
              ? 0
              : 3;
  }
  return bytes;
};

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
    const bytes = byteLength(JSON.stringify(event)) + 1;
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
