// Server-sent events for the live inspector: every connected page gets a snapshot on
// connect, then each accepted batch, stats changes and resets as they happen.
import { SSE_HEARTBEAT_MS, STREAM_EVENT } from './constants.mjs';

/** One SSE frame. JSON has no raw newlines, so one `data:` line is enough. Pure. */
export const sseFrame = (name, data) => `event: ${name}\ndata: ${JSON.stringify(data)}\n\n`;

export const createEventStream = () => {
  /** @type {Set<import('node:http').ServerResponse>} */
  const clients = new Set();
  let heartbeat;

  const write = (response, frame) => {
    try {
      response.write(frame);
    } catch {
      clients.delete(response);
    }
  };

  return {
    /**
     * @param {import('node:http').IncomingMessage} request
     * @param {import('node:http').ServerResponse} response
     * @param {{ events: unknown[], stats: object }} snapshot
     */
    connect(request, response, snapshot) {
      response.writeHead(200, {
        'Content-Type': 'text/event-stream; charset=utf-8',
        'Cache-Control': 'no-store',
        Connection: 'keep-alive',
        'X-Accel-Buffering': 'no',
      });
      clients.add(response);
      write(response, `retry: 1000\n${sseFrame(STREAM_EVENT.snapshot, snapshot)}`);
      request.on('close', () => clients.delete(response));
      if (!heartbeat) {
        // A comment line keeps idle connections (and proxies) from timing out.
        heartbeat = setInterval(() => clients.forEach((client) => write(client, ': ping\n\n')), SSE_HEARTBEAT_MS);
        heartbeat.unref();
      }
    },
    /** @param {string} name @param {unknown} data */
    broadcast(name, data) {
      if (!clients.size) return;
      const frame = sseFrame(name, data);
      clients.forEach((client) => write(client, frame));
    },
    close() {
      clearInterval(heartbeat);
      heartbeat = undefined;
      clients.forEach((client) => client.end());
      clients.clear();
    },
    get size() {
      return clients.size;
    },
  };
};
