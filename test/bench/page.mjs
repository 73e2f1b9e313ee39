// The benchmark page: loads one SDK's script-tag bundle and exposes a uniform `window.bench`.
export const benchPage = (sdk) => `<!doctype html><html><head><meta charset="utf-8"><title>bench</title></head>
<body><main><h1>Benchmark</h1>
<section class="card"><div class="actions"><button id="target" class="primary" type="button"><span class="label">Add to cart</span></button></div></section>
</main>
<script src="/${sdk === 'sightline' ? 'sightline.min.js' : 'amplitude-min.js'}"></script>
<script>
  const sdk = ${sdk === 'sightline' ? 'window.sightline' : 'window.amplitude'};
  window.bench = {
    init(apiKey, serverUrl, extra) {
      window.initAt = Date.now();
      return sdk.init(apiKey, undefined, Object.assign({
        serverUrl, flushQueueSize: 30, flushIntervalMillis: 1000, logLevel: 0, autocapture: false,
        fetchRemoteConfig: false, remoteConfig: { fetchRemoteConfig: false },
      }, extra || {})).promise;
    },
    track: (type, props) => sdk.track(type, props),
    /** Synchronous cost of one click as the page's own code sees it (listeners included). */
    clickMicros(count) {
      const target = document.querySelector('#target .label');
      const start = performance.now();
      for (let i = 0; i < count; i++) target.dispatchEvent(new MouseEvent('click', { bubbles: true, cancelable: true, clientX: 10, clientY: 10 }));
      return ((performance.now() - start) * 1000) / count;
    },
  };
</script></body></html>`;

/**
 * The floor for the track() figure: a stand-in that does only what any tracking call must do
 * synchronously (check the name, take the time, copy flat properties, queue the record, drain in
 * a microtask) and no SDK work. On a fresh page its cost is mostly the engine warming up.
 */
export const floorPage =
  () => `<!doctype html><html><head><meta charset="utf-8"><title>floor</title></head><body><script>
  const queue = [];
  let scheduled = false;
  const copyFlat = (input) => {
    const copy = {};
    for (const key in input) if (Object.prototype.hasOwnProperty.call(input, key)) copy[key] = input[key];
    return copy;
  };
  window.bench = {
    track(type, props) {
      if (typeof type !== 'string' || !type) return undefined;
      const record = { type, props: props === undefined ? undefined : copyFlat(props), time: Date.now() };
      queue.push(record);
      if (!scheduled) {
        scheduled = true;
        queueMicrotask(() => { scheduled = false; queue.length = 0; });
      }
      return record;
    },
  };
</script></body></html>`;
