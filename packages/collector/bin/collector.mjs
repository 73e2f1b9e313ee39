#!/usr/bin/env node
// Starts the Sightline collector: `pnpm collector` (or `node packages/collector/bin/collector.mjs --port 8787`).
import { parseCliArgs, USAGE } from '../src/cli-args.mjs';
import { startCollector } from '../src/index.mjs';

const parsed = parseCliArgs(process.argv.slice(2));
if (!parsed.ok) {
  console.error(`${parsed.error}\n${USAGE}`);
  process.exit(2);
}
if (parsed.help) {
  console.log(USAGE);
  process.exit(0);
}

let collector;
try {
  collector = await startCollector(parsed.options);
} catch (error) {
  const busy = /** @type {NodeJS.ErrnoException | undefined} */ (error)?.code === 'EADDRINUSE';
  console.error(
    busy
      ? `Port ${parsed.options.port} is in use: pass --port with another number (0 picks a free one).`
      : `Could not start the collector: ${error}`,
  );
  process.exit(1);
}

console.log(`
Sightline collector is running.
  Event inspector:    ${collector.url}/
  Ingestion endpoint: ${collector.ingestUrl}   (also ${collector.url}/batch)
  Control API:        ${collector.url}/_control/stats
  Data folder:        ${parsed.options.dataDir}
Ctrl-C stops.
`);

let stopping = false;
const stop = async () => {
  if (stopping) return;
  stopping = true;
  await collector.close();
  console.log('Collector stopped.');
  process.exit(0);
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
