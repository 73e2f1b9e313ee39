#!/usr/bin/env node
// A CPU profile of one benchmark scenario in the default configuration, read through the
// script's source map: where the time goes by area, source module and function. Build first
// (node scripts/build.mjs). Usage:
//   node test/bench/profile.mjs track|click [--sdk sightline|amplitude] [--top 25] [--clicks 300]
//     [--under click]   only the time inside the page's calls of that name (the synchronous part)
//     [--save file.cpuprofile]   for Chromium DevTools' Performance panel
//     [--minified]   profile the shipped minified file rather than the same build unminified
//     [--script file.js]   profile another build of the script tag (its map beside it)
import { readFileSync, writeFileSync } from 'node:fs';
import { launchBrowser, startPageServer } from './bench-browser.mjs';
import { sightlineArea, sourceMapLookup, summarizeProfile, timeByArea } from './cpu-profile.mjs';
import { profileClicks, profileTrack } from './measure-defaults.mjs';
import { buildProfilingScript } from './profiling-build.mjs';
import { startSink } from './sink.mjs';

const argument = (name, fallback) => {
  const at = process.argv.indexOf(`--${name}`);
  return at > 0 ? process.argv[at + 1] : fallback;
};
const scenario = process.argv[2] || 'track';
const sdk = argument('sdk', 'sightline');
const top = Number(argument('top', 25));

// The unminified build by default (profiling-build.mjs: its functions keep their own time);
// --minified profiles the shipped file, --script file.js another build (its map beside it).
const script =
  argument('script') ||
  (sdk === 'sightline' && !process.argv.includes('--minified') ? await buildProfilingScript() : undefined);
const pages = await startPageServer(
  script ? { '/sightline.min.js': script, '/sightline.min.js.map': `${script}.map` } : {},
);
const sink = await startSink();
const browser = await launchBrowser();
let keys = 0;
const setup = { browser, pages, sink, sdk, nextKey: (name) => `profile-${name}-${++keys}-${Date.now()}-key` };
const profile =
  scenario === 'click'
    ? await profileClicks({ ...setup, clicks: Number(argument('clicks', 300)) })
    : await profileTrack(setup);
await browser.close();
await sink.close();
await pages.close();
if (argument('save')) writeFileSync(argument('save'), JSON.stringify(profile));

const maps = new Map();
const mapFor = (url) => {
  const path = new URL(url).pathname;
  if (path !== '/sightline.min.js') return undefined;
  if (!maps.has(path)) maps.set(path, sourceMapLookup(JSON.parse(readFileSync(pages.files[`${path}.map`], 'utf8'))));
  return maps.get(path);
};
const under = argument('under');
const { byModule, byFunction } = summarizeProfile(profile, mapFor, {
  under: under && ((frame) => frame.functionName === under && frame.url.includes('/bench.html')),
});
const busy = (rows) => rows.filter(([name]) => !name.startsWith('(idle)'));
const total = busy(byModule).reduce((sum, [, micros]) => sum + micros, 0);
const print = (title, rows) => {
  console.log(`\n${title}`);
  for (const [name, micros] of busy(rows).slice(0, top))
    console.log(
      `${(micros / 1000).toFixed(2).padStart(9)} ms ${((100 * micros) / total).toFixed(1).padStart(5)} %  ${name}`,
    );
};
console.log(`${scenario}, ${sdk}: ${(total / 1000).toFixed(1)} ms busy (self time, idle excluded)`);
if (!under)
  print('By area (browser APIs count for the script that called them)', timeByArea(profile, mapFor, sightlineArea));
print('By module', byModule);
print('By function', byFunction);
