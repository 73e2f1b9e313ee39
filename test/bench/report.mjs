// BENCHMARKS.md from one side-by-side run: the table of figures with goals, the missed goals'
// whys, the size breakdowns, where the default configuration's time goes, and the method.
import { AMPLITUDE_VERSION } from './bench-browser.mjs';
import { BURST, CLICKS, DELIVERED_EVENTS, TRACK_CALLS, WARM_ROUNDS } from './measure-bare.mjs';
import { CLICKS_FIRST, CLICKS_TOTAL, DEFAULT_TRACK_CALLS, TRACK_SLICE } from './measure-defaults.mjs';

const format = (value) => (Math.abs(value) >= 100 ? value.toFixed(0) : value.toFixed(2));
const percent = (fraction) => `${(100 * fraction).toFixed(0)} %`;

/** A markdown table of rows [figure, ours, theirs, goal, met?, why?]. */
const figureTable = (rows) =>
  [
    `| Figure | Sightline | @amplitude/analytics-browser ${AMPLITUDE_VERSION} | Ratio | Goal | Met |`,
    '|---|---:|---:|---:|---|---|',
    ...rows.map(
      ([name, ours, theirs, goal, met]) =>
        `| ${name} | ${format(ours)} | ${theirs === undefined ? '–' : format(theirs)} | ` +
        `${theirs ? (ours / theirs).toFixed(2) + '×' : '–'} | ${goal} | ${met ? (met(ours, theirs) ? 'yes' : 'no') : '–'} |`,
    ),
  ].join('\n');

/** Each missed goal's why, once per distinct why. */
const whyMissed = (rows) => {
  const missed = rows.filter(([, ours, theirs, , met]) => met && !met(ours, theirs));
  return [...new Set(missed.map((row) => row[5]).filter(Boolean))].map((why) => {
    const names = missed.filter((row) => row[5] === why).map((row) => row[0]);
    return `- **${names.join('; ')}**: ${why}`;
  });
};

const sharesTable = (title, shares) =>
  [
    `| ${title} | Share |`,
    '|---|---:|',
    ...shares.areas.map(([area, share]) => `| ${area} | ${percent(share)} |`),
    ...shares.apis.map(([api, share]) => `| … browser API: ${api} | ${percent(share)} |`),
  ].join('\n');

/** The whole file; `table` is also printed at the end of the run. */
export const renderReport = ({ bare, defaults, profiles, pluginRows, leanScript, kb, machine, runs, clicksSeen }) => {
  const table = figureTable(bare);
  const defaultTable = figureTable(defaults);
  const whys = [...whyMissed(bare), ...whyMissed(defaults)];
  const bytesRows = leanScript.modules.map(
    ([module, bytes]) => `| ${module} | ${kb(bytes)} | ${((100 * bytes) / leanScript.minifiedBytes).toFixed(0)} % |`,
  );
  const markdown = `# Benchmarks

Sightline measured side by side with the documented SDK (\`@amplitude/analytics-browser\`
${AMPLITUDE_VERSION}, its script-tag file \`amplitude-min.js\`, remote configuration off) in the
same run, on the same machine, in the same Chromium. Speed is never asserted in unit tests; this is
where it is measured.

## Latest run

### The configuration users run: default autocapture (clicks: plus element interactions)

${defaultTable}

### The bare client: \`autocapture: false\` (clicks: element interactions only, one-button page)

${table}

${machine}
Runs: ${runs}, alternating which SDK goes first; figures are medians. Date: ${new Date().toISOString().slice(0, 10)}.

### Where the default configuration's script time goes (Sightline, CPU profiles)

Self time by area; a browser API counts for the code that called it, and its lines repeat part of
their area's share.

${sharesTable(`${CLICKS_FIRST} clicks, until their events are delivered`, profiles.click)}

${sharesTable(`${DEFAULT_TRACK_CALLS + 200} track() calls and the pipeline work they start`, profiles.track)}

${sharesTable('… of which inside the track() calls themselves (the synchronous figure)', profiles.trackCall)}

### Each plugin, added to the lean client (gzip KB over the lean bundle)

| Plugin | Adds |
|---|---:|
${pluginRows.join('\n')}

### Where the lean script's bytes go (\`sightline-lite.min.js\`, minified KB by source map)

${kb(leanScript.minifiedBytes)} KB minified, ${kb(leanScript.gzipBytes)} KB gzip. String literals: ${kb(leanScript.strings.bytes)} KB minified; emptying every one
would save ${kb(leanScript.strings.gzipSaved)} KB gzip. Mangling every private member's name: at most ${kb(leanScript.manglingSaved, 2)} KB gzip.

| Source | KB | Share |
|---|---:|---:|
${bytesRows.join('\n')}
${whys.length ? `\n## Where a goal is missed, and why\n\n${whys.join('\n')}\n` : ''}
## Method

- Both SDKs load as script tags on the same page shape, initialise with \`flushQueueSize: 30\`,
  \`flushIntervalMillis: 1000\` and upload to the same local sink that answers every request at once
  with the HTTP V2 success body. The bare rows pass \`autocapture: false\`; the default-configuration
  rows leave \`autocapture\` out (clicks: \`autocapture: { elementInteractions: true }\`, the other
  features at their defaults).
- **track() cost**: on a fresh page, 200 warm-up calls, then ${TRACK_CALLS} calls timed with \`performance.now()\`
  (default configuration: ${DEFAULT_TRACK_CALLS}, also timed in slices of ${TRACK_SLICE} calls: the median slice is the
  calls' own cost without the pauses a few slices fall into).
  The floor row runs the same loop, on a fresh page, against a stand-in that only checks the name, takes the
  time, copies the properties and queues the record (\`floorPage\` in \`test/bench/page.mjs\`): on a fresh
  page much of any \`track()\` is the engine warming up, and the floor shows how much on this machine.
  Once warm: the same ${TRACK_CALLS}-call loop repeated ${WARM_ROUNDS} times on that page, each round
  200 ms after the sink has every earlier event (the SDK's functions JIT-compiled, nothing waiting for
  delivery); the last round is the figure.
- **Script time until delivered**: CDP \`Performance.getMetrics\` \`ScriptDuration\` before ${DELIVERED_EVENTS}
  \`track()\` calls and after the sink has every event (plus 1.5 s for the last acknowledgements),
  divided by the event count: storage, batching and upload work included.
- **Burst**: ${BURST.toLocaleString('en')} calls in one task; the longest task starting from the burst on, from a \`longtask\` observer (the
  page-load task that parses the script is not counted); heap from
  \`JSHeapUsedSize\` after a forced GC, before the burst and after delivery; the compiled-code and
  data parts from heap snapshots taken just before and just after those readings (nodes of type
  \`code\`: bytecode and JIT code; data: objects, arrays, strings, closures, numbers). The rest is engine
  metadata and the browser's own records of the uploads (resource timing entries, network data).
- **init to first upload**: from the \`init\` call to the sink's first request.
- **One autocaptured click (bare)**: element interactions on (\`autocapture: { elementInteractions: true }\`),
  ${CLICKS} synthetic clicks on a span inside a button; the synchronous part is the time spent inside
  \`dispatchEvent\` over the same page without the SDK; the deferred part is the CDP \`ScriptDuration\`
  over the clicks and the 1.5 s after them, minus the synchronous part. Events seen at the sink for
  this part (a check that both SDKs captured the clicks): Sightline ${clicksSeen('sightline', 'clickEventsSeen')}, documented SDK ${clicksSeen('amplitude', 'clickEventsSeen')}.
- **SDK heap after init**: \`JSHeapUsedSize\` after a forced GC, 1.5 s after \`init\` (the load's page
  view and campaign delivered), minus the same reading on the same page without the SDK; the code and
  data parts from heap snapshots, as for the burst. The script's own source text is held outside this heap.
- **Clicks in the default configuration**: a realistic page (\`test/bench/realistic-layout.mjs\`: a shop's
  nested layout of about 1,500 elements), synthetic clicks cycling through ten targets from depth 6 to
  depth 37 (header button, hero button, product-card buttons, table-row buttons, replies of a nested
  thread), one click per frame as a user's clicks come; each frame is asked for before the click, as a
  real click's style change (:active) asks for one before its listeners run. Synchronous: time inside
  \`dispatchEvent\` over the same page without the SDK. Total: CDP \`ScriptDuration\` in thread time (\`timeDomain: 'threadTicks'\`,
  so other processes on the machine do not count) from the first of ${CLICKS_FIRST} clicks until their events
  are at the sink plus 1.5 s, per click, minus the same on the page without the SDK. Events seen:
  Sightline ${clicksSeen('sightline', 'defaultClickEventsSeen')}, documented SDK ${clicksSeen('amplitude', 'defaultClickEventsSeen')} of ${CLICKS_FIRST}. Heap: as above, before the clicks, after ${CLICKS_FIRST} and after
  ${CLICKS_TOTAL.toLocaleString('en')} (the later ones ten per frame), each once delivered; growth per click between the last
  two, in all (the browser keeps a record of each upload: resource timing entries, DevTools network
  data) and in the page's JavaScript data alone.
- **Where the time goes**: CDP \`Profiler\` samples every 50 µs of the same scenarios run once more with
  the same build unminified (a profile names a sample's function by where it starts, and the minifier
  inlines small functions into their callers), read back through its source map
  (\`test/bench/cpu-profile.mjs\`; \`node test/bench/profile.mjs click|track\` prints the same by module
  and function).
- **Sizes**: gzip level 9 of the script-tag files; the lean and per-plugin figures bundle a tiny app
  with rollup, node-resolve and terser from the packages' built ESM (\`test/bench/bundle-size.mjs\`);
  where the lean script's bytes go is read from its source map (\`test/bench/module-bytes.mjs\`).

## Reproduce

\`\`\`sh
pnpm bench            # builds, fetches the documented SDK's npm tarball, runs ${runs} alternating runs, rewrites this file
pnpm bench --runs 9   # more runs
\`\`\`
`;
  return { table: `${defaultTable}\n\n${table}`, markdown };
};
