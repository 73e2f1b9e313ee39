import { ServerUrl, type Config, type Event, type Plugin, type Result } from '@sightline/core';

/**
 * Interim destination: batches in memory and POSTs HTTP V2 JSON with fetch. The lossless
 * engine (persisted queue, retries, page exit) replaces it behind the same Plugin interface.
 */
export const simpleDestination = (config: Config): Plugin => {
  let queue: { event: Event; resolve: (result: Result) => void }[] = [];
  let timer: ReturnType<typeof setTimeout> | undefined;
  const url = config.serverUrl || (config.serverZone === 'EU' ? ServerUrl.EU : ServerUrl.US);
  const send = async () => {
    timer = undefined;
    const batch = queue.splice(0, config.flushQueueSize);
    if (queue.length) timer = setTimeout(send, 0);
    if (!batch.length) return;
    let code = 0;
    let message = 'Network error';
    try {
      const response = await fetch(url, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ api_key: config.apiKey, events: batch.map((item) => item.event), client_upload_time: new Date().toISOString() }),
      });
      code = response.status;
      message = code === 200 ? 'Event tracked successfully' : `HTTP ${code}`;
    } catch (error) {
      message = String(error);
    }
    for (const item of batch) item.resolve({ event: item.event, code, message });
  };
  return {
    name: 'sightline-delivery',
    type: 'destination',
    execute: (event) =>
      new Promise<Result>((resolve) => {
        queue.push({ event, resolve });
        if (queue.length >= config.flushQueueSize) void send();
        else if (!timer) timer = setTimeout(send, config.flushIntervalMillis);
      }),
    flush: async () => {
      while (queue.length) await send();
    },
  };
};
