// The benchmark page: loads one SDK's script-tag bundle and exposes a uniform `window.bench`.
export const benchPage = (sdk) => `<!doctype html><html><head><meta charset="utf-8"><title>bench</title></head>
<body><main><h1>Benchmark</h1><button id="target" type="button">Click me</button></main>
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
  };
</script></body></html>`;
