// CPU profiles (CDP Profiler) of a minified script, read back through its source map: self time
// by source module and by source function, the figures behind the benchmarks' "why".
import { decodeSegment } from './module-bytes.mjs';

/** A lookup from a generated (line, column), both 0-based, to the original source, line and name. */
export const sourceMapLookup = (map) => {
  const lines = [];
  let source = 0;
  let sourceLine = 0;
  let _sourceColumn = 0; // decoded to stay in step, not used
  let name = 0;
  for (const line of map.mappings.split(';')) {
    let column = 0;
    const segments = [];
    for (const segment of line.split(',').filter(Boolean)) {
      const fields = decodeSegment(segment);
      column += fields[0];
      if (fields.length >= 4) {
        source += fields[1];
        sourceLine += fields[2];
        _sourceColumn += fields[3];
        if (fields.length >= 5) name += fields[4];
        segments.push({ column, source, line: sourceLine, name: fields.length >= 5 ? name : -1 });
      }
    }
    lines.push(segments);
  }
  const shortName = (path) =>
    path
      .replace(/^(?:\.\.\/)+/, '')
      .replace(/^packages\//, '')
      .replace(/^inlined-sources\/@sightline\//, '');
  return (line, column) => {
    const segments = lines[line] || [];
    let found;
    for (const segment of segments) {
      if (segment.column > column) break;
      found = segment;
    }
    if (!found) return undefined;
    return {
      source: shortName(map.sources[found.source]),
      line: found.line + 1,
      name: found.name >= 0 ? map.names[found.name] : '',
    };
  };
};

/** Microseconds of self time per profile node id (sample counts × the sampling intervals). */
const selfMicros = (profile) => {
  const micros = new Map();
  const { samples, timeDeltas } = profile;
  for (let i = 0; i < samples.length; i++) {
    // A sample's interval is the delta to the next sample.
    const delta = i + 1 < timeDeltas.length ? timeDeltas[i + 1] : 0;
    micros.set(samples[i], (micros.get(samples[i]) || 0) + delta);
  }
  return micros;
};

/**
 * Self time of `profile` grouped two ways: by source module and by source function (module:line
 * of the function's start). `mapFor(url)` gives a lookup for a script's URL, or undefined: such
 * frames are grouped by URL (another SDK, the page) or by name (the engine: GC, program, idle).
 * `under(callFrame)` keeps only the time inside the calls it picks (e.g. the page's `track`).
 */
/** The ids of the nodes at or below a node that `isRoot` picks: the time spent inside those calls. */
const subtreeIds = (profile, isRoot) => {
  const children = new Map(profile.nodes.map((node) => [node.id, node.children || []]));
  const ids = new Set();
  const visit = (id) => {
    if (ids.has(id)) return;
    ids.add(id);
    for (const child of children.get(id)) visit(child);
  };
  for (const node of profile.nodes) if (isRoot(node.callFrame)) visit(node.id);
  return ids;
};

export const summarizeProfile = (profile, mapFor, { under } = {}) => {
  const micros = selfMicros(profile);
  const inside = under ? subtreeIds(profile, under) : undefined;
  const byModule = new Map();
  const byFunction = new Map();
  const add = (table, key, value) => table.set(key, (table.get(key) || 0) + value);
  for (const node of profile.nodes) {
    const time = micros.get(node.id) || 0;
    if (!time || (inside && !inside.has(node.id))) continue;
    const { url, lineNumber, columnNumber, functionName } = node.callFrame;
    const lookup = url ? mapFor(url) : undefined;
    const original = lookup && lookup(lineNumber, columnNumber);
    if (original) {
      add(byModule, original.source, time);
      add(byFunction, `${original.source}:${original.line} ${original.name || functionName || '(anonymous)'}`, time);
    } else {
      const label = url
        ? url.replace(/^https?:\/\/[^/]+/, '')
        : functionName.startsWith('(')
          ? functionName
          : `(${functionName || 'engine'})`;
      add(byModule, label, time);
      add(byFunction, `${label} ${functionName}`, time);
    }
  }
  const sorted = (table) => [...table.entries()].sort((a, b) => b[1] - a[1]);
  return { byModule: sorted(byModule), byFunction: sorted(byFunction) };
};

/** Engine pseudo-frames: never attributed to a caller. */
const ENGINE_FRAMES = ['(program)', '(idle)', '(garbage collector)', '(root)'];

/**
 * Self time by area: `areaOf(module)` names the area of a source module (or of a script URL).
 * A browser API called from script (IndexedDB `put`, `fetch`, `getBoundingClientRect`) counts
 * for the area of the script that called it; the engine's own frames are areas of their own.
 */
export const timeByArea = (profile, mapFor, areaOf, { under } = {}) => {
  const micros = selfMicros(profile);
  const inside = under ? subtreeIds(profile, under) : undefined;
  const parentOf = new Map();
  for (const node of profile.nodes) for (const child of node.children || []) parentOf.set(child, node);
  const moduleOf = (node) => {
    const { url, lineNumber, columnNumber } = node.callFrame;
    if (!url) return undefined;
    const lookup = mapFor(url);
    const original = lookup && lookup(lineNumber, columnNumber);
    return original ? original.source : url.replace(/^https?:\/\/[^/]+/, '');
  };
  const areas = new Map();
  for (const node of profile.nodes) {
    const time = micros.get(node.id) || 0;
    if (!time || (inside && !inside.has(node.id))) continue;
    let area = ENGINE_FRAMES.includes(node.callFrame.functionName) ? node.callFrame.functionName : undefined;
    for (let caller = node; !area && caller; caller = parentOf.get(caller.id)) {
      const module = moduleOf(caller);
      if (module) area = areaOf(module);
    }
    area = area || '(browser, not called from script)';
    areas.set(area, (areas.get(area) || 0) + time);
  }
  return [...areas.entries()].sort((a, b) => b[1] - a[1]);
};

/** Starts the sampling profiler; the returned function stops it and gives the profile. */
export const startProfiler = async (cdp, intervalMicros = 50) => {
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: intervalMicros });
  await cdp.send('Profiler.start');
  return async () => (await cdp.send('Profiler.stop')).profile;
};

/** Sightline's areas, by source module: what a click or an event costs in each part of the SDK. */
export const sightlineArea = (module) => {
  if (/^core\/src\/delivery\/|^src\/delivery\/|idb-keyval/.test(module)) return 'delivery: store and upload';
  if (/^plugin-element-interactions\//.test(module)) return 'element interactions';
  if (/^plugin-[a-z-]+\/|context-plugin/.test(module)) return 'other plugins';
  // The browser package's own client glue (identity storage, the browser client, consent) is the client's.
  if (/^core\/src\/|^src\/|^dom\/src\/cookie-jar/.test(module)) return 'core: client, pipeline, identity';
  if (/^dom\//.test(module)) return 'shared DOM reading and masking (dom)';
  if (/^\/bench\.html/.test(module)) return 'the page';
  return module;
};

/** Self time of the browser APIs named (frames without a script URL, e.g. IndexedDB `put`, `get cookie`). */
export const browserApiTime = (profile, names) => {
  const micros = selfMicros(profile);
  let total = 0;
  for (const node of profile.nodes)
    if (!node.callFrame.url && names.includes(node.callFrame.functionName)) total += micros.get(node.id) || 0;
  return total;
};

/** Areas that are not the SDK's: the engine between tasks, the page's own code. */
const NOT_THE_SDK = ['(program)', '(idle)', '(root)', 'the page', '(browser, not called from script)'];

/**
 * The SDK's script time in `profile` by area (garbage collection included, as the SDK's
 * allocations cause most of it), and the shares of a few browser APIs, each as a fraction of it.
 * `under` as for summarizeProfile: only the time inside the calls it picks (the API shares are of
 * the whole profile, so they are left out then).
 */
export const sdkTimeShares = (profile, mapFor, { under } = {}) => {
  const areas = timeByArea(profile, mapFor, sightlineArea, { under }).filter(([area]) => !NOT_THE_SDK.includes(area));
  const total = areas.reduce((sum, [, micros]) => sum + micros, 0) || 1;
  const api = (names) => browserApiTime(profile, names) / total;
  return {
    areas: areas.map(([area, micros]) => [area, micros / total]),
    apis: under
      ? []
      : [
          [
            'IndexedDB (transaction, put, get, delete)',
            api(['transaction', 'put', 'get', 'delete', 'objectStore', 'getAll', 'getAllKeys']),
          ],
          ['document.cookie (read and write)', api(['get cookie', 'set cookie'])],
          ['fetch (the upload)', api(['fetch'])],
          [
            'requestAnimationFrame, setTimeout (scheduling)',
            api(['requestAnimationFrame', 'setTimeout', 'clearTimeout']),
          ],
          [
            'getBoundingClientRect, getComputedStyle (layout and style)',
            api(['getBoundingClientRect', 'getComputedStyle']),
          ],
        ],
  };
};
