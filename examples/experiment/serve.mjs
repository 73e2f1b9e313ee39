#!/usr/bin/env node
// The experiment example: starts the local collector (with its live inspector) and serves this page,
// the Sightline script bundle, the experiment plugin bundle and Optimizely's browser bundle from
// this checkout. Nothing is fetched from the internet. Run `pnpm build` first, then
// `node examples/experiment/serve.mjs`; Ctrl-C stops.
import { existsSync, readFileSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import { dirname, extname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startCollector } from '../../packages/collector/src/index.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..', '..');
const host = '127.0.0.1';

/** Script bundles served by name from where the build (or the install) puts them. */
const BUNDLES = {
  '/sightline.min.js': join(root, 'packages/browser/dist/sightline.min.js'),
  '/sightline-plugin-experiment.min.js': join(
    root,
    'packages/plugin-experiment/dist/sightline-plugin-experiment.min.js',
  ),
  '/optimizely.browser.umd.min.js': join(
    root,
    'packages/plugin-experiment/node_modules/@optimizely/optimizely-sdk/dist/optimizely.browser.umd.min.js',
  ),
};
const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.json': 'application/json',
  '.map': 'application/json',
};

for (const [path, file] of Object.entries(BUNDLES)) {
  if (!existsSync(file)) console.warn(`Missing ${path} (${file}): run \`pnpm build\` (and \`pnpm install\`) first.`);
}

const collector = await startCollector({
  host,
  port: Number(process.env.COLLECTOR_PORT || 8787),
  dataDir: join(root, '.collector-data'),
  quiet: true,
});

const fileFor = (path) => {
  if (BUNDLES[path]) return BUNDLES[path];
  const file = normalize(join(here, path.endsWith('/') ? `${path}index.html` : path));
  return file.startsWith(here) && !file.endsWith('.mjs') ? file : undefined;
};

const pages = createServer((request, response) => {
  const path = decodeURIComponent((request.url || '/').split('?')[0]);
  if (path === '/demo-config.js') {
    response.writeHead(200, { 'Content-Type': TYPES['.js'], 'Cache-Control': 'no-store' });
    response.end(`window.SIGHTLINE_DEMO = ${JSON.stringify({ serverUrl: collector.ingestUrl })};`);
    return;
  }
  const file = fileFor(path);
  if (!file || !existsSync(file) || !statSync(file).isFile()) {
    response.writeHead(404, { 'Content-Type': 'text/plain' });
    response.end('not found');
    return;
  }
  response.writeHead(200, {
    'Content-Type': TYPES[extname(file)] || 'application/octet-stream',
    'Cache-Control': 'no-store',
  });
  response.end(readFileSync(file));
});
await new Promise((resolve) => pages.listen(Number(process.env.EXAMPLE_PORT || 8081), host, resolve));

console.log(`
Sightline experiment example is running.
  Example page:        http://${host}:${pages.address().port}/
  Event inspector:     ${collector.url}/
  Ingestion endpoint:  ${collector.ingestUrl}
Ctrl-C stops.
`);

const stop = async () => {
  pages.closeAllConnections();
  await new Promise((resolve) => pages.close(resolve));
  await collector.close();
  process.exit(0);
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
