// The rows of BENCHMARKS.md's table: [figure, Sightline, documented SDK, goal, whether the goal is
// met (absent: reported only), why if not]. The whys come from the profiles behind the file.
import { BURST } from './measure-bare.mjs';
import { CLICKS_FIRST, CLICKS_TOTAL, TRACK_SLICE } from './measure-defaults.mjs';

const percent = (fraction) => `${(100 * fraction).toFixed(0)} %`;

export const WHY_FRESH_TRACK = `On a fresh page the figure is mostly the engine: timed in 200-call slices, most slices cost
  0.5–1 µs per call and one to three cost 10–75 µs, and a trace of those shows V8 compiling the SDK's
  functions (Maglev, finalised on the main thread) and collecting garbage, not SDK work. The floor row and
  the warm row bound it.`;
const WHY_HEAP = `The data row is what the page's JavaScript kept; the rest is compiled code and the browser's own
  records of the uploads, which move by about 10 KB from run to run for either SDK.`;

/** Stated from runs, not a profile: the ratio's spread is the machine's. */
const WHY_CLICK_SYNC = `Close to the goal, and on either side of it from run to run on this shared machine: in the
  2-run set of 2026-12-08 before this one, on the same click path, it was 63.5 vs 544 µs (0.12×). The
  synchronous part is only the click listeners' own work (element interactions match the target
  against the allowlist and note the element, page URL and viewport, and read its properties after
  the next paint; file downloads looks for a link on the event's path), so a few microseconds of
  scheduling noise move the ratio.`;

/** Minified bytes of a `whereTheBytesGo` breakdown by package: core, browser, dom, each plugin. */
export const bytesByPackage = (breakdown) => {
  const totals = new Map();
  for (const [module, bytes] of breakdown.modules) {
    const name = module.replace(/^inlined-sources\/@sightline\//, '').split('/')[0];
    totals.set(name, (totals.get(name) || 0) + bytes);
  }
  return [...totals].sort((a, b) => b[1] - a[1]);
};

/** The size goals' why, from where the lean and the main script's bytes go (source maps). */
export const whySize = (leanScript, mainScript, kb) => {
  const share = (name) => bytesByPackage(mainScript).find(([candidate]) => candidate === name)?.[1] || 0;
  const plugins = bytesByPackage(mainScript)
    .filter(([name]) => name.startsWith('plugin-'))
    .reduce((sum, [, bytes]) => sum + bytes, 0);
  const fraction = (bytes) => percent(bytes / mainScript.minifiedBytes);
  const delivery = mainScript.modules
    .filter(([module]) => module.includes('/delivery/'))
    .reduce((sum, [, bytes]) => sum + bytes, 0);
  return `The opt-in features (element and frustration interactions, network requests, web vitals) and the
  capture preview are on-demand files now, so the main file is what the default options run. By source
  map it is ${fraction(share('core'))} the core client and delivery engine, ${fraction(share('browser'))} the browser
  package (transports, flush lock, identity storage and the legacy cookie upgrade, the entries),
  ${fraction(share('dom'))} the shared DOM reading and scrubbing, and ${fraction(plugins)} the five default plugins; the
  delivery engine alone (core and browser \`delivery/\`) is ${fraction(delivery)}, about as much gzip as the whole
  lean goal. What those bytes buy: every event goes through a persisted IndexedDB queue that survives reloads,
  offline and closed tabs, at most once on the wire; retries follow the response (429 and 5xx back
  off, 413 splits the batch, 400 drops only the rejected events); one tab flushes at a time (Web
  Locks, or a lease); identity lives in cookies and localStorage and upgrades from the documented
  SDK's; every public call checks its input and logs instead of throwing. No one module or habit
  dominates: every string literal (log messages, wire and option names) is
  ${kb(leanScript.strings.gzipSaved)} KB of the lean script's ${kb(leanScript.gzipBytes)} KB gzip, and mangling every private member's
  name would save at most ${kb(leanScript.manglingSaved, 2)} KB. The \`Identify\`/\`Revenue\` builders are checked by shape, so
  an npm app that never builds one does not bundle them (the script tag must carry them:
  \`new sightline.Identify()\` is synchronous). Tried and measured in this round (2026-12-08), and not kept:
  the documented SDK's cookie upgrade as a split chunk and an on-demand file, loaded only when such a
  cookie exists: the decoder is about 0.3 KB gzip and the loader, its SRI hash and init's wait for it
  cost as much (main file +0.1 KB, lean +0.07 KB), and a lean app bundling to one file would have had
  to allow chunks; the option-check messages (about 1.2 KB gzip of checks, 0.3 KB of it text) as
  generated or helper-built texts: each variant was 23–57 B larger, as gzip already shares the
  repeated phrases. No module is bundled twice. Reaching the goals means moving part of the delivery
  engine out of the synchronous \`init\`, which would leave events tracked before it arrives without
  their durable store: not a trade this SDK makes.`;
};

/** The default track() goal's why, from a CPU profile of those calls (`shares`: sdkTimeShares). */
const whyDefaultTrack = (shares, slice) => `As in the bare row, on a fresh page much of the figure is engine pauses:
  the typical ${TRACK_SLICE}-call slice costs ${slice.toFixed(2)} µs per call (next row), and the total is carried by the few slices
  that fall into V8 compiling the SDK's functions or collecting garbage (on this shared machine also into
  the process being descheduled). Inside the track() calls themselves (CPU profile, table below) the
  time splits ${shares.areas.map(([area, share]) => `${area} ${percent(share)}`).join(', ')}: what the default plugins add to the
  call (page URL enrichment's snapshot of the page, attribution's session check) is the small part.`;

/** The click goal's why, from a CPU profile of the clicks until delivered (`shares`: sdkTimeShares). */
const whyClick = (shares) => {
  const area = (name) => percent(shares.areas.find(([candidate]) => candidate === name)?.[1] || 0);
  const api = (name) => percent(shares.apis.find(([candidate]) => candidate.startsWith(name))?.[1] || 0);
  return `From a CPU profile of ${CLICKS_FIRST} clicks until their events are delivered (tables below):
  delivery, which writes each event to IndexedDB when it is tracked and removes it once uploaded, takes
  ${area('delivery: store and upload')} of the SDK's script time (IndexedDB calls alone ${api('IndexedDB')}, the upload's fetch ${api('fetch')}); the core
  client ${area('core: client, pipeline, identity')} (tracking call, pipeline, property checks, and the identity's activity write: a
  synchronous cookie read and write at most every 250 ms of activity, document.cookie ${api('document.cookie')}); element
  interactions ${area('element interactions')} and the DOM reading and masking they call ${area('shared DOM reading and masking (dom)')}. This round cut
  what repeats between clicks: store writes of events tracked within 250 ms share one IndexedDB
  transaction, the check before an upload reads keys not records, the page URL and title and the
  ancestors' hierarchy are read again only when the document changes. What is left is per click: the
  structured clone of each record into IndexedDB (about 1 KB of hierarchy per click), its share of the
  upload's fetch and encoding, the element's visible text and label (computed style, which no
  mutation record reports), and the identity's activity cookie. Each click also costs at least three
  tasks (the click, the after-paint callback that keeps the work off the click's paint, the write's
  completion), and on this shared machine a task's fixed cost is a large part of a small one.`;
};
const WHY_INIT_HEAP = (
  ours,
) => `Of the ${ours.initHeapKb.toFixed(0)} KB, ${ours.initCodeKb.toFixed(0)} KB is compiled code (heap snapshot): the bytecode of
  everything init runs (the client, the delivery engine and the five default plugins' setup), and
  ${ours.initDataKb.toFixed(0)} KB is JavaScript data. The opt-in features are on-demand files and not in this
  figure; what is left is the default configuration's own code.`;

export const bareRows = ({ med, median, floorMicros, sizes }) => [
  [
    'What a script-tag site loads with the default options (sightline.min.js), gzip (KB)',
    sizes.scriptKb,
    sizes.theirScriptKb,
    '≤ 18 KB',
    (ours) => ours <= 18,
    sizes.why,
  ],
  [
    'Lean entry, rollup bundle of init + track, gzip (KB)',
    sizes.leanKb,
    66.2,
    "≤ 10 KB (theirs: the issue's figure, nothing tree-shakes)",
    (ours) => ours <= 10,
    sizes.why,
  ],
  [
    'Lean entry + the five default plugins, rollup, gzip (KB)',
    sizes.leanDefaultsKb,
    undefined,
    '≤ 18 KB',
    (ours) => ours <= 18,
    sizes.why,
  ],
  ...sizes.onDemand.map(([label, kb]) => [`… on demand: ${label}, gzip (KB)`, kb, undefined, 'reported']),
  [
    'track() synchronous cost per call, fresh page (µs, median)',
    med('sightline', 'trackMicros'),
    med('amplitude', 'trackMicros'),
    '≤ 2 µs and ≤ 0.2×',
    (ours, theirs) => ours <= 2 && ours / theirs <= 0.2,
    WHY_FRESH_TRACK,
  ],
  [
    '… floor: a stand-in that only checks, timestamps, copies and queues (µs, fresh page)',
    median(floorMicros),
    undefined,
    'reference',
  ],
  [
    'track() synchronous cost per call once warm (µs, median)',
    med('sightline', 'warmTrackMicros'),
    med('amplitude', 'warmTrackMicros'),
    '≤ 2 µs and ≤ 0.2×',
    (ours, theirs) => ours <= 2 && ours / theirs <= 0.2,
  ],
  [
    'Main-thread script time per event until delivered (µs)',
    med('sightline', 'scriptMicrosPerEvent'),
    med('amplitude', 'scriptMicrosPerEvent'),
    '≤ 0.25×',
    (ours, theirs) => ours / theirs <= 0.25,
  ],
  [
    '10,000-event burst: events delivered',
    med('sightline', 'burstDelivered'),
    med('amplitude', 'burstDelivered'),
    'all 10,000',
    (ours) => ours === BURST,
  ],
  [
    '10,000-event burst: longest main-thread task (ms)',
    med('sightline', 'longestTaskMs'),
    med('amplitude', 'longestTaskMs'),
    '≤ 50 ms',
    (ours) => ours <= 50,
  ],
  [
    'JS heap retained after the burst is delivered (KB)',
    med('sightline', 'heapRetainedKb'),
    med('amplitude', 'heapRetainedKb'),
    '≤ the documented SDK',
    (ours, theirs) => ours <= theirs,
    WHY_HEAP,
  ],
  [
    '… of which compiled code (KB, heap snapshot)',
    med('sightline', 'heapCodeKb'),
    med('amplitude', 'heapCodeKb'),
    'reported',
  ],
  [
    '… of which JavaScript data: objects, arrays, strings, closures (KB, heap snapshot)',
    med('sightline', 'heapDataKb'),
    med('amplitude', 'heapDataKb'),
    'reported',
  ],
  [
    'One autocaptured click: synchronous cost in the handler (µs)',
    med('sightline', 'clickSyncMicros'),
    med('amplitude', 'clickSyncMicros'),
    '≤ 0.25×',
    (ours, theirs) => ours / theirs <= 0.25,
  ],
  [
    'One autocaptured click: deferred script time (µs)',
    med('sightline', 'clickDeferredMicros'),
    med('amplitude', 'clickDeferredMicros'),
    'reported',
  ],
  [
    'init to first upload (ms)',
    med('sightline', 'initToFirstUploadMs'),
    med('amplitude', 'initToFirstUploadMs'),
    'reported',
  ],
];

/** The default configuration's rows; `profiles` holds sdkTimeShares of the track and click profiles. */
export const defaultRows = ({ med, profiles }) => {
  const ours = (key) => med('sightline', key);
  const both = (key) => [med('sightline', key), med('amplitude', key)];
  return [
    [
      'track() synchronous, default autocapture, fresh page (µs, median)',
      ...both('defaultTrackMicros'),
      '≤ 2 µs',
      (value) => value <= 2,
      whyDefaultTrack(profiles.trackCall, ours('defaultTrackSliceMicros')),
    ],
    [
      `… the typical ${TRACK_SLICE}-call slice of those calls (µs per call, median slice)`,
      ...both('defaultTrackSliceMicros'),
      '≤ 2 µs',
      (value) => value <= 2,
    ],
    [
      "SDK's JS heap right after init, over the page without it (KB)",
      ...both('initHeapKb'),
      '≤ 400 KB',
      (value) => value <= 400,
      WHY_INIT_HEAP({ initHeapKb: ours('initHeapKb'), initCodeKb: ours('initCodeKb'), initDataKb: ours('initDataKb') }),
    ],
    [
      'Click, defaults + element interactions, realistic page: synchronous (µs)',
      ...both('defaultClickSyncMicros'),
      '≤ 0.15×',
      (value, theirs) => value / theirs <= 0.15,
      WHY_CLICK_SYNC,
    ],
    [
      '… total script time per click until delivered: deferred work, storage, upload (µs, thread time)',
      ...both('defaultClickTotalMicros'),
      '≤ 150 µs',
      (value) => value <= 150,
      whyClick(profiles.click),
    ],
    [`… JS heap retained after ${CLICKS_FIRST} clicks (KB)`, ...both('clickHeapFirstKb'), 'reported'],
    [
      `… JS heap retained after ${CLICKS_TOTAL.toLocaleString('en')} clicks (KB)`,
      ...both('clickHeapTotalKb'),
      'reported',
    ],
    [
      `… growth per click from ${CLICKS_FIRST} to ${CLICKS_TOTAL.toLocaleString('en')} clicks (bytes)`,
      ...both('clickHeapBytesPerClick'),
      'reported',
    ],
    [
      '… of which JavaScript data, per click (bytes, heap snapshot)',
      ...both('clickDataBytesPerClick'),
      'no growth (≤ 1 byte)',
      (value) => value <= 1,
    ],
  ];
};
