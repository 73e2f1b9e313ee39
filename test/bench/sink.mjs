// The benchmarks' server: the local collector (@sightline/collector, what the examples and the
// demo use), with the per-API-key view the benchmark needs: distinct events acknowledged and
// when the first upload arrived. Both SDKs upload to it in the same run.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startCollector } from '../../packages/collector/src/index.mjs';

export const startSink = async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'sightline-bench-'));
  const collector = await startCollector({ port: 0, dataDir, quiet: true });
  const received = new Map(); // api_key -> { firstAt, insertIds }
  let read = 0;

  /** Folds in the requests answered since the last look (a request still pending waits). */
  const update = () => {
    const requests = collector.requests();
    for (; read < requests.length && requests[read].status !== 0; read++) {
      const request = requests[read];
      let payload;
      try {
        payload = JSON.parse(request.bodyText);
      } catch {
        continue;
      }
      const entry = received.get(payload.api_key) || { firstAt: request.time, insertIds: new Set() };
      received.set(payload.api_key, entry);
      if (request.status === 200 && Array.isArray(payload.events))
        for (const event of payload.events) entry.insertIds.add(event.insert_id);
    }
  };

  return {
    url: collector.ingestUrl,
    count: (apiKey) => (update(), received.get(apiKey)?.insertIds.size || 0),
    firstAt: (apiKey) => (update(), received.get(apiKey)?.firstAt),
    close: async () => {
      await collector.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
};
