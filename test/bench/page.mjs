// The benchmark page: loads one SDK's script-tag bundle (or none, for the baselines) and
// exposes a uniform `window.bench`. Two layouts: `small` (one button in a card) and `realistic`
// (realistic-layout.mjs: about 1,500 elements, click targets at several depths).
import { REALISTIC_TARGETS, realisticMarkup } from './realistic-layout.mjs';

const SMALL_MARKUP = `<main><h1>Benchmark</h1>
<section class="card"><div class="actions"><button id="target" class="primary" type="button"><span
  class="label">Add to cart</span></button></div></section>
</main>`;

const SCRIPTS = { sightline: 'sightline.min.js', amplitude: 'amplitude-min.js' };
const GLOBALS = { sightline: 'window.sightline', amplitude: 'window.amplitude' };

export const benchPage = (
  sdk,
  layout = 'small',
) => `<!doctype html><html><head><meta charset="utf-8"><title>bench</title></head>
<body>${layout === 'realistic' ? realisticMarkup() : SMALL_MARKUP}
${SCRIPTS[sdk] ? `<script src="/${SCRIPTS[sdk]}"></script>` : ''}
<script>
  const sdk = ${GLOBALS[sdk] || 'undefined'};
  const targets = ${JSON.stringify(layout === 'realistic' ? REALISTIC_TARGETS : ['#target .label'])}.map((selector) => {
    const element = document.querySelector(selector);
    if (!element) throw new Error('no click target ' + selector);
    return element;
  });
  let next = 0;
  const click = (target) =>
    target.dispatchEvent(new MouseEvent('click', { bubbles: true, cancelable: true, clientX: 10, clientY: 10 }));
  window.bench = {
    /** extra.autocapture 'default' leaves the option out: the SDK's own default. */
    init(apiKey, serverUrl, extra) {
      window.initAt = Date.now();
      if (!sdk) return Promise.resolve();
      const options = Object.assign({
        serverUrl, flushQueueSize: 30, flushIntervalMillis: 1000, logLevel: 0, autocapture: false,
        fetchRemoteConfig: false, remoteConfig: { fetchRemoteConfig: false },
      }, extra || {});
      if (options.autocapture === 'default') delete options.autocapture;
      return sdk.init(apiKey, undefined, options).promise;
    },
    track: (type, props) => sdk.track(type, props),
    /** Synchronous cost of one click on the first target as the page's own code sees it (listeners included). */
    clickMicros(count) {
      const start = performance.now();
      for (let i = 0; i < count; i++) click(targets[0]);
      return ((performance.now() - start) * 1000) / count;
    },
    /**
     * \`count\` clicks cycling through the targets, \`perTask\` of them per task (a frame apart,
     * as a user's clicks are): resolves with the synchronous time per click, in µs. The next frame
     * is asked for before each task's clicks, as a real click's style change (:active) asks for
     * one before its listeners run; a synthetic click changes no style, and the first listener to
     * ask for a frame would pay for scheduling it.
     */
    async spacedClicks(count, perTask) {
      let inside = 0;
      const frame = () => new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
      await frame(); // every click in a page task, none inside the benchmark's own call
      for (let done = 0; done < count; ) {
        const nextFrame = frame();
        const start = performance.now();
        for (let i = 0; i < perTask && done < count; i++, done++) click(targets[next++ % targets.length]);
        inside += performance.now() - start;
        await nextFrame;
      }
      return (inside * 1000) / count;
    },
    targetCount: targets.length,
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
