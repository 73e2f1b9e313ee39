// What every benchmark script shares: the page server, the system Chromium and the CDP readings
// (script time, heap after a forced GC, heap snapshots by kind).
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { root } from '../../scripts/lib/run.mjs';
import { CHROMIUM } from '../../scripts/lib/ensure-deps.mjs';
import { ON_DEMAND_SCRIPTS } from '../../scripts/lib/on-demand-scripts.mjs';
import { benchPage, floorPage } from './page.mjs';

export const AMPLITUDE_VERSION = '2.48.1';

/** The documented SDK's script-tag file, from its npm tarball (its own dependency tree is not needed). */
export const amplitudeScript = () => {
  const dir = join(root, '.tmp/bench/amplitude');
  const file = join(dir, 'package/lib/scripts/amplitude-min.js');
  if (!existsSync(file)) {
    mkdirSync(dir, { recursive: true });
    const tarball = execFileSync('npm', ['pack', `@amplitude/analytics-browser@${AMPLITUDE_VERSION}`, '--silent'], {
      cwd: dir,
      encoding: 'utf8',
    }).trim();
    execFileSync('tar', ['xzf', tarball], { cwd: dir });
  }
  return file;
};

export const SIGHTLINE_SCRIPT = join(root, 'packages/browser/dist/sightline.min.js');

/** The files sightline.min.js loads on demand from its own folder, by path, with their maps. */
export const ON_DEMAND_FILES = Object.fromEntries(
  ON_DEMAND_SCRIPTS.flatMap(({ file }) => {
    const path = join(root, 'packages/browser/dist', file);
    return [
      [`/${file}`, path],
      [`/${file}.map`, `${path}.map`],
    ];
  }),
);

/**
 * Serves `/bench.html?sdk=sightline|amplitude|none&layout=small|realistic` (page.mjs), the floor
 * page, the two script files and Sightline's on-demand files. `scripts` maps a path to a file, to
 * serve another build.
 */
export const startPageServer = async (scripts = {}) => {
  const files = {
    '/sightline.min.js': SIGHTLINE_SCRIPT,
    '/sightline.min.js.map': `${SIGHTLINE_SCRIPT}.map`,
    '/amplitude-min.js': amplitudeScript(),
    ...ON_DEMAND_FILES,
    ...scripts,
  };
  const server = createServer((request, response) => {
    const url = new URL(request.url || '/', 'http://x');
    if (url.pathname === '/bench.html') {
      const sdk = url.searchParams.get('sdk');
      response.writeHead(200, { 'Content-Type': 'text/html' });
      response.end(sdk === 'floor' ? floorPage() : benchPage(sdk, url.searchParams.get('layout') || 'small'));
    } else if (files[url.pathname] && existsSync(files[url.pathname])) {
      response.writeHead(200, { 'Content-Type': 'text/javascript' });
      response.end(readFileSync(files[url.pathname]));
    } else {
      response.writeHead(404);
      response.end();
    }
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    files,
    pageUrl: (sdk, layout = 'small') =>
      `http://127.0.0.1:${server.address().port}/bench.html?sdk=${sdk}&layout=${layout}`,
    close: () => new Promise((resolve) => server.close(resolve)),
  };
};

export const launchBrowser = () =>
  chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless=new',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
    ignoreDefaultArgs: ['--headless'],
  });

/** One CDP `Performance.getMetrics` value (`ScriptDuration` in seconds, `JSHeapUsedSize` in bytes). */
export const metric = async (cdp, name) =>
  (await cdp.send('Performance.getMetrics')).metrics.find((m) => m.name === name).value;

/** The JS heap in use after a forced full GC, in bytes. */
export const heapAfterGc = async (cdp) => {
  await cdp.send('HeapProfiler.collectGarbage');
  return metric(cdp, 'JSHeapUsedSize');
};

export const waitFor = async (predicate, timeoutMs, what) => {
  const deadline = Date.now() + timeoutMs;
  while (!predicate()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
};

/** Heap-snapshot node types that are the page's own JavaScript data, not code or engine metadata. */
const DATA_NODE_TYPES = [
  'object',
  'closure',
  'array',
  'string',
  'concatenated string',
  'sliced string',
  'number',
  'regexp',
  'symbol',
  'bigint',
];

/**
 * Bytes in a heap snapshot by kind: compiled code (bytecode, baseline and optimised code) and
 * the page's JavaScript data (objects, arrays, strings, closures). Most of what a burst leaves
 * on the heap is the code the run compiled and the browser's own records of the uploads, not
 * data the SDK kept; the split shows which.
 */
export const heapSnapshotBytes = async (cdp) => {
  const chunks = [];
  const collect = ({ chunk }) => chunks.push(chunk);
  cdp.on('HeapProfiler.addHeapSnapshotChunk', collect);
  await cdp.send('HeapProfiler.enable');
  await cdp.send('HeapProfiler.takeHeapSnapshot', { reportProgress: false });
  cdp.off('HeapProfiler.addHeapSnapshotChunk', collect);
  const { snapshot, nodes } = JSON.parse(chunks.join(''));
  const fields = snapshot.meta.node_fields;
  const typeAt = fields.indexOf('type');
  const sizeAt = fields.indexOf('self_size');
  const typeNames = snapshot.meta.node_types[0];
  const bytes = { code: 0, data: 0 };
  for (let i = 0; i < nodes.length; i += fields.length) {
    const type = typeNames[nodes[i + typeAt]];
    if (type === 'code') bytes.code += nodes[i + sizeAt];
    else if (DATA_NODE_TYPES.includes(type)) bytes.data += nodes[i + sizeAt];
  }
  return bytes;
};
