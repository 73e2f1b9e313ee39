#!/usr/bin/env node
// Benchmarks Sightline side by side with the documented SDK (@amplitude/analytics-browser's
// script-tag file) in the same Chromium, alternating the two across runs; reports medians and
// ratios and writes BENCHMARKS.md. Usage: pnpm bench [--runs N] [--no-build]
import { readFileSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import { root, run } from '../../scripts/lib/run.mjs';
import { ensureChromium, ensureDependencies } from '../../scripts/lib/ensure-deps.mjs';
import { gzipBytes } from '../../scripts/lib/size-report.mjs';
import { launchBrowser, startPageServer } from './bench-browser.mjs';
import { bundledGzipBytes, LEAN_INIT_TRACK, LEAN_WITH_DEFAULTS, PLUGINS, withPlugin } from './bundle-size.mjs';
import { ON_DEMAND_SCRIPTS } from '../../scripts/lib/on-demand-scripts.mjs';
import { sdkTimeShares, sourceMapLookup } from './cpu-profile.mjs';
import { floorTrackMicros, measureBare } from './measure-bare.mjs';
import { measureDefaults, profileClicks, profileTrack } from './measure-defaults.mjs';
import { whereTheBytesGo } from './module-bytes.mjs';
import { buildProfilingScript } from './profiling-build.mjs';
import { bareRows, defaultRows, whySize } from './report-rows.mjs';
import { renderReport } from './report.mjs';
import { startSink } from './sink.mjs';

const RUNS = Number(process.argv[process.argv.indexOf('--runs') + 1]) || 5;

await ensureDependencies();
await ensureChromium();
if (!process.argv.includes('--no-build')) await run('node', ['scripts/build.mjs'], { cwd: root });

const pages = await startPageServer();
const sink = await startSink();
const browser = await launchBrowser();
let keySequence = 0;
const setup = { browser, pages, sink, nextKey: (sdk) => `bench-${sdk}-${++keySequence}-key` };

const results = { sightline: [], amplitude: [] };
const floorMicros = [];
for (let runIndex = 0; runIndex < RUNS; runIndex++) {
  floorMicros.push(await floorTrackMicros(setup));
  const order = runIndex % 2 === 0 ? ['sightline', 'amplitude'] : ['amplitude', 'sightline'];
  for (const sdk of order) {
    results[sdk].push({ ...(await measureBare({ ...setup, sdk })), ...(await measureDefaults({ ...setup, sdk })) });
    process.stdout.write(`run ${runIndex + 1}/${RUNS} ${sdk} done\n`);
  }
}
// Where Sightline's time goes: profiles of the same build unminified (profiling-build.mjs), read
// through its source map.
const profilingScript = (await buildProfilingScript()) || pages.files['/sightline.min.js'];
const profilingPages = await startPageServer({
  '/sightline.min.js': profilingScript,
  '/sightline.min.js.map': `${profilingScript}.map`,
});
const mapOf = (file) => sourceMapLookup(JSON.parse(readFileSync(`${file}.map`, 'utf8')));
const lookups = { '/sightline.min.js': mapOf(profilingScript) };
// The on-demand files (element interactions) run minified, read through their own maps.
for (const { file } of ON_DEMAND_SCRIPTS) lookups[`/${file}`] = mapOf(join(root, 'packages/browser/dist', file));
const mapFor = (url) => lookups[new URL(url).pathname];
const profiling = { ...setup, pages: profilingPages, sdk: 'sightline' };
const trackProfile = await profileTrack(profiling);
const profiles = {
  click: sdkTimeShares(await profileClicks(profiling), mapFor),
  track: sdkTimeShares(trackProfile, mapFor),
  // The synchronous part alone: the time inside the page's own track() calls.
  trackCall: sdkTimeShares(trackProfile, mapFor, {
    under: (frame) => frame.functionName === 'track' && frame.url.includes('/bench.html'),
  }),
};
const chromiumVersion = browser.version();
await browser.close();
await sink.close();
await pages.close();
await profilingPages.close();

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
};
const med = (sdk, key) => median(results[sdk].map((figures) => figures[key]));
const gzipKb = (file) => gzipBytes(readFileSync(file)) / 1024;
const kb = (bytes, digits = 1) => (bytes / 1024).toFixed(digits);

const leanKb = (await bundledGzipBytes(LEAN_INIT_TRACK)) / 1024;
const pluginRows = [];
for (const [name, spec] of Object.entries(PLUGINS))
  pluginRows.push(`| ${name} | +${((await bundledGzipBytes(withPlugin(spec))) / 1024 - leanKb).toFixed(1)} |`);
const leanScript = await whereTheBytesGo(join(root, 'packages/browser/dist/sightline-lite.min.js'), {
  ownPackage: 'browser',
});
const mainScript = await whereTheBytesGo(join(root, 'packages/browser/dist/sightline.min.js'), {
  ownPackage: 'browser',
  top: 1000,
});
const sizes = {
  scriptKb: gzipKb(pages.files['/sightline.min.js']),
  theirScriptKb: gzipKb(pages.files['/amplitude-min.js']),
  leanKb,
  leanDefaultsKb: (await bundledGzipBytes(LEAN_WITH_DEFAULTS)) / 1024,
  onDemand: ON_DEMAND_SCRIPTS.map(({ file }) => [file, gzipKb(join(root, 'packages/browser/dist', file))]),
  why: whySize(leanScript, mainScript, kb),
};

const { table, markdown } = renderReport({
  bare: bareRows({ med, median, floorMicros, sizes }),
  defaults: defaultRows({ med, profiles }),
  profiles,
  pluginRows,
  leanScript,
  kb,
  machine: `Machine: ${cpus().length} × ${cpus()[0]?.model || 'cpu'}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}, Chromium ${chromiumVersion}.`,
  runs: RUNS,
  clicksSeen: med,
});
writeFileSync(join(root, 'BENCHMARKS.md'), markdown);
console.log(`\n${table}\n\nWrote BENCHMARKS.md`);
