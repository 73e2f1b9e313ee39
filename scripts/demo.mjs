#!/usr/bin/env node
// The demo (`npm start`): install what is missing, build the packages when their output is
// missing or older than the sources, bundle the rollup examples, start the collector with its
// live inspector, serve every example, print the URLs, and run until Ctrl-C.
//
// Flags: see USAGE below (`node scripts/demo.mjs --help`). The two rollup examples are bundled
// on every start (a few seconds), whatever the build flags say.
//
// Only Node built-ins are imported statically: on a fresh clone nothing else is installed yet.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import { extname, join, normalize, relative, sep } from 'node:path';
import { parseArgs } from 'node:util';
import { gzipSync } from 'node:zlib';
import { ensureDependencies } from './lib/ensure-deps.mjs';
import { ON_DEMAND_SCRIPTS } from './lib/on-demand-scripts.mjs';
import { root, run } from './lib/run.mjs';

const HOST = '127.0.0.1';
const EXAMPLES_DIR = join(root, 'examples');
/** Served at `/`; every other example is served under `/<folder>/`. */
const MAIN_EXAMPLE = 'static-site';
/** Examples bundled with rollup before serving (each has a rollup.config.mjs). */
const BUNDLED_EXAMPLES = ['npm-app', 'custom-build'];
/** How long a Ctrl-C may take before the demo exits anyway. */
const STOP_TIMEOUT_MS = 3000;

const USAGE = `Usage: node scripts/demo.mjs [--port N] [--collector-port N] [--data-dir DIR] [--build | --no-build]
  --port            the examples (default 8080, env DEMO_PORT); 0 picks a free port
  --collector-port  the collector and its inspector (default 8787, env COLLECTOR_PORT); 0 picks a free port
  --data-dir        where the collector keeps events (default .collector-data, env DEMO_DATA_DIR)
  --build           always rebuild the packages; --no-build never does`;

const fail = (message) => {
  console.error(`\nThe demo could not start: ${message}`);
  process.exit(1);
};

const parseFlags = () => {
  try {
    return parseArgs({
      options: {
        port: { type: 'string', default: process.env.DEMO_PORT || '8080' },
        'collector-port': { type: 'string', default: process.env.COLLECTOR_PORT || '8787' },
        'data-dir': { type: 'string', default: process.env.DEMO_DATA_DIR || join(root, '.collector-data') },
        build: { type: 'boolean', default: false },
        'no-build': { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
      },
    }).values;
  } catch (error) {
    return fail(`${error.message}\n\n${USAGE}`);
  }
};
const flags = parseFlags();
if (flags.help) {
  console.log(USAGE);
  process.exit(0);
}

const port = (value, name) => {
  const number = Number(value);
  if (!Number.isInteger(number) || number < 0 || number > 65535)
    fail(`--${name} must be a port number (0 picks a free one), got "${value}"`);
  return number;
};

// ---- Build what is missing --------------------------------------------------------------

const packageNames = () =>
  readdirSync(join(root, 'packages')).filter((name) => existsSync(join(root, 'packages', name, 'src/index.ts')));

/** The build outputs the demo serves or the examples import. */
const requiredOutputs = () => [
  ...packageNames().map((name) => join(root, 'packages', name, 'dist/index.mjs')),
  ...['lite.mjs', 'sightline.min.js', 'snippet.min.js', ...ON_DEMAND_SCRIPTS.map(({ file }) => file)].map((file) =>
    join(root, 'packages/browser/dist', file),
  ),
  join(root, 'packages/plugin-experiment/dist/sightline-plugin-experiment.min.js'),
];

const newestMtime = (dir) => {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(path) : statSync(path).mtimeMs);
  }
  return newest;
};

/** Why the packages need a build, or undefined when their output is present and current. */
const buildReason = () => {
  const outputs = requiredOutputs();
  const missing = outputs.find((file) => !existsSync(file));
  if (missing) return `${relative(root, missing)} is missing`;
  const oldestOutput = Math.min(...outputs.map((file) => statSync(file).mtimeMs));
  const sources = [
    ...packageNames().map((name) => join(root, 'packages', name, 'src')),
    join(root, 'packages/browser/snippet'),
  ];
  const stale = sources.find((dir) => existsSync(dir) && newestMtime(dir) > oldestOutput);
  return stale ? `${relative(root, stale)} changed since the last build` : undefined;
};

const buildPackages = async () => {
  const reason = flags.build ? '--build' : flags['no-build'] ? undefined : buildReason();
  if (!reason) return;
  console.log(`Building the packages (${reason}) ...`);
  await run(process.execPath, ['scripts/build.mjs'], { cwd: root });
};

/** Bundles one example with its own rollup.config.mjs; returns the gzip size of its entry file. */
const bundleExample = async (name) => {
  const { rollup } = await import('rollup');
  const { default: config } = await import(new URL(`../examples/${name}/rollup.config.mjs`, import.meta.url).href);
  const bundle = await rollup({ ...config, onwarn: (warning) => console.warn(`[${name}] ${warning.message}`) });
  try {
    const outputs = [config.output].flat();
    for (const output of outputs) await bundle.write(output);
    const { file, dir, entryFileNames } = outputs[0];
    return gzipSync(readFileSync(file || join(dir, entryFileNames))).length;
  } finally {
    await bundle.close();
  }
};

// ---- Serving ---------------------------------------------------------------------------

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.map': 'application/json',
  '.json': 'application/json',
  '.css': 'text/css',
};

/** Script bundles from this checkout, served at the root path every example uses. */
const BUNDLES = {
  '/sightline.min.js': 'packages/browser/dist/sightline.min.js',
  '/sightline.min.js.map': 'packages/browser/dist/sightline.min.js.map',
  // Loaded on demand by sightline.min.js, from its own folder.
  ...Object.fromEntries(ON_DEMAND_SCRIPTS.map(({ file }) => [`/${file}`, `packages/browser/dist/${file}`])),
  '/sightline-plugin-experiment.min.js': 'packages/plugin-experiment/dist/sightline-plugin-experiment.min.js',
  '/optimizely.browser.umd.min.js':
    'packages/plugin-experiment/node_modules/@optimizely/optimizely-sdk/dist/optimizely.browser.umd.min.js',
};

/** Build and tooling files inside an example folder that a browser has no business reading. */
const isPrivate = (file) => /(^|[\\/])(node_modules|package\.json|README\.md)([\\/]|$)|\.mjs$/.test(file);

const examples = () =>
  readdirSync(EXAMPLES_DIR, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && existsSync(join(EXAMPLES_DIR, entry.name, 'index.html')))
    .map((entry) => entry.name);

/** The file for a URL path, or undefined (404). Never outside the example's folder. */
const fileFor = (path, served) => {
  if (BUNDLES[path]) return join(root, BUNDLES[path]);
  const [, first, rest] = /^\/([^/]+)(\/.*)?$/.exec(path) || [];
  const name = first && first !== MAIN_EXAMPLE && served.includes(first) ? first : MAIN_EXAMPLE;
  const base = join(EXAMPLES_DIR, name);
  const inner = name === MAIN_EXAMPLE ? path : rest || '/';
  const file = normalize(join(base, inner.endsWith('/') ? `${inner}index.html` : inner));
  return file.startsWith(base + sep) && !isPrivate(relative(base, file)) ? file : undefined;
};

const startPages = (served, collector, listenPort) => {
  const server = createServer((request, response) => {
    let path;
    try {
      path = decodeURIComponent((request.url || '/').split('?')[0]);
    } catch {
      response.writeHead(400, { 'Content-Type': 'text/plain' });
      return void response.end('bad request');
    }
    if (path === '/demo-config.js') {
      response.writeHead(200, { 'Content-Type': TYPES['.js'], 'Cache-Control': 'no-store' });
      return void response.end(`window.SIGHTLINE_DEMO = ${JSON.stringify({ serverUrl: collector.ingestUrl })};\n`);
    }
    // `/npm-app` -> `/npm-app/`, so the page's relative URLs resolve inside its folder.
    if (path.slice(1) !== MAIN_EXAMPLE && served.includes(path.slice(1))) {
      response.writeHead(301, { Location: `${path}/` });
      return void response.end();
    }
    const file = fileFor(path, served);
    if (!file || !existsSync(file) || !statSync(file).isFile()) {
      response.writeHead(404, { 'Content-Type': 'text/plain' });
      return void response.end('not found');
    }
    response.writeHead(200, {
      'Content-Type': TYPES[extname(file)] || 'application/octet-stream',
      'Cache-Control': 'no-store',
    });
    response.end(readFileSync(file));
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(listenPort, HOST, () => resolve(server));
  });
};

// ---- Main ------------------------------------------------------------------------------

const collectorPort = port(flags['collector-port'], 'collector-port');
const pagesPort = port(flags.port, 'port');

await ensureDependencies();
await buildPackages();

const sizes = {};
for (const name of BUNDLED_EXAMPLES) {
  try {
    sizes[name] = await bundleExample(name);
  } catch (error) {
    fail(`bundling examples/${name} failed: ${error.message}`);
  }
}

const { startCollector } = await import('../packages/collector/src/index.mjs');
const collector = await startCollector({
  host: HOST,
  port: collectorPort,
  dataDir: flags['data-dir'],
  quiet: true,
}).catch((error) =>
  fail(
    `the collector cannot listen on ${HOST}:${collectorPort} (${error.code || error.message}); ` +
      'pick another with --collector-port',
  ),
);
const served = examples();
const pages = await startPages(served, collector, pagesPort).catch((error) => {
  collector.close();
  fail(
    `the examples cannot be served on ${HOST}:${pagesPort} (${error.code || error.message}); pick another with --port`,
  );
});
const pagesUrl = `http://${HOST}:${pages.address().port}`;

const DESCRIPTIONS = {
  [MAIN_EXAMPLE]: 'script tag with the async snippet',
  'npm-app': '@sightline/browser with rollup',
  'custom-build': '@sightline/browser/lite + picked plugins',
  experiment: '$exposure helpers and the Optimizely bridge',
};
const kB = (bytes) => `${(bytes / 1024).toFixed(1)} kB gzip`;
const rows = [MAIN_EXAMPLE, ...served.filter((name) => name !== MAIN_EXAMPLE)].map((name) => {
  const url = name === MAIN_EXAMPLE ? `${pagesUrl}/` : `${pagesUrl}/${name}/`;
  const note = [DESCRIPTIONS[name], sizes[name] && kB(sizes[name])].filter(Boolean).join(', ');
  return `  ${name.padEnd(14)} ${url.padEnd(40)} ${note}`;
});

console.log(`
Sightline demo is running.
${rows.join('\n')}
  ${'inspector'.padEnd(14)} ${collector.url}/
  ${'ingestion'.padEnd(14)} ${collector.ingestUrl}
Open an example, click around, and watch the events arrive in the inspector. Ctrl-C stops.
`);

let stopping = false;
const stop = async () => {
  if (stopping) return;
  stopping = true;
  // A stuck connection must not keep the demo alive after Ctrl-C.
  setTimeout(() => process.exit(0), STOP_TIMEOUT_MS).unref();
  pages.closeAllConnections();
  await new Promise((resolve) => pages.close(resolve));
  await collector.close();
  console.log('Demo stopped.');
  process.exit(0);
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
