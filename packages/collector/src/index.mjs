// @sightline/collector: a local HTTP V2 / Batch API compatible ingestion server with a
// live event inspector, a control API and scriptable faults. Node built-ins only.
import { mkdirSync } from 'node:fs';
import { createServer } from 'node:http';
import { resolve } from 'node:path';
import { createCollectorState } from './collector-state.mjs';
import { DEFAULTS, ERROR_MESSAGE, PATH } from './constants.mjs';
import { handleControl } from './control-handler.mjs';
import { createEventStream } from './event-stream.mjs';
import { isIngestPath, pathOf, preflightHeaders, sendJson } from './http-answers.mjs';
import { handleIngest } from './ingest-handler.mjs';
import { isInspectorAsset, serveInspectorAsset } from './inspector-assets.mjs';
import { errorBody } from './responses.mjs';

export { DEFAULTS } from './constants.mjs';

/**
 * @typedef {{
 *   port?: number, host?: string, dataDir?: string, maxBodyBytes?: number,
 *   maxEventsPerRequest?: number, quiet?: boolean,
 * }} CollectorOptions
 * @typedef {import('./fault-script.mjs').Fault} Fault
 */

/**
 * Starts the collector. Resolves once it listens.
 * @param {CollectorOptions} [options]
 */
export const startCollector = async (options = {}) => {
  const {
    port = DEFAULTS.port,
    host = DEFAULTS.host,
    dataDir = DEFAULTS.dataDir,
    maxBodyBytes = DEFAULTS.maxBodyBytes,
    maxEventsPerRequest = DEFAULTS.maxEventsPerRequest,
    quiet = false,
  } = options;
  const directory = resolve(dataDir);
  mkdirSync(directory, { recursive: true });

  const log = quiet ? () => {} : (message) => console.log(`[collector] ${message}`);
  const warn = (message) => console.error(`[collector] ${message}`);
  const stream = createEventStream();
  const state = createCollectorState({ dataDir: directory, stream, log: warn });
  const limits = { maxBodyBytes, maxEventsPerRequest };

  const route = async (request, response) => {
    const path = pathOf(request.url);
    const method = request.method || 'GET';
    if (isIngestPath(path)) {
      // Down means unreachable: no answer at all, not even to the preflight.
      if (state.down) return void request.socket.destroy();
      if (method === 'OPTIONS') {
        response.writeHead(204, preflightHeaders(request.headers['access-control-request-headers']));
        return void response.end();
      }
      if (method === 'POST') return handleIngest({ request, response, path, state, limits, log });
      return sendJson(response, {
        status: 405,
        body: errorBody({ code: 405, error: ERROR_MESSAGE.methodNotAllowed }),
        headers: { Allow: 'POST, OPTIONS', ...preflightHeaders() },
      });
    }
    if (path.startsWith(PATH.controlPrefix)) return handleControl({ request, response, path, state });
    if (method === 'GET' && path === PATH.stream)
      return stream.connect(request, response, { events: state.events(), stats: state.stats() });
    if (method === 'GET' && isInspectorAsset(path)) return serveInspectorAsset({ response, path });
    // Browsers ask for it; an empty answer keeps the inspector's console clean.
    if (path === PATH.favicon) return void response.writeHead(204).end();
    return sendJson(response, {
      status: 404,
      body: errorBody({ code: 404, error: `${ERROR_MESSAGE.notFound}: ${method} ${path}` }),
    });
  };

  const server = createServer((request, response) => {
    route(request, response).catch((error) => {
      if (error && error.code === 'ECONNRESET') {
        // The client hung up mid-request (a closed tab, a killed page): nothing to answer.
        log(`${request.method} ${request.url}: client hung up before the body ended`);
        return void response.destroy();
      }
      // Never crash on bad input: answer with a JSON error, keep serving.
      warn(`error handling ${request.method} ${request.url}: ${error && error.stack ? error.stack : error}`);
      if (response.headersSent) return void response.destroy();
      sendJson(response, {
        status: 500,
        body: errorBody({ code: 500, error: ERROR_MESSAGE.internal }),
        headers: { 'Access-Control-Allow-Origin': '*' },
      });
    });
  });
  server.on('clientError', (_error, socket) => {
    if (socket.writable)
      socket.end(
        'HTTP/1.1 400 Bad Request\r\nContent-Type: application/json\r\nConnection: ' +
          'close\r\n\r\n{"code":400,"error":"Malformed HTTP request"}',
      );
    else socket.destroy();
  });

  await new Promise((resolveListen, rejectListen) => {
    server.once('error', rejectListen);
    server.listen(port, host, () => {
      server.off('error', rejectListen);
      resolveListen(undefined);
    });
  });
  const address = /** @type {import('node:net').AddressInfo} */ (server.address());
  const urlHost = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  const url = `http://${urlHost}:${address.port}`;

  let closing;
  return {
    url,
    ingestUrl: `${url}${PATH.ingest}`,
    /** Every accepted event in arrival order, deduped by insert_id, each exactly as sent. */
    events: state.events,
    /** Every ingestion request read, with decoded and raw bodies and the status it got (0: no answer). */
    requests: state.requests,
    stats: state.stats,
    /**
     * Queue faults for the next ingestion requests. Throws a TypeError on a malformed fault. @param {Fault | Fault[]}
     * faults
     */
    script: (faults) => void state.faults.push(faults),
    reset: () => state.reset(),
    /** @param {boolean} down */
    setDown: (down) => state.setDown(down),
    waitForEvents: state.waitForEvents,
    /** @returns {Promise<void>} */
    close() {
      closing ||= new Promise((resolveClose) => {
        state.close();
        stream.close();
        server.close(() => resolveClose(undefined));
        server.closeAllConnections();
      });
      return closing;
    },
  };
};
