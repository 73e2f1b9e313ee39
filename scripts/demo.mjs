#!/usr/bin/env node
// The demo: install what is missing, build, start the collector with its live inspector and
// the static-site example, print the URLs, and run until Ctrl-C.
import { createServer } from 'node:http';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { extname, join, normalize } from 'node:path';
import { ensureDependencies } from './lib/ensure-deps.mjs';
import { root, run } from './lib/run.mjs';

await ensureDependencies();
if (!process.argv.includes('--no-build')) await run('node', ['scripts/build.mjs'], { cwd: root });

const { startCollector } = await import('../packages/collector/src/index.mjs');
const host = '127.0.0.1';
const collector = await startCollector({ host, port: Number(process.env.COLLECTOR_PORT || 8787), dataDir: join(root, '.collector-data'), quiet: true });

const TYPES = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.map': 'application/json', '.css': 'text/css' };
const site = join(root, 'examples/static-site');
const files = (path) => {
  if (path === '/sightline.min.js' || path === '/sightline.min.js.map') return join(root, 'packages/browser/dist', path);
  const file = normalize(join(site, path.endsWith('/') ? `${path}index.html` : path));
  return file.startsWith(site) ? file : undefined;
};
const pages = createServer((request, response) => {
  const path = decodeURIComponent((request.url || '/').split('?')[0]);
  if (path === '/demo-config.js') {
    response.writeHead(200, { 'Content-Type': TYPES['.js'], 'Cache-Control': 'no-store' });
    response.end(`window.SIGHTLINE_DEMO = ${JSON.stringify({ serverUrl: collector.ingestUrl })};`);
    return;
  }
  const file = files(path);
  if (!file || !existsSync(file) || !statSync(file).isFile()) {
    response.writeHead(404, { 'Content-Type': 'text/plain' });
    response.end('not found');
    return;
  }
  response.writeHead(200, { 'Content-Type': TYPES[extname(file)] || 'application/octet-stream', 'Cache-Control': 'no-store' });
  response.end(readFileSync(file));
});
await new Promise((resolve) => pages.listen(Number(process.env.DEMO_PORT || 8080), host, resolve));
const siteUrl = `http://${host}:${pages.address().port}/`;

console.log(`
Sightline demo is running.
  Static site example:  ${siteUrl}
  Event inspector:      ${collector.url}/
  Ingestion endpoint:   ${collector.ingestUrl}
Open the site, click around, and watch the events arrive in the inspector. Ctrl-C stops.
`);

let stopping = false;
const stop = async () => {
  if (stopping) return;
  stopping = true;
  pages.closeAllConnections();
  await new Promise((resolve) => pages.close(resolve));
  await collector.close();
  console.log('Demo stopped.');
  process.exit(0);
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
