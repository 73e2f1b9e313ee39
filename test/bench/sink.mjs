// A minimal ingestion sink for benchmarks: answers every upload 200 in the HTTP V2 shape and
// counts events per API key, so both SDKs see the same, instant server.
import { createServer } from 'node:http';
import { gunzipSync } from 'node:zlib';

export const startSink = async () => {
  const received = new Map(); // api_key -> { count, firstAt, insertIds }
  const server = createServer((request, response) => {
    const cors = {
      'Access-Control-Allow-Origin': '*',
      'Access-Control-Allow-Headers': request.headers['access-control-request-headers'] || 'Content-Type',
      'Access-Control-Allow-Methods': 'POST, OPTIONS',
    };
    if (request.method === 'OPTIONS') {
      response.writeHead(204, cors);
      response.end();
      return;
    }
    const chunks = [];
    request.on('data', (chunk) => chunks.push(chunk));
    request.on('end', () => {
      let body = Buffer.concat(chunks);
      let events = [];
      try {
        if (request.headers['content-encoding'] === 'gzip') body = gunzipSync(body);
        const payload = JSON.parse(body.toString('utf8'));
        events = Array.isArray(payload.events) ? payload.events : [];
        const entry = received.get(payload.api_key) || { count: 0, firstAt: Date.now(), insertIds: new Set() };
        for (const event of events) entry.insertIds.add(event.insert_id);
        entry.count = entry.insertIds.size;
        received.set(payload.api_key, entry);
      } catch {
        /* a malformed body still gets an answer */
      }
      response.writeHead(200, { ...cors, 'Content-Type': 'application/json' });
      response.end(JSON.stringify({ code: 200, events_ingested: events.length, payload_size_bytes: body.length, server_upload_time: Date.now() }));
    });
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${server.address().port}/2/httpapi`;
  return {
    url,
    count: (apiKey) => received.get(apiKey)?.count || 0,
    firstAt: (apiKey) => received.get(apiKey)?.firstAt,
    close: () => new Promise((resolve) => { server.closeAllConnections(); server.close(resolve); }),
  };
};
